import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, beforeEach, expect, test, vi } from "vitest";

const api = vi.hoisted(() => ({
  startDraft: vi.fn(),
  answerDraft: vi.fn(),
  setDraftFirstName: vi.fn(),
  getQuestionnaire: vi.fn(),
}));
vi.mock("../../api", async (original) => ({ ...(await original<typeof import("../../api")>()), api }));

import type { QuestionnaireView } from "../../bindings/QuestionnaireView";
import { app } from "../../lib/app.svelte";
import Consent from "./Consent.svelte";

afterEach(cleanup);

const text = (fr: string) => ({ fr, en: fr });
const informed = {
  id: "consent_informed", kind: "bool", label: text("La personne a été informée"), help: null,
  pattern: null, lookup: null, must_be_true: true, sensitive: false, options: [],
};
function questionnaire(version: number): QuestionnaireView {
  return {
    id: "diagnostic-numerique", version, title: text("Diagnostic"),
    sections: [{ id: "consent", title: text("Consentement"), questions: [informed] }],
    dimensions: [], profiles: [], flags: [], needs: [], derived: [],
  } as unknown as QuestionnaireView;
}

beforeEach(() => {
  vi.clearAllMocks();
  app.questionnaire = questionnaire(1);
  api.startDraft.mockResolvedValue({ id: "d-1", created_at: "", updated_at: "", answers: {}, first_name: null, visible: [] });
  api.answerDraft.mockResolvedValue(undefined);
  api.getQuestionnaire.mockResolvedValue(questionnaire(2));
});

test("a diagnostic is asked with the questionnaire the app holds when it starts, not the one the window loaded", async () => {
  render(Consent, {});
  await fireEvent.click(screen.getByLabelText("Oui"));
  await fireEvent.click(screen.getByTestId("consent-continue"));
  await waitFor(() => expect(api.startDraft).toHaveBeenCalledOnce());
  await waitFor(() =>
    expect(app.questionnaire?.version, "a sync brought version 2 after the window read version 1").toBe(2),
  );
  expect(api.answerDraft, "the consent given is saved on the new draft").toHaveBeenCalledWith("d-1", "consent_informed", true);
});
