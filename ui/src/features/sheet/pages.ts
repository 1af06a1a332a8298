// The sheet's PDF drawn as page images by pdf.js: the preview shows exactly what prints, and
// printing sends these pages, not the screen around them. Pages are drawn at 150 dpi, enough
// for a printer and sharp on screen. pdf.js is loaded on the sheet screen only.
import workerUrl from "pdfjs-dist/build/pdf.worker.min.mjs?url";

const DPI = 150;

/** Decodes base64 into bytes. */
export function bytesOf(base64: string): Uint8Array {
  const raw = atob(base64);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** Each page of the PDF as a PNG data URL. */
export async function pageImages(pdf: Uint8Array): Promise<string[]> {
  const { GlobalWorkerOptions, getDocument } = await import("pdfjs-dist");
  GlobalWorkerOptions.workerSrc = workerUrl;
  const document = await getDocument({ data: pdf, isEvalSupported: false }).promise;
  try {
    const images: string[] = [];
    for (let n = 1; n <= document.numPages; n++) {
      const page = await document.getPage(n);
      const viewport = page.getViewport({ scale: DPI / 72 });
      const canvas = window.document.createElement("canvas");
      canvas.width = Math.ceil(viewport.width);
      canvas.height = Math.ceil(viewport.height);
      await page.render({ canvas, viewport }).promise;
      images.push(canvas.toDataURL("image/png"));
      page.cleanup();
    }
    return images;
  } finally {
    await document.destroy();
  }
}
