// What a volunteer does, step by step, through the real window: by pointer, or by keyboard only;
// and what comes before: setting a new computer up, unlocking it.
import { Key } from "webdriverio";
import { click, waitFor, type Browser, type Persona } from "./harness";

/** Every fresh data directory is set up for this centre, by this coordinator. */
export const CENTRE = "Centre d'essai";
export const COORDINATOR = "Nadia";
export const PASSPHRASE = "phrase de passe d'essai";

/** Passphrases go through Argon2id, slow on purpose: set-up and unlock take seconds. */
const KEY_DERIVATION_MS = 60_000;

export type SetUpHooks = {
  /** With the form filled in, before it is sent. */
  onForm?: () => Promise<void>;
  /** While the recovery key is on screen (its only showing). */
  onRecoveryKey?: (key: string) => Promise<void>;
};

/**
 * Sets a new computer up (centre, coordinator, passphrase), acknowledges the recovery key and
 * continues to the home screen. Returns the recovery key.
 */
export async function setUp(browser: Browser, hooks: SetUpHooks = {}): Promise<string> {
  await (await waitFor(browser, '[data-testid="setup-centre"]')).setValue(CENTRE);
  await (await waitFor(browser, '[data-testid="setup-name"]')).setValue(COORDINATOR);
  await (await waitFor(browser, '[data-testid="setup-passphrase"]')).setValue(PASSPHRASE);
  await (await waitFor(browser, '[data-testid="setup-confirm"]')).setValue(PASSPHRASE);
  await hooks.onForm?.();
  await click(browser, '[data-testid="setup-submit"]');
  const key = await (await waitFor(browser, '[data-testid="recovery-key"]', KEY_DERIVATION_MS)).getText();
  await hooks.onRecoveryKey?.(key);
  await click(browser, '[data-testid="recovery-ack"]');
  await click(browser, '[data-testid="setup-continue"]');
  await waitFor(browser, '[data-testid="start-diagnostic"]');
  return key;
}

/** Unlocks from the lock screen as `name`; the app then shows what it showed when it locked. */
export async function unlock(browser: Browser, name: string, passphrase: string): Promise<void> {
  await waitFor(browser, '[data-testid="lock-screen"]');
  await click(browser, `[data-testid="lock-volunteer-${name}"]`);
  await (await waitFor(browser, '[data-testid="lock-passphrase"]')).setValue(passphrase);
  await click(browser, '[data-testid="lock-submit"]');
  await browser.waitUntil(async () => !(await browser.$('[data-testid="lock-screen"]').isExisting()), {
    timeout: KEY_DERIVATION_MS,
    timeoutMsg: `${name} could not unlock within ${KEY_DERIVATION_MS} ms`,
  });
  await waitFor(browser, '[data-testid="who"]');
}

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
  } else if (typeof value === "string" && (await browser.$(`input#${id}[role="combobox"]`).isExisting())) {
    // A commune is picked from the suggestions of what was typed.
    const input = await waitFor(browser, `input#${id}`);
    await input.setValue(value);
    await click(browser, `#${id}-suggestions li[data-code="${value}"]`);
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
  } else if (f.type === "text" && (await browser.$(`input#${id}[role="combobox"]`).isExisting())) {
    // Typed, then the arrows move through the suggestions until the commune's, and Enter picks it.
    await typeText(browser, String(value));
    await waitFor(browser, `#${id}-suggestions li[data-code="${String(value)}"]`);
    for (let i = 0; i < 10; i++) {
      const active = await browser.execute((q) => {
        const at = document.getElementById(q)?.getAttribute("aria-activedescendant");
        return at ? (document.getElementById(at)?.getAttribute("data-code") ?? null) : null;
      }, id);
      if (active === String(value)) break;
      await browser.keys(Key.ArrowDown);
    }
    await browser.keys(Key.Enter);
  } else {
    await typeText(browser, String(value));
    await browser.keys(Key.Tab);
  }
  await settled(browser);
}

/**
 * From the home screen, starts a diagnostic for `p` (consent given) and answers `questions` of
 * its first step by pointer. Returns each question with the value chosen.
 */
export async function beginDiagnostic(browser: Browser, p: Persona, questions: string[]): Promise<[string, string][]> {
  await click(browser, '[data-testid="start-diagnostic"]');
  for (const id of ["consent_informed", "consent_record"]) {
    await click(browser, `[data-question="${id}"] input[value="true"]`);
  }
  await click(browser, '[data-testid="consent-continue"]');
  await waitFor(browser, '[data-testid="section-title"]');
  const answered: [string, string][] = [];
  for (const id of questions) {
    const v = String(p.answers[id]);
    await click(browser, `[data-question="${id}"] input[value="${v}"]`);
    answered.push([id, v]);
  }
  await settled(browser);
  return answered;
}

/** What a diagnostic took, from "Commencer" to its result: screens shown and answers given. */
export type Journey = { screens: number; answers: number };

/** Runs a whole diagnostic for `p` from the home screen, by pointer or by keyboard only. */
export async function runDiagnostic(
  browser: Browser,
  p: Persona,
  keyboard = false,
  onStep?: (section: string) => Promise<void>,
): Promise<Journey> {
  // The consent screen, then each step, then the result.
  const journey: Journey = { screens: 1, answers: 0 };
  const answerWith = keyboard ? answerByKeyboard : answerByPointer;
  const answer = async (b: Browser, id: string, value: unknown) => {
    journey.answers++;
    await answerWith(b, id, value);
  };
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
    journey.answers++;
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
    journey.screens++;
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
      journey.screens++;
      return journey;
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
