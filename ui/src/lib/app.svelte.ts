// What every screen shares: the app's status (real or demo, language, sync) and the
// questionnaire, loaded once at start and after a mode switch.
import { api } from "../api";
import type { AppStatus } from "../bindings/AppStatus";
import type { QuestionnaireView } from "../bindings/QuestionnaireView";
import { setLang, type Lang } from "./i18n.svelte";

export const app = $state({
  status: null as AppStatus | null,
  questionnaire: null as QuestionnaireView | null,
});

export function applyStatus(status: AppStatus): void {
  app.status = status;
  setLang(status.lang === "en" ? "en" : "fr");
}

export async function loadApp(): Promise<void> {
  const [status, questionnaire] = await Promise.all([api.getStatus(), api.getQuestionnaire()]);
  applyStatus(status);
  app.questionnaire = questionnaire;
}

export async function changeLanguage(lang: Lang): Promise<void> {
  applyStatus(await api.setLanguage(lang));
}

export async function setDemo(on: boolean): Promise<void> {
  applyStatus(await api.setDemoMode(on));
  app.questionnaire = await api.getQuestionnaire();
}

export function isDemo(): boolean {
  return app.status?.mode === "demo";
}

/** The label of a code in one of the questionnaire's lists. */
export function labelOf(
  list: "profiles" | "flags" | "needs" | "dimensions",
  code: string,
): import("../bindings/Text").Text | null {
  return app.questionnaire?.[list].find((l) => l.code === code)?.label ?? null;
}

/** The label of a derived value (equipment, connection). */
export function derivedLabel(id: string, value: string | null): import("../bindings/Text").Text | null {
  if (value === null) return null;
  return (
    app.questionnaire?.derived.find((d) => d.id === id)?.values.find((v) => v.code === value)
      ?.label ?? null
  );
}
