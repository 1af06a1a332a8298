import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import axe from "axe-core";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import type { LockState } from "../../bindings/LockState";

const api = vi.hoisted(() => ({
  setUpDevice: vi.fn(),
  getStatus: vi.fn(),
  getQuestionnaire: vi.fn(),
  setLanguage: vi.fn(),
}));
vi.mock("../../api", async (original) => ({ ...(await original<typeof import("../../api")>()), api }));

import { gate } from "../../lib/lock.svelte";
import SetUp from "./SetUp.svelte";

afterEach(cleanup);

const nadia = { id: "0190-nadia", name: "Nadia", role: "coordinator" };
const unlocked: LockState = {
  phase: "unlocked", volunteers: [nadia], who: nadia, allowed: ["manage_volunteers"], idle_seconds: 300, lang: "fr",
};
/** As the core writes it: eight groups of four, joined by dashes. */
const KEY = "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567";

beforeEach(() => {
  vi.clearAllMocks();
  gate.phase = "set_up";
  api.setUpDevice.mockResolvedValue({ recovery_key: KEY, lock: unlocked });
  api.getStatus.mockResolvedValue({ mode: "real", lang: "fr", centre_name: "Centre d'essai", sync: {} });
  api.getQuestionnaire.mockResolvedValue({});
});

const type = (testid: string, value: string) => fireEvent.input(screen.getByTestId(testid), { target: { value } });

async function fill(passphrase: string, confirmation: string) {
  await type("setup-centre", "Centre d'essai");
  await type("setup-name", "Nadia");
  await type("setup-passphrase", passphrase);
  await type("setup-confirm", confirmation);
  await fireEvent.click(screen.getByTestId("setup-submit"));
}

describe("setting the computer up", () => {
  test("two different passphrases are refused before anything is sent", async () => {
    render(SetUp);
    await fill("phrase de passe d'essai", "phrase de passe d'essaj");
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe("Les deux phrases de passe ne sont pas identiques : retapez-les.");
    expect(api.setUpDevice, "nothing is sent").not.toHaveBeenCalled();
    const confirm = screen.getByTestId("setup-confirm");
    expect(confirm.getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement, "the focus goes to the field to retype").toBe(confirm);
  });

  test("a passphrase under 10 characters is refused, and the rule is said beforehand", async () => {
    render(SetUp);
    expect(screen.getByText(/Au moins 10 caractères/)).toBeTruthy();
    await fill("court", "court");
    expect((await screen.findByRole("alert")).textContent).toBe("La phrase de passe doit compter au moins 10 caractères.");
    expect(api.setUpDevice).not.toHaveBeenCalled();
  });

  test("shows the recovery key once; Continue waits for the acknowledgement", async () => {
    const print = vi.spyOn(window, "print").mockImplementation(() => undefined);
    render(SetUp);
    await fill("phrase de passe d'essai", "phrase de passe d'essai");
    expect(api.setUpDevice).toHaveBeenCalledWith("Nadia", "phrase de passe d'essai", "Centre d'essai");
    const key = await screen.findByTestId("recovery-key");
    expect(key.textContent, "read and copied as one key").toBe(KEY);
    expect(
      [...key.querySelectorAll(".group")].map((g) => g.textContent),
      "each group keeps together, with its dash, so the key never breaks inside one",
    ).toEqual(["ABCD-", "EFGH-", "IJKL-", "MNOP-", "QRST-", "UVWX-", "YZ23-", "4567"]);
    const go = screen.getByTestId("setup-continue") as HTMLButtonElement;
    expect(go.disabled, "not before the key is kept").toBe(true);
    await fireEvent.click(screen.getByTestId("recovery-print"));
    expect(print).toHaveBeenCalledTimes(1);
    await fireEvent.click(screen.getByTestId("recovery-ack"));
    expect(go.disabled).toBe(false);
    await fireEvent.click(go);
    await waitFor(() => expect(gate.phase, "into the app").toBe("unlocked"));
  });

  test("an empty centre name is sent as none", async () => {
    render(SetUp);
    await type("setup-name", "Nadia");
    await type("setup-passphrase", "phrase de passe d'essai");
    await type("setup-confirm", "phrase de passe d'essai");
    await fireEvent.click(screen.getByTestId("setup-submit"));
    expect(api.setUpDevice).toHaveBeenCalledWith("Nadia", "phrase de passe d'essai", null);
  });

  test("has no accessibility violation axe can see without layout", async () => {
    const { container } = render(SetUp);
    const off = { enabled: false };
    const rules = { "color-contrast": off, region: off };
    let result = await axe.run(container, { rules });
    expect(result.violations.map((v) => `form, ${v.id}: ${v.help}`)).toEqual([]);
    await fill("phrase de passe d'essai", "phrase de passe d'essai");
    await screen.findByTestId("recovery-key");
    result = await axe.run(container, { rules });
    expect(result.violations.map((v) => `recovery key, ${v.id}: ${v.help}`)).toEqual([]);
  });
});
