import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { keepAliveEvery, watchIdle, type IdleWatch } from "./idle";

let watch: IdleWatch | undefined;

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  watch?.stop();
  vi.useRealTimers();
});

function start(idleMs: number) {
  const onIdle = vi.fn();
  const onActive = vi.fn();
  watch = watchIdle({ idleMs, onIdle, onActive });
  return { onIdle, onActive };
}

const press = () => window.dispatchEvent(new KeyboardEvent("keydown", { key: "a" }));
const move = () => window.dispatchEvent(new Event("pointermove"));

describe("the idle watch", () => {
  test("calls onIdle once the delay passes without activity, and only once", () => {
    const { onIdle } = start(60_000);
    vi.advanceTimersByTime(59_999);
    expect(onIdle, "not a millisecond early").not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(600_000);
    expect(onIdle, "the watch stops after locking").toHaveBeenCalledTimes(1);
  });

  test("any activity starts the delay again", () => {
    const { onIdle } = start(60_000);
    vi.advanceTimersByTime(50_000);
    press();
    vi.advanceTimersByTime(50_000);
    expect(onIdle, "a key press 50 s in leaves 60 s from then").not.toHaveBeenCalled();
    for (const name of ["pointerdown", "wheel", "input"]) {
      window.dispatchEvent(new Event(name));
      vi.advanceTimersByTime(50_000);
    }
    expect(onIdle, "every kind of activity counts").not.toHaveBeenCalled();
    vi.advanceTimersByTime(10_000);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  test("tells the Rust side at most once every min(30 s, a third of the delay)", () => {
    expect(keepAliveEvery(300_000), "five minutes: every 30 s").toBe(30_000);
    expect(keepAliveEvery(6_000), "six seconds: every 2 s").toBe(2_000);

    const { onActive } = start(300_000);
    move();
    expect(onActive, "the unlock itself was a sign of life").not.toHaveBeenCalled();
    for (let i = 0; i < 100; i++) {
      vi.advanceTimersByTime(1_000);
      move();
    }
    // 100 s of steady movement: at 30, 60 and 90 s.
    expect(onActive).toHaveBeenCalledTimes(3);
  });

  test("a short delay keeps the Rust side in step more often", () => {
    const { onActive, onIdle } = start(6_000);
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(1_000);
      press();
    }
    expect(onActive, "every 2 s over 10 s").toHaveBeenCalledTimes(5);
    expect(onIdle).not.toHaveBeenCalled();
  });

  test("stop removes the listeners and the timer", () => {
    const { onIdle, onActive } = start(6_000);
    watch!.stop();
    vi.advanceTimersByTime(3_000);
    press();
    vi.advanceTimersByTime(60_000);
    expect(onIdle).not.toHaveBeenCalled();
    expect(onActive).not.toHaveBeenCalled();
  });
});
