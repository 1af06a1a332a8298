import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import axe from "axe-core";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import type { LockState } from "../../bindings/LockState";

const api = vi.hoisted(() => ({
  unlock: vi.fn(),
  unlockWithRecovery: vi.fn(),
  getStatus: vi.fn(),
  getQuestionnaire: vi.fn(),
  getLockState: vi.fn(),
  setLanguage: vi.fn(),
}));
vi.mock("../../api", async (original) => ({ ...(await original<typeof import("../../api")>()), api }));

import { app } from "../../lib/app.svelte";
import { gate } from "../../lib/lock.svelte";
import Lock from "./Lock.svelte";

afterEach(cleanup);

const nadia = { id: "0190-nadia", name: "Nadia", role: "coordinator" };
const lea = { id: "0190-lea", name: "Léa", role: "trainer" };
const locked: LockState = {
  phase: "locked", volunteers: [nadia, lea], who: null, allowed: [], idle_seconds: 300, lang: "fr",
};
const wrong = { kind: "bad_input", message: "the passphrase does not open this slot" };

beforeEach(() => {
  vi.clearAllMocks();
  localStorage.clear();
  app.lock = structuredClone(locked);
  gate.phase = "locked";
  gate.why = null;
  api.unlock.mockRejectedValue(wrong);
  api.unlockWithRecovery.mockRejectedValue({ kind: "bad_input", message: "no" });
});

const field = () => screen.getByTestId("lock-passphrase") as HTMLInputElement;

describe("the lock screen", () => {
  test("chooses whoever unlocked last on this computer, and waits for their passphrase", async () => {
    localStorage.setItem("aiguillage.last-volunteer", lea.id);
    render(Lock);
    expect((screen.getByTestId("lock-volunteer-Léa") as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId("lock-volunteer-Nadia") as HTMLInputElement).checked).toBe(false);
    await waitFor(() => expect(document.activeElement, "straight to the passphrase").toBe(field()));
    expect(field().type).toBe("password");
    expect(field().autocomplete).toBe("current-password");
  });

  test("a wrong passphrase says so in the catalogue's words, empties the field and keeps the focus there", async () => {
    render(Lock);
    await fireEvent.click(screen.getByTestId("lock-volunteer-Nadia"));
    await fireEvent.input(field(), { target: { value: "pas la bonne phrase" } });
    await fireEvent.submit(field().form!);
    const alert = await screen.findByTestId("lock-error");
    expect(alert.getAttribute("role")).toBe("alert");
    expect(alert.textContent).toBe("Cette phrase de passe n'ouvre pas l'appareil. Vérifiez-la et réessayez.");
    expect(screen.queryByText(wrong.message), "the Rust side's English sentence is not shown").toBeNull();
    expect(api.unlock).toHaveBeenCalledWith(nadia.id, "pas la bonne phrase");
    expect(field().value, "the field is emptied").toBe("");
    await waitFor(() => expect(document.activeElement).toBe(field()));
    expect(gate.phase, "still locked").toBe("locked");
  });

  test("sends nothing without a name or a passphrase", async () => {
    render(Lock);
    await fireEvent.submit(field().form!);
    expect((await screen.findByTestId("lock-error")).textContent).toBe("Choisissez d'abord votre nom dans la liste.");
    await fireEvent.click(screen.getByTestId("lock-volunteer-Nadia"));
    await fireEvent.click(screen.getByTestId("lock-submit"));
    expect(screen.getByTestId("lock-error").textContent).toBe("Tapez votre phrase de passe.");
    expect(api.unlock).not.toHaveBeenCalled();
  });

  test("the right passphrase opens the app", async () => {
    api.unlock.mockResolvedValue({ ...locked, phase: "unlocked", who: nadia, allowed: ["view_reports"] });
    api.getStatus.mockResolvedValue({ mode: "real", lang: "fr", centre_name: null, sync: {} });
    api.getQuestionnaire.mockResolvedValue({});
    render(Lock);
    await fireEvent.click(screen.getByTestId("lock-volunteer-Nadia"));
    await fireEvent.input(field(), { target: { value: "phrase de passe d'essai" } });
    await fireEvent.click(screen.getByTestId("lock-submit"));
    await waitFor(() => expect(gate.phase).toBe("unlocked"));
    expect(app.access?.who.name).toBe("Nadia");
    expect(localStorage.getItem("aiguillage.last-volunteer"), "remembered for next time").toBe(nadia.id);
  });

  test("offers the recovery key instead, and back", async () => {
    render(Lock);
    await fireEvent.click(screen.getByTestId("lock-use-recovery"));
    const input = screen.getByTestId("lock-recovery-input") as HTMLInputElement;
    await waitFor(() => expect(document.activeElement).toBe(input));
    expect(screen.queryByTestId("lock-passphrase"), "one way at a time").toBeNull();
    await fireEvent.input(input, { target: { value: "abcd efgh" } });
    await fireEvent.submit(input.form!);
    expect((await screen.findByTestId("lock-error")).textContent).toBe(
      "Cette clé de secours n'ouvre pas l'appareil. Vérifiez chaque caractère et réessayez.",
    );
    expect(api.unlockWithRecovery).toHaveBeenCalledWith("abcd efgh");
    await fireEvent.click(screen.getByTestId("lock-use-passphrase"));
    await waitFor(() => expect(document.activeElement).toBe(field()));
  });

  test("says when the app locked itself", () => {
    gate.why = "idle";
    render(Lock);
    expect(screen.getByTestId("lock-idle").textContent).toContain("après 5 minutes sans activité");
    expect(field().getAttribute("aria-describedby"), "read with the passphrase field").toBe("lock-why");
  });

  test("says when the app locked with the computer", () => {
    gate.why = "system";
    render(Lock);
    expect(screen.getByTestId("lock-system").textContent).toContain("verrouillée en même temps que l'ordinateur");
    expect(screen.queryByTestId("lock-idle"), "not said to be for want of use").toBeNull();
    expect(field().getAttribute("aria-describedby"), "read with the passphrase field").toBe("lock-why");
  });

  test("has no accessibility violation axe can see without layout", async () => {
    gate.why = "idle";
    const { container } = render(Lock);
    const off = { enabled: false };
    const rules = { "color-contrast": off, region: off };
    let result = await axe.run(container, { rules });
    expect(result.violations.map((v) => `passphrase, ${v.id}: ${v.help}`)).toEqual([]);
    await fireEvent.click(screen.getByTestId("lock-use-recovery"));
    result = await axe.run(container, { rules });
    expect(result.violations.map((v) => `recovery key, ${v.id}: ${v.help}`)).toEqual([]);
  });
});
