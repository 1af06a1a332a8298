import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import type { LockState } from "./bindings/LockState";
import type { VolunteerView } from "./bindings/VolunteerView";

const api = vi.hoisted(() => ({
  getLockState: vi.fn(),
  unlock: vi.fn(),
  unlockWithRecovery: vi.fn(),
  lockNow: vi.fn(),
  keepAlive: vi.fn(),
  watchSystemLock: vi.fn(),
  getStatus: vi.fn(),
  getQuestionnaire: vi.fn(),
  setDemoMode: vi.fn(),
  listDrafts: vi.fn(),
  listDiagnostics: vi.fn(),
  listPersonas: vi.fn(),
  getSettings: vi.fn(),
  listVolunteers: vi.fn(),
  listAudit: vi.fn(),
  listThematiques: vi.fn(),
  searchServices: vi.fn(),
}));
vi.mock("./api", async (original) => ({ ...(await original<typeof import("./api")>()), api }));

import App from "./App.svelte";
import { app, RECOVERY_ID } from "./lib/app.svelte";
import { gate } from "./lib/lock.svelte";
import { go } from "./lib/router.svelte";

afterEach(cleanup);

const ALL = [
  "run_diagnostic", "view_records", "use_real_records", "use_demo", "view_reports", "export",
  "edit_directory", "enrol", "manage_volunteers", "change_settings", "erase", "view_audit",
];
const nadia = { id: "0190-nadia", name: "Nadia", role: "coordinator" };
const sami = { id: "0190-sami", name: "Sami", role: "volunteer" };
const lea = { id: "0190-lea", name: "Léa", role: "trainer" };
const rights: Record<string, string[]> = {
  coordinator: ALL,
  volunteer: ["run_diagnostic", "view_records", "use_real_records", "use_demo"],
  trainer: ["run_diagnostic", "view_records", "use_demo"],
};

function lockState(who: VolunteerView | null): LockState {
  return {
    phase: who ? "unlocked" : "locked",
    volunteers: [nadia, sami, lea],
    who,
    allowed: who ? rights[who.role]! : [],
    idle_seconds: 300,
    lang: "fr",
  };
}

const status = (mode: string) => ({
  mode, lang: "fr", centre_name: "Centre d'essai",
  sync: { enrolled: false, server: null, pending: 0, last_success: null, last_error: null, revoked: false },
});

beforeEach(() => {
  vi.clearAllMocks();
  localStorage.clear();
  Object.assign(app, { status: null, questionnaire: null, lock: null, access: null });
  Object.assign(gate, { phase: "starting", why: null, recovered: false, started: false });
  go({ name: "home" }, true);
  api.getStatus.mockResolvedValue(status("real"));
  api.getQuestionnaire.mockResolvedValue({ profiles: [], flags: [], needs: [], dimensions: [], derived: [] });
  api.listDrafts.mockResolvedValue([]);
  api.listDiagnostics.mockResolvedValue({ rows: [], total: 0 });
  api.listPersonas.mockResolvedValue([]);
  api.keepAlive.mockResolvedValue(undefined);
  api.watchSystemLock.mockResolvedValue(undefined);
  api.lockNow.mockResolvedValue(lockState(null));
  api.getSettings.mockResolvedValue({
    lang: "fr", centre_name: "Centre d'essai", draft_days: 30, first_name_days: 90, idle_lock_minutes: 5,
    data_dir: "/tmp/x", app_version: "0.1.0", questionnaire: "q v1", licences: "",
  });
  api.listVolunteers.mockResolvedValue([nadia, sami, lea]);
  api.listAudit.mockResolvedValue([]);
  api.listThematiques.mockResolvedValue([]);
  api.searchServices.mockResolvedValue([]);
});

async function startAs(who: VolunteerView, mode = "real") {
  api.getLockState.mockResolvedValue(lockState(who));
  api.getStatus.mockResolvedValue(status(mode));
  render(App);
  await screen.findByTestId("start-diagnostic");
}

async function unlockAs(who: VolunteerView, mode = "real") {
  api.unlock.mockResolvedValue(lockState(who));
  api.getStatus.mockResolvedValue(status(mode));
  await fireEvent.click(screen.getByTestId(`lock-volunteer-${who.name}`));
  await fireEvent.input(screen.getByTestId("lock-passphrase"), { target: { value: "une phrase de passe" } });
  await fireEvent.click(screen.getByTestId("lock-submit"));
  await waitFor(() => expect(screen.queryByTestId("lock-screen")).toBeNull());
}

const shell = () => screen.getByTestId("app-shell");
// Svelte sets `inert` as a property (the browser reflects it; jsdom keeps the property only).
const inert = () => (shell() as HTMLElement & { inert?: boolean }).inert === true;

describe("the app at start", () => {
  test("opens on the set-up screen on a new computer, and loads nothing else", async () => {
    api.getLockState.mockResolvedValue({ ...lockState(null), phase: "set_up", volunteers: [] });
    render(App);
    expect(await screen.findByTestId("setup-name")).toBeTruthy();
    expect(screen.queryByTestId("app-shell")).toBeNull();
    expect(api.getStatus, "the app loads only once unlocked").not.toHaveBeenCalled();
  });

  test("opens on the lock screen when locked", async () => {
    api.getLockState.mockResolvedValue(lockState(null));
    render(App);
    expect(await screen.findByTestId("lock-screen")).toBeTruthy();
    expect(api.getStatus).not.toHaveBeenCalled();
  });
});

describe("what each role sees", () => {
  test("a coordinator sees everything, and who is signed in", async () => {
    await startAs(nadia);
    expect(screen.getByTestId("nav-reports")).toBeTruthy();
    expect(screen.getByTestId("who").textContent?.replace(/\s+/g, " ").trim()).toBe("Session ouverte par Nadia (coordinatrice ou coordinateur)");
    expect(screen.getByTestId("lock-now").textContent).toBe("Verrouiller");
    expect(screen.getByTestId("demo-switch")).toBeTruthy();
    await fireEvent.click(screen.getByTestId("nav-settings"));
    expect(await screen.findByTestId("volunteers")).toBeTruthy();
    expect(screen.getByTestId("audit-trail")).toBeTruthy();
    expect(screen.getByTestId("sync-panel")).toBeTruthy();
    expect(await screen.findByTestId("centre-name")).toBeTruthy();
  });

  test("a coordinator who enters the demo is offered no volunteers, settings or trail there", async () => {
    await startAs(nadia);
    const inDemo = ALL.filter((a) => !["manage_volunteers", "change_settings", "view_audit"].includes(a));
    api.setDemoMode.mockResolvedValue(status("demo"));
    api.getLockState.mockResolvedValue({ ...lockState(nadia), allowed: inDemo });
    await fireEvent.click(screen.getByTestId("demo-switch"));
    await screen.findByTestId("demo-banner");
    await fireEvent.click(screen.getByTestId("nav-settings"));
    expect(await screen.findByTestId("settings-demo")).toBeTruthy();
    expect(screen.queryByTestId("volunteers")).toBeNull();
    expect(screen.queryByTestId("audit-trail")).toBeNull();
    expect(api.listVolunteers, "nothing asked that the demo refuses").not.toHaveBeenCalled();
    expect(api.listAudit).not.toHaveBeenCalled();
  });

  test("a volunteer has no reports, and reads the settings without changing them", async () => {
    await startAs(sami);
    expect(screen.queryByTestId("nav-reports")).toBeNull();
    expect(screen.getByTestId("nav-history")).toBeTruthy();
    await fireEvent.click(screen.getByTestId("nav-settings"));
    expect(await screen.findByTestId("settings-readonly")).toBeTruthy();
    expect(screen.queryByTestId("centre-name")).toBeNull();
    expect(screen.queryByTestId("idle-minutes")).toBeNull();
    expect(screen.queryByTestId("volunteers")).toBeNull();
    expect(screen.queryByTestId("audit-trail")).toBeNull();
    expect(screen.queryByTestId("sync-panel")).toBeNull();
    expect(screen.getByTestId("language-select"), "everyone chooses the language").toBeTruthy();
    await fireEvent.click(screen.getByTestId("nav-directory"));
    expect(screen.queryByTestId("directory-tab-import"), "no import without the right").toBeNull();
  });

  test("a trainer stays in the demo: no reports, no way back to the real records", async () => {
    await startAs(lea, "demo");
    expect(screen.getByTestId("demo-banner")).toBeTruthy();
    expect(screen.queryByTestId("nav-reports")).toBeNull();
    expect(screen.queryByTestId("demo-switch")).toBeNull();
    expect(screen.getByTestId("demo-only")).toBeTruthy();
  });
});

describe("locking", () => {
  test("hides the app without losing it; the same person finds it as they left it", async () => {
    await startAs(nadia);
    await fireEvent.click(screen.getByTestId("nav-settings"));
    const field = (await screen.findByTestId("centre-name")) as HTMLInputElement;
    await fireEvent.input(field, { target: { value: "Centre à moitié tapé" } });
    await fireEvent.click(screen.getByTestId("lock-now"));
    expect(await screen.findByTestId("lock-screen")).toBeTruthy();
    expect(api.lockNow).toHaveBeenCalledTimes(1);
    expect(shell().hidden, "out of sight").toBe(true);
    expect(inert(), "out of reach of keys and screen readers").toBe(true);
    expect(field.isConnected, "the screen is kept, not rebuilt").toBe(true);

    await unlockAs(nadia);
    expect(shell().hidden).toBe(false);
    expect(inert()).toBe(false);
    expect(screen.getByTestId("centre-name"), "the very same field").toBe(field);
    expect(field.value).toBe("Centre à moitié tapé");
  });

  test("the computer's lock hides the app at once, saying why", async () => {
    await startAs(nadia);
    await fireEvent.click(screen.getByTestId("nav-settings"));
    const field = await screen.findByTestId("centre-name");
    expect(api.watchSystemLock, "the page asks to be told").toHaveBeenCalledTimes(1);
    const told = api.watchSystemLock.mock.calls[0]![0] as (state: LockState) => void;
    told(lockState(null));
    expect(await screen.findByTestId("lock-system")).toBeTruthy();
    expect(shell().hidden, "out of sight").toBe(true);
    expect(inert(), "out of reach of keys and screen readers").toBe(true);
    expect(api.lockNow, "the Rust side has locked already").not.toHaveBeenCalled();

    await unlockAs(nadia);
    expect(screen.getByTestId("centre-name"), "found as it was left").toBe(field);
  });

  test("someone else starts afresh on the home screen", async () => {
    await startAs(nadia);
    await fireEvent.click(screen.getByTestId("nav-settings"));
    await screen.findByTestId("centre-name");
    await fireEvent.click(screen.getByTestId("lock-now"));
    await screen.findByTestId("lock-screen");
    await unlockAs(lea, "demo");
    expect(await screen.findByTestId("start-diagnostic")).toBeTruthy();
    expect(screen.queryByTestId("centre-name")).toBeNull();
    expect(screen.getByTestId("who").textContent).toContain("Léa");
    expect(screen.queryByTestId("nav-reports")).toBeNull();
  });
});

describe("the recovery key", () => {
  test("opens the volunteers' settings, asking to give someone a new passphrase", async () => {
    api.getLockState.mockResolvedValue(lockState(null));
    render(App);
    await fireEvent.click(await screen.findByTestId("lock-use-recovery"));
    api.unlockWithRecovery.mockResolvedValue(lockState({ id: RECOVERY_ID, name: "recovery", role: "coordinator" }));
    await fireEvent.input(screen.getByTestId("lock-recovery-input"), { target: { value: "ABCD EFGH" } });
    await fireEvent.click(screen.getByTestId("lock-recovery-submit"));
    expect((await screen.findByTestId("recovery-notice")).textContent).toContain("nouvelle phrase de passe");
    const heading = screen.getByRole("heading", { name: "Bénévoles et phrases de passe" });
    await waitFor(() => expect(document.activeElement, "the focus is on the volunteers").toBe(heading));
    expect(screen.getByTestId("who").textContent, "no person's name for the recovery key").toContain("Clé de secours");
    expect(localStorage.getItem("aiguillage.last-volunteer"), "the recovery key is not remembered").toBeNull();
  });
});
