// The catalogue is one: every key exists in French and in English, and every key the code asks
// for exists (a missing one would show its raw key to a volunteer).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import fr from "./fr.json";
import en from "./en.json";

type Tree = { [key: string]: string | Tree };

function keys(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`),
  );
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "bindings" ? [] : sources(path);
    return /\.(svelte|ts)$/.test(name) && !name.endsWith(".test.ts") ? [path] : [];
  });
}

describe("the catalogue", () => {
  const frKeys = new Set(keys(fr as Tree));
  const enKeys = new Set(keys(en as Tree));

  test("French and English have exactly the same keys", () => {
    expect([...frKeys].filter((k) => !enKeys.has(k)), "keys missing in English").toEqual([]);
    expect([...enKeys].filter((k) => !frKeys.has(k)), "keys missing in French").toEqual([]);
  });

  test("every key used in the code exists in both languages", () => {
    const used = new Set<string>();
    for (const file of sources(join(__dirname, ".."))) {
      for (const m of readFileSync(file, "utf8").matchAll(/\bt\(\s*"([a-z_]+(?:\.[a-z_0-9]+)+)"/g)) used.add(m[1]!);
    }
    expect(used.size, "the scan found the code's keys").toBeGreaterThan(50);
    const exists = (set: Set<string>, key: string) => set.has(key) || set.has(`${key}_one`);
    const missing = [...used].filter((k) => !exists(frKeys, k) || !exists(enKeys, k));
    expect(missing, "keys used in the code but not in the catalogue").toEqual([]);
  });

  test("no text is left empty", () => {
    const empty = (tree: Tree) => keys(tree).filter((k) => k.split(".").reduce<unknown>((t, p) => (t as Tree)[p], tree) === "");
    expect(empty(fr as Tree)).toEqual([]);
    expect(empty(en as Tree)).toEqual([]);
  });
});
