import { cleanup, render, screen } from "@testing-library/svelte";
import { afterEach, beforeEach, expect, test, vi } from "vitest";

const api = vi.hoisted(() => ({ getDraft: vi.fn(), answerDraft: vi.fn() }));
vi.mock("../../api", async (original) => ({ ...(await original<typeof import("../../api")>()), api }));

import type { QuestionnaireView } from "../../bindings/QuestionnaireView";
import { app } from "../../lib/app.svelte";
import Wizard from "./Wizard.svelte";

afterEach(cleanup);

const text = (fr: string) => ({ fr, en: fr });
const question = (id: string, label: string) => ({
  id, kind: "bool", label: text(label), help: null, pattern: null, lookup: null, must_be_true: false, sensitive: false, options: [],
});
function questionnaire(version: number, asked: ReturnType<typeof question>): QuestionnaireView {
  return {
    id: "diagnostic-numerique", version, title: text("Diagnostic"),
    sections: [
      { id: "consent", title: text("Consentement"), questions: [question("consent_informed", "Informée")] },
      { id: "equipment", title: text("Équipement"), questions: [asked] },
    ],
    dimensions: [], profiles: [], flags: [], needs: [], derived: [],
  } as unknown as QuestionnaireView;
}
const draft = (own: QuestionnaireView | null, visible: string[]) => ({
  id: "d-1", created_at: "", updated_at: "", answers: { consent_informed: true }, first_name: null, visible, questionnaire: own,
});

beforeEach(() => {
  vi.clearAllMocks();
  app.questionnaire = questionnaire(2, question("eq_tablet", "A une tablette (version 2)"));
});

test("a draft started before a newer questionnaire came is drawn with its own", async () => {
  api.getDraft.mockResolvedValue(draft(questionnaire(1, question("eq_phone", "A un téléphone (version 1)")), ["eq_phone"]));
  render(Wizard, { draftId: "d-1" });
  expect(await screen.findByText("A un téléphone (version 1)"), "the question the engine asks, from version 1").toBeTruthy();
  expect(screen.queryByText("A une tablette (version 2)")).toBeNull();
});

test("a draft of the current questionnaire is drawn with the one the window holds", async () => {
  api.getDraft.mockResolvedValue(draft(null, ["eq_tablet"]));
  render(Wizard, { draftId: "d-1" });
  expect(await screen.findByText("A une tablette (version 2)")).toBeTruthy();
});

test("each step names the next one and can be left for later", async () => {
  const q = questionnaire(2, question("eq_tablet", "A une tablette"));
  q.sections.push({ id: "connection", title: text("Connexion"), questions: [question("c_home", "Internet chez soi")] } as never);
  app.questionnaire = q;
  api.getDraft.mockResolvedValue(draft(null, ["eq_tablet", "c_home"]));
  render(Wizard, { draftId: "d-1", startSection: 0 });
  const next = await screen.findByTestId("wizard-next");
  expect(next.textContent?.trim(), "the button says where it leads").toBe("Étape suivante : Connexion");
  expect(screen.getByTestId("wizard-later").textContent?.trim()).toBe("Continuer plus tard");
  cleanup();
  render(Wizard, { draftId: "d-1", startSection: 1 });
  expect(await screen.findByTestId("wizard-finish")).toBeTruthy();
  expect(screen.getByTestId("wizard-later"), "the last step too can wait").toBeTruthy();
  expect(screen.getByTestId("wizard-back")).toBeTruthy();
});
