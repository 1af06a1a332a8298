// A calendar day typed as three fields (day, month, year) and its ISO form (YYYY-MM-DD), which
// the core takes. The browser's date field shows the system's format (11/27/2026 on an English
// system) whatever the app's language; three labelled fields read the same in both, and with a
// screen reader.

import { t } from "./i18n.svelte";

export interface DayParts {
  day: string;
  month: string;
  year: string;
}

/** The parts of an ISO day; empty parts for anything else. */
export function partsOf(iso: string): DayParts {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? { year: m[1]!, month: String(Number(m[2])), day: String(Number(m[3])) } : { day: "", month: "", year: "" };
}

/**
 * The ISO day the parts name; "" when all three are empty (no date); null when they are
 * incomplete or name no day (31 February, month 13, a two-digit year).
 */
export function isoOf({ day, month, year }: DayParts): string | null {
  const [d, m, y] = [day.trim(), month.trim(), year.trim()];
  if (!d && !m && !y) return "";
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return null;
  const [dn, mn, yn] = [Number(d), Number(m), Number(y)];
  if (yn < 1900 || yn > 2199) return null;
  const date = new Date(Date.UTC(yn, mn - 1, dn));
  if (date.getUTCFullYear() !== yn || date.getUTCMonth() !== mn - 1 || date.getUTCDate() !== dn) return null;
  return `${y}-${String(mn).padStart(2, "0")}-${String(dn).padStart(2, "0")}`;
}

/**
 * The sentence for the first of `dates` (a value, and the catalogue key of its label) that names
 * no day; null when every one is a day or empty.
 */
export function dateProblem(dates: [value: string | null, label: string][]): string | null {
  const wrong = dates.find(([value]) => value === null);
  return wrong ? t("date.invalid_named", { field: t(wrong[1]) }) : null;
}
