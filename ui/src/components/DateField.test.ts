import { cleanup, fireEvent, render, screen } from "@testing-library/svelte";
import { afterEach, expect, test } from "vitest";

import DateField from "./DateField.svelte";

afterEach(cleanup);


function field(value: string | null = "", target?: HTMLElement) {
  const bound = { value };
  render(DateField, {
    ...(target ? { target } : {}),
    props: {
      id: "from",
      label: "Du",
      get value() {
        return bound.value;
      },
      set value(v: string | null) {
        bound.value = v;
      },
    },
  });
  const input = (name: string) => screen.getByLabelText(name) as HTMLInputElement;
  return { bound, day: input("Jour"), month: input("Mois"), year: input("Année") };
}

test("the day, month and year typed are the ISO day, in French order", async () => {
  const { bound, day, month, year } = field();
  expect(screen.getByRole("group", { name: "Du" }), "one group, named by its legend").toBeTruthy();
  await fireEvent.input(day, { target: { value: "27" } });
  await fireEvent.input(month, { target: { value: "11" } });
  await fireEvent.input(year, { target: { value: "2026" } });
  expect(bound.value).toBe("2026-11-27");
});

test("a value given shows in the fields", () => {
  const { day, month, year } = field("2026-03-07");
  expect([day.value, month.value, year.value]).toEqual(["7", "3", "2026"]);
});

test("a day that does not exist is null and said, with the fields marked", async () => {
  const { bound, day, month, year } = field();
  await fireEvent.input(day, { target: { value: "31" } });
  await fireEvent.input(month, { target: { value: "2" } });
  expect(screen.queryByText(/Cette date n'existe pas/), "not while the date is being typed").toBeNull();
  await fireEvent.input(year, { target: { value: "2026" } });
  expect(bound.value, "the form holding it refuses to go on").toBeNull();
  const error = screen.getByText(/Cette date n'existe pas/);
  expect(year.getAttribute("aria-invalid")).toBe("true");
  expect(year.getAttribute("aria-describedby"), "a screen reader reads why").toBe(error.id);
});

test("emptied again, it is no date, and no error", async () => {
  const { bound, day } = field("2026-03-07");
  await fireEvent.input(day, { target: { value: "" } });
  expect(bound.value, "two fields left is not a date").toBeNull();
  await fireEvent.input(screen.getByLabelText("Mois"), { target: { value: "" } });
  await fireEvent.input(screen.getByLabelText("Année"), { target: { value: "" } });
  expect(bound.value).toBe("");
  expect(screen.queryByText(/Cette date n'existe pas/)).toBeNull();
});

test("a half-typed date is marked when its form is sent with Enter, not only once left", async () => {
  const form = document.body.appendChild(document.createElement("form"));
  const { bound, day } = field("", form);
  await fireEvent.input(day, { target: { value: "12" } });
  expect(screen.queryByText(/Cette date n'existe pas/)).toBeNull();
  await fireEvent.submit(form);
  expect(bound.value).toBeNull();
  expect(screen.getByText(/Cette date n'existe pas/)).toBeTruthy();
  expect(day.getAttribute("aria-invalid")).toBe("true");
  form.remove();
});
