/**
 * Maps the reconciler's `ServingRuntime` port onto the serving layer (`OnnxRuntimeServing`): the desired
 * environment becomes a `ServingEnvironmentSpec` with verified cache paths, the routing table is read
 * back as actual state, and `ModelLoadError`s become typed `ServingApplyError`s.
 */
import {
  ModelLoadError,
  type DecisionPolicySpec,
  type OnnxRuntimeServing,
  type ServingEnvironmentSpec,
} from "../serving/index.js";
import { ServingApplyError } from "./errors.js";
import { decisionPolicyKey } from "./ports.js";
import type { ActualState, RuntimeEnvironment, ServingRuntime, TrafficWeight } from "./ports.js";

/** The part of `OnnxRuntimeServing` the adapter uses. */
export type ServingLayer = Pick<OnnxRuntimeServing, "applyEnvironment" | "routing">;

/** Compiles a model's decision policy (`decisions.<name>.decision`) from the repo's policy sources. */
export type DecisionPolicyCompiler = (
  name: string,
  sources: { path: string; content: string }[],
) => Promise<DecisionPolicySpec>;

export class OnnxServingRuntimeAdapter implements ServingRuntime {
  /** model -> decision policy key applied through this adapter (the serving layer only keeps the name). */
  private readonly policyKeys = new Map<string, string>();

  constructor(
    private readonly serving: ServingLayer,
    private readonly options: { compileDecisionPolicy?: DecisionPolicyCompiler } = {},
  ) {}

  async observe(): Promise<ActualState> {
    const models: ActualState["models"] = {};
    for (const [name, route] of this.serving.routing.models) {
      const weights = new Map<string, number>();
      let previous = 0;
      for (const w of route.weighted) {
        // The table keeps cumulative shares; weights in Git sum to 100, so shares × 100 give them back.
        weights.set(w.version, round((w.upTo - previous) * 100));
        previous = w.upTo;
      }
      const traffic: TrafficWeight[] = [];
      const loaded: { version: string; sha256: string }[] = [];
      for (const [version, v] of route.versions) {
        loaded.push({ version, sha256: v.loaded.spec.artifact.sha256 });
        if (v.role === "stable" || v.role === "canary") {
          traffic.push({ version, weight: weights.get(version) ?? 0, role: v.role });
        }
      }
      models[name] = {
        loaded,
        routing: route.shadow
          ? {
              traffic,
              shadow: { version: route.shadow.version, percent: round(route.shadow.fraction * 100) },
            }
          : { traffic },
      };
      if (route.decision) {
        const key = this.policyKeys.get(name);
        models[name]!.decisionPolicy = key?.startsWith(`${route.decision.name}@`) ? key : route.decision.name;
      }
    }
    return { models };
  }

  async applyEnvironment(target: RuntimeEnvironment): Promise<void> {
    const decisions: Record<string, DecisionPolicySpec> = {};
    for (const [model, spec] of Object.entries(target.desired.models)) {
      if (!spec.decision_policy) continue;
      if (!this.options.compileDecisionPolicy) {
        throw new ServingApplyError(
          "DecisionPolicyFailed",
          `${model}: decision policies are not enabled in this engine`,
          false,
        );
      }
      try {
        decisions[model] = await this.options.compileDecisionPolicy(
          spec.decision_policy,
          target.desired.policies ?? [],
        );
      } catch (error) {
        throw new ServingApplyError(
          "DecisionPolicyFailed",
          `${model}: decision policy ${spec.decision_policy} does not compile: ${(error as Error).message}`,
          false,
          undefined,
          { cause: error },
        );
      }
    }
    try {
      await this.serving.applyEnvironment(toServingSpec(target, decisions));
      this.policyKeys.clear();
      for (const model of Object.keys(decisions)) {
        const key = decisionPolicyKey(target.desired, model);
        if (key) this.policyKeys.set(model, key);
      }
    } catch (error) {
      if (error instanceof ModelLoadError) {
        const at = { model: error.model, version: error.version };
        switch (error.reason) {
          case "SignatureMismatch":
            throw new ServingApplyError("ContractMismatch", error.message, false, at, { cause: error });
          case "ArtifactChecksumMismatch":
            throw new ServingApplyError("ArtifactCorrupt", error.message, false, at, { cause: error });
          case "WarmupFailed":
            throw new ServingApplyError("WarmupFailed", error.message, false, at, { cause: error });
          case "SessionCreateFailed":
            throw new ServingApplyError("ModelLoadFailed", error.message, false, at, { cause: error });
          case "ArtifactUnreadable":
            throw new ServingApplyError("ArtifactCorrupt", error.message, true, at, { cause: error });
        }
      }
      throw error;
    }
  }
}

/** The serving layer's spec for a desired environment whose artifacts are verified in the cache. */
export function toServingSpec(
  target: RuntimeEnvironment,
  decisions: Record<string, DecisionPolicySpec> = {},
): ServingEnvironmentSpec {
  const spec: ServingEnvironmentSpec = { name: target.desired.environment, models: {} };
  for (const [name, model] of Object.entries(target.desired.models)) {
    spec.models[name] = {
      versions: Object.values(model.versions).map((v) => {
        const path = target.artifactPaths[v.artifact.sha256];
        if (!path) throw new Error(`no verified artifact for ${name} ${v.version}`);
        return {
          model: name,
          version: v.version,
          contract: v.contract,
          artifact: { path, sha256: v.artifact.sha256 },
        };
      }),
      traffic: model.routing.traffic.map((t) => ({ version: t.version, weight: t.weight, role: t.role })),
      validation: model.validation,
      ...(model.routing.shadow ? { shadow: { ...model.routing.shadow } } : {}),
      ...(model.batching
        ? {
            batching: {
              maxBatchSize: model.batching.max_batch_size,
              ...(model.batching.max_queue_delay_ms !== undefined
                ? { maxQueueDelayMs: model.batching.max_queue_delay_ms }
                : {}),
            },
          }
        : {}),
      ...(model.intra_op_threads !== undefined ? { intraOpThreads: model.intra_op_threads } : {}),
      ...(decisions[name] ? { decisionPolicy: decisions[name] } : {}),
    };
  }
  return spec;
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
