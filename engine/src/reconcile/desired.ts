import type { RegistryState } from "../registry/types.js";
import { parseDuration } from "../shared/duration.js";
import { ReconcileError } from "./errors.js";
import type { DesiredEnvironment, DesiredModel, DesiredVersion, TrafficWeight } from "./ports.js";

/**
 * Builds the desired state of one environment from a valid registry at one revision.
 * Throws a stalled `ReconcileError` when the environment or something it references is missing.
 */
export function buildDesiredEnvironment(
  state: RegistryState,
  environment: string,
  revision: string,
): DesiredEnvironment {
  const envFile = state.environments[environment];
  if (!envFile) {
    throw new ReconcileError(
      "stalled",
      "EnvironmentNotFound",
      `environments/${environment}.yaml does not exist at ${revision.slice(0, 12)}`,
    );
  }
  const models: Record<string, DesiredModel> = {};
  for (const [name, deployment] of Object.entries(envFile.data.models)) {
    const entry = state.models[name];
    if (!entry) {
      throw invalid(`${envFile.file}: model ${name} has no models/${name}/model.yaml`);
    }
    const contractName = entry.card.data.contract;
    const contract = state.contracts[contractName]?.data;
    if (!contract) {
      throw invalid(
        `models/${name}/model.yaml: contract ${contractName} has no contracts/${contractName}.yaml`,
      );
    }
    const wanted = new Set(deployment.traffic.map((t) => t.version));
    if (deployment.shadow) wanted.add(deployment.shadow.version);
    const versions: Record<string, DesiredVersion> = {};
    for (const version of [...wanted].sort()) {
      const file = entry.versions[version];
      if (!file) {
        throw invalid(`${envFile.file}: ${name} ${version} has no models/${name}/versions/${version}.yaml`);
      }
      const { uri, sha256, size } = file.data.artifact;
      versions[version] = { version, artifact: { uri, sha256, size }, contract };
    }
    const traffic: TrafficWeight[] = deployment.traffic.map((t) => ({
      version: t.version,
      weight: t.weight,
      role: t.role ?? "stable",
    }));
    const model: DesiredModel = {
      routing: deployment.shadow
        ? { traffic, shadow: { version: deployment.shadow.version, percent: deployment.shadow.percent } }
        : { traffic },
      versions,
      validation: deployment.validation ?? "reject",
    };
    if (deployment.batching) model.batching = { ...deployment.batching };
    if (deployment.intra_op_threads !== undefined) model.intra_op_threads = deployment.intra_op_threads;
    if (deployment.decision_policy) model.decision_policy = deployment.decision_policy;
    models[name] = model;
  }
  const reconcile = state.config.data.reconcile;
  const desired: DesiredEnvironment = {
    environment,
    revision,
    models,
    selfHeal: reconcile?.self_heal ?? true,
  };
  if (reconcile?.interval !== undefined) desired.intervalMs = parseInterval(reconcile.interval);
  if (Object.values(models).some((m) => m.decision_policy)) {
    desired.policies = state.policies.map((p) => ({ path: p.path, content: p.content }));
  }
  return desired;
}

function invalid(message: string): ReconcileError {
  return new ReconcileError("stalled", "InvalidRegistry", message);
}

/** Parses `500ms`, `5s`, `2m`, `1h` (or a number of seconds) into milliseconds. */
export function parseInterval(value: string | number): number {
  if (typeof value === "number" && Number.isFinite(value) && value > 0) return value * 1000;
  let ms: number;
  try {
    ms = parseDuration(String(value).replace(/\s+/g, ""));
  } catch {
    throw new ReconcileError("stalled", "InvalidRegistry", `invalid interval '${value}' (use e.g. 5s, 1m)`);
  }
  if (ms <= 0) throw new ReconcileError("stalled", "InvalidRegistry", `interval '${value}' must be positive`);
  return ms;
}
