import { beforeEach, describe, expect, test, vi } from "vitest";

const api = vi.hoisted(() => ({ listDiagnostics: vi.fn() }));
vi.mock("../../api", async (original) => ({ ...(await original<typeof import("../../api")>()), api }));

import { gate } from "../../lib/lock.svelte";
import { history, loadHistory, openHistory, showHistory } from "./history.svelte";

const page = (total: number) => ({ total, rows: [] });

describe("the history's search", () => {
  beforeEach(() => {
    api.listDiagnostics.mockReset();
    api.listDiagnostics.mockResolvedValue(page(120));
  });

  test("opened from the menu, the first page is fetched before the screen shows, and only once", async () => {
    history.profile = "P2";
    history.offset = 100;
    await openHistory();
    expect(api.listDiagnostics).toHaveBeenCalledTimes(1);
    expect(api.listDiagnostics).toHaveBeenCalledWith(
      expect.objectContaining({ profile: null, offset: 0, limit: 50 }),
    );
    expect(history.page?.total, "the page is there when the screen mounts").toBe(120);
    await showHistory();
    expect(api.listDiagnostics, "the screen does not fetch the same page again").toHaveBeenCalledTimes(1);
  });

  test("back from a diagnostic, the same filters and page are fetched again", async () => {
    await openHistory();
    await showHistory();
    history.need = "acces_materiel";
    history.offset = 50;
    await showHistory();
    expect(api.listDiagnostics).toHaveBeenLastCalledWith(
      expect.objectContaining({ need: "acces_materiel", offset: 50 }),
    );
  });

  test("someone else's session starts from a blank search, never the previous person's page", async () => {
    await openHistory();
    await showHistory();
    history.from = "2026-01-01";
    gate.session++;
    api.listDiagnostics.mockReturnValue(new Promise(() => {}));
    void showHistory();
    expect(history.page, "the previous session's page is gone before anything is fetched").toBeNull();
    expect(history.from).toBe("");
  });

  test("a failure is kept for the screen to say, and the page shown stays", async () => {
    await openHistory();
    await showHistory();
    api.listDiagnostics.mockRejectedValueOnce({ kind: "bad_input", message: "la date de début est invalide" });
    history.from = "2026-13-01";
    await showHistory();
    expect(history.error).toBe("la date de début est invalide");
    expect(history.page?.total, "the last good page stays on screen").toBe(120);
    api.listDiagnostics.mockResolvedValueOnce(page(7));
    await showHistory();
    expect([history.error, history.page?.total], "the next good answer clears the error").toEqual([null, 7]);
  });

  test("a date that names no day is said and searches nothing, rather than searching without it", async () => {
    await openHistory();
    await showHistory();
    const calls = api.listDiagnostics.mock.calls.length;
    history.to = null;
    await loadHistory(50);
    expect(history.error).toBe("La date « Au » n'existe pas : corrigez-la ou videz ses trois cases.");
    expect(api.listDiagnostics, "no search without the period asked for").toHaveBeenCalledTimes(calls);
    expect(history.page?.total, "the page shown stays").toBe(120);
    expect(history.offset, "and the pager still says which page it is").toBe(0);
    await showHistory();
    expect(history.to, "back on the screen, the half-typed date is gone with its fields").toBe("");
    expect(history.error).toBeNull();
  });
});
