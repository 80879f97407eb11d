import { loadRegistry, openFolderSource } from "../../registry/index.js";
import type { RegistryDiagnostic, RegistryState } from "../../registry/types.js";
import type { SloBinding } from "./prometheus-rules.js";

export interface SloBindings {
  bindings: SloBinding[];
  /** SLOs no model card refers to (they produce no rules). */
  unused: string[];
}

/** Pairs every model with the SLO its card names (models sorted by name). */
export function sloBindingsFromState(state: Pick<RegistryState, "models" | "slos">): SloBindings {
  const bindings: SloBinding[] = [];
  const used = new Set<string>();
  for (const name of Object.keys(state.models).sort()) {
    const card = state.models[name]!.card.data;
    const slo = card.slo ? state.slos[card.slo] : undefined;
    if (!slo) continue;
    used.add(slo.data.name);
    bindings.push({ model: card.name, slo: slo.data });
  }
  const unused = Object.keys(state.slos)
    .filter((n) => !used.has(n))
    .sort();
  return { bindings, unused };
}

/**
 * Loads and validates the registry folder with the registry loader, then pairs models with SLOs.
 * An invalid registry yields its diagnostics and no bindings: rules are never generated from a
 * registry that does not validate.
 */
export async function readSloBindings(
  repoDir: string,
): Promise<({ ok: true } & SloBindings) | { ok: false; errors: RegistryDiagnostic[] }> {
  const result = await loadRegistry(await openFolderSource(repoDir));
  if (!result.ok) return { ok: false, errors: result.errors };
  return { ok: true, ...sloBindingsFromState(result.state) };
}
