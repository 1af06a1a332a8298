import type { QuestionnaireView } from "../../bindings/QuestionnaireView";
import type { QuestionView } from "../../bindings/QuestionView";
import type { SectionView } from "../../bindings/SectionView";

/** A screen of the wizard: a section and the questions of it the engine says to ask. */
export type Step = { section: SectionView; questions: QuestionView[] };

/**
 * The wizard's screens after consent (the first section, asked before anything is recorded):
 * each section with at least one question to ask, in order.
 */
export function askedSections(q: QuestionnaireView, visible: string[]): Step[] {
  const shown = new Set(visible);
  return q.sections
    .slice(1)
    .map((section) => ({ section, questions: section.questions.filter((x) => shown.has(x.id)) }))
    .filter((s) => s.questions.length > 0);
}
