import { describe, expect, test } from "vitest";
import type { QuestionnaireView } from "../../bindings/QuestionnaireView";
import { askedSections } from "./steps";

const text = { fr: "x", en: "x" };
const question = (id: string) => ({ id, kind: "bool", label: text, help: null, options: [], pattern: null, lookup: null, must_be_true: false, sensitive: false });
const q: QuestionnaireView = {
  id: "q", version: 1, title: text, dimensions: [], profiles: [], flags: [], needs: [], derived: [],
  sections: [
    { id: "consent", title: text, questions: [question("c1")] },
    { id: "a", title: text, questions: [question("a1"), question("a2")] },
    { id: "b", title: text, questions: [question("b1")] },
    { id: "c", title: text, questions: [question("c2")] },
  ],
};

describe("the wizard's screens", () => {
  test("leave out consent, asked before anything is recorded", () => {
    expect(askedSections(q, ["c1", "a1", "b1", "c2"]).map((s) => s.section.id)).toEqual(["a", "b", "c"]);
  });

  test("skip a section whose every question the engine hides, and keep only shown questions", () => {
    const steps = askedSections(q, ["a2", "c2"]);
    expect(steps.map((s) => s.section.id), "section b has nothing to ask").toEqual(["a", "c"]);
    expect(steps[0]!.questions.map((x) => x.id), "a1 is hidden").toEqual(["a2"]);
  });
});
