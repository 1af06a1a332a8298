import { describe, expect, test } from "vitest";
import { back, canGoBack, go, replace, screen } from "./router.svelte";

describe("the screen stack", () => {
  test("back returns where the volunteer came from; a menu entry starts afresh", () => {
    go({ name: "history" }, true);
    go({ name: "diagnostic", id: "d1" });
    expect(screen()).toEqual({ name: "diagnostic", id: "d1" });
    expect(canGoBack()).toBe(true);
    back();
    expect(screen(), "back from a diagnostic is the history").toEqual({ name: "history" });
    expect(canGoBack(), "a menu entry is the bottom of the stack").toBe(false);
  });

  test("the wizard moving on replaces its screen, so back leaves the wizard", () => {
    go({ name: "home" }, true);
    go({ name: "consent" });
    replace({ name: "wizard", draftId: "x" });
    replace({ name: "wizard", draftId: "x", section: 3 });
    back();
    expect(screen(), "one back from any step returns home").toEqual({ name: "home" });
  });

  test("back at the bottom stays on the home screen", () => {
    go({ name: "settings" }, true);
    back();
    back();
    expect(screen()).toEqual({ name: "home" });
  });
});
