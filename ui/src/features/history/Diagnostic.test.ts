import { cleanup, render, screen } from "@testing-library/svelte";
import { afterEach, expect, test, vi } from "vitest";
import type { DiagnosticView } from "../../bindings/DiagnosticView";
import fr from "../../locales/fr.json";

const api = vi.hoisted(() => ({ getDiagnostic: vi.fn() }));
vi.mock("../../api", async (actual) => ({
  ...(await actual<typeof import("../../api")>()),
  api,
}));

import Diagnostic from "./Diagnostic.svelte";

afterEach(cleanup);

const old: DiagnosticView = {
  id: "d-old",
  completed_at: "2024-09-02T10:00:00.000Z",
  first_name: null,
  follow_up: "went",
  result: null,
  orientations: [
    {
      need: "equipement",
      service_id: "s-1",
      structure_id: "st-1",
      structure: "Ressourcerie fictive",
      service: "Ordinateurs reconditionnés",
      commune: null,
      telephone: null,
    },
  ],
};

test("a diagnostic past its retention period keeps its date, follow-up and orientations, and says why it has no result", async () => {
  api.getDiagnostic.mockResolvedValue(old);
  render(Diagnostic, { id: "d-old" });
  const notice = await screen.findByTestId("anonymised");
  expect(notice.textContent, "the catalogue's sentence, not a fault").toBe(fr.problems.anonymised);
  expect(screen.queryByRole("alert"), "nothing reads as an error").toBeNull();
  expect(screen.getByText(/Ressourcerie fictive/), "where the person was sent is still shown").toBeTruthy();
  expect(
    screen.queryByRole("button", { name: fr.diagnostic.change_orientations }),
    "no proposals to choose from without a result",
  ).toBeNull();
  expect(screen.getByRole("button", { name: fr.diagnostic.sheet }), "the sheet can still be printed").toBeTruthy();
});
