import type { Artifact, RegistryState } from "../registry/types.js";
import type {
  DecisionPolicySpec,
  ServingEnvironmentSpec,
  ServingModelDeployment,
  ServingModelSpec,
} from "./types.js";

/** Turns a version's artifact reference into its bytes or a local file path (e.g. via the artifact cache). */
export type ArtifactReader = (
  artifact: Artifact,
  context: { model: string; version: string },
) => Promise<{ bytes?: Uint8Array; path?: string }>;

/** Supplies the compiled decision policy named by an environment entry. */
export type DecisionPolicyResolver = (
  name: string,
  context: { model: string; environment: string },
) => Promise<DecisionPolicySpec>;

/** A registry that cannot be served as asked; the message names the file and what is missing. */
export class ServingSpecError extends Error {
  override readonly name = "ServingSpecError";
}

/**
 * Maps one environment of a loaded registry to the serving layer's desired state: every version that
 * takes traffic or shadows, with its contract and artifact. The sha256 stays the one from Git; the
 * serving layer verifies the bytes against it before loading.
 */
export async function fromRegistry(
  state: RegistryState,
  environment: string,
  readArtifact: ArtifactReader,
  resolveDecisionPolicy?: DecisionPolicyResolver,
): Promise<ServingEnvironmentSpec> {
  const env = state.environments[environment];
  if (!env) {
    const known = Object.keys(state.environments).sort().join(", ") || "none";
    throw new ServingSpecError(`no environment '${environment}' in the registry (environments/: ${known})`);
  }
  const models: Record<string, ServingModelDeployment> = {};
  for (const [model, deployment] of Object.entries(env.data.models)) {
    const entry = state.models[model];
    if (!entry) throw new ServingSpecError(`${env.file}: model '${model}' has no models/${model}/model.yaml`);
    const contract = state.contracts[entry.card.data.contract];
    if (!contract) {
      throw new ServingSpecError(
        `${entry.card.file}: contract '${entry.card.data.contract}' has no contracts/${entry.card.data.contract}.yaml`,
      );
    }
    const wanted = new Set(deployment.traffic.map((t) => t.version));
    if (deployment.shadow) wanted.add(deployment.shadow.version);
    const versions: ServingModelSpec[] = [];
    for (const version of wanted) {
      const v = entry.versions[version];
      if (!v)
        throw new ServingSpecError(
          `${env.file}: model '${model}' has no version ${version} (models/${model}/versions/${version}.yaml)`,
        );
      const located = await readArtifact(v.data.artifact, { model, version });
      versions.push({
        model,
        version,
        contract: contract.data,
        artifact: { ...located, sha256: v.data.artifact.sha256 },
      });
    }
    let decisionPolicy: DecisionPolicySpec | undefined;
    if (deployment.decision_policy) {
      if (!resolveDecisionPolicy) {
        throw new ServingSpecError(
          `${env.file}: model '${model}' names decision policy '${deployment.decision_policy}' but no policy resolver was given`,
        );
      }
      decisionPolicy = await resolveDecisionPolicy(deployment.decision_policy, { model, environment });
    }
    models[model] = {
      versions,
      traffic: deployment.traffic.map((t) => ({
        version: t.version,
        weight: t.weight,
        role: t.role ?? "stable",
      })),
      ...(deployment.shadow ? { shadow: { ...deployment.shadow } } : {}),
      validation: deployment.validation ?? "reject",
      ...(deployment.batching
        ? {
            batching: {
              maxBatchSize: deployment.batching.max_batch_size,
              ...(deployment.batching.max_queue_delay_ms !== undefined
                ? { maxQueueDelayMs: deployment.batching.max_queue_delay_ms }
                : {}),
            },
          }
        : {}),
      ...(deployment.intra_op_threads ? { intraOpThreads: deployment.intra_op_threads } : {}),
      ...(decisionPolicy ? { decisionPolicy } : {}),
    };
  }
  return { name: environment, models };
}
