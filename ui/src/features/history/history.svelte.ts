// The history's search and the page it found. Kept outside the screen, so that:
// - opening the history from the menu fetches the first page before the screen appears, which
//   then paints once, whole (an empty screen painted first, then the table, cost a second full
//   repaint: BENCHMARKS.md);
// - coming back from a diagnostic finds the same filters and the same page.
// It belongs to one session: someone else unlocking never sees the previous person's search.
import { api, errorMessage } from "../../api";
import type { HistoryPage } from "../../bindings/HistoryPage";
import { dateProblem } from "../../lib/dates";
import { gate } from "../../lib/lock.svelte";

export const PAGE = 50;

const blank = () => ({
  /** ISO days, "" for none, null while what is typed names no day (components/DateField). */
  from: "" as string | null,
  to: "" as string | null,
  profile: "",
  need: "",
  offset: 0,
  page: null as HistoryPage | null,
  error: null as string | null,
});

export const history = $state({ ...blank(), session: -1, fresh: false });

/**
 * Fetches the page the search points at from `offset`; a failure is kept for the screen to say.
 * A date that names no day is said, and changes nothing (neither the page nor its offset): it is
 * not a search without that date.
 */
export async function loadHistory(offset = history.offset): Promise<void> {
  const { from, to, profile, need } = history;
  const problem = dateProblem([[from, "history.from"], [to, "history.to"]]);
  if (problem) {
    history.error = problem;
    return;
  }
  history.offset = offset;
  try {
    const page = await api.listDiagnostics({
      from: from || null,
      to: to || null,
      profile: profile || null,
      need: need || null,
      offset,
      limit: PAGE,
    });
    history.page = page;
    history.error = null;
  } catch (e) {
    history.error = errorMessage(e);
  }
}

/** Opening the history from the menu: a fresh search, its first page fetched before it shows. */
export async function openHistory(): Promise<void> {
  Object.assign(history, blank(), { session: gate.session });
  await loadHistory();
  history.fresh = true;
}

/**
 * The screen appears: with the page fetched for this opening as it is; otherwise (back from a
 * diagnostic, where a record may have been erased) fetched again, shown as it was meanwhile.
 */
export function showHistory(): Promise<void> {
  if (history.session !== gate.session) Object.assign(history, blank(), { session: gate.session });
  // A date left half-typed is not kept with the screen: its fields come back empty.
  if (history.from === null) history.from = "";
  if (history.to === null) history.to = "";
  if (history.fresh) {
    history.fresh = false;
    return Promise.resolve();
  }
  return loadHistory();
}
