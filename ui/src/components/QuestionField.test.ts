import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { afterEach, describe, expect, test, vi } from "vitest";

afterEach(cleanup);
import QuestionField from "./QuestionField.svelte";

const text = (fr: string) => ({ fr, en: fr });
const scale = {
  id: "f_wifi", kind: "scale", label: text("Se connecter au wifi"), help: null, pattern: null, lookup: null,
  must_be_true: false, sensitive: false,
  options: [0, 1, 2, 3].map((v) => ({ value: v, label: text(`niveau ${v}`) })),
};

describe("a question", () => {
  test("gives the option's own value when chosen", async () => {
    const onanswer = vi.fn();
    render(QuestionField, { question: scale, value: undefined, onanswer });
    await fireEvent.click(screen.getByLabelText("niveau 2"));
    expect(onanswer, "a scale answer is the number, not its label").toHaveBeenCalledWith(2);
  });

  test("offers 'does not know', saved as null", async () => {
    const onanswer = vi.fn();
    render(QuestionField, { question: scale, value: undefined, onanswer });
    await fireEvent.click(screen.getByLabelText("Ne sait pas / ne souhaite pas répondre"));
    expect(onanswer).toHaveBeenCalledWith(null);
  });

  test("shows a saved null as 'does not know' and nothing else", () => {
    render(QuestionField, { question: scale, value: null, onanswer: vi.fn() });
    expect((screen.getByLabelText("Ne sait pas / ne souhaite pas répondre") as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText("niveau 0") as HTMLInputElement).checked, "null is not level 0").toBe(false);
  });

  test("a required consent has no 'does not know'", () => {
    render(QuestionField, { question: { ...scale, kind: "bool", options: [], must_be_true: true }, value: undefined, onanswer: vi.fn() });
    expect(screen.queryByLabelText("Ne sait pas / ne souhaite pas répondre")).toBeNull();
  });
});
