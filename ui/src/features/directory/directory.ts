// Small helpers the directory's components share.
import type { Labelled } from "../../bindings/Labelled";
import { t, tx } from "../../lib/i18n.svelte";

/** What people read for a thématique code (the code itself when the list doesn't know it). */
export function thematiqueLabel(thematiques: Labelled[], code: string): string {
  return tx(thematiques.find((th) => th.code === code)?.label) || code;
}

/** "Label :" with the language's punctuation. */
export function colon(label: string): string {
  return t("common_helper.colon", { label });
}

/** The trimmed text, or null when nothing is left. */
export function blank(s: string): string | null {
  const v = s.trim();
  return v === "" ? null : v;
}
