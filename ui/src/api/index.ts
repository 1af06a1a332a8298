// The only module that talks to the Rust side: one typed function per command. Every other
// module imports from here, never from @tauri-apps/*.
import { invoke, Channel } from "@tauri-apps/api/core";
import type { AppStatus } from "../bindings/AppStatus";
import type { CommandError } from "../bindings/CommandError";
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

/** Whether a thrown value is the Rust side's error. */
export function isCommandError(e: unknown): e is CommandError {
  return typeof e === "object" && e !== null && "kind" in e && "message" in e;
}

/** The sentence to show for anything a command threw. */
export function errorMessage(e: unknown): string {
  if (isCommandError(e)) return e.message;
  return e instanceof Error ? e.message : String(e);
}

export const api = {
  getStatus: () => invoke<AppStatus>("get_status"),
  setLanguage: (lang: string) => invoke<AppStatus>("set_language", { lang }),
  setDemoMode: (demo: boolean) => invoke<AppStatus>("set_demo_mode", { demo }),
  resetDemo: () => invoke<AppStatus>("reset_demo"),
  listPersonas: () => invoke<PersonaView[]>("list_personas"),
  syncNow: () => invoke<AppStatus>("sync_now"),

  getQuestionnaire: () => invoke<QuestionnaireView>("get_questionnaire"),
  startDraft: () => invoke<DraftView>("start_draft"),
  getDraft: (id: string) => invoke<DraftView>("get_draft", { id }),
  listDrafts: () => invoke<DraftSummary[]>("list_drafts"),
  answerDraft: (id: string, question: string, value: JsonValue) =>
    invoke<DraftView>("answer_draft", { id, answer: { question, value } }),
  setDraftFirstName: (id: string, firstName: string | null) =>
    invoke<void>("set_draft_first_name", { id, firstName }),
  deleteDraft: (id: string) => invoke<void>("delete_draft", { id }),
  completeDraft: (id: string) => invoke<ResultView>("complete_draft", { id }),
  getDiagnostic: (id: string) => invoke<DiagnosticView>("get_diagnostic", { id }),
  chooseOrientations: (id: string, choices: ChoiceInput[]) =>
    invoke<void>("choose_orientations", { id, choices }),
  previewSheet: (id: string) => invoke<SheetPreview>("preview_sheet", { id }),
  saveSheet: (id: string) => invoke<SavedFile>("save_sheet", { id }),

  listDiagnostics: (query: HistoryQuery) => invoke<HistoryPage>("list_diagnostics", { query }),
  setFollowUp: (id: string, outcome: string) => invoke<void>("set_follow_up", { id, outcome }),
  eraseDiagnostic: (id: string) => invoke<void>("erase_diagnostic", { id }),

  searchServices: (query: DirectoryQuery) => invoke<ServiceView[]>("search_services", { query }),
  listThematiques: () => invoke<Labelled[]>("list_thematiques"),
  getStructure: (source: string, id: string) =>
    invoke<StructureView>("get_structure", { source, id }),
  importDirectory: (name: string, text: string, onProgress: (p: ImportProgress) => void) => {
    const channel = new Channel<ImportProgress>();
    channel.onmessage = onProgress;
    return invoke<ImportSummary>("import_directory", { name, text, onProgress: channel });
  },
  saveLocalStructure: (input: LocalStructureInput) =>
    invoke<string>("save_local_structure", { input }),

  getReport: (period: Period) => invoke<ReportView>("get_report", { period }),
  exportCsv: (period: Period) => invoke<SavedFile>("export_csv", { period }),

  getSettings: () => invoke<SettingsView>("get_settings"),
  setCentreName: (name: string) => invoke<SettingsView>("set_centre_name", { name }),
  setRetention: (draftDays: number, firstNameDays: number) =>
    invoke<SettingsView>("set_retention", { draftDays, firstNameDays }),
};
