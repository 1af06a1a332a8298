// The real app in a real window, driven through WebDriver: set-up and the lock, diagnostics by
// pointer and by keyboard only, orientation and the PDF sheet, a SIGKILL mid-diagnostic, the
// language switch, demo mode, a directory import with bad rows, a trainer's demo-only session,
// the idle lock, the lock with the computer's session; axe-core on every screen; screenshots saved.
// Longer than 500 lines: one WebDriver session drives the whole story, and its steps share the
// window, the data directory and the server it started.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Key } from "webdriverio";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { axe, cliBinary, click, clicks, describeViolations, Driver, persona, personas, repo, serverBinary, shot, waitFor, type Browser } from "./harness";
import { beginDiagnostic, COORDINATOR, PASSPHRASE, runDiagnostic, setUp, shownResult, unlock } from "./flows";

const driver = new Driver();
let browser: Browser;

async function accessible(name: string): Promise<void> {
  const violations = await axe(browser);
  expect(violations, `serious or critical accessibility violations on ${name}:\n${describeViolations(violations)}`).toEqual([]);
}

/** What set-up showed, checked by the first test (set-up runs once, before every test). */
const setUpSeen = { key: "", violations: [] as string[] };

async function record(name: string): Promise<void> {
  const violations = await axe(browser);
  if (violations.length) setUpSeen.violations.push(`${name}:\n${describeViolations(violations)}`);
}

/** The structures chosen on the orientation screen, one per need. */
async function chosenStructures(): Promise<string[]> {
  return browser.execute(() =>
    Array.from(document.querySelectorAll('[data-testid="orientation-need"] input[type="radio"]:checked'))
      .map((i) => i.closest("label")?.querySelector("strong")?.textContent ?? ""),
  );
}

/**
 * Waits until the sheet's pages are drawn (and, when given, its text holds `words`); returns the
 * sheet's text as screen readers get it.
 */
async function sheetShown(words = ""): Promise<string> {
  let text = "";
  await browser.waitUntil(
    async () => {
      text = await browser.execute(() => {
        const busy = document.querySelector('[data-testid="sheet-preview"]')?.getAttribute("aria-busy") === "true";
        const pages = Array.from(document.querySelectorAll<HTMLImageElement>('[data-testid="sheet-page"]'));
        const drawn = pages.length > 0 && pages.every((p) => p.complete && p.naturalWidth > 1000);
        return !busy && drawn ? (document.querySelector('[data-testid="sheet-text"]')?.textContent ?? "") : "";
      });
      return text !== "" && text.includes(words);
    },
    { timeout: 20_000, timeoutMsg: `the sheet's pages are drawn${words ? ` and say ${words}` : ""}` },
  );
  return text;
}

async function nav(name: string): Promise<void> {
  await click(browser, `[data-testid="nav-${name}"]`);
  await browser.pause(300);
}

beforeAll(async () => {
  await driver.start();
  browser = await driver.session();
  setUpSeen.key = await setUp(browser, {
    onForm: () => record("the set-up form"),
    onRecoveryKey: async () => {
      await shot(browser, "15-recovery-key");
      await record("the recovery key");
    },
  });
});

afterAll(async () => {
  await browser?.deleteSession().catch(() => undefined);
  await driver.stop();
});

describe("the desktop app", () => {
  test("a new computer is set up first, and its recovery key shown once", async () => {
    expect(setUpSeen.violations, "serious or critical accessibility violations on set-up").toEqual([]);
    expect(setUpSeen.key.replace(/[\s-]/g, ""), "the key is 32 letters and digits").toMatch(/^[A-Z2-7]{32}$/);
    expect(await browser.$('[data-testid="recovery-key"]').isExisting(), "the key is gone once acknowledged").toBe(false);
    expect(await (await waitFor(browser, '[data-testid="who"]')).getText(), "the coordinator is signed in").toContain(COORDINATOR);
  });

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

  test("every demo persona by pointer shows its expected profile and needs, and reaches its sheet", { timeout: 400_000 }, async () => {
    let first = true;
    const rows: string[] = [];
    for (const id of personas.map((p) => p.id)) {
      const p = persona(id);
      await nav("home");
      const before = clicks.count;
      const journey = await runDiagnostic(browser, p, false, async (section) => {
        if (!first) return;
        await accessible(`wizard step ${section}`);
        if (section === "situation") await shot(browser, "02-diagnostic");
      });
      expect(await shownResult(browser), `${id}'s result on screen is the hand-worked one`).toEqual({
        profile: p.expected.profile,
        needs: p.expected.needs,
      });
      if (first) {
        await shot(browser, "03-result");
        await accessible("result");
      }
      first = false;
      // On to the sheet as a volunteer would: the orientation as proposed, then the PDF.
      await click(browser, '[data-testid="go-orientation"]');
      await waitFor(browser, "h1");
      await click(browser, '[data-testid="go-sheet"]');
      await waitFor(browser, '[data-testid="sheet-page"]');
      await click(browser, '[data-testid="save-pdf"]');
      await waitFor(browser, '[data-testid="pdf-path"]');
      rows.push(`| ${id} | ${journey.screens + 2} | ${journey.answers} | ${clicks.count - before} |`);
    }
    // For BENCHMARKS.md: what it takes a volunteer, from "Commencer" to the sheet's PDF.
    writeFileSync(
      join(repo, "target", "e2e-journeys.md"),
      ["| persona | screens | answers | clicks |", "|---|---|---|---|", ...rows, ""].join("\n"),
    );
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
    expect((await chosenStructures()).length, "each need starts with its best service chosen").toBeGreaterThan(0);
    await shot(browser, "04-orientation");
    await accessible("orientation");
    // The volunteer picks the first need's second proposal: saved as it is picked.
    await click(browser, '[data-testid="orientation-need"] label.match:nth-of-type(2) input[type="radio"]');
    await waitFor(browser, '[data-testid="orientations-saved"]');
    const chosen = await chosenStructures();
    await click(browser, '[data-testid="go-sheet"]');
    await sheetShown();
    await shot(browser, "05-sheet");
    await accessible("sheet");
    await click(browser, '[data-testid="save-pdf"]');
    const path = await (await waitFor(browser, '[data-testid="pdf-path"]')).getText();
    const text = execFileSync("pdftotext", ["-layout", path, "-"], { encoding: "utf8" });
    expect(text, "the sheet carries the consented first name").toContain(persona("moussa").first_name);
    for (const structure of chosen) {
      expect(text.replace(/\s+/g, " "), `the sheet names ${structure}`).toContain(structure.replace(/\s+/g, " "));
    }

    // In the person's language, then French; then easy to read: the preview is the PDF itself.
    await (await browser.$('[data-testid="sheet-language"]')).selectByAttribute("value", "ar");
    const arabic = await sheetShown("ورقة التوجيه");
    expect(arabic, "the Arabic sheet says its texts in French too").toContain("Fiche d’orientation");
    await shot(browser, "26-sheet-arabic", '[data-testid="sheet-preview"]');
    await click(browser, '[data-testid="sheet-easy"]');
    const easy = await sheetShown("أين أجد المساعدة؟");
    expect(easy, "the easy-read sheet, in both languages").toContain("Où aller pour avoir de l’aide");
    await shot(browser, "27-sheet-arabic-easy", '[data-testid="sheet-preview"]');
    await accessible("sheet, Arabic, easy to read");
    await click(browser, '[data-testid="save-pdf"]');
    const saved = await waitFor(browser, '[data-testid="pdf-path"]');
    const arabicPath = await saved.getText();
    expect(arabicPath, "the file name says the language and the variant").toMatch(/-ar-facile\.pdf$/);
    const arabicText = execFileSync("pdftotext", [arabicPath, "-"], { encoding: "utf8" });
    expect(arabicText, "the saved PDF is the one previewed").toContain("أين أجد المساعدة؟");
    await (await browser.$('[data-testid="sheet-language"]')).selectByAttribute("value", "fr");
    const french = await sheetShown("Où aller pour avoir de l’aide");
    expect(french, "back to French alone").not.toContain("أين");
    await shot(browser, "28-sheet-easy", '[data-testid="sheet-preview"]');
  });

  test("a person who declines to be kept still leaves with an orientation and a sheet", async () => {
    // The records as the command line reads them, unlocked as the coordinator.
    const records = (...args: string[]) =>
      JSON.parse(
        execFileSync(cliBinary, ["--data-dir", driver.dataDir, ...args, "--format", "json"], {
          encoding: "utf8",
          env: { ...process.env, AIGUILLAGE_VOLUNTEER: COORDINATOR, AIGUILLAGE_PASSPHRASE: PASSPHRASE },
        }),
      );
    const before = { list: records("list"), report: records("report") };
    const p = persona("sylvie");
    await nav("home");
    await runDiagnostic(browser, { ...p, answers: { ...p.answers, consent_record: false } });
    await waitFor(browser, '[data-testid="not-kept"]');
    expect(await shownResult(browser), "the full result is shown all the same").toEqual({
      profile: p.expected.profile,
      needs: p.expected.needs,
    });
    await shot(browser, "17-result-not-kept");
    await click(browser, '[data-testid="go-orientation"]');
    await waitFor(browser, '[data-testid="orientation-need"]');
    const chosen = await chosenStructures();
    expect(chosen.length, "each need starts with its best service chosen, as for a kept diagnostic").toBeGreaterThan(0);
    await click(browser, '[data-testid="go-sheet"]');
    await sheetShown();
    await click(browser, '[data-testid="save-pdf"]');
    const path = await (await waitFor(browser, '[data-testid="pdf-path"]')).getText();
    const text = execFileSync("pdftotext", ["-layout", path, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    for (const structure of chosen) {
      expect(text, `the sheet names ${structure}`).toContain(structure.replace(/\s+/g, " "));
    }
    await nav("home");
    const after = { list: records("list"), report: records("report") };
    expect(after.list, "the history holds no trace of them").toEqual(before.list);
    expect(
      [after.report.total - before.report.total, after.report.anonymous - before.report.anonymous],
      "only the anonymous count was added",
    ).toEqual([1, 1]);
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
    // Dates are typed day, month, year, whatever the system's own format; one that names no day
    // is said, and searches nothing.
    const from = async (day: string, month: string, year: string) => {
      for (const [part, value] of [["day", day], ["month", month], ["year", year]] as const) {
        await (await browser.$(`#h-from-${part}`)).setValue(value);
      }
      await click(browser, 'form.filters button[type="submit"]');
    };
    await from("31", "2", "2026");
    const said = await (await waitFor(browser, 'p.error[role="alert"]')).getText();
    expect(said, "the date at fault is named").toContain("« Du » n'existe pas");
    await shot(browser, "23-history-date-refused");
    expect(await browser.$$('[data-testid="history-row"]').length, "the list stays as it was").toBe(rows - 1);
    await from("1", "1", "2099");
    await browser.waitUntil(async () => (await browser.$$('[data-testid="history-row"]').length) === 0, {
      timeout: 5_000, timeoutMsg: "a day that exists is refused, or the search ignores it",
    });
    expect(await browser.$('p.error[role="alert"]').isExisting(), "and the sentence is gone").toBe(false);
    for (const [name, file] of [["directory", "07-directory"], ["reports", "08-reports"], ["settings", "09-settings"]] as const) {
      await nav(name);
      await waitFor(browser, "h1");
      await browser.pause(500);
      await shot(browser, file);
      await accessible(name);
    }
    // The centre's commune, typed as people say it: homonyms show their département.
    const commune = await waitFor(browser, '[data-testid="centre-commune-input"]');
    await commune.click();
    await browser.keys("saint denis".split(""));
    await waitFor(browser, '#centre-commune-suggestions li[data-code="93066"]');
    const labels = await browser.execute(() =>
      Array.from(document.querySelectorAll("#centre-commune-suggestions li strong")).map((s) => s.textContent ?? ""),
    );
    expect(labels, "Saint-Denis of Seine-Saint-Denis and of La Réunion, told apart").toEqual(
      expect.arrayContaining(["Saint-Denis (93)", "Saint-Denis (974)"]),
    );
    await shot(browser, "24-commune-suggestions", '[data-testid="centre-commune-card"]');
    await accessible("the commune suggestions");
    await click(browser, '#centre-commune-suggestions li[data-code="93066"]');
    await browser.waitUntil(
      async () => browser.execute(() => Array.from(document.querySelectorAll("p.notice")).some((p) => p.textContent?.includes("Commune du lieu d'accueil enregistrée : Saint-Denis (93)"))),
      { timeout: 5_000, timeoutMsg: "the centre's commune was not saved" },
    );
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
    // The native field is out of sight behind the app's button: the keyboard still reaches it,
    // and the button shows the focus.
    let reached = false;
    for (let i = 0; i < 8 && !reached; i++) {
      await browser.keys(Key.Tab);
      reached = await browser.execute(() => document.activeElement?.id === "directory-file");
    }
    expect(reached, "Tab reaches the file field from the import tab").toBe(true);
    const ring = await browser.execute(() => getComputedStyle(document.querySelector('label[for="directory-file"]')!).outlineStyle);
    expect(ring, "the focused field's button is outlined").not.toBe("none");
    const input = await browser.$('[data-testid="directory-file"]');
    // addValue: the field is out of sight (the app shows its own button), and a file field
    // takes its path without the clearing that setValue first asks of a visible field.
    await input.addValue(file);
    await click(browser, '[data-testid="directory-import"]');
    const summary = await (await waitFor(browser, '[data-testid="import-summary"]')).getText();
    expect(summary, "one structure and one service imported, one row refused").toMatch(/1 .*1 .*1/s);
    const rejected = await (await waitFor(browser, '[data-testid="rejected-rows"]')).getText();
    expect(rejected, "the refused row is named").toContain("t-2");
    expect(rejected, "and why, in French, its field named as the form labels it").toContain(
      "Le champ « Nom » est obligatoire.",
    );
    await shot(browser, "10-directory-import");
    await shot(browser, "19-directory-rejected", '[data-testid="rejected-rows"]');
  });

  test("the national files are kept to the départements the coordinator names", async () => {
    const national = (name: string) => {
      const rows = JSON.parse(readFileSync(join(repo, "assets/directory/sample", name), "utf8")) as Record<string, unknown>[];
      const path = join(driver.home, `national-${name}`);
      writeFileSync(path, JSON.stringify(rows.map((r) => ({ ...r, source: "dora" }))));
      return path;
    };
    await (await browser.$('[data-testid="national-structures"]')).addValue(national("structures.json"));
    await (await browser.$('[data-testid="national-services"]')).addValue(national("services.json"));
    await (await waitFor(browser, '[data-testid="national-departements"]')).setValue("38");
    await click(browser, '[data-testid="national-import"]');
    const summary = await (await waitFor(browser, '[data-testid="national-summary"]', 30_000)).getText();
    expect(summary, "the Isère's places kept, the rest said to be outside").toMatch(/gardés, \d+ fiches hors de votre territoire/);
    await shot(browser, "25-national-import", '[data-testid="national-summary"]');
    await accessible("the national import");
  });

  test("the coordinator's audit trail says in words who did what, without personal content", async () => {
    await nav("settings");
    const trail = await waitFor(browser, '[data-testid="audit-trail"] table');
    const text = (await trail.getText()).replace(/[\u00a0\u202f]/g, " ");
    expect(text, "the sheet saved earlier is on record").toContain("Fiche d'orientation enregistrée");
    expect(text, "the import's counts are worded").toContain("Annuaire importé : 1 structure(s), 1 service(s)");
    expect(text, "the erasure is on record").toContain("Diagnostic effacé");
    expect(text, "no first name of a person in the trail").not.toContain(persona("moussa").first_name);
    await shot(browser, "20-audit-trail", '[data-testid="audit-trail"]');
    await accessible("the audit trail");
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

  test("lock, wrong passphrase, unlock: back on the same screen", async () => {
    await nav("history");
    const title = await (await waitFor(browser, "h1")).getText();
    const total = await (await waitFor(browser, '[data-testid="history-total"]')).getText();
    await click(browser, '[data-testid="lock-now"]');
    await waitFor(browser, '[data-testid="lock-screen"]');
    expect(await browser.$('[data-testid="nav-home"]').isDisplayed(), "the app is out of sight").toBe(false);
    expect(
      await browser.execute(() => (document.querySelector('[data-testid="app-shell"]') as HTMLElement & { inert: boolean }).inert),
      "the app is out of reach",
    ).toBe(true);
    await shot(browser, "14-lock-screen");
    await accessible("the lock screen");

    await click(browser, `[data-testid="lock-volunteer-${COORDINATOR}"]`);
    await (await waitFor(browser, '[data-testid="lock-passphrase"]')).setValue("pas la bonne phrase");
    await browser.keys(Key.Enter);
    const error = await waitFor(browser, '[data-testid="lock-error"]', 60_000);
    expect(await error.getText()).toBe("Cette phrase de passe n'ouvre pas l'appareil. Vérifiez-la et réessayez.");
    expect(await browser.$('[data-testid="lock-passphrase"]').getValue(), "the field is emptied").toBe("");
    expect(
      await browser.execute(() => document.activeElement?.getAttribute("data-testid")),
      "the focus is back in the passphrase field",
    ).toBe("lock-passphrase");
    // Nothing behind the lock can be reached: the keyboard cycles through the lock screen only.
    let escaped = 0;
    for (let i = 0; i < 25; i++) {
      await browser.keys(Key.Tab);
      if (await browser.execute(() => Boolean(document.activeElement?.closest('[data-testid="app-shell"]')))) escaped++;
    }
    expect(escaped, "Tab never lands behind the lock").toBe(0);
    expect(await browser.$('[data-testid="nav-home"]').isDisplayed(), "still out of sight").toBe(false);

    await unlock(browser, COORDINATOR, PASSPHRASE);
    expect(await (await waitFor(browser, "h1")).getText(), "back on the same screen").toBe(title);
    expect(await (await waitFor(browser, '[data-testid="history-total"]')).getText()).toBe(total);
  });

  test("demo mode is separate: its banner everywhere, and real records untouched", async () => {
    const shownIds = () =>
      browser.execute(() =>
        Array.from(document.querySelectorAll('[data-testid="history-row"]')).map((r) => r.getAttribute("data-id") ?? ""),
      );
    await nav("history");
    const realTotal = await (await waitFor(browser, '[data-testid="history-total"]')).getText();
    await waitFor(browser, '[data-testid="history-row"]');
    const realIds = await shownIds();
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
    await waitFor(browser, '[data-testid="history-row"]');
    const demoIds = await shownIds();
    expect(demoIds.length, "the demo has records of its own").toBeGreaterThan(0);
    expect(demoIds.filter((id) => realIds.includes(id)), "none of them a real one").toEqual([]);
    // The coordinator's settings, people and trail belong to the real records: not from here.
    await nav("settings");
    await waitFor(browser, '[data-testid="settings-demo"]');
    expect(await browser.$('[data-testid="volunteers"]').isExisting(), "no volunteers managed from the demo").toBe(false);
    expect(await browser.$('[data-testid="audit-trail"]').isExisting(), "no audit trail read from the demo").toBe(false);
    await shot(browser, "22-settings-demo");
    await accessible("a coordinator's settings in the demo");
    await nav("home");
    await click(browser, '[data-testid="demo-switch"]');
    await browser.waitUntil(async () => !(await browser.$('[data-testid="demo-banner"]').isExisting()), {
      timeout: 5_000, timeoutMsg: "the demo banner stayed after leaving the demo",
    });
    await nav("history");
    expect(await (await waitFor(browser, '[data-testid="history-total"]')).getText(), "real records are exactly as before the demo").toBe(realTotal);
  });

  test("a diagnostic past its retention period keeps its orientations, and says why it has no result", async () => {
    // A demo diagnostic made 800 days ago (the demo is a plain file of fictional people): the
    // next opening reduces it to its figures, as the server's two years ask.
    const demoDb = join(driver.dataDir, "aiguillage-demo.sqlite3");
    const old = new Date(Date.now() - 800 * 86_400_000).toISOString();
    const id = execFileSync(
      "python3",
      [
        "-c",
        "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); i = c.execute('SELECT id FROM diagnostic ORDER BY completed_at LIMIT 1').fetchone()[0]; c.execute('UPDATE diagnostic SET started_at = ?2, completed_at = ?2 WHERE id = ?1', (i, sys.argv[2])); c.commit(); print(i)",
        demoDb,
        old,
      ],
      { encoding: "utf8" },
    ).trim();
    await nav("home");
    await click(browser, '[data-testid="demo-switch"]');
    await waitFor(browser, '[data-testid="demo-banner"]');
    await nav("history");
    await click(browser, `[data-testid="history-row"][data-id="${id}"] button`);
    const notice = await waitFor(browser, '[data-testid="anonymised"]');
    expect(await notice.getText(), "the volunteer reads why, not a fault").toContain("durée de conservation");
    expect(await browser.$('[data-testid="result-profile"]').isExisting(), "no result drawn from no answers").toBe(false);
    await shot(browser, "29-diagnostic-anonymised");
    await accessible("a diagnostic past its retention period");
    await nav("home");
    await click(browser, '[data-testid="demo-switch"]');
    await browser.waitUntil(async () => !(await browser.$('[data-testid="demo-banner"]').isExisting()), {
      timeout: 5_000, timeoutMsg: "the demo banner stayed after leaving the demo",
    });
  });

  test("a coordinator links the computer to a real server, and the records reach it", async () => {
    // The central server, as its administrator runs it: a centre, a code, then `serve`.
    const db = `sqlite://${join(mkdtempSync(join(tmpdir(), "aiguillage-server-")), "server.sqlite3")}`;
    const admin = (...args: string[]) => execFileSync(serverBinary, ["--db", db, ...args], { encoding: "utf8" }).trim();
    const centre = admin("centre", "create", "Accueil");
    const code = admin("enrolment-code", centre).split("\n")[0]!;
    const server: ChildProcess = spawn(serverBinary, ["--db", db, "--listen", "127.0.0.1:0", "serve"]);
    try {
      const url = await new Promise<string>((ok, fail) => {
        server.stdout!.once("data", (line: Buffer) => ok(line.toString().trim().replace(/^listening on /, "")));
        server.once("exit", () => fail(new Error("the server stopped before listening")));
      });
      await nav("settings");
      await (await waitFor(browser, '[data-testid="enrol-server"]')).setValue(url);
      await (await waitFor(browser, '[data-testid="enrol-code"]')).setValue(code.toLowerCase());
      await click(browser, '[data-testid="enrol-submit"]');
      await waitFor(browser, '[data-testid="sync-now"]', 20_000);
      expect(await (await waitFor(browser, '[data-testid="sync-pending"]')).getText(), "everything waiting was sent").toMatch(/^0 /);
      const held = admin("export", "--format", "csv").split("\n").length - 1;
      expect(held, "the diagnostics made in the window are on the server").toBeGreaterThan(0);
      expect(await browser.$('[data-testid="bundle-export"]').isEnabled(), "no sending file while nothing waits").toBe(false);
      await waitFor(browser, '[data-testid="bundle-nothing"]');
      await shot(browser, "18-sync", '[data-testid="sync-panel"]');
      await accessible("the sync panel, enrolled");
    } finally {
      server.kill();
    }
    // The server gone: the failure is said in French, and kept with its time for later.
    await click(browser, '[data-testid="sync-now"]');
    const said = await (await waitFor(browser, '[data-testid="sync-error"]', 20_000)).getText();
    expect(said, "an unreachable server is said in plain French").toContain("Le serveur ne répond pas");
    await nav("home");
    await nav("settings");
    const kept = await (await waitFor(browser, '[data-testid="sync-last-error"]')).getText();
    expect(kept, "Settings keep the last failure, in French").toContain("Le serveur ne répond pas");
    await shot(browser, "21-sync-last-error", '[data-testid="sync-panel"]');
  });

  test("a diagnostic killed mid-way resumes with every answer", async () => {
    await nav("home");
    const answered = await beginDiagnostic(browser, persona("sylvie"), ["ctx_age_band", "ctx_status"]);
    driver.killApp();
    await browser.deleteSession().catch(() => undefined);
    browser = await driver.session();
    // The same data directory: set up already, so the app starts locked.
    await unlock(browser, COORDINATOR, PASSPHRASE);
    await click(browser, '[data-testid="resume-draft"]');
    await waitFor(browser, '[data-testid="section-title"]');
    for (const [id, v] of answered) {
      expect(await browser.$(`[data-question="${id}"] input[value="${v}"]`).isSelected(), `${id} is still answered after the kill`).toBe(true);
    }
    expect(await browser.$('[data-question="consent_informed"]').isExisting(), "consent is not asked again").toBe(false);
  });

  test("a trainer sees only the demo", async () => {
    await nav("settings");
    await (await waitFor(browser, '[data-testid="volunteer-add-name"]')).setValue("Léa");
    await (await waitFor(browser, '[data-testid="volunteer-add-role"]')).selectByAttribute("value", "trainer");
    await (await waitFor(browser, '[data-testid="volunteer-add-passphrase"]')).setValue("formation du mardi");
    await (await waitFor(browser, '[data-testid="volunteer-add-confirm"]')).setValue("formation du mardi");
    await click(browser, '[data-testid="volunteer-add-submit"]');
    await waitFor(browser, '[data-testid="volunteer-row"][data-name="Léa"]', 60_000);
    await shot(browser, "16-volunteers", '[data-testid="volunteers"]');
    await accessible("the volunteers' settings");

    await click(browser, '[data-testid="lock-now"]');
    await unlock(browser, "Léa", "formation du mardi");
    await waitFor(browser, '[data-testid="start-diagnostic"]');
    expect(await browser.$('[data-testid="demo-banner"]').isDisplayed(), "a trainer lands in the demo").toBe(true);
    expect(await (await waitFor(browser, '[data-testid="who"]')).getText()).toContain("Léa");
    expect(await browser.$('[data-testid="nav-reports"]').isExisting(), "no reports for a trainer").toBe(false);
    expect(await browser.$('[data-testid="demo-switch"]').isExisting(), "no way back to the real records").toBe(false);
    await nav("settings");
    await waitFor(browser, '[data-testid="language-select"]');
    expect(await browser.$('[data-testid="volunteers"]').isExisting(), "no volunteers to manage").toBe(false);
    await accessible("a trainer's settings");
  });
});

describe("the idle lock", () => {
  // Its own computer: a lock delay of 4 s instead of the setting's minutes.
  const idleDriver = new Driver({ AIGUILLAGE_IDLE_LOCK_SECONDS: "4" });
  let idle: Browser;

  beforeAll(async () => {
    await idleDriver.start();
    idle = await idleDriver.session();
    await setUp(idle);
  });

  afterAll(async () => {
    await idle?.deleteSession().catch(() => undefined);
    await idleDriver.stop();
  });

  test("keeps the diagnostic where it was", async () => {
    const answered = await beginDiagnostic(idle, persona("sylvie"), ["ctx_age_band", "ctx_status"]);
    const step = await idle.$('[data-testid="section-title"]').getAttribute("data-section");
    // No input from now on: the app locks itself 4 s after the last one.
    await waitFor(idle, '[data-testid="lock-screen"]', 10_000);
    expect(await (await waitFor(idle, '[data-testid="lock-idle"]')).getText(), "the lock screen says why").toContain("4 secondes");
    expect(await idle.$('[data-testid="section-title"]').isDisplayed(), "the wizard is out of sight").toBe(false);
    await unlock(idle, COORDINATOR, PASSPHRASE);
    expect(await idle.$('[data-testid="section-title"]').getAttribute("data-section"), "the same step").toBe(step);
    for (const [id, v] of answered) {
      expect(await idle.$(`[data-question="${id}"] input[value="${v}"]`).isSelected(), `${id} is still answered`).toBe(true);
    }
    // The settings say that the environment fixed the delay, next to the setting it overrides.
    await click(idle, '[data-testid="nav-settings"]');
    const note = await waitFor(idle, '[data-testid="idle-fixed"]');
    expect(await note.getText()).toContain("fixé à 4 secondes");
    await shot(idle, "17-idle-fixed", "#idle-title");
  });
});

describe("the computer's lock", () => {
  // A system bus of the test's own, on which the test speaks for logind: the app watches the
  // session the desktop says it is in (XDG_SESSION_ID 2, logind's session/_32).
  let bus: ChildProcess;
  let address = "";
  let computerDriver: Driver;
  let computer: Browser;

  const logind = (path: string, signal: string, ...args: string[]) =>
    execFileSync("dbus-send", [`--bus=${address}`, "--type=signal", path, signal, ...args]);

  beforeAll(async () => {
    bus = spawn("dbus-daemon", ["--session", "--nofork", "--print-address=1"], { stdio: ["ignore", "pipe", "ignore"] });
    address = await new Promise<string>((resolve) => {
      let said = "";
      bus.stdout!.on("data", (chunk) => {
        said += String(chunk);
        if (said.includes("\n")) resolve(said.split("\n")[0]!.trim());
      });
    });
    computerDriver = new Driver({ DBUS_SYSTEM_BUS_ADDRESS: address, XDG_SESSION_ID: "2" });
    await computerDriver.start();
    computer = await computerDriver.session();
    await setUp(computer);
  });

  afterAll(async () => {
    await computer?.deleteSession().catch(() => undefined);
    await computerDriver?.stop();
    bus?.kill();
  });

  test("locks the app when the session locks or the computer sleeps, and says why", async () => {
    await beginDiagnostic(computer, persona("sylvie"), ["ctx_age_band"]);
    const step = await computer.$('[data-testid="section-title"]').getAttribute("data-section");
    logind("/org/freedesktop/login1/session/_32", "org.freedesktop.login1.Session.Lock");
    const note = await waitFor(computer, '[data-testid="lock-system"]', 10_000);
    expect(await note.getText(), "the lock screen says why, not as a fault").toContain("verrouillée en même temps que l'ordinateur");
    expect(await computer.$('[data-testid="section-title"]').isDisplayed(), "the diagnostic is out of sight").toBe(false);
    const violations = await axe(computer);
    expect(violations, describeViolations(violations)).toEqual([]);
    await shot(computer, "45-locked-with-the-computer");
    await unlock(computer, COORDINATOR, PASSPHRASE);
    expect(await computer.$('[data-testid="section-title"]').getAttribute("data-section"), "found where it was left").toBe(step);

    // The computer goes to sleep: locked before it sleeps.
    logind("/org/freedesktop/login1", "org.freedesktop.login1.Manager.PrepareForSleep", "boolean:true");
    await waitFor(computer, '[data-testid="lock-system"]', 10_000);
  });
});
