/**
 * Maps the reconciler's `ServingRuntime` port onto the serving layer (`OnnxRuntimeServing`): the desired
 * environment becomes a `ServingEnvironmentSpec` with verified cache paths, the routing table is read
 * back as actual state, and `ModelLoadError`s become typed `ServingApplyError`s.
 */
import { ModelLoadError, type OnnxRuntimeServing, type ServingEnvironmentSpec } from "../serving/index.js";
import { ServingApplyError } from "./errors.js";
import type { ActualState, RuntimeEnvironment, ServingRuntime, TrafficWeight } from "./ports.js";

/** The part of `OnnxRuntimeServing` the adapter uses. */
export type ServingLayer = Pick<OnnxRuntimeServing, "applyEnvironment" | "routing">;

export class OnnxServingRuntimeAdapter implements ServingRuntime {
  constructor(private readonly serving: ServingLayer) {}

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
    }
    return { models };
  }

  async applyEnvironment(target: RuntimeEnvironment): Promise<void> {
    try {
      await this.serving.applyEnvironment(toServingSpec(target));
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
export function toServingSpec(target: RuntimeEnvironment): ServingEnvironmentSpec {
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
              maxQueueDelayMs: model.batching.max_queue_delay_ms,
            },
          }
        : {}),
      ...(model.intra_op_threads !== undefined ? { intraOpThreads: model.intra_op_threads } : {}),
    };
  }
  return spec;
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
