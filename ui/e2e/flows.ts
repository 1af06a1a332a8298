// What a volunteer does, step by step, through the real window: by pointer, or by keyboard only.
import { Key } from "webdriverio";
import { click, waitFor, type Browser, type Persona } from "./harness";

const UNKNOWN = "__unknown__";

async function visibleQuestions(browser: Browser): Promise<string[]> {
  return browser.execute(() =>
    Array.from(document.querySelectorAll("[data-question]")).map((e) => e.getAttribute("data-question") ?? ""),
  );
}

async function settled(browser: Browser): Promise<void> {
  await browser.waitUntil(
    async () => (await browser.execute(() => document.querySelector('form[data-saving="true"]') === null)),
    { timeout: 10_000, timeoutMsg: "an answer was still being saved after 10 s" },
  );
}

/** Answers one question with the pointer. */
async function answerByPointer(browser: Browser, id: string, value: unknown): Promise<void> {
  const within = `[data-question="${id}"]`;
  if (value === null) {
    await click(browser, `${within} input[value="${UNKNOWN}"]`);
  } else if (Array.isArray(value)) {
    for (const v of value) await click(browser, `${within} input[value="${String(v)}"]`);
  } else if (typeof value === "string" && (await browser.$(`input#${id}`).isExisting())) {
    const input = await waitFor(browser, `input#${id}`);
    await input.setValue(value);
    await browser.keys(Key.Tab);
  } else {
    await click(browser, `${within} input[value="${String(value)}"]`);
  }
  await settled(browser);
}

/** Types `text` one key at a time (a single action would merge a doubled letter's presses). */
async function typeText(browser: Browser, text: string): Promise<void> {
  for (const ch of text) await browser.keys(ch);
}

type Focus = { q: string | null; id: string; type: string; value: string; checked: boolean; testid: string | null };

async function focus(browser: Browser): Promise<Focus> {
  return browser.execute(() => {
    const a = document.activeElement as HTMLInputElement | null;
    return {
      q: a?.closest("[data-question]")?.getAttribute("data-question") ?? null,
      id: a?.id ?? "",
      type: a?.type ?? "",
      value: a?.value ?? "",
      checked: Boolean(a?.checked),
      testid: a?.getAttribute("data-testid") ?? null,
    };
  });
}

async function tabUntil(browser: Browser, done: (f: Focus) => boolean, what: string): Promise<Focus> {
  for (let i = 0; i < 120; i++) {
    await browser.keys(Key.Tab);
    const f = await focus(browser);
    if (done(f)) return f;
  }
  throw new Error(`Tab never reached ${what}`);
}

/** Answers one question with the keyboard only: Tab to it, arrows or Space, typing. */
async function answerByKeyboard(browser: Browser, id: string, value: unknown): Promise<void> {
  let f = await tabUntil(browser, (x) => x.q === id, `question ${id}`);
  if (f.type === "radio") {
    const target = value === null ? UNKNOWN : String(value);
    for (let i = 0; f.value !== target && i < 12; i++) {
      await browser.keys(Key.ArrowDown);
      f = await focus(browser);
    }
    if (f.value !== target) throw new Error(`the arrows never reached ${target} in ${id}`);
    if (!f.checked) await browser.keys(Key.Space);
  } else if (f.type === "checkbox") {
    const targets = value === null ? [UNKNOWN] : (value as unknown[]).map(String);
    while (f.q === id) {
      if (targets.includes(f.value) && !f.checked) await browser.keys(Key.Space);
      await browser.keys(Key.Tab);
      f = await focus(browser);
    }
    await browser.keys([Key.Shift, Key.Tab]);
  } else {
    await typeText(browser, String(value));
    await browser.keys(Key.Tab);
  }
  await settled(browser);
}

/** Runs a whole diagnostic for `p` from the home screen, by pointer or by keyboard only. */
export async function runDiagnostic(
  browser: Browser,
  p: Persona,
  keyboard = false,
  onStep?: (section: string) => Promise<void>,
): Promise<void> {
  const answer = keyboard ? answerByKeyboard : answerByPointer;
  if (keyboard) {
    await browser.execute(() => (document.activeElement as HTMLElement | null)?.blur());
    await tabUntil(browser, (f) => f.testid === "start-diagnostic", "the start button");
    await browser.keys(Key.Enter);
  } else {
    await click(browser, '[data-testid="start-diagnostic"]');
  }
  await waitFor(browser, '[data-testid="consent-continue"]');
  for (const id of await visibleQuestions(browser)) {
    if (id in p.answers) await answer(browser, id, p.answers[id]);
  }
  if (p.answers["consent_name_on_sheet"] === true) {
    const name = await waitFor(browser, "#first-name");
    if (keyboard) {
      await tabUntil(browser, (f) => f.id === "first-name", "the first name");
      await typeText(browser, p.first_name);
    } else {
      await name.setValue(p.first_name);
    }
  }
  if (keyboard) {
    await tabUntil(browser, (f) => f.testid === "consent-continue", "continue");
    await browser.keys(Key.Enter);
  } else {
    await click(browser, '[data-testid="consent-continue"]');
  }
  for (let step = 0; step < 30; step++) {
    await waitFor(browser, '[data-testid="section-title"]');
    const done = new Set<string>();
    for (;;) {
      const next = (await visibleQuestions(browser)).find((id) => !done.has(id));
      if (next === undefined) break;
      done.add(next);
      if (next in p.answers) await answer(browser, next, p.answers[next]);
    }
    const finish = await browser.$('[data-testid="wizard-finish"]').isExisting();
    const button = finish ? "wizard-finish" : "wizard-next";
    const title = await browser.$('[data-testid="section-title"]').getAttribute("data-section");
    if (onStep && title) await onStep(title);
    if (keyboard) {
      await tabUntil(browser, (f) => f.testid === button, button);
      await browser.keys(Key.Enter);
    } else {
      await click(browser, `[data-testid="${button}"]`);
    }
    if (finish) {
      await waitFor(browser, '[data-testid="result-profile"]');
      return;
    }
    await browser.waitUntil(
      async () => (await browser.$('[data-testid="section-title"]').getAttribute("data-section")) !== title,
      { timeout: 10_000, timeoutMsg: `the wizard did not leave section ${title}` },
    );
  }
  throw new Error("the wizard never finished");
}

/** The profile and need codes the result screen shows. */
export async function shownResult(browser: Browser): Promise<{ profile: string; needs: string[] }> {
  const profile = (await browser.$('[data-testid="result-profile"]').getAttribute("data-profile")) ?? "";
  const needs = await browser.execute(() =>
    Array.from(document.querySelectorAll('[data-testid="need"]')).map((e) => e.getAttribute("data-code") ?? ""),
  );
  return { profile, needs };
}
