// Drives the real desktop app: tauri-driver (with Debian's WebKitWebDriver) starts the app
// binary in a real window (under Xvfb in CI) and speaks WebDriver to it.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, mkdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { remote } from "webdriverio";

export type Browser = WebdriverIO.Browser;

const here = dirname(fileURLToPath(import.meta.url));
export const repo = resolve(here, "../..");
export const appBinary = process.env.AIGUILLAGE_APP ?? join(repo, "target/debug/aiguillage-app");
export const screenshots = join(repo, "docs/screenshots");
export const cliBinary = process.env.AIGUILLAGE_CLI ?? join(repo, "target/debug/aiguillage");
export const serverBinary = process.env.AIGUILLAGE_SERVER ?? join(repo, "target/debug/aiguillage-server");
const axeSource = readFileSync(join(here, "../node_modules/axe-core/axe.min.js"), "utf8");

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? ok(address.port) : fail(new Error("no port"))));
    });
  });
}

async function waitForPort(port: number, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/status`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`tauri-driver did not listen on port ${port}`);
}

/** The first screen of a launch: set-up on a new data directory, else the lock screen. */
export const FIRST_SCREEN = '[data-testid="setup-screen"], [data-testid="lock-screen"], [data-testid="start-diagnostic"]';

/**
 * One tauri-driver with its own data directory; sessions start the app anew. `env` is added to
 * the app's environment (tauri-driver passes its own down to the app it starts), e.g.
 * `{ AIGUILLAGE_IDLE_LOCK_SECONDS: "4" }` for a short lock delay.
 */
export class Driver {
  readonly dataDir: string;
  readonly home: string;
  private driver: ChildProcess | null = null;
  private port = 0;

  constructor(private readonly env: Record<string, string> = {}) {
    const root = mkdtempSync(join(tmpdir(), "aiguillage-e2e-"));
    this.dataDir = join(root, "data");
    this.home = join(root, "home");
    mkdirSync(this.home, { recursive: true });
    mkdirSync(screenshots, { recursive: true });
  }

  async start(): Promise<void> {
    this.port = await freePort();
    const nativePort = await freePort();
    const cargoBin = join(process.env.HOME ?? "/root", ".cargo/bin");
    this.driver = spawn("tauri-driver", ["--port", String(this.port), "--native-port", String(nativePort)], {
      env: {
        ...process.env,
        PATH: `${cargoBin}:${process.env.PATH}`,
        AIGUILLAGE_DATA_DIR: this.dataDir,
        HOME: this.home,
        XDG_CONFIG_HOME: join(this.home, ".config"),
        XDG_DATA_HOME: join(this.home, ".local/share"),
        ...this.env,
      },
      stdio: ["ignore", "inherit", "inherit"],
    });
    await waitForPort(this.port, 20_000);
  }

  /** Starts the app and opens a WebDriver session on its window, once its first screen shows. */
  async session(): Promise<Browser> {
    const browser = await remote({
      hostname: "127.0.0.1",
      port: this.port,
      logLevel: "error",
      capabilities: {
        browserName: "wry",
        "tauri:options": { application: appBinary },
        "wdio:enforceWebDriverClassic": true,
      } as WebdriverIO.Capabilities,
    });
    await browser.setTimeout({ implicit: 0, script: 30_000 });
    await waitFor(browser, FIRST_SCREEN);
    return browser;
  }

  /** Kills the app with SIGKILL, as a dead battery would. */
  killApp(): void {
    execFileSync("pkill", ["-KILL", "-f", appBinary]);
  }

  async stop(): Promise<void> {
    this.driver?.kill("SIGTERM");
    this.driver = null;
  }
}

/** Waits for `selector` to be displayed, with a deadline. */
export async function waitFor(browser: Browser, selector: string, timeout = 15_000) {
  const el = browser.$(selector);
  await el.waitForDisplayed({ timeout, timeoutMsg: `${selector} was not shown within ${timeout} ms` });
  return el;
}

/** Clicks made by `click` since the suite started: a journey's cost is the difference. */
export const clicks = { count: 0 };

export async function click(browser: Browser, selector: string): Promise<void> {
  const el = await waitFor(browser, selector);
  // The page's own scrolling (WebdriverIO's scrolls by wheel actions, which stop short when a
  // bar sticks to the bottom of the window).
  await browser.execute((s: string) => document.querySelector(s)?.scrollIntoView({ block: "center" }), selector);
  try {
    await el.click();
  } catch (e) {
    // Which click failed and what lies over it, for the log: the driver names only a node.
    const over = await browser.execute((s: string) => {
      const r = document.querySelector(s)?.getBoundingClientRect();
      if (!r) return "nothing";
      const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
      return `${top?.tagName}.${top?.className} at ${Math.round(r.x)},${Math.round(r.y)} in ${window.innerWidth}x${window.innerHeight}`;
    }, selector);
    throw new Error(`clicking ${selector} (under ${over}): ${e instanceof Error ? e.message : String(e)}`);
  }
  clicks.count++;
}

/** Saves a screenshot for the docs, from the top of the screen or of `selector`'s element. */
export async function shot(browser: Browser, name: string, selector?: string): Promise<void> {
  // Once the last change is painted.
  if (selector) {
    await browser.execute((s: string) => document.querySelector(s)?.scrollIntoView({ block: "start" }), selector);
  } else {
    await browser.execute(() => window.scrollTo(0, 0));
  }
  await browser.executeAsync((done: () => void) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
  await browser.pause(200);
  // WebKitWebDriver answers a screenshot after the page's next painted frame, and a still page
  // (no caret blinking, nothing moving) paints none: the request then hangs. A one-pixel,
  // all but transparent mark flickering in a corner keeps frames coming while it is taken.
  await browser.execute(() => {
    const mark = document.createElement("div");
    mark.id = "screenshot-tick";
    mark.setAttribute("aria-hidden", "true");
    mark.style.cssText = "position:fixed;left:0;top:0;width:1px;height:1px;pointer-events:none;z-index:2147483647";
    document.body.append(mark);
    let on = false;
    const timer = window.setInterval(() => {
      on = !on;
      mark.style.background = on ? "rgba(0,0,0,0.01)" : "rgba(0,0,0,0)";
    }, 30);
    mark.dataset.timer = String(timer);
  });
  try {
    await browser.saveScreenshot(join(screenshots, `${name}.png`));
  } finally {
    await browser.execute(() => {
      const mark = document.getElementById("screenshot-tick");
      if (mark) {
        window.clearInterval(Number(mark.dataset.timer));
        mark.remove();
      }
    });
  }
}

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };

/** Runs axe-core on the current screen; returns serious and critical violations. */
export async function axe(browser: Browser): Promise<AxeViolation[]> {
  const loaded = await browser.execute(() => typeof (window as unknown as { axe?: unknown }).axe !== "undefined");
  if (!loaded) await browser.execute(axeSource);
  const violations = (await browser.executeAsync((done: (v: unknown) => void) => {
    const a = (window as unknown as { axe: { run: (c: Document, o: object) => Promise<{ violations: unknown[] }> } }).axe;
    a.run(document, { resultTypes: ["violations"] }).then((r) => done(r.violations), (e) => done(String(e)));
  })) as AxeViolation[] | string;
  if (typeof violations === "string") throw new Error(`axe failed: ${violations}`);
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

export function describeViolations(vs: AxeViolation[]): string {
  return vs.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`).join("\n");
}

export type Persona = {
  id: string;
  first_name: string;
  answers: Record<string, unknown>;
  expected: { profile: string; needs: string[] };
};

export const personas: Persona[] = JSON.parse(readFileSync(join(repo, "assets/demo/personas.json"), "utf8"));

export function persona(id: string): Persona {
  const p = personas.find((x) => x.id === id);
  if (!p) throw new Error(`no persona ${id}`);
  return p;
}
