import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, expect, test, vi } from "vitest";

const api = vi.hoisted(() => ({ uploadNationalPart: vi.fn(), importNational: vi.fn() }));
vi.mock("../../api", async (original) => ({ ...(await original<typeof import("../../api")>()), api }));

import NationalImport from "./NationalImport.svelte";

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

function pick(testid: string, file: File) {
  const input = screen.getByTestId(testid) as HTMLInputElement;
  Object.defineProperty(input, "files", { value: [file], configurable: true });
  return fireEvent.change(input);
}

test("sends each file in pieces, then imports the départements typed, and says what it kept", async () => {
  api.uploadNationalPart.mockResolvedValue(0);
  api.importNational.mockResolvedValue({ structures: 2, services: 5, outside: 40, removed: 1, rejected: [] });
  const onimported = vi.fn();
  render(NationalImport, { onimported });
  await pick("national-structures", new File(['[{"id":"s"}]'], "structures.json"));
  await pick("national-services", new File(["[]"], "services.json"));
  await fireEvent.input(screen.getByTestId("national-departements"), { target: { value: "69, 2a ; 974" } });
  await fireEvent.click(screen.getByTestId("national-import"));
  await waitFor(() => expect(screen.getByTestId("national-summary")).toBeTruthy());
  expect(api.uploadNationalPart.mock.calls.map((c) => [c[0], c[1], atob(c[2])])).toEqual([
    ["structures", true, '[{"id":"s"}]'],
    ["services", true, "[]"],
  ]);
  expect(api.importNational.mock.calls[0]!.slice(0, 2)).toEqual([["69", "2a", "974"], ["structures.json", "services.json"]]);
  expect(screen.getByTestId("national-summary").textContent).toContain("40 fiches hors de votre territoire");
  expect(onimported).toHaveBeenCalled();
});

test("asks for both files and a département before sending anything", async () => {
  render(NationalImport, { onimported: vi.fn() });
  await fireEvent.click(screen.getByTestId("national-import"));
  expect(screen.getByRole("alert").textContent).toContain("fichier des structures");
  await pick("national-structures", new File(["[]"], "s.json"));
  await pick("national-services", new File(["[]"], "v.json"));
  await fireEvent.click(screen.getByTestId("national-import"));
  expect(screen.getByRole("alert").textContent).toContain("au moins un département");
  expect(api.uploadNationalPart).not.toHaveBeenCalled();
});
