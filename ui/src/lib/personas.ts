// The demo's fictional people, fetched once.
import { api } from "../api";
import type { PersonaView } from "../bindings/PersonaView";

let all: Promise<PersonaView[]> | null = null;

/** The persona `id`, or null (no id, or none by that id). */
export async function findPersona(id: string | undefined): Promise<PersonaView | null> {
  if (!id) return null;
  all ??= api.listPersonas();
  return (await all).find((p) => p.id === id) ?? null;
}
