// A small real serving runtime for reconcile tests: real onnxruntime sessions, sha256 checked before a
// session is created, signature checked against the contract, warmed with one zero request, routing
// swapped as one reference. Not the product's serving layer (engine/src/serving), which has its adapter.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import ort from "onnxruntime-node";
import { checkSignature, datatypeFromOrt } from "../../../src/reconcile/contract-check.js";
import { ServingApplyError } from "../../../src/reconcile/errors.js";
import type {
  ActualState,
  ModelRouting,
  RuntimeEnvironment,
  ServingRuntime,
} from "../../../src/reconcile/ports.js";
import type { Contract } from "../../../src/registry/types.js";

interface Loaded {
  sha256: string;
  session: ort.InferenceSession;
}

export class OrtTestRuntime implements ServingRuntime {
  private sessions = new Map<string, Loaded>(); // "model@version"
  private routing: Record<string, ModelRouting> = {};
  applyCalls = 0;

  async observe(): Promise<ActualState> {
    const models: ActualState["models"] = {};
    for (const [key, loaded] of this.sessions) {
      const [model, version] = key.split("@") as [string, string];
      (models[model] ??= { loaded: [] }).loaded.push({ version, sha256: loaded.sha256 });
    }
    for (const [model, routing] of Object.entries(this.routing))
      (models[model] ??= { loaded: [] }).routing = structuredClone(routing);
    return { models };
  }

  async applyEnvironment(target: RuntimeEnvironment): Promise<void> {
    this.applyCalls += 1;
    const added: string[] = [];
    try {
      for (const [model, spec] of Object.entries(target.desired.models)) {
        for (const version of Object.values(spec.versions)) {
          const key = `${model}@${version.version}`;
          if (this.sessions.get(key)?.sha256 === version.artifact.sha256) continue;
          const path = target.artifactPaths[version.artifact.sha256]!;
          const bytes = await readFile(path);
          const digest = createHash("sha256").update(bytes).digest("hex");
          if (digest !== version.artifact.sha256) {
            throw new ServingApplyError("ArtifactCorrupt", `${key}: bytes hash to ${digest}`, false, {
              model,
              version: version.version,
            });
          }
          const session = await ort.InferenceSession.create(bytes);
          const problems = checkSignature(version.contract, {
            inputs: session.inputMetadata.map((m) => ({
              name: m.name,
              datatype: m.isTensor ? datatypeFromOrt(m.type) : undefined,
              shape: m.isTensor ? [...m.shape] : [],
            })),
            outputs: session.outputMetadata.map((m) => ({
              name: m.name,
              datatype: m.isTensor ? datatypeFromOrt(m.type) : undefined,
              shape: m.isTensor ? [...m.shape] : [],
            })),
          });
          if (problems.length > 0) {
            await session.release();
            throw new ServingApplyError(
              "ContractMismatch",
              `${key} does not match contract ${version.contract.name}: ${problems.join("; ")}`,
              false,
              { model, version: version.version },
            );
          }
          await session.run(zeroFeeds(version.contract));
          const old = this.sessions.get(key);
          this.sessions.set(key, { sha256: version.artifact.sha256, session });
          added.push(key);
          if (old) await old.session.release();
        }
      }
    } catch (error) {
      for (const key of added) {
        await this.sessions.get(key)?.session.release();
        this.sessions.delete(key);
      }
      throw error;
    }
    const next: Record<string, ModelRouting> = {};
    for (const [model, spec] of Object.entries(target.desired.models))
      next[model] = structuredClone(spec.routing);
    this.routing = next; // the atomic switch
    for (const [key, loaded] of [...this.sessions]) {
      const [model, version] = key.split("@") as [string, string];
      if (!target.desired.models[model]?.versions[version]) {
        this.sessions.delete(key);
        await loaded.session.release();
      }
    }
  }

  /** An admin override outside Git (for drift tests). */
  overrideRouting(model: string, routing: ModelRouting): void {
    this.routing = { ...this.routing, [model]: routing };
  }

  /** Runs x through the version the router picks (`pick` in [0,1) chooses by cumulative weight). */
  async infer(model: string, x: number, pick = 0): Promise<{ version: string; y: number }> {
    const routing = this.routing[model];
    if (!routing) throw new Error(`${model} is not served`);
    const total = routing.traffic.reduce((s, t) => s + t.weight, 0);
    let acc = 0;
    const chosen = routing.traffic.find((t) => (acc += t.weight) / total > pick) ?? routing.traffic.at(-1)!;
    const session = this.sessions.get(`${model}@${chosen.version}`)!.session;
    const out = await session.run({ x: new ort.Tensor("float32", Float32Array.from([x]), [1, 1]) });
    return { version: chosen.version, y: Number((out.y!.data as Float32Array)[0]) };
  }

  async close(): Promise<void> {
    for (const loaded of this.sessions.values()) await loaded.session.release();
    this.sessions.clear();
  }
}

function zeroFeeds(contract: Contract): Record<string, ort.Tensor> {
  const feeds: Record<string, ort.Tensor> = {};
  for (const field of contract.inputs) {
    const shape = field.shape.map((d) => (d < 0 ? 1 : d));
    const n = shape.reduce((a, b) => a * b, 1);
    feeds[field.name] =
      field.datatype === "BYTES"
        ? new ort.Tensor("string", new Array<string>(n).fill(String(field.categories?.[0] ?? "")), shape)
        : field.datatype === "INT64"
          ? new ort.Tensor("int64", new BigInt64Array(n), shape)
          : new ort.Tensor("float32", new Float32Array(n), shape);
  }
  return feeds;
}
