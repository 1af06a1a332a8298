// The only module that talks to the Rust side: one typed function per command. Every other
// module imports from here, never from @tauri-apps/*. Every command goes through `call`, the one
// place that notices the app has locked (a "locked" error) and says so to whoever listens.
import { invoke, Channel, type InvokeArgs } from "@tauri-apps/api/core";
import type { AppStatus } from "../bindings/AppStatus";
import type { AuditView } from "../bindings/AuditView";
import type { AreaSummary } from "../bindings/AreaSummary";
import type { CommandError } from "../bindings/CommandError";
import type { CommuneView } from "../bindings/CommuneView";
import type { DiagnosticView } from "../bindings/DiagnosticView";
import type { DirectoryQuery } from "../bindings/DirectoryQuery";
import type { DraftSummary } from "../bindings/DraftSummary";
import type { DraftView } from "../bindings/DraftView";
import type { HistoryPage } from "../bindings/HistoryPage";
import type { HistoryQuery } from "../bindings/HistoryQuery";
import type { ImportProgress } from "../bindings/ImportProgress";
import type { ImportSummary } from "../bindings/ImportSummary";
import type { JsonValue } from "../bindings/serde_json/JsonValue";
import type { Labelled } from "../bindings/Labelled";
import type { LocalStructureInput } from "../bindings/LocalStructureInput";
import type { Period } from "../bindings/Period";
import type { PersonaView } from "../bindings/PersonaView";
import type { QuestionnaireView } from "../bindings/QuestionnaireView";
import type { ReportView } from "../bindings/ReportView";
import type { ResultView } from "../bindings/ResultView";
import type { SavedFile } from "../bindings/SavedFile";
import type { ServiceView } from "../bindings/ServiceView";
import type { SettingsView } from "../bindings/SettingsView";
import type { SheetPreview } from "../bindings/SheetPreview";
import type { StructureView } from "../bindings/StructureView";
import type { ChoiceInput } from "../bindings/ChoiceInput";
import type { LockState } from "../bindings/LockState";
import type { SetUpView } from "../bindings/SetUpView";
import type { VolunteerView } from "../bindings/VolunteerView";
import { has, t } from "../lib/i18n.svelte";

/** Whether a thrown value is the Rust side's error. */
export function isCommandError(e: unknown): e is CommandError {
  return typeof e === "object" && e !== null && "kind" in e && "message" in e;
}

/** The sentence to show for anything a command threw. */
export function errorMessage(e: unknown): string {
  if (isCommandError(e)) {
    // The lock and the roles are the UI's own business: said in the volunteer's language.
    if (e.kind === "locked") return t("errors.locked");
    if (e.kind === "forbidden") return t("errors.forbidden");
    return problemText(e.code, e.params, e.message);
  }
  return e instanceof Error ? e.message : String(e);
}

/** The values a refusal names that the catalogue also words: a schema's field, type or format. */
const WORDED: Record<string, string> = {
  field: "problem_fields",
  expected: "problem_types",
  format: "problem_formats",
};

/**
 * A refusal the catalogue knows (`problems.<code>`), said in the person's language with its
 * values; `fallback` (the Rust side's English sentence) for any other. A schema field is named
 * as the form labels it (`code_postal` reads "Code postal"; `thematiques/2`, "Thématiques").
 */
export function problemText(
  code: string | null | undefined,
  params: Partial<Record<string, string>>,
  fallback: string,
): string {
  const key = code ? `problems.${code}` : null;
  if (!key || !has(key)) return fallback;
  const values: Record<string, string> = {};
  for (const [name, value = ""] of Object.entries(params)) {
    const section = WORDED[name];
    const word = section ? `${section}.${value.split("/")[0]}` : null;
    values[name] = word && has(word) ? t(word) : value;
  }
  return t(key, values);
}

let lockedListener: (() => void) | null = null;

/** Calls `listener` whenever a command is refused because the app is locked. */
export function onLocked(listener: () => void): void {
  lockedListener = listener;
}

async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    // The Rust side locked itself (idle) or was locked elsewhere: the lock screen shows, and
    // the caller still learns its command failed.
    if (isCommandError(e) && e.kind === "locked") lockedListener?.();
    throw e;
  }
}

/** The draft's saves still on their way: a lock waits for them (see `lockNow`). */
const savesInFlight = new Set<Promise<unknown>>();

/** A draft's save, followed until it is answered. */
function save<T>(command: string, args: InvokeArgs): Promise<T> {
  const pending = call<T>(command, args);
  savesInFlight.add(pending);
  const done = () => savesInFlight.delete(pending);
  pending.then(done, done);
  return pending;
}

/**
 * Resolves once the draft's saves sent so far are answered, or after `withinMs`. Locking sends
 * its own command; without this wait it could overtake the answer typed just before (a text
 * field saves when it loses the focus, which is when the lock button is pressed), and the
 * answer would be refused as locked.
 */
export async function savesSettled(withinMs = 3000): Promise<void> {
  if (savesInFlight.size === 0) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([
    Promise.allSettled([...savesInFlight]),
    new Promise((resolve) => (timer = setTimeout(resolve, withinMs))),
  ]);
  clearTimeout(timer);
}

export const api = {
  getLockState: () => call<LockState>("get_lock_state"),
  setUpDevice: (coordinatorName: string, passphrase: string, centreName: string | null) =>
    call<SetUpView>("set_up_device", { coordinatorName, passphrase, centreName }),
  unlock: (volunteerId: string, passphrase: string) =>
    call<LockState>("unlock", { volunteerId, passphrase }),
  unlockWithRecovery: (recoveryKey: string) =>
    call<LockState>("unlock_with_recovery", { recoveryKey }),
  lockNow: (idle: boolean) => call<LockState>("lock_now", { idle }),
  keepAlive: () => call<void>("keep_alive"),
  /** `onLock` is called when the app locks with the computer's session (or its sleep). */
  watchSystemLock: (onLock: (state: LockState) => void) => {
    const channel = new Channel<LockState>();
    channel.onmessage = onLock;
    return call<void>("watch_system_lock", { onLock: channel });
  },
  listVolunteers: () => call<VolunteerView[]>("list_volunteers"),
  addVolunteer: (name: string, role: string, passphrase: string) =>
    call<VolunteerView[]>("add_volunteer", { name, role, passphrase }),
  removeVolunteer: (id: string) => call<VolunteerView[]>("remove_volunteer", { id }),
  setVolunteerPassphrase: (id: string, passphrase: string) =>
    call<void>("set_volunteer_passphrase", { id, passphrase }),
  listAudit: (limit: number) => call<AuditView[]>("list_audit", { limit }),

  getStatus: () => call<AppStatus>("get_status"),
  /** Works locked too; returns the lock's state (with the language). */
  setLanguage: (lang: string) => call<LockState>("set_language", { lang }),
  setDemoMode: (demo: boolean) => call<AppStatus>("set_demo_mode", { demo }),
  resetDemo: () => call<AppStatus>("reset_demo"),
  listPersonas: () => call<PersonaView[]>("list_personas"),
  syncNow: () => call<AppStatus>("sync_now"),
  enrolDevice: (server: string, code: string, deviceName: string) =>
    call<AppStatus>("enrol_device", { server, code, deviceName }),
  exportBundle: () => call<SavedFile>("export_bundle"),

  getQuestionnaire: () => call<QuestionnaireView>("get_questionnaire"),
  startDraft: () => call<DraftView>("start_draft"),
  getDraft: (id: string) => call<DraftView>("get_draft", { id }),
  listDrafts: () => call<DraftSummary[]>("list_drafts"),
  answerDraft: (id: string, question: string, value: JsonValue) =>
    save<DraftView>("answer_draft", { id, answer: { question, value } }),
  setDraftFirstName: (id: string, firstName: string | null) =>
    save<void>("set_draft_first_name", { id, firstName }),
  deleteDraft: (id: string) => call<void>("delete_draft", { id }),
  completeDraft: (id: string) => call<ResultView>("complete_draft", { id }),
  getDiagnostic: (id: string) => call<DiagnosticView>("get_diagnostic", { id }),
  /** Forgets the result held in memory under `id` (not kept), if it is; nothing for a saved one. */
  leaveResult: (id: string) => call<void>("leave_result", { id }),
  chooseOrientations: (id: string, choices: ChoiceInput[]) =>
    call<void>("choose_orientations", { id, choices }),
  /** The sheet as it will print: the PDF itself, its text, and the languages it can take. */
  previewSheet: (id: string, language: string, easyRead: boolean) =>
    call<SheetPreview>("preview_sheet", { id, language, easyRead }),
  saveSheet: (id: string, language: string, easyRead: boolean) =>
    call<SavedFile>("save_sheet", { id, language, easyRead }),

  listDiagnostics: (query: HistoryQuery) => call<HistoryPage>("list_diagnostics", { query }),
  setFollowUp: (id: string, outcome: string) => call<void>("set_follow_up", { id, outcome }),
  eraseDiagnostic: (id: string) => call<void>("erase_diagnostic", { id }),

  searchServices: (query: DirectoryQuery) => call<ServiceView[]>("search_services", { query }),
  listThematiques: () => call<Labelled[]>("list_thematiques"),
  getStructure: (source: string, id: string) =>
    call<StructureView>("get_structure", { source, id }),
  importDirectory: (name: string, text: string, onProgress: (p: ImportProgress) => void) => {
    const channel = new Channel<ImportProgress>();
    channel.onmessage = onProgress;
    return call<ImportSummary>("import_directory", { name, text, onProgress: channel });
  },
  /** One piece of a national file (base64), `first` starting it anew; answers the size so far. */
  uploadNationalPart: (file: "structures" | "services", first: boolean, piece: string) =>
    call<number>("upload_national_part", { file, first, piece }),
  /** Imports the national files sent in pieces, keeping `departements`; progress in KiB read. */
  importNational: (departements: string[], names: [string, string], onProgress: (p: ImportProgress) => void) => {
    const channel = new Channel<ImportProgress>();
    channel.onmessage = onProgress;
    return call<AreaSummary>("import_national", { departements, names, onProgress: channel });
  },
  saveLocalStructure: (input: LocalStructureInput) =>
    call<string>("save_local_structure", { input }),

  getReport: (period: Period) => call<ReportView>("get_report", { period }),
  exportCsv: (period: Period) => call<SavedFile>("export_csv", { period }),

  getSettings: () => call<SettingsView>("get_settings"),
  setCentreName: (name: string) => call<SettingsView>("set_centre_name", { name }),
  setCentreCommune: (code: string) => call<SettingsView>("set_centre_commune", { code }),
  setCentrePhone: (phone: string) => call<SettingsView>("set_centre_phone", { phone }),
  searchCommunes: (text: string) => call<CommuneView[]>("search_communes", { text }),
  setRetention: (draftDays: number, firstNameDays: number) =>
    call<SettingsView>("set_retention", { draftDays, firstNameDays }),
  setIdleLock: (minutes: number) => call<SettingsView>("set_idle_lock", { minutes }),
};
