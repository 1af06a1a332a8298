import { beforeEach, describe, expect, test, vi } from "vitest";

const invoke = vi.hoisted(() => vi.fn());
vi.mock("@tauri-apps/api/core", () => ({ invoke, Channel: class {} }));

import { api, errorMessage, onLocked, problemText } from "./index";

beforeEach(() => vi.clearAllMocks());

describe("every command", () => {
  test("refused as locked tells the lock, and still fails for its caller", async () => {
    const listener = vi.fn();
    onLocked(listener);
    const locked = { kind: "locked", message: "the app is locked: unlock it with your passphrase" };
    invoke.mockRejectedValue(locked);
    await expect(api.listDrafts()).rejects.toBe(locked);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(errorMessage(locked), "said in the volunteer's language").toBe(
      "L'application s'est verrouillée : cette action n'a pas été faite. Déverrouillez, puis recommencez.",
    );
  });

  test("refused for another reason does not lock", async () => {
    const listener = vi.fn();
    onLocked(listener);
    invoke.mockRejectedValue({ kind: "bad_input", message: "the lock delay must be between 1 and 120 minutes, not 0" });
    await expect(api.setIdleLock(0)).rejects.toMatchObject({ kind: "bad_input" });
    expect(listener).not.toHaveBeenCalled();
    expect(errorMessage({ kind: "bad_input", message: "as the Rust side says" })).toBe("as the Rust side says");
  });

  test("a refusal with a code is said from the catalogue, with its values; an unknown code falls back", () => {
    const short = { kind: "bad_input", message: "a passphrase needs at least 10 characters", code: "passphrase_too_short", params: { min: "10" } };
    expect(errorMessage(short)).toBe("La phrase de passe doit compter au moins 10 caractères.");
    const unknown = { kind: "bad_input", message: "as the Rust side says", code: "not_in_the_catalogue", params: {} };
    expect(errorMessage(unknown), "never a bare key on screen").toBe("as the Rust side says");
  });

  test("a schema's field, type and format are worded by the catalogue; other values are shown as they are", () => {
    expect(problemText("wrong_type", { field: "telephone", expected: "string" }, "en")).toBe(
      "Le champ « Téléphone » attend du texte.",
    );
    expect(problemText("bad_format", { field: "courriel", format: "email" }, "en")).toBe(
      "Le champ « Courriel » n'est pas une adresse e-mail valide.",
    );
    expect(problemText("missing_field", { field: "champ_inconnu" }, "en"), "an unknown field keeps its name").toBe(
      "Le champ « champ_inconnu » est obligatoire.",
    );
  });

  test("sends its arguments in camelCase, as Tauri expects", async () => {
    invoke.mockResolvedValue(undefined);
    await api.unlock("v-1", "phrase de passe");
    expect(invoke).toHaveBeenLastCalledWith("unlock", { volunteerId: "v-1", passphrase: "phrase de passe" });
    await api.setUpDevice("Nadia", "phrase de passe", null);
    expect(invoke).toHaveBeenLastCalledWith("set_up_device", { coordinatorName: "Nadia", passphrase: "phrase de passe", centreName: null });
    await api.unlockWithRecovery("ABCD");
    expect(invoke).toHaveBeenLastCalledWith("unlock_with_recovery", { recoveryKey: "ABCD" });
    await api.setIdleLock(10);
    expect(invoke).toHaveBeenLastCalledWith("set_idle_lock", { minutes: 10 });
  });
});
