import { cleanup, render, screen } from "@testing-library/svelte";
import { afterEach, expect, test, vi } from "vitest";
import fr from "../../locales/fr.json";

const api = vi.hoisted(() => ({ getDiagnostic: vi.fn() }));
vi.mock("../../api", async (actual) => ({
  ...(await actual<typeof import("../../api")>()),
  api,
}));

import Diagnostic from "./Diagnostic.svelte";

afterEach(cleanup);

test("a diagnostic past its retention period says so in the volunteer's words, not as a fault", async () => {
  api.getDiagnostic.mockRejectedValue({
    kind: "bad_input",
    code: "anonymised",
    params: {},
    message: "this diagnostic is older than the retention period: only its figures are kept, not its answers",
  });
  render(Diagnostic, { id: "d-old" });
  const alert = await screen.findByRole("alert");
  expect(alert.textContent, "the catalogue's sentence, not the English one").toBe(fr.problems.anonymised);
});
