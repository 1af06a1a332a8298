// Notices when nobody has touched the app for a while. It owns the timer and the listeners only:
// what "idle" and "active" mean (locking, telling the Rust side) is the caller's business.

/** What counts as someone at the computer. */
export const ACTIVITY_EVENTS = ["keydown", "pointerdown", "pointermove", "wheel", "input"] as const;

/** The longest wait between two "still here" messages to the Rust side. */
const MAX_KEEP_ALIVE_MS = 30_000;

export type IdleWatch = {
  /** Removes the listeners and the timer; nothing is called afterwards. */
  stop(): void;
};

export type IdleOptions = {
  /** How long without activity before `onIdle`. */
  idleMs: number;
  /** Called once when `idleMs` has passed without activity; the watch stops then. */
  onIdle: () => void;
  /**
   * Called on activity, at most once every min(30 s, idleMs / 3), so that the Rust side's own
   * idle lock (its backstop) never fires while someone is at work.
   */
  onActive: () => void;
  /** Where the events are listened for; the window by default. */
  target?: EventTarget;
};

/** The gap between two `onActive` calls for a given idle delay. */
export function keepAliveEvery(idleMs: number): number {
  return Math.min(MAX_KEEP_ALIVE_MS, idleMs / 3);
}

/** Starts watching now: the delay counts from this moment. */
export function watchIdle({ idleMs, onIdle, onActive, target = window }: IdleOptions): IdleWatch {
  const every = keepAliveEvery(idleMs);
  let lastActivity = Date.now();
  // The command that unlocked was itself a sign of life: the first message can wait.
  let lastKeepAlive = lastActivity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  // One timer for the whole delay, checked when it fires, rather than a new timer for every
  // mouse move.
  function arm(ms: number) {
    timer = setTimeout(check, Math.max(ms, 0));
  }

  function check() {
    if (stopped) return;
    const quiet = Date.now() - lastActivity;
    if (quiet >= idleMs) {
      stop();
      onIdle();
    } else {
      arm(idleMs - quiet);
    }
  }

  function onEvent() {
    if (stopped) return;
    const now = Date.now();
    lastActivity = now;
    if (now - lastKeepAlive >= every) {
      lastKeepAlive = now;
      onActive();
    }
  }

  function stop() {
    stopped = true;
    clearTimeout(timer);
    for (const name of ACTIVITY_EVENTS) target.removeEventListener(name, onEvent, { capture: true });
  }

  for (const name of ACTIVITY_EVENTS) {
    target.addEventListener(name, onEvent, { passive: true, capture: true });
  }
  arm(idleMs);
  return { stop };
}
