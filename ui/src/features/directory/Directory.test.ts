import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/svelte";
import axe from "axe-core";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import type { ServiceView } from "../../bindings/ServiceView";
import type { StructureView } from "../../bindings/StructureView";

const api = vi.hoisted(() => ({
  listThematiques: vi.fn(),
  searchServices: vi.fn(),
  getStructure: vi.fn(),
  importDirectory: vi.fn(),
  saveLocalStructure: vi.fn(),
}));
vi.mock("../../api", async (actual) => ({
  ...(await actual<typeof import("../../api")>()),
  api,
  errorMessage: (e: unknown) => String(e),
}));

import { app } from "../../lib/app.svelte";
import Directory from "./Directory.svelte";

afterEach(cleanup);

const service = (source: string): ServiceView => ({
  source, service_id: "s-1-service", service: "Atelier numérique", description: "Apprendre l'ordinateur.",
  structure_id: "s-1", structure: "Maison des Canuts", kind: "atelier",
  thematiques: ["numerique"], commune: "Lyon", adresse: "1 rue X", telephone: "0400000000",
  courriel: null, horaires_accueil: null, frais: "gratuit",
});
const structure = (source: string): StructureView => ({
  source, id: "s-1", nom: "Maison des Canuts", description: null, adresse: "1 rue X", code_postal: "69004",
  commune: "Lyon", code_insee: "69384", telephone: "0400000000", courriel: "canuts@example.org",
  site_web: null, horaires_accueil: { fr: "du lundi au vendredi, de 9 h à 12 h", en: "Monday to Friday, 9:00 to 12:00" },
  horaires_accueil_raw: "Mo-Fr 09:00-12:00", services: [service(source)],
});

const coordinator = { id: "v-1", name: "Nadia", role: "coordinator" };

beforeEach(() => {
  vi.clearAllMocks();
  app.access = { who: coordinator, allowed: ["edit_directory"] };
  api.listThematiques.mockResolvedValue([
    { code: "numerique", label: { fr: "Numérique", en: "Digital" } },
    { code: "logement", label: { fr: "Logement", en: "Housing" } },
  ]);
  api.searchServices.mockResolvedValue([service("local")]);
  api.getStructure.mockResolvedValue(structure("local"));
  api.saveLocalStructure.mockResolvedValue("s-1");
});

const tab = (name: string) => screen.getByTestId(`directory-tab-${name}`);
const panel = (name: string) => document.getElementById(`directory-panel-${name}`)!;

describe("the directory tabs", () => {
  test("open on the search, and the arrow keys, Home and End move between them", async () => {
    render(Directory);
    expect(tab("search").getAttribute("aria-selected")).toBe("true");
    expect(tab("search").tabIndex).toBe(0);
    expect(tab("import").tabIndex, "one tab stop for the whole bar").toBe(-1);
    expect(panel("search").hidden).toBe(false);
    expect(panel("import").hidden).toBe(true);
    expect(tab("import").getAttribute("aria-controls")).toBe("directory-panel-import");

    await fireEvent.keyDown(tab("search"), { key: "ArrowRight" });
    expect(tab("import").getAttribute("aria-selected")).toBe("true");
    expect(document.activeElement).toBe(tab("import"));
    expect(panel("import").hidden).toBe(false);
    expect(panel("search").hidden).toBe(true);

    await fireEvent.keyDown(tab("import"), { key: "End" });
    expect(document.activeElement).toBe(tab("local"));
    await fireEvent.keyDown(tab("local"), { key: "ArrowRight" });
    expect(document.activeElement, "the right arrow wraps to the first tab").toBe(tab("search"));
    await fireEvent.keyDown(tab("search"), { key: "ArrowLeft" });
    expect(document.activeElement, "the left arrow wraps to the last tab").toBe(tab("local"));
    await fireEvent.keyDown(tab("local"), { key: "Home" });
    expect(tab("search").getAttribute("aria-selected")).toBe("true");
  });

  test("has no accessibility violation axe can see without layout", async () => {
    const { container } = render(Directory);
    await screen.findByTestId("open-structure");
    await fireEvent.click(screen.getByTestId("open-structure"));
    await screen.findByTestId("structure-panel");
    // jsdom has no layout nor canvas: contrast and the icon-ligature check can't run here.
    const off = { enabled: false };
    const rules = { "color-contrast": off, region: off, "label-content-name-mismatch": off };
    for (const name of ["search", "import", "local"]) {
      await fireEvent.click(tab(name));
      const result = await axe.run(container, { rules });
      expect(result.violations.map((v) => `${name} tab, ${v.id}: ${v.help}`)).toEqual([]);
    }
  });

  test("the import is one click away", async () => {
    render(Directory);
    await fireEvent.click(tab("import"));
    expect(screen.getByTestId("directory-file")).toBeTruthy();
    expect(panel("import").hidden).toBe(false);
  });
});

describe("importing a file", () => {
  test("says each refused row's reason in French, the schema's field named as the form labels it", async () => {
    api.importDirectory.mockResolvedValue({
      structures: 1,
      services: 0,
      rejected: [
        {
          kind: "structure", id: "s-2", reason: "code_postal: \"6900\" does not have the expected form",
          code: "bad_pattern", params: { field: "code_postal", value: "6900" },
        },
        {
          kind: "service", id: "s-3", reason: "thematiques/0: \"numerique--voler\" is not one of the schema's values",
          code: "not_in_list", params: { field: "thematiques/0", value: "numerique--voler" },
        },
        { kind: "service", id: "s-4", reason: "as the Rust side says", code: "not_in_the_catalogue", params: {} },
      ],
    });
    render(Directory);
    await fireEvent.click(tab("import"));
    const input = screen.getByTestId("directory-file") as HTMLInputElement;
    // jsdom's File cannot be read: the component only needs its name, size and text.
    const file = { name: "annuaire.json", size: 2, text: async () => "{}" };
    expect(screen.getByTestId("directory-file-name").textContent, "the app's words, not the browser's").toBe(
      "Aucun fichier choisi",
    );
    Object.defineProperty(input, "files", { value: [file] });
    await fireEvent.change(input);
    expect(screen.getByTestId("directory-file-name").textContent, "the chosen file is named").toBe("annuaire.json");
    expect(screen.getByLabelText("Fichier de l'annuaire annuaire.json"), "and read with the field's name").toBe(input);
    await fireEvent.click(screen.getByTestId("directory-import"));
    const rows = await screen.findByTestId("rejected-rows");
    const reasons = [...rows.querySelectorAll("tbody tr")].map((tr) => tr.lastElementChild!.textContent);
    expect(reasons).toEqual([
      "« 6900 » n'a pas la forme attendue pour le champ « Code postal ».",
      "« numerique--voler » n'est pas une valeur prévue pour le champ « Thématiques ».",
      "as the Rust side says",
    ]);
  });
});

describe("without the right to edit the directory", () => {
  test("only the search is shown: no tabs, no import, no place to add or edit", async () => {
    app.access = { who: { id: "v-2", name: "Sami", role: "volunteer" }, allowed: ["run_diagnostic", "view_records"] };
    const { container } = render(Directory);
    expect(screen.queryByRole("tablist")).toBeNull();
    expect(screen.queryByTestId("directory-file")).toBeNull();
    expect(screen.queryByTestId("local-nom")).toBeNull();
    await fireEvent.click(await screen.findByTestId("open-structure"));
    await screen.findByTestId("structure-panel");
    expect(screen.queryByTestId("structure-edit"), "a local place is not editable either").toBeNull();
    const off = { enabled: false };
    const result = await axe.run(container, { rules: { "color-contrast": off, region: off, "label-content-name-mismatch": off } });
    expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});

describe("editing a local structure", () => {
  async function openAndEdit() {
    render(Directory);
    await fireEvent.click(await screen.findByTestId("open-structure"));
    await fireEvent.click(await screen.findByTestId("structure-edit"));
    await waitFor(() => expect(tab("local").getAttribute("aria-selected")).toBe("true"));
  }

  test("fills the form and saves with the structure's id and service type", async () => {
    await openAndEdit();
    expect((screen.getByTestId("local-nom") as HTMLInputElement).value).toBe("Maison des Canuts");
    expect((screen.getByTestId("local-service-nom") as HTMLInputElement).value).toBe("Atelier numérique");
    expect((screen.getByLabelText("Frais") as HTMLSelectElement).value).toBe("gratuit");
    const heading = screen.getByRole("heading", { name: "Modifier le lieu" });
    await waitFor(() => expect(document.activeElement, "the focus goes to the form's title").toBe(heading));
    expect(screen.getByTestId("local-save").textContent?.trim()).toBe("Enregistrer les modifications");
    const searches = api.searchServices.mock.calls.length;
    await fireEvent.click(screen.getByTestId("local-save"));
    await waitFor(() => expect(api.saveLocalStructure).toHaveBeenCalledTimes(1));
    expect(api.saveLocalStructure.mock.calls[0]![0]).toEqual({
      id: "s-1", nom: "Maison des Canuts", adresse: "1 rue X", code_postal: "69004", commune: "Lyon",
      code_insee: "69384", telephone: "0400000000", courriel: "canuts@example.org",
      horaires_accueil: "Mo-Fr 09:00-12:00", service_nom: "Atelier numérique",
      service_description: "Apprendre l'ordinateur.", thematiques: ["numerique"],
      service_type: "atelier", frais: "gratuit",
    });
    await screen.findByTestId("local-saved");
    expect((screen.getByTestId("local-nom") as HTMLInputElement).value, "back to an empty form").toBe("");
    expect(api.searchServices.mock.calls.length, "the search shows the change").toBeGreaterThan(searches);
    expect(api.getStructure, "the open structure is reloaded").toHaveBeenCalledTimes(2);
  });

  test("can be cancelled, back to an empty form that adds", async () => {
    await openAndEdit();
    await fireEvent.click(screen.getByTestId("local-cancel-edit"));
    expect((screen.getByTestId("local-nom") as HTMLInputElement).value).toBe("");
    expect(screen.queryByTestId("local-cancel-edit")).toBeNull();
    expect(screen.getByTestId("local-save").textContent?.trim()).toBe("Enregistrer la structure");
  });

  test("is not offered for an imported structure", async () => {
    api.searchServices.mockResolvedValue([service("dora")]);
    api.getStructure.mockResolvedValue(structure("dora"));
    render(Directory);
    await fireEvent.click(await screen.findByTestId("open-structure"));
    await screen.findByTestId("structure-panel");
    expect(screen.queryByTestId("structure-edit")).toBeNull();
  });
});

describe("adding a local structure", () => {
  test("sends no id and no service type", async () => {
    render(Directory);
    await fireEvent.click(tab("local"));
    await fireEvent.input(screen.getByTestId("local-nom"), { target: { value: "Épicerie solidaire" } });
    await fireEvent.input(screen.getByTestId("local-commune"), { target: { value: "Lyon" } });
    await fireEvent.input(screen.getByTestId("local-service-nom"), { target: { value: "Colis alimentaires" } });
    await fireEvent.input(screen.getByTestId("local-service-description"), { target: { value: "Des colis." } });
    await fireEvent.click(await screen.findByLabelText("Logement"));
    await fireEvent.click(screen.getByTestId("local-save"));
    await waitFor(() => expect(api.saveLocalStructure).toHaveBeenCalledTimes(1));
    expect(api.saveLocalStructure.mock.calls[0]![0]).toMatchObject({ id: null, service_type: null, thematiques: ["logement"] });
  });
});
