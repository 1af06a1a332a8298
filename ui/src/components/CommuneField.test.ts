import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import { afterEach, describe, expect, test, vi } from "vitest";

const api = vi.hoisted(() => ({ searchCommunes: vi.fn() }));
vi.mock("../api", async (original) => ({ ...(await original<typeof import("../api")>()), api }));

import CommuneField from "./CommuneField.svelte";

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

const saintDenis93 = { code: "93066", label: "Saint-Denis (93)", departement: "93", postcodes: ["93200", "93210"], close: false };
const saintDenis974 = { code: "97411", label: "Saint-Denis (974)", departement: "974", postcodes: ["97400"], close: false };

describe("the commune field", () => {
  test("suggests as the volunteer types and keeps the INSEE code of the one picked by keyboard", async () => {
    api.searchCommunes.mockResolvedValue([saintDenis974, saintDenis93]);
    const onpick = vi.fn();
    render(CommuneField, { id: "ctx_commune", code: null, onpick });
    const input = screen.getByRole("combobox");
    await fireEvent.input(input, { target: { value: "st denis" } });
    await waitFor(() => expect(screen.getAllByRole("option")).toHaveLength(2));
    expect(api.searchCommunes).toHaveBeenCalledWith("st denis");
    expect(screen.getByText("Saint-Denis (93)"), "homonyms say their département").toBeTruthy();
    expect(input.getAttribute("aria-activedescendant"), "among homonyms, none is picked for the volunteer").toBeNull();
    await fireEvent.keyDown(input, { key: "Enter" });
    expect(onpick, "Enter alone picks nothing among two Saint-Denis").not.toHaveBeenCalled();
    await fireEvent.keyDown(input, { key: "ArrowDown" });
    await fireEvent.keyDown(input, { key: "ArrowDown" });
    expect(input.getAttribute("aria-activedescendant"), "the second suggestion is active").toBe("ctx_commune-suggestions-1");
    await fireEvent.keyDown(input, { key: "Enter" });
    expect(onpick).toHaveBeenCalledWith(saintDenis93);
    expect((input as HTMLInputElement).value, "the name is shown, not the code").toBe("Saint-Denis (93)");
    expect(screen.queryByRole("listbox"), "the list closes once picked").toBeNull();
  });

  test("says when nothing matches, and offers close names without picking one for the volunteer", async () => {
    api.searchCommunes.mockResolvedValueOnce([]);
    const onpick = vi.fn();
    render(CommuneField, { id: "c", code: null, onpick });
    const input = screen.getByRole("combobox");
    await fireEvent.input(input, { target: { value: "qqqq" } });
    await waitFor(() => expect(screen.getByTestId("c-none")).toBeTruthy());
    api.searchCommunes.mockResolvedValueOnce([{ ...saintDenis93, close: true }]);
    await fireEvent.input(input, { target: { value: "saint denys" } });
    await waitFor(() => expect(screen.getByText(/Voulez-vous dire/)).toBeTruthy());
    await fireEvent.keyDown(input, { key: "Enter" });
    expect(onpick, "Enter does not take a guess on its own").not.toHaveBeenCalled();
  });

  test("text typed but not picked never passes for the commune", async () => {
    api.searchCommunes.mockResolvedValue([saintDenis93]);
    render(CommuneField, { id: "c", code: "93066", onpick: vi.fn() });
    const input = screen.getByRole("combobox") as HTMLInputElement;
    await waitFor(() => expect(input.value).toBe("Saint-Denis (93)"));
    await fireEvent.input(input, { target: { value: "lyon" } });
    await fireEvent.blur(input);
    await waitFor(() => expect(input.value, "the commune picked before comes back").toBe("Saint-Denis (93)"));
    expect(screen.getByText(/Choisissez la commune dans la liste/), "and the field says why").toBeTruthy();
  });

  test("shows a code already picked by its name", async () => {
    api.searchCommunes.mockResolvedValue([saintDenis93]);
    render(CommuneField, { id: "c", code: "93066", onpick: vi.fn() });
    await waitFor(() => expect((screen.getByRole("combobox") as HTMLInputElement).value).toBe("Saint-Denis (93)"));
  });
});
