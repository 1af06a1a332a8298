import { afterEach, describe, expect, test, vi } from "vitest";

// The Rust side, answering when the test says so.
const pending: { command: string; resolve: (v: unknown) => void }[] = [];
vi.mock("@tauri-apps/api/core", () => ({
  invoke: (command: string) => new Promise((resolve) => pending.push({ command, resolve })),
  Channel: class {},
}));

import { api, savesSettled } from "./index";
import { gate, lockNow } from "../lib/lock.svelte";

const flush = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => {
  pending.length = 0;
  vi.useRealTimers();
});

describe("a lock after a save", () => {
  test("waits for the draft's saves already sent, so the last answer is not refused as locked", async () => {
    const saved = api.answerDraft("d-1", "ctx_commune", "Lyon");
    let settled = false;
    const wait = savesSettled().then(() => (settled = true));
    await flush();
    expect(settled, "the answer has not been answered yet").toBe(false);
    pending.find((p) => p.command === "answer_draft")!.resolve({ id: "d-1" });
    await saved;
    await wait;
    expect(settled).toBe(true);
  });

  test("the lock button's command leaves after the answer its press saved", async () => {
    gate.phase = "unlocked";
    // The text field lost the focus to the lock button: its answer is on its way.
    const saved = api.answerDraft("d-1", "ctx_commune", "Villeurbanne");
    const locking = lockNow();
    await flush();
    expect(gate.phase, "the screen hides at once").toBe("locked");
    expect(pending.map((p) => p.command), "the lock waits behind the answer").toEqual(["answer_draft"]);
    pending[0]!.resolve({ id: "d-1" });
    await saved;
    await flush();
    expect(pending.map((p) => p.command)).toEqual(["answer_draft", "lock_now"]);
    pending[1]!.resolve({ phase: "locked", volunteers: [], who: null, allowed: [], idle_seconds: 300, lang: "fr" });
    await locking;
  });

  test("a lock that waited does not close a session someone opened meanwhile", async () => {
    gate.phase = "unlocked";
    const saved = api.answerDraft("d-1", "ctx_commune", "Vénissieux");
    const locking = lockNow();
    await flush();
    gate.phase = "unlocked"; // someone unlocked while the answer was on its way
    pending[0]!.resolve({ id: "d-1" });
    await saved;
    await locking;
    expect(pending.map((p) => p.command), "their session stays open").toEqual(["answer_draft"]);
  });

  test("does not wait when nothing is being saved, nor for other commands", async () => {
    void api.getStatus();
    let settled = false;
    await savesSettled().then(() => (settled = true));
    expect(settled, "a status read is not a save").toBe(true);
  });

  test("gives up waiting after its limit: a save that never answers does not keep the app open", async () => {
    vi.useFakeTimers();
    void api.setDraftFirstName("d-1", "Claire");
    let settled = false;
    const wait = savesSettled(3000).then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(2999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await wait;
    expect(settled).toBe(true);
  });
});
