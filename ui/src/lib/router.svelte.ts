// Which screen is shown. A small stack: "back" returns where the volunteer came from.
export type Screen =
  | { name: "home" }
  | { name: "consent"; persona?: string }
  | { name: "wizard"; draftId: string; persona?: string; section?: number }
  | { name: "result"; id: string; result?: import("../bindings/ResultView").ResultView }
  | { name: "orientation"; id: string }
  | { name: "sheet"; id: string }
  | { name: "history" }
  | { name: "diagnostic"; id: string }
  | { name: "directory" }
  | { name: "reports" }
  | { name: "settings"; section?: "volunteers" };

const nav = $state({ stack: [{ name: "home" }] as Screen[] });

export function screen(): Screen {
  return nav.stack[nav.stack.length - 1] ?? { name: "home" };
}

/** Opens `next`; top-level screens (from the menu) start a fresh stack. */
export function go(next: Screen, topLevel = false): void {
  nav.stack = topLevel ? [next] : [...nav.stack, next];
}

/** Replaces the current screen (the wizard moving on, say) without growing the stack. */
export function replace(next: Screen): void {
  nav.stack = [...nav.stack.slice(0, -1), next];
}

export function back(): void {
  nav.stack = nav.stack.length > 1 ? nav.stack.slice(0, -1) : [{ name: "home" }];
}

export function canGoBack(): boolean {
  return nav.stack.length > 1;
}
