import { describe, expect, test } from "vitest";
import { isoOf, partsOf } from "./dates";

describe("a day typed in three fields", () => {
  test("is the ISO day the core takes, zero-padded", () => {
    expect(isoOf({ day: "7", month: "3", year: "2026" })).toBe("2026-03-07");
    expect(isoOf({ day: " 27 ", month: "11", year: "2026" }), "spaces around are not an error").toBe("2026-11-27");
    expect(isoOf({ day: "29", month: "2", year: "2028" }), "a leap day exists").toBe("2028-02-29");
  });

  test("is no date at all when the three are empty", () => {
    expect(isoOf({ day: "", month: "", year: "" })).toBe("");
  });

  test.each([
    [{ day: "31", month: "2", year: "2026" }, "31 February"],
    [{ day: "29", month: "2", year: "2026" }, "29 February in a common year"],
    [{ day: "1", month: "13", year: "2026" }, "month 13"],
    [{ day: "0", month: "1", year: "2026" }, "day 0"],
    [{ day: "12", month: "5", year: "26" }, "a two-digit year"],
    [{ day: "12", month: "", year: "2026" }, "a missing month"],
    [{ day: "1a", month: "5", year: "2026" }, "letters"],
    [{ day: "12", month: "5", year: "0026" }, "a year out of any record's reach"],
  ])("names no day for %o (%s)", (parts) => {
    expect(isoOf(parts)).toBeNull();
  });

  test("shows an ISO day back in its fields, and nothing for anything else", () => {
    expect(partsOf("2026-03-07")).toEqual({ day: "7", month: "3", year: "2026" });
    expect(isoOf(partsOf("2026-11-27")), "there and back").toBe("2026-11-27");
    expect(partsOf("")).toEqual({ day: "", month: "", year: "" });
  });
});
