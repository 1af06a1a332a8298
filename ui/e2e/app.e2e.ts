// The real app in a real window, driven through WebDriver: diagnostics by pointer and by
// keyboard only, orientation and the PDF sheet, a SIGKILL mid-diagnostic, the language switch,
// demo mode, a directory import with bad rows; axe-core on every screen; screenshots saved.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { axe, click, describeViolations, Driver, persona, shot, waitFor, type Browser } from "./harness";
import { runDiagnostic, shownResult } from "./flows";

const driver = new Driver();
let browser: Browser;

async function accessible(name: string): Promise<void> {
  const violations = await axe(browser);
  expect(violations, `serious or critical accessibility violations on ${name}:\n${describeViolations(violations)}`).toEqual([]);
}

async function nav(name: string): Promise<void> {
  await click(browser, `[data-testid="nav-${name}"]`);
  await browser.pause(300);
}

beforeAll(async () => {
  await driver.start();
  browser = await driver.session();
});

afterAll(async () => {
  await browser?.deleteSession().catch(() => undefined);
  await driver.stop();
});

describe("the desktop app", () => {
  test("opens on the home screen, in French, on its embedded defaults", async () => {
    const title = await (await waitFor(browser, "h1")).getText();
    expect(title, "the first screen greets in French").toBe("Bienvenue");
    expect(await browser.getTitle(), "the window is titled Aiguillage").toBe("Aiguillage");
    await shot(browser, "01-home");
    await accessible("home");
    await click(browser, '[data-testid="start-diagnostic"]');
    await waitFor(browser, '[data-testid="consent-continue"]');
    await accessible("consent");
    await nav("home");
  });

  test("three personas by pointer show their expected profile and needs", async () => {
    let first = true;
    for (const id of ["germaine", "yanis", "claire"]) {
      const p = persona(id);
      await nav("home");
      await runDiagnostic(browser, p, false, async (section) => {
        if (!first) return;
        await accessible(`wizard step ${section}`);
        if (section === "situation") await shot(browser, "02-diagnostic");
      });
      first = false;
      expect(await shownResult(browser), `${id}'s result on screen is the hand-worked one`).toEqual({
        profile: p.expected.profile,
        needs: p.expected.needs,
      });
    }
    await shot(browser, "03-result");
    await accessible("result");
  });

  test("the whole diagnostic can be done with the keyboard alone", async () => {
    const p = persona("moussa");
    await nav("home");
    await runDiagnostic(browser, p, true);
    expect(await shownResult(browser), "moussa's result, typed with keys only").toEqual({
      profile: p.expected.profile,
      needs: p.expected.needs,
    });
  });

  test("orientations are chosen and the PDF sheet says what was chosen", async () => {
    await click(browser, '[data-testid="go-orientation"]');
    await waitFor(browser, '[data-testid="orientation-need"]');
    const chosen = await browser.execute(() =>
      Array.from(document.querySelectorAll('[data-testid="orientation-need"] input[type="radio"]:checked'))
        .map((i) => i.closest("label")?.querySelector("strong")?.textContent ?? ""),
    );
    expect(chosen.length, "each need starts with its best service chosen").toBeGreaterThan(0);
    await shot(browser, "04-orientation");
    await accessible("orientation");
    await click(browser, '[data-testid="save-orientations"]');
    await click(browser, '[data-testid="go-sheet"]');
    await waitFor(browser, '[data-testid="sheet-preview"]');
    await shot(browser, "05-sheet");
    await accessible("sheet");
    await click(browser, '[data-testid="save-pdf"]');
    const path = await (await waitFor(browser, '[data-testid="pdf-path"]')).getText();
    const text = execFileSync("pdftotext", ["-layout", path, "-"], { encoding: "utf8" });
    expect(text, "the sheet carries the consented first name").toContain(persona("moussa").first_name);
    for (const structure of chosen) {
      expect(text.replace(/\s+/g, " "), `the sheet names ${structure}`).toContain(structure.replace(/\s+/g, " "));
    }
  });

  test("history, directory, reports and settings are accessible", async () => {
    await nav("history");
    await waitFor(browser, '[data-testid="history-row"]');
    const rows = await browser.$$('[data-testid="history-row"]').length;
    expect(rows, "the four saved diagnostics are listed").toBeGreaterThanOrEqual(4);
    await shot(browser, "06-history");
    await accessible("history");
    await click(browser, '[data-testid="history-row"] button');
    await waitFor(browser, '[data-testid="result-profile"]');
    await shot(browser, "13-diagnostic");
    await accessible("a saved diagnostic");
    // The person withdraws consent: one diagnostic fewer, at once.
    await click(browser, '[data-testid="erase-diagnostic"]');
    await click(browser, '[data-testid="erase-diagnostic-yes"]');
    await waitFor(browser, '[data-testid="history-total"]');
    await browser.waitUntil(async () => (await browser.$$('[data-testid="history-row"]').length) === rows - 1, {
      timeout: 5_000, timeoutMsg: "the erased diagnostic is still listed",
    });
    for (const [name, file] of [["directory", "07-directory"], ["reports", "08-reports"], ["settings", "09-settings"]] as const) {
      await nav(name);
      await waitFor(browser, "h1");
      await browser.pause(500);
      await shot(browser, file);
      await accessible(name);
    }
  });

  test("a directory file with bad rows imports the good ones and lists the others", async () => {
    const file = join(driver.home, "annuaire.json");
    const structure = (id: string, nom: string) => ({ source: "test", id, nom, date_maj: "2026-10-01", commune: "Lyon", code_insee: "69381" });
    writeFileSync(file, JSON.stringify({
      structures: [structure("t-1", "Maison fictive des Canuts"), { source: "test", id: "t-2" }],
      services: [{ source: "test", structure_id: "t-1", id: "t-s1", nom: "Atelier fictif", description: "Un atelier.", date_maj: "2026-10-01", thematiques: ["numerique--maitriser-les-fondamentaux-du-numerique"] }],
    }));
    await nav("directory");
    await click(browser, '[data-testid="directory-tab-import"]');
    const input = await browser.$('[data-testid="directory-file"]');
    await input.setValue(file);
    await click(browser, '[data-testid="directory-import"]');
    const summary = await (await waitFor(browser, '[data-testid="import-summary"]')).getText();
    expect(summary, "one structure and one service imported, one row refused").toMatch(/1 .*1 .*1/s);
    const rejected = await (await waitFor(browser, '[data-testid="rejected-rows"]')).getText();
    expect(rejected, "the refused row is named").toContain("t-2");
    await shot(browser, "10-directory-import");
  });

  test("the language switches to English and back", async () => {
    await nav("settings");
    const select = await waitFor(browser, '[data-testid="language-select"]');
    await select.selectByAttribute("value", "en");
    await browser.waitUntil(async () => (await browser.$('[data-testid="nav-home"]').getText()) === "Home", {
      timeout: 5_000, timeoutMsg: "the menu did not switch to English",
    });
    await nav("home");
    expect(await (await waitFor(browser, "h1")).getText(), "the home screen speaks English").toBe("Welcome");
    await shot(browser, "11-home-english");
    await nav("settings");
    await (await waitFor(browser, '[data-testid="language-select"]')).selectByAttribute("value", "fr");
    await browser.waitUntil(async () => (await browser.$('[data-testid="nav-home"]').getText()) === "Accueil", {
      timeout: 5_000, timeoutMsg: "the menu did not switch back to French",
    });
  });

  test("demo mode is separate: its banner everywhere, and real records untouched", async () => {
    await nav("history");
    const realTotal = await (await waitFor(browser, '[data-testid="history-total"]')).getText();
    await nav("home");
    await click(browser, '[data-testid="demo-switch"]');
    await waitFor(browser, '[data-testid="demo-banner"]');
    await click(browser, '[data-testid="persona-germaine"]');
    await click(browser, '[data-testid="persona-fill"]');
    await click(browser, '[data-testid="consent-continue"]');
    await waitFor(browser, '[data-testid="section-title"]');
    await click(browser, '[data-testid="persona-fill"]');
    await browser.pause(1500);
    await shot(browser, "12-demo-persona");
    await accessible("demo wizard");
    await nav("history");
    expect(await browser.$('[data-testid="demo-banner"]').isDisplayed(), "the banner stays on every demo screen").toBe(true);
    const demoTotal = await (await waitFor(browser, '[data-testid="history-total"]')).getText();
    expect(demoTotal, "the demo has its own records").not.toBe(realTotal);
    await nav("home");
    await click(browser, '[data-testid="demo-switch"]');
    await browser.waitUntil(async () => !(await browser.$('[data-testid="demo-banner"]').isExisting()), {
      timeout: 5_000, timeoutMsg: "the demo banner stayed after leaving the demo",
    });
    await nav("history");
    expect(await (await waitFor(browser, '[data-testid="history-total"]')).getText(), "real records are exactly as before the demo").toBe(realTotal);
  });

  test("a diagnostic killed mid-way resumes with every answer", async () => {
    const p = persona("sylvie");
    await nav("home");
    await click(browser, '[data-testid="start-diagnostic"]');
    for (const id of ["consent_informed", "consent_record"]) {
      await click(browser, `[data-question="${id}"] input[value="true"]`);
    }
    await click(browser, '[data-testid="consent-continue"]');
    await waitFor(browser, '[data-testid="section-title"]');
    const answered: [string, string][] = [];
    for (const id of ["ctx_age_band", "ctx_status"]) {
      const v = String(p.answers[id]);
      await click(browser, `[data-question="${id}"] input[value="${v}"]`);
      answered.push([id, v]);
    }
    await browser.waitUntil(async () => browser.execute(() => document.querySelector('form[data-saving="true"]') === null), { timeout: 10_000 });
    driver.killApp();
    await browser.deleteSession().catch(() => undefined);
    browser = await driver.session();
    await click(browser, '[data-testid="resume-draft"]');
    await waitFor(browser, '[data-testid="section-title"]');
    for (const [id, v] of answered) {
      expect(await browser.$(`[data-question="${id}"] input[value="${v}"]`).isSelected(), `${id} is still answered after the kill`).toBe(true);
    }
    expect(await browser.$('[data-question="consent_informed"]').isExisting(), "consent is not asked again").toBe(false);
  });
});
