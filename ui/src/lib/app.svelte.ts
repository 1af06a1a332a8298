// What every screen shares: the app's status (real or demo, language, sync) and the
// questionnaire, loaded once unlocked and after a mode switch; the lock's state as the Rust side
// last told it; and who is signed in with what their role allows.
import { api } from "../api";
import type { AppStatus } from "../bindings/AppStatus";
import type { LockState } from "../bindings/LockState";
import type { QuestionnaireView } from "../bindings/QuestionnaireView";
import type { VolunteerView } from "../bindings/VolunteerView";
import { setLang, t, type Lang } from "./i18n.svelte";

/** What a role may do, as `LockState.allowed` lists it. */
export type Action =
  | "run_diagnostic"
  | "view_records"
  | "use_real_records"
  | "use_demo"
  | "view_reports"
  | "export"
  | "edit_directory"
  | "enrol"
  | "manage_volunteers"
  | "change_settings"
  | "erase"
  | "view_audit";

/** The roles, in the order a coordinator picks from. */
export const ROLES = ["volunteer", "coordinator", "trainer"] as const;

/** The id the Rust side gives whoever unlocked with the recovery key. */
export const RECOVERY_ID = "00000000-0000-0000-0000-000000000000";

export const app = $state({
  status: null as AppStatus | null,
  questionnaire: null as QuestionnaireView | null,
  /** The lock's latest state (who can unlock, the idle delay, the language). */
  lock: null as LockState | null,
  /**
   * Who the app's screens are for, and what they may do. Set at unlock and kept while locked,
   * so the screens waiting behind the lock do not change.
   */
  access: null as { who: VolunteerView; allowed: string[] } | null,
});

function toLang(code: string): Lang {
  return code === "en" ? "en" : "fr";
}

export function applyStatus(status: AppStatus): void {
  app.status = status;
  setLang(toLang(status.lang));
}

export function applyLock(state: LockState): void {
  app.lock = state;
  setLang(toLang(state.lang));
}

/** Whether the one signed in may do `action` (the Rust side checks again). */
export function can(action: Action): boolean {
  return app.access?.allowed.includes(action) ?? false;
}

export function signedIn(): VolunteerView | null {
  return app.access?.who ?? null;
}

/** A role's name in the current language. */
export function roleLabel(role: string): string {
  return (ROLES as readonly string[]).includes(role) ? t(`roles.${role}`) : role;
}

/** A volunteer's name as shown; the recovery key's session has no person behind it. */
export function volunteerName(v: { id: string; name: string }): string {
  return v.id === RECOVERY_ID ? t("lock.recovery_who") : v.name;
}

export async function loadApp(): Promise<void> {
  const [status, questionnaire] = await Promise.all([api.getStatus(), api.getQuestionnaire()]);
  applyStatus(status);
  app.questionnaire = questionnaire;
}

/** Works on the lock screen too; once unlocked, the status line is read again. */
export async function changeLanguage(lang: Lang): Promise<void> {
  const state = await api.setLanguage(lang);
  applyLock(state);
  if (state.phase === "unlocked" && app.status) applyStatus(await api.getStatus());
}

export async function setDemo(on: boolean): Promise<void> {
  applyStatus(await api.setDemoMode(on));
  // What may be done depends on the records open: no volunteers, settings or audit trail from
  // the demo.
  const lock = await api.getLockState();
  applyLock(lock);
  if (lock.who) app.access = { who: lock.who, allowed: lock.allowed };
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
