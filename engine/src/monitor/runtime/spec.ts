import type { Contract, RegistryState, Slo } from "../../registry/types.js";

/** One version the runtime watches, with how it takes traffic. */
export interface MonitoredVersion {
  version: string;
  role: "stable" | "canary" | "shadow";
  /** Traffic weight from Git (0 for a shadow). */
  weight: number;
  /** `lineage.trained_at` of the version (ISO 8601), for the retrain check. */
  trained_at?: string;
}

export interface MonitoredModel {
  model: string;
  contract: Contract;
  /** The SLO the model card names; without one only drift (and canary analysis) is watched. */
  slo?: Slo;
  versions: MonitoredVersion[];
}

/** What serves in one environment, as the monitor needs it. */
export interface MonitorSpec {
  environment: string;
  /** The commit serving (deployment statuses are reported on it). */
  revision?: string;
  models: MonitoredModel[];
}

/** The monitor's view of one environment of a valid registry. Models the environment does not list are left out. */
export function monitorSpecFromRegistry(
  state: Pick<RegistryState, "environments" | "models" | "contracts" | "slos">,
  environment: string,
  revision?: string,
): MonitorSpec {
  const env = state.environments[environment];
  if (!env) throw new Error(`no environment '${environment}' in the registry`);
  const models: MonitoredModel[] = [];
  for (const [name, deployment] of Object.entries(env.data.models)) {
    const entry = state.models[name];
    const contract = entry ? state.contracts[entry.card.data.contract]?.data : undefined;
    if (!entry || !contract) continue;
    const slo = entry.card.data.slo ? state.slos[entry.card.data.slo]?.data : undefined;
    const versions: MonitoredVersion[] = deployment.traffic.map((t) => ({
      version: t.version,
      role: t.role ?? "stable",
      weight: t.weight,
    }));
    if (deployment.shadow && !versions.some((v) => v.version === deployment.shadow!.version)) {
      versions.push({ version: deployment.shadow.version, role: "shadow", weight: 0 });
    }
    for (const v of versions) {
      const trained = entry.versions[v.version]?.data.lineage?.trained_at;
      if (trained) v.trained_at = trained;
    }
    models.push({ model: name, contract, ...(slo ? { slo } : {}), versions });
  }
  return { environment, ...(revision ? { revision } : {}), models };
}
