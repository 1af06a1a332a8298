import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import type { SheetPreview } from "../../bindings/SheetPreview";

const api = vi.hoisted(() => ({ previewSheet: vi.fn(), saveSheet: vi.fn() }));
vi.mock("../../api", async (actual) => ({
  ...(await actual<typeof import("../../api")>()),
  api,
  errorMessage: (e: unknown) => String(e),
}));
// pdf.js needs a canvas: the pages are stood in for by one image a page.
vi.mock("./pages", () => ({
  bytesOf: (b: string) => new TextEncoder().encode(b),
  pageImages: async (pdf: Uint8Array) => new TextDecoder().decode(pdf).split(",").map((p) => `data:image/png;base64,${p}`),
}));

import Sheet from "./Sheet.svelte";

afterEach(cleanup);

const preview = (language: string, easy_read: boolean, pages: string[]): SheetPreview => ({
  pdf: pages.join(","),
  text: [`${language} ${easy_read ? "facile" : "standard"}`, "Fiche d’orientation"],
  language,
  easy_read,
  languages: [
    { code: "fr", autonym: "Français", rtl: false },
    { code: "ar", autonym: "العربية", rtl: true },
  ],
  suggest_language: true,
  suggest_easy_read: true,
});

beforeEach(() => {
  api.previewSheet.mockReset().mockImplementation(async (_id: string, language: string, easy: boolean) =>
    preview(language, easy, easy ? ["p1", "p2", "p3"] : ["p1", "p2"]),
  );
  api.saveSheet.mockReset().mockResolvedValue({ path: "/home/benevole/Documents/Aiguillage/fiche.pdf" });
});

test("the preview follows the person's language and the easy-read choice, and saving takes them", async () => {
  render(Sheet, { id: "d-1" });
  await waitFor(() => expect(screen.getAllByTestId("sheet-page")).toHaveLength(2));
  expect(api.previewSheet, "French first").toHaveBeenLastCalledWith("d-1", "fr", false);
  expect(screen.getByTestId("suggest-language"), "an interpreter was needed: the screen says so").toBeTruthy();
  expect(screen.getByTestId("suggest-easy")).toBeTruthy();

  await fireEvent.change(screen.getByTestId("sheet-language"), { target: { value: "ar" } });
  await fireEvent.click(screen.getByTestId("sheet-easy"));
  await waitFor(() => expect(api.previewSheet).toHaveBeenLastCalledWith("d-1", "ar", true));
  await waitFor(() => expect(screen.getAllByTestId("sheet-page")).toHaveLength(3));
  expect(screen.queryByTestId("suggest-language"), "the language is chosen: no more hint").toBeNull();
  expect(screen.getByTestId("sheet-text").textContent, "the text for screen readers is the shown sheet's").toContain("ar facile");
  const option = screen.getByRole("option", { name: /العربية/ }) as HTMLOptionElement;
  expect([option.lang, option.dir], "the language's own name is marked for screen readers").toEqual(["ar", "rtl"]);

  await fireEvent.click(screen.getByTestId("save-pdf"));
  expect(api.saveSheet, "the file saved is the sheet shown").toHaveBeenCalledWith("d-1", "ar", true);
  await screen.findByTestId("pdf-path");
});

test("print is the main action and prints the pages", async () => {
  const print = vi.spyOn(window, "print").mockImplementation(() => {});
  render(Sheet, { id: "d-1" });
  const button = screen.getByTestId("print");
  await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
  expect(button.classList.contains("primary"), "Imprimer is the main button").toBe(true);
  await fireEvent.click(button);
  expect(print).toHaveBeenCalledTimes(1);
});

test("a sheet that cannot be made is said in one sentence", async () => {
  api.previewSheet.mockRejectedValue("Ce diagnostic n’a pas été trouvé.");
  render(Sheet, { id: "gone" });
  expect((await screen.findByRole("alert")).textContent).toContain("pas été trouvé");
});
