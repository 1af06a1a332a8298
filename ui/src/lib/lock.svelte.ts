// The lock: whether the set-up screen, the lock screen or the app is shown, and what an unlock
// brings back. The app's screens stay mounted while locked (hidden and inert), so whoever locked
// finds them as they left them; anybody else starts afresh from the home screen. The Rust side
// enforces the lock; this only follows it.
import { tick } from "svelte";
import { api, onLocked, savesSettled } from "../api";
import type { LockState } from "../bindings/LockState";
import { app, applyLock, applyStatus, loadApp, RECOVERY_ID } from "./app.svelte";
import { watchIdle, type IdleWatch } from "./idle";
import { go, type Screen } from "./router.svelte";

export type Phase = "starting" | "set_up" | "locked" | "unlocked";
/** Why the app locked without being asked: nobody used it for a while, or the computer's
 * session locked (or the computer went to sleep). */
export type LockWhy = "idle" | "system";

export const gate = $state({
  phase: "starting" as Phase,
  /** Why the app locked without being asked, if it did. */
  why: null as LockWhy | null,
  /** Unlocked with the recovery key: someone needs a new passphrase. */
  recovered: false,
  /** Bumped when a session starts afresh, so every screen is built anew. */
  session: 0,
  /** The app's screens have been shown once; from then on they stay mounted. */
  started: false,
});

/** Where this computer remembers who unlocked last, to preselect them. */
const LAST_VOLUNTEER = "aiguillage.last-volunteer";

/** The session whose screens wait behind the lock. */
let kept: { id: string; role: string; mode: string | null; focus: HTMLElement | null } | null = null;

export function lastVolunteer(): string | null {
  try {
    return localStorage.getItem(LAST_VOLUNTEER);
  } catch {
    return null;
  }
}

function remember(id: string): void {
  try {
    localStorage.setItem(LAST_VOLUNTEER, id);
  } catch {
    // A webview without storage only loses the preselection.
  }
}

/** Reads the lock at start; the app itself loads only once someone has unlocked. */
export async function startLock(): Promise<void> {
  onLocked(lockedElsewhere);
  // Without it (an older shell), the idle delay still locks.
  await api.watchSystemLock(lockedWithTheComputer).catch(() => undefined);
  const state = await api.getLockState();
  applyLock(state);
  if (state.phase === "unlocked") await enter(state);
  else gate.phase = state.phase;
}

/** Hides the app, remembering whose it is and where the focus was. */
function hide(why: LockWhy | null): void {
  const who = app.access?.who;
  if (gate.phase === "unlocked" && who) {
    const active = document.activeElement;
    kept = {
      id: who.id,
      role: who.role,
      mode: app.status?.mode ?? null,
      focus: active instanceof HTMLElement && active !== document.body ? active : null,
    };
  }
  gate.phase = "locked";
  gate.why = why;
  gate.recovered = false;
}

/** Locks at once (the header's button, or `idle` when nobody used the app for a while). */
export async function lockNow(idle = false): Promise<void> {
  if (gate.phase !== "unlocked") return;
  hide(idle ? "idle" : null);
  // The answer typed last (saved as its field lost the focus to the lock button) goes first.
  await savesSettled();
  // Someone unlocked meanwhile: their session is not the one to lock (unlocking closed the last).
  if (gate.phase === "unlocked") return;
  try {
    applyLock(await api.lockNow(idle));
  } catch {
    // The lock screen shows anyway; it still needs the list of who can unlock.
    await api.getLockState().then(applyLock, () => undefined);
  }
}

/** A command was refused as locked: the Rust side locked itself after its own delay. */
function lockedElsewhere(): void {
  if (gate.phase !== "unlocked" && gate.phase !== "set_up") return;
  hide("idle");
  api.getLockState().then(applyLock, () => undefined);
}

/** The Rust side locked as the computer's session locked or the computer went to sleep. */
function lockedWithTheComputer(state: LockState): void {
  if (gate.phase === "unlocked") hide("system");
  applyLock(state);
}

/**
 * Someone is in: the one who locked finds their screen as it was (in the demo again if they
 * left from there); anyone else, or another role, starts on `landing` (the home screen).
 */
async function enter(state: LockState, landing?: Screen): Promise<void> {
  applyLock(state);
  const who = state.who;
  if (!who) throw new Error("unlocked without anyone signed in");
  const access = { who, allowed: state.allowed };
  const before = gate.started && !landing ? kept : null;
  let keep = false;
  if (before && before.id === who.id && before.role === who.role && app.questionnaire) {
    let status = await api.getStatus();
    // Each unlock opens the real records again (the demo for a trainer).
    if (before.mode === "demo" && status.mode !== "demo" && state.allowed.includes("use_demo")) {
      status = await api.setDemoMode(true);
      // The demo allows less than the real records the unlock opened.
      access.allowed = (await api.getLockState()).allowed;
    }
    keep = status.mode === before.mode;
    if (keep) {
      app.access = access;
      applyStatus(status);
    }
  }
  if (!keep) {
    // The screens behind the lock were someone else's: gone before the new person's rights
    // apply, then the app loads afresh for them.
    app.status = null;
    go(landing ?? { name: "home" }, true);
    gate.session++;
    app.access = access;
    await loadApp();
  }
  const focus = keep ? (before?.focus ?? null) : null;
  kept = null;
  if (who.id !== RECOVERY_ID) remember(who.id);
  gate.phase = "unlocked";
  gate.why = null;
  gate.started = true;
  if (focus) {
    await tick();
    if (focus.isConnected) focus.focus();
  }
}

/**
 * Unlocks with a passphrase.
 *
 * @throws the command's error: `bad_input` for a wrong passphrase.
 */
export async function unlock(volunteerId: string, passphrase: string): Promise<void> {
  await enter(await api.unlock(volunteerId, passphrase));
}

/** Unlocks with the printed key, and opens the volunteers' settings to give a new passphrase. */
export async function unlockWithRecovery(recoveryKey: string): Promise<void> {
  const state = await api.unlockWithRecovery(recoveryKey);
  gate.recovered = true;
  await enter(state, { name: "settings", section: "volunteers" });
}

/** The device is set up and its recovery key acknowledged: into the app. */
export async function finishSetUp(state: LockState): Promise<void> {
  await enter(state);
}

/** Watches for use while unlocked: locks after `seconds` without any, keeps the Rust side awake. */
export function watchUse(seconds: number): IdleWatch {
  return watchIdle({
    idleMs: seconds * 1000,
    onIdle: () => void lockNow(true),
    // A refusal (already locked) reaches the lock through `onLocked`.
    onActive: () => void api.keepAlive().catch(() => undefined),
  });
}
