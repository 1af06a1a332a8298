import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import axe from "axe-core";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";

const api = vi.hoisted(() => ({
  getSettings: vi.fn(),
  getLockState: vi.fn(),
  getStatus: vi.fn(),
  listVolunteers: vi.fn(),
  addVolunteer: vi.fn(),
  removeVolunteer: vi.fn(),
  setVolunteerPassphrase: vi.fn(),
  listAudit: vi.fn(),
  setIdleLock: vi.fn(),
  enrolDevice: vi.fn(),
  exportBundle: vi.fn(),
  syncNow: vi.fn(),
  setCentrePhone: vi.fn(),
}));
vi.mock("../../api", async (original) => ({ ...(await original<typeof import("../../api")>()), api }));

import { app } from "../../lib/app.svelte";
import Settings from "./Settings.svelte";

afterEach(cleanup);

const ALL = [
  "run_diagnostic", "view_records", "use_real_records", "use_demo", "view_reports", "export",
  "edit_directory", "enrol", "manage_volunteers", "change_settings", "erase", "view_audit",
];
const nadia = { id: "v-nadia", name: "Nadia", role: "coordinator" };
const sami = { id: "v-sami", name: "Sami", role: "volunteer" };
const settings = {
  lang: "fr", centre_name: "Centre d'essai", draft_days: 30, first_name_days: 90, idle_lock_minutes: 5,
  idle_lock_override_seconds: null as number | null, data_dir: "/tmp/x", app_version: "0.1.0", questionnaire: "q v1", licences: "MIT",
};

beforeEach(() => {
  vi.clearAllMocks();
  app.access = { who: nadia, allowed: ALL };
  app.status = {
    mode: "real", lang: "fr", centre_name: "Centre d'essai", typical_minutes: null,
    sync: { enrolled: false, server: null, pending: 0, last_success: null, last_error: null, revoked: false },
  };
  api.getSettings.mockResolvedValue(settings);
  api.listVolunteers.mockResolvedValue([nadia, sami]);
  api.addVolunteer.mockImplementation(async (name: string, role: string) => [nadia, sami, { id: "v-new", name, role }]);
  api.removeVolunteer.mockResolvedValue([nadia]);
  api.setVolunteerPassphrase.mockResolvedValue(undefined);
  api.listAudit.mockResolvedValue([
    { at: "2026-11-26T10:15:00Z", actor: "Nadia", action: "volunteer_add: trainer", record_id: null },
    { at: "2026-11-26T10:00:00Z", actor: "Nadia", action: "erase", record_id: "0190abcd" },
    { at: "2026-11-26T09:00:00Z", actor: "recovery", action: "unlock", record_id: null },
  ]);
});

/** This computer linked to `server`, its last sync failed at 09:30 with `failure`. */
function enrolledWithFailure(
  server: string,
  failure: { message: string; code: string; params: Record<string, string> },
  more: { revoked?: boolean; pending?: number } = {},
) {
  app.status = {
    ...app.status!,
    sync: {
      enrolled: true, server, pending: more.pending ?? 2, last_success: null, revoked: more.revoked ?? false,
      last_error: { at: "2026-11-27T09:30:00Z", ...failure },
    },
  };
}

const type = (testid: string, value: string) => fireEvent.input(screen.getByTestId(testid), { target: { value } });

describe("the volunteers", () => {
  test("are listed with their role; oneself cannot be removed", async () => {
    render(Settings);
    const rows = await screen.findAllByTestId("volunteer-row");
    expect(rows.map((r) => r.textContent?.replace(/\s+/g, " "))).toEqual([
      expect.stringContaining("Nadia (vous)coordinatrice ou coordinateur"),
      expect.stringContaining("Samibénévole"),
    ]);
    expect(screen.queryByTestId("volunteer-remove-Nadia")).toBeNull();
    expect(screen.getByTestId("volunteer-remove-Sami")).toBeTruthy();
  });

  test("a new person needs the same passphrase twice, of 10 characters at least", async () => {
    render(Settings);
    await screen.findAllByTestId("volunteer-row");
    await type("volunteer-add-name", "Léa");
    await fireEvent.change(screen.getByTestId("volunteer-add-role"), { target: { value: "trainer" } });
    await type("volunteer-add-passphrase", "formation du mardi");
    await type("volunteer-add-confirm", "formation du jeudi");
    await fireEvent.click(screen.getByTestId("volunteer-add-submit"));
    expect(screen.getByTestId("volunteer-add-error").textContent).toBe("Les deux phrases de passe ne sont pas identiques : retapez-les.");
    expect(api.addVolunteer).not.toHaveBeenCalled();
    await type("volunteer-add-confirm", "formation du mardi");
    await fireEvent.click(screen.getByTestId("volunteer-add-submit"));
    await waitFor(() => expect(api.addVolunteer).toHaveBeenCalledWith("Léa", "trainer", "formation du mardi"));
    expect((await screen.findByTestId("volunteers-notice")).textContent).toBe("Léa fait maintenant partie de l'équipe (formatrice ou formateur).");
    expect((await screen.findAllByTestId("volunteer-row")).length).toBe(3);
    expect((screen.getByTestId("volunteer-add-passphrase") as HTMLInputElement).value, "the form is emptied").toBe("");
  });

  test("someone who forgot gets a new passphrase", async () => {
    render(Settings);
    await fireEvent.click(await screen.findByTestId("volunteer-passphrase-Sami"));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("volunteer-new-passphrase")));
    await type("volunteer-new-passphrase", "une nouvelle phrase");
    await type("volunteer-new-confirm", "une nouvelle phrase");
    await fireEvent.click(screen.getByTestId("volunteer-new-save"));
    await waitFor(() => expect(api.setVolunteerPassphrase).toHaveBeenCalledWith("v-sami", "une nouvelle phrase"));
    expect((await screen.findByTestId("volunteers-notice")).textContent).toBe("La nouvelle phrase de passe de Sami est enregistrée.");
  });

  test("removing asks once more", async () => {
    render(Settings);
    await fireEvent.click(await screen.findByTestId("volunteer-remove-Sami"));
    await fireEvent.click(screen.getByTestId("volunteer-remove-Sami-yes"));
    await waitFor(() => expect(api.removeVolunteer).toHaveBeenCalledWith("v-sami"));
    await waitFor(() => expect(screen.getAllByTestId("volunteer-row").length).toBe(1));
  });
});

describe("the audit trail", () => {
  test("words the counts the core writes, and shows an older action's details as they were", async () => {
    api.listAudit.mockResolvedValue([
      { at: "2026-11-27T10:00:00Z", actor: "Nadia", action: "directory_import: structures=3 services=5", record_id: null },
      { at: "2026-11-27T09:00:00Z", actor: "retention", action: "retention: drafts=2 first_names=1", record_id: null },
      { at: "2026-11-27T08:00:00Z", actor: "Nadia", action: "directory_edit", record_id: null },
      { at: "2026-11-26T08:00:00Z", actor: "Nadia", action: "directory_import: 3 structure(s), 5 service(s)", record_id: null },
    ]);
    render(Settings);
    const rows = await screen.findAllByTestId("audit-row");
    // French puts a no-break space before the colon.
    const what = rows.map((r) => r.children[2]!.textContent!.replace(/\s/g, " "));
    expect(what).toEqual([
      "Annuaire importé : 3 structure(s), 5 service(s)",
      "Durées de conservation appliquées : 2 brouillon(s) supprimé(s), 1 prénom(s) effacé(s)",
      "Lieu ajouté ou modifié dans l'annuaire",
      "Annuaire importé : 3 structure(s), 5 service(s)",
    ]);
    const who = rows.map((r) => r.children[1]!.textContent);
    expect(who, "nobody in particular is named in words, a volunteer by name").toEqual([
      "Nadia", "Conservation automatique", "Nadia", "Nadia",
    ]);
  });

  test("names this computer for what was done before anyone unlocked, and a sheet saved", async () => {
    api.listAudit.mockResolvedValue([
      { at: "2026-11-27T10:00:00Z", actor: "Nadia", action: "sheet", record_id: "0190abcd" },
      { at: "2026-11-27T09:00:00Z", actor: "local", action: "directory_import: structures=21 services=48", record_id: null },
      { at: "2026-11-27T08:00:00Z", actor: "Nadia", action: "newer_action_from_a_later_version", record_id: null },
    ]);
    render(Settings);
    const rows = await screen.findAllByTestId("audit-row");
    const cells = rows.map((r) => [r.children[1]!.textContent, r.children[2]!.textContent!.replace(/\s/g, " ")]);
    expect(cells).toEqual([
      ["Nadia", "Fiche d'orientation enregistrée"],
      ["Cet ordinateur", "Annuaire importé : 21 structure(s), 48 service(s)"],
      ["Nadia", "newer_action_from_a_later_version"],
    ]);
  });

  test("reads in the volunteer's words, with its caption", async () => {
    render(Settings);
    const rows = await screen.findAllByTestId("audit-row");
    expect(api.listAudit).toHaveBeenCalledWith(100);
    expect(rows[0]!.textContent).toMatch(/Personne ajoutée\s:\sformatrice ou formateur/);
    expect(rows[1]!.textContent).toContain("0190abcd");
    expect(rows[2]!.textContent).toContain("Clé de secours");
    expect(screen.getByText("Les 3 dernières actions, de la plus récente à la plus ancienne").tagName).toBe("CAPTION");
  });
});

describe("the settings without the right to change them", () => {
  test("are read, not edited", async () => {
    app.access = { who: sami, allowed: ["run_diagnostic", "view_records", "use_real_records", "use_demo"] };
    render(Settings);
    const facts = await screen.findByTestId("settings-readonly");
    expect(facts.textContent).toContain("Centre d'essai");
    expect(facts.textContent).toContain("après 5 minutes sans activité");
    expect(screen.queryByTestId("centre-name")).toBeNull();
    expect(screen.queryByTestId("idle-minutes")).toBeNull();
    expect(screen.queryByTestId("volunteers")).toBeNull();
    expect(api.listVolunteers, "nothing asked that would be refused").not.toHaveBeenCalled();
    expect(api.listAudit).not.toHaveBeenCalled();
  });
});

describe("the settings from the demo", () => {
  test("say they belong to the real records, and ask nothing that would be refused", async () => {
    // What the core allows a coordinator with the demo open.
    app.access = { who: nadia, allowed: ALL.filter((a) => !["manage_volunteers", "change_settings", "view_audit"].includes(a)) };
    app.status = { ...app.status!, mode: "demo" };
    render(Settings);
    const note = await screen.findByTestId("settings-demo");
    expect(note.textContent).toContain("avec les vraies données");
    expect(note.textContent, "no demo figures passed off as the device's").not.toContain("Centre d'essai");
    expect(screen.queryByTestId("centre-name")).toBeNull();
    expect(screen.queryByTestId("idle-minutes")).toBeNull();
    expect(screen.queryByTestId("volunteers")).toBeNull();
    expect(screen.queryByTestId("audit-trail")).toBeNull();
    expect(api.listVolunteers).not.toHaveBeenCalled();
    expect(api.listAudit).not.toHaveBeenCalled();
    expect(screen.getByTestId("language-select"), "the language is still chosen here").toBeTruthy();
  });
});

describe("the lock delay", () => {
  test("is checked, saved, and the app's own timer follows it", async () => {
    api.setIdleLock.mockResolvedValue({ ...settings, idle_lock_minutes: 10 });
    api.getLockState.mockResolvedValue({ phase: "unlocked", volunteers: [], who: nadia, allowed: ALL, idle_seconds: 600, lang: "fr" });
    render(Settings);
    await screen.findByTestId("idle-minutes");
    await type("idle-minutes", "0");
    await fireEvent.click(screen.getByTestId("idle-save"));
    expect(screen.getByTestId("idle-error").textContent).toBe("Le délai doit être un nombre entier de minutes entre 1 et 120.");
    await type("idle-minutes", "10");
    await fireEvent.click(screen.getByTestId("idle-save"));
    await waitFor(() => expect(api.setIdleLock).toHaveBeenCalledWith(10));
    await waitFor(() => expect(app.lock?.idle_seconds).toBe(600));
    expect(screen.queryByTestId("idle-fixed"), "no fixed delay, no note").toBeNull();
  });

  test("fixed by the environment for this run, says so next to the setting", async () => {
    api.getSettings.mockResolvedValue({ ...settings, idle_lock_override_seconds: 3 });
    render(Settings);
    const input = await screen.findByTestId("idle-minutes");
    const note = screen.getByTestId("idle-fixed");
    expect(note.textContent).toContain("fixé à 3 secondes");
    expect(input.getAttribute("aria-describedby"), "a screen reader hears it with the field").toContain("idle-fixed");
  });
});

test("the coordinator's settings have no accessibility violation axe can see without layout", async () => {
  const { container } = render(Settings, { section: "volunteers" });
  await screen.findAllByTestId("audit-row");
  await screen.findAllByTestId("volunteer-row");
  await fireEvent.click(screen.getByTestId("volunteer-passphrase-Sami"));
  const off = { enabled: false };
  const result = await axe.run(container, { rules: { "color-contrast": off, region: off } });
  expect(result.violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
});

describe("the link to the server", () => {
  test("checks the form, enrols, and then offers the sending file", async () => {
    const enrolled = {
      ...app.status!,
      sync: { enrolled: true, server: "https://serveur.exemple", pending: 2, last_success: "2026-11-27T10:00:00Z", last_error: null, revoked: false },
    };
    api.enrolDevice.mockResolvedValue(enrolled);
    api.exportBundle.mockResolvedValue({ path: "/home/nadia/Documents/Aiguillage/envoi.json" });
    render(Settings);
    await screen.findByTestId("enrol-form");
    await waitFor(() =>
      expect((screen.getByTestId("enrol-name") as HTMLInputElement).value, "the centre's name to start with").toBe("Centre d'essai"),
    );
    await type("enrol-server", "serveur.exemple");
    await fireEvent.click(screen.getByTestId("enrol-submit"));
    expect(screen.getByTestId("sync-error").textContent).toContain("commence par https://");
    expect(document.activeElement, "the field at fault gets the focus").toBe(screen.getByTestId("enrol-server"));
    await type("enrol-server", "https://serveur.exemple");
    await fireEvent.click(screen.getByTestId("enrol-submit"));
    expect(screen.getByTestId("sync-error").textContent).toContain("code d'inscription");
    expect(api.enrolDevice, "nothing is sent before the form is whole").not.toHaveBeenCalled();
    await type("enrol-code", "K7PQ-3MX9");
    await fireEvent.click(screen.getByTestId("enrol-submit"));
    await waitFor(() => expect(api.enrolDevice).toHaveBeenCalledWith("https://serveur.exemple", "K7PQ-3MX9", "Centre d'essai"));
    await fireEvent.click(await screen.findByTestId("bundle-export"));
    expect((await screen.findByTestId("bundle-saved")).textContent).toContain("/home/nadia/Documents/Aiguillage/envoi.json");
  });

  test("is offered again once the server no longer accepts this computer, and says why in French", async () => {
    enrolledWithFailure("https://serveur.exemple", {
      message: "the server no longer accepts this device; its records stay here and can leave by file bundle",
      code: "sync_revoked",
      params: {},
    }, { revoked: true, pending: 3 });
    render(Settings);
    await screen.findByTestId("enrol-form");
    const lastError = screen.getByTestId("sync-last-error").textContent!.trim();
    expect(lastError, "the recorded failure, worded by the catalogue, never the log's English").toMatch(
      /^27 nov\. 2026, \d\d:30 : Le serveur n'accepte plus cet appareil\./,
    );
    expect(screen.getByTestId("bundle-export").hasAttribute("disabled"), "the waiting records can leave by file").toBe(false);
  });

  test("is offered again to a computer enrolled at an address in clear, with why", async () => {
    enrolledWithFailure("http://192.168.1.20:8440", {
      message: "\"http://192.168.1.20:8440\" is not encrypted",
      code: "sync_insecure",
      params: { address: "http://192.168.1.20:8440" },
    });
    render(Settings);
    await screen.findByTestId("enrol-form");
    expect(screen.getByTestId("sync-last-error").textContent).toContain("« http://192.168.1.20:8440 » n'est pas chiffrée");
  });

  test("says a refused code in the person's language", async () => {
    api.enrolDevice.mockRejectedValue({
      kind: "failure", message: "the server refused: the enrolment code is unknown (bad_code)", code: "sync_bad_code", params: {},
    });
    render(Settings);
    await screen.findByTestId("enrol-form");
    await type("enrol-server", "https://serveur.exemple");
    await type("enrol-code", "AAAA-BBBB");
    await fireEvent.click(screen.getByTestId("enrol-submit"));
    expect((await screen.findByTestId("sync-error")).textContent).toBe(
      "Ce code d'inscription est inconnu, déjà utilisé ou expiré : demandez-en un nouveau à l'administrateur du serveur.",
    );
  });
});

describe("the centre's phone", () => {
  test("is saved for the sheets, and a refusal is said next to the field", async () => {
    api.setCentrePhone.mockImplementation(async (phone: string) => {
      if (!/^[0-9 .+()-]{6,}$/.test(phone)) throw "Le téléphone du centre compte de 6 à 20 chiffres.";
      return { ...settings, centre_phone: phone };
    });
    render(Settings);
    const field = (await screen.findByTestId("centre-phone")) as HTMLInputElement;
    expect(field.type, "a phone keyboard and autofill").toBe("tel");
    await fireEvent.input(field, { target: { value: "appelez-nous" } });
    await fireEvent.click(screen.getByTestId("centre-phone-save"));
    const refused = await screen.findByTestId("centre-phone-error");
    expect(refused.textContent).toContain("6 à 20 chiffres");
    expect(field.getAttribute("aria-invalid"), "the field says it is at fault").toBe("true");
    await fireEvent.input(field, { target: { value: "04 65 71 00 00" } });
    await fireEvent.click(screen.getByTestId("centre-phone-save"));
    await waitFor(() => expect(api.setCentrePhone).toHaveBeenLastCalledWith("04 65 71 00 00"));
    await waitFor(() => expect(screen.queryByTestId("centre-phone-error")).toBeNull());
    expect(await screen.findByText("Le téléphone du centre est enregistré.")).toBeTruthy();
  });
});
