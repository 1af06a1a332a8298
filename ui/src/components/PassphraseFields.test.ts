import { cleanup, render, screen } from "@testing-library/svelte";
import axe from "axe-core";
import { afterEach, describe, expect, test } from "vitest";

afterEach(cleanup);
import PassphraseFields from "./PassphraseFields.svelte";

describe("the two passphrase fields", () => {
  test("are two labelled password inputs named after the prefix", () => {
    render(PassphraseFields, { prefix: "essai", label: "Phrase de passe" });
    const first = screen.getByLabelText("Phrase de passe") as HTMLInputElement;
    const second = screen.getByLabelText("La même phrase de passe, une seconde fois") as HTMLInputElement;
    expect(first.id).toBe("essai-passphrase");
    expect(first.dataset.testid).toBe("essai-passphrase");
    expect(second.id).toBe("essai-confirm");
    expect(second.dataset.testid).toBe("essai-confirm");
    for (const input of [first, second]) {
      expect(input.type).toBe("password");
      expect(input.autocomplete).toBe("new-password");
      expect(input.required).toBe(true);
    }
    expect(first.minLength).toBe(10);
  });

  test("the first is described by the rule on the length", () => {
    render(PassphraseFields, { prefix: "essai", label: "Phrase de passe" });
    const first = screen.getByTestId("essai-passphrase");
    expect(first.getAttribute("aria-describedby")).toBe("essai-passphrase-help");
    expect(document.getElementById("essai-passphrase-help")?.textContent).toContain("Au moins 10 caractères");
    expect(screen.getByTestId("essai-confirm").hasAttribute("aria-describedby")).toBe(false);
  });

  test("marks the field at fault, and only that one", async () => {
    const { rerender } = render(PassphraseFields, { prefix: "essai", label: "Phrase de passe", invalid: "confirm" });
    expect(screen.getByTestId("essai-passphrase").getAttribute("aria-invalid")).toBe("false");
    expect(screen.getByTestId("essai-confirm").getAttribute("aria-invalid")).toBe("true");
    await rerender({ invalid: "passphrase" });
    expect(screen.getByTestId("essai-passphrase").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByTestId("essai-confirm").getAttribute("aria-invalid")).toBe("false");
  });

  test("puts the marker after both labels", () => {
    render(PassphraseFields, { prefix: "essai", label: "Votre phrase de passe", marker: "(obligatoire)" });
    expect(screen.getByLabelText("Votre phrase de passe (obligatoire)").id).toBe("essai-passphrase");
    expect(screen.getByLabelText("La même phrase de passe, une seconde fois (obligatoire)").id).toBe("essai-confirm");
  });

  test("side by side, with a rule and an id of the page's own", () => {
    const { container } = render(PassphraseFields, {
      prefix: "essai", label: "Phrase de passe", layout: "grid", help: "Au moins dix.", helpId: "essai-regle",
    });
    const grid = container.querySelector(".grid2");
    expect(grid?.querySelectorAll("input")).toHaveLength(2);
    expect(screen.getByTestId("essai-passphrase").getAttribute("aria-describedby")).toBe("essai-regle");
    const rule = document.getElementById("essai-regle");
    expect(rule?.textContent).toBe("Au moins dix.");
    expect(grid?.contains(rule), "the rule is under both fields").toBe(false);
  });

  test("has no accessibility violation axe can see without layout", async () => {
    const { container } = render(PassphraseFields, { prefix: "essai", label: "Phrase de passe", invalid: "passphrase" });
    const off = { enabled: false };
    const result = await axe.run(container, { rules: { "color-contrast": off, region: off } });
    expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});
