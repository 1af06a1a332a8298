// The coordinators' web console in a real browser: headless Chromium (Debian's, driven by its
// chromedriver over WebDriver) against a real server process on a loopback port with a real
// SQLite file. Accounts and centres are made with the server's command line, records arrive
// through the sync API as a device sends them. Every page is checked with axe-core and saved in
// docs/screenshots/.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { remote } from "webdriverio";
import { axe, describeViolations, freePort, personas, repo, screenshots, serverBinary, type Browser, type Persona } from "./harness";

const PASSPHRASE = "une phrase de passe de test";
const dir = mkdtempSync(join(tmpdir(), "aiguillage-console-"));
const db = `sqlite://${join(dir, "server.sqlite3")}`;
const admin = (...args: string[]) =>
  execFileSync(serverBinary, ["--db", db, ...args], { env: { ...process.env, AIGUILLAGE_ACCOUNT_PASSPHRASE: PASSPHRASE }, encoding: "utf8" }).trim();

let server: ChildProcess;
let driver: ChildProcess;
let browser: Browser;
let base = "";
let bellevue = "";
let nord = "";

/** Enrols a device in `centre` and sends it `operations` (bodies as objects). */
async function device(centre: string, name: string, operations: Array<{ entity: string; kind: string; id: string; body: object }>) {
  const code = admin("enrolment-code", centre).split("\n")[0];
  const enrolled = await (await fetch(`${base}/api/v1/enrol`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ code, device_name: name }) })).json();
  const wire = operations.map((op, i) => {
    const body = JSON.stringify(op.body);
    return { seq: i + 1, op_id: randomUUID(), entity: op.entity, entity_id: op.id, kind: op.kind, base_version: null, body, body_sha256: createHash("sha256").update(body).digest("hex"), recorded_at: "2026-11-24T10:00:00Z" };
  });
  const pushed = await fetch(`${base}/api/v1/sync/push`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${enrolled.token}` }, body: JSON.stringify({ operations: wire }) });
  expect(pushed.status, `the device's push is stored: ${await pushed.clone().text()}`).toBe(200);
}

function diagnostic(persona: Persona, day: string) {
  return {
    questionnaire: "diagnostic-numerique",
    version: 1,
    started_at: `${day}T09:40:00Z`,
    completed_at: `${day}T10:00:00Z`,
    answers: persona.answers,
    result: { profile: persona.expected.profile, needs: persona.expected.needs.map((code) => ({ code })), flags: (persona.expected as { flags?: string[] }).flags ?? [] },
  };
}

async function check(name: string, file: string) {
  const violations = await axe(browser);
  expect(violations, `${name}: no serious or critical axe violation\n${describeViolations(violations)}`).toEqual([]);
  // The whole page, as tall as it is (at least a 1366×768 laptop's screen).
  const height = await browser.execute(() => document.documentElement.scrollHeight);
  await browser.setWindowSize(1366, Math.max(768, Math.min(height + 90, 4000)));
  await browser.saveScreenshot(join(screenshots, `${file}.png`));
  await browser.setWindowSize(1366, 768);
}

/** Clicks a form's button and waits for the page the server answers with. */
async function submit(selector: string) {
  await browser.execute(() => {
    (window as unknown as { stale?: boolean }).stale = true;
  });
  await browser.$(selector).click();
  await browser.waitUntil(
    () => browser.execute(() => !(window as unknown as { stale?: boolean }).stale && document.readyState === "complete"),
    { timeout: 10_000, timeoutMsg: `no page came back after ${selector}` },
  );
}

async function open(path: string) {
  await browser.url(`${base}${path}`);
}

async function heading(): Promise<string> {
  return browser.$("h1").getText();
}

async function signIn(name: string, passphrase = PASSPHRASE) {
  await open("/console/sign-in");
  await browser.$("#name").setValue(name);
  await browser.$("#passphrase").setValue(passphrase);
  await submit("button[type=submit]");
}

async function signOut() {
  await submit(".tools button[type=submit]");
}

beforeAll(async () => {
  bellevue = admin("centre", "create", "Espace solidarité Bellevue");
  nord = admin("centre", "create", "Maison des solidarités Nord");
  admin("account", "create", "coordination-reseau", "--role", "network");
  admin("account", "create", "bellevue", "--role", "centre", "--centre", bellevue);
  server = spawn(serverBinary, ["--db", db, "--listen", "127.0.0.1:0", "serve"], { stdio: ["ignore", "pipe", "inherit"] });
  base = await new Promise<string>((ok, fail) => {
    server.stdout!.on("data", (chunk: Buffer) => {
      const m = /listening on (http:\/\/\S+)/.exec(chunk.toString());
      if (m?.[1]) ok(m[1]);
    });
    server.on("exit", (code) => fail(new Error(`the server stopped (${code})`)));
  });
  const [a, b, c] = personas as [Persona, Persona, Persona, ...Persona[]];
  await device(bellevue, "Portable accueil", [
    { entity: "diagnostic", kind: "create", id: randomUUID(), body: diagnostic(a, "2026-11-23") },
    { entity: "diagnostic", kind: "create", id: randomUUID(), body: diagnostic(b, "2026-11-30") },
    { entity: "anonymous_count", kind: "create", id: randomUUID(), body: { questionnaire: "diagnostic-numerique", version: 1, completed_on: "2026-12-01", profile: c.expected.profile, needs: c.expected.needs } },
  ]);
  await device(nord, "Poste permanence", [{ entity: "diagnostic", kind: "create", id: randomUUID(), body: diagnostic(c, "2026-12-02") }]);
  const port = await freePort();
  // Chromium takes its interface language (date fields' format among others) from the environment.
  driver = spawn("chromedriver", [`--port=${port}`], { stdio: "ignore", env: { ...process.env, LANGUAGE: "fr_FR", LANG: "fr_FR.UTF-8" } });
  for (let i = 0; i < 50; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/status`)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  browser = await remote({
    hostname: "127.0.0.1",
    port,
    logLevel: "error",
    capabilities: {
      browserName: "chrome",
      "goog:chromeOptions": {
        binary: process.env.CHROMIUM ?? "/usr/bin/chromium",
        args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1366,768", "--lang=fr-FR"],
        prefs: { "intl.accept_languages": "fr-FR,fr" },
      },
    },
  });
});

afterAll(async () => {
  await browser?.deleteSession().catch(() => undefined);
  driver?.kill();
  server?.kill();
});

describe("the coordinators' console", () => {
  it("refuses a wrong passphrase in one sentence, then signs the network's coordinator in", async () => {
    await open("/console/centres");
    expect(await heading(), "a page asked before signing in leads to the sign-in page").toBe("Se connecter");
    await check("sign-in", "30-console-sign-in");
    await signIn("coordination-reseau", "pas la bonne phrase");
    expect(await browser.$("#sign-in-error").getText()).toBe("Le nom du compte ou la phrase de passe ne correspond pas.");
    await signIn("coordination-reseau");
    expect(await heading()).toBe("Centres");
    const rows = await browser.$$("tbody tr th").map((th) => th.getText());
    expect(rows, "the network's coordinator sees every centre").toEqual(["Espace solidarité Bellevue", "Maison des solidarités Nord"]);
    await check("centres", "31-console-centres");
  });

  it("refuses an empty centre name next to the field, then adds the centre", async () => {
    await browser.$("#centre-name").setValue("   ");
    await submit("form[action='/console/centres'] button");
    expect(await browser.$("#centre-name-error").getText()).toContain("entre 1 et 150 caractères");
    expect(await browser.$("#centre-name").getAttribute("aria-invalid")).toBe("true");
    expect(await browser.$("#centre-name").getAttribute("aria-describedby"), "the input names its hint and its refusal").toBe("centre-name-hint centre-name-error");
    await check("a refused field", "44-console-field-refused");
    await browser.$("#centre-name").setValue("Centre social Les Tilleuls");
    await submit("form[action='/console/centres'] button");
    expect(await browser.$("[role=status]").getText()).toBe("Le centre « Centre social Les Tilleuls » a été ajouté.");
  });

  it("makes enrolment codes with their QR codes for a centre", async () => {
    await open("/console/enrolment");
    await browser.$("#centre").selectByVisibleText("Espace solidarité Bellevue");
    await browser.$("#count").setValue("2");
    await submit("form[action='/console/enrolment'] button");
    const codes = await browser.$$(".code-card .code").map((c) => c.getText());
    expect(codes.length, "two codes made").toBe(2);
    codes.forEach((code) => expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{2}$/));
    expect(await browser.$$(".code-card svg").length, "each code has its QR code").toBe(2);
    await check("enrolment", "32-console-enrolment-codes");
  });

  it("lists the devices with their last sync and revokes one", async () => {
    await open("/console/devices");
    expect(await browser.$$("tbody tr").length).toBe(2);
    await check("devices", "33-console-devices");
    await submit("form[action='/console/devices/revoke'] button");
    expect(await heading(), "a revocation is confirmed first").toBe("Retirer l’accès d’un poste");
    await check("revoke confirmation", "41-console-revoke-confirm");
    await submit("form[action='/console/devices/revoke'] button[type=submit]");
    expect(await browser.$("[role=status]").getText()).toContain("n’a plus accès au serveur");
    expect(await browser.$$(".badge.off").length, "one device shown as revoked").toBe(1);
  });

  it("shows the figures across centres with charts, tables and exports", async () => {
    await open("/console/reports");
    const totals = await browser.$$(".totals .big").map((e) => e.getText());
    expect(totals, "four diagnostics of which one anonymous").toEqual(["4", "1"]);
    expect(await browser.$$(".chart svg").length, "every section with figures has its chart").toBeGreaterThanOrEqual(3);
    const perCentre = await browser.$("table").$$("tbody tr").map((r) => r.getText());
    expect(perCentre.join("\n")).toContain("Espace solidarité Bellevue 3 1");
    await check("reports", "34-console-reports");
    // The date field's typing follows the browser's locale; its value is always ISO.
    await browser.execute(() => {
      document.querySelector<HTMLInputElement>("#from")!.value = "2026-12-01";
    });
    await submit("form.filters button");
    expect(await browser.$$(".totals .big").map((e) => e.getText()), "from 1 December: the anonymous count and Nord's diagnostic").toEqual(["2", "1"]);
    const csv = await browser.$("a[href*='export.csv']").getAttribute("href");
    expect(csv).toContain("from=2026-12-01");
  });

  it("publishes a questionnaire version from a file", async () => {
    await open("/console/publish");
    await check("publish", "35-console-publish");
    const file = join(repo, "assets/questionnaires/diagnostic-numerique-v1.json");
    await browser.$("#questionnaire").setValue(file);
    await submit("form[action='/console/publish/questionnaire'] button");
    expect(await browser.$("[role=status]").getText()).toContain("Questionnaire diagnostic-numerique@1 publié");
  });

  it("shows the quarantine, the pending erasures and the log of every change", async () => {
    await open("/console/quarantine");
    expect(await heading()).toBe("Envois à vérifier");
    await check("quarantine", "36-console-quarantine");
    await open("/console/erasures");
    await check("erasures", "37-console-erasures");
    await open("/console/audit");
    const log = await browser.$("tbody").getText();
    expect(log, "the console's changes are in the log with who made them").toContain("coordination-reseau (console)");
    expect(log).toContain("poste retiré");
    expect(log).toContain("Questionnaire publié");
    await check("audit", "38-console-audit");
  });

  it("refuses a change whose form lacks the session's token", async () => {
    await open("/console/centres");
    await browser.execute(() => {
      const token = document.querySelector<HTMLInputElement>("form[action='/console/centres'] input[name=csrf]");
      if (token) token.value = "forged";
    });
    await browser.$("#centre-name").setValue("Centre fantôme");
    await submit("form[action='/console/centres'] button");
    expect(await browser.$("[role=alert]").getText()).toContain("Ce formulaire a expiré");
    await open("/console/centres");
    expect(await browser.$("tbody").getText(), "nothing was created").not.toContain("Centre fantôme");
  });

  it("keeps a centre's coordinator to their own centre, on every page and export", async () => {
    await signOut();
    await signIn("bellevue");
    const rows = await browser.$$("tbody tr th").map((th) => th.getText());
    expect(rows, "only their own centre").toEqual(["Espace solidarité Bellevue"]);
    const menu = await browser.$("nav").getText();
    expect(menu, "no log for a centre's coordinator").not.toContain("Journal");
    await open(`/console/reports?centre=${nord}`);
    expect(await browser.$("[role=alert]").getText()).toContain("un autre centre que le vôtre");
    await check("refused", "39-console-other-centre-refused");
    await open(`/console/reports/export.csv?centre=${nord}`);
    expect(await browser.$("[role=alert]").getText(), "another centre's export is refused").toContain("un autre centre que le vôtre");
    await open("/console/audit");
    expect(await browser.$("[role=alert]").getText()).toContain("Seule la coordination du réseau");
    await open("/console/devices");
    expect(await browser.$("tbody").getText(), "only Bellevue's device").not.toContain("Poste permanence");
    await open("/console/reports");
    expect(await browser.$$(".totals .big").map((e) => e.getText()), "their own figures only").toEqual(["3", "1"]);
  });

  it("speaks English when asked", async () => {
    await open("/console/reports?lang=en");
    expect(await heading()).toBe("Figures");
    await open("/console/centres");
    expect(await heading(), "the choice is kept").toBe("Centres");
    expect(await browser.$("nav").getText()).toContain("Enrolment codes");
    await check("english", "40-console-english");
  });
});
