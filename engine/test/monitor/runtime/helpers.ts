import { join } from "node:path";
import type { Registry } from "prom-client";
import { loadRegistry, openFolderSource } from "../../../src/registry/index.js";
import type { Contract, RegistryState } from "../../../src/registry/types.js";
import {
  fromRegistry,
  OnnxRuntimeServing,
  type ServingEnvironmentSpec,
  type ServingOptions,
} from "../../../src/serving/index.js";
import {
  MonitorRuntime,
  monitorSpecFromRegistry,
  type MonitorRuntimeOptions,
  type MonitorSpec,
} from "../../../src/monitor/runtime/index.js";
import { templateDir } from "../../helpers/temp-git.js";
import { seededRandom, type Random } from "../random.js";

let cached: Promise<RegistryState> | undefined;

/** The template registry, loaded once per test file. */
export function templateState(): Promise<RegistryState> {
  cached ??= (async () => {
    const result = await loadRegistry(await openFolderSource(templateDir));
    if (!result.ok) throw new Error(`template invalid: ${JSON.stringify(result.errors.slice(0, 3))}`);
    return result.state;
  })();
  return cached;
}

/** The serving spec of a template environment, artifacts read from the template folder. */
export async function templateServingSpec(
  state: RegistryState,
  environment: string,
  only?: readonly string[],
): Promise<ServingEnvironmentSpec> {
  const spec = await fromRegistry(state, environment, async (artifact) => ({
    path: join(templateDir, artifact.uri.replace(/^file:/, "")),
  }));
  if (only) for (const name of Object.keys(spec.models)) if (!only.includes(name)) delete spec.models[name];
  return spec;
}

export interface MonitoredServing {
  serving: OnnxRuntimeServing;
  runtime: MonitorRuntime;
  registry: Registry;
  url: string;
  close(): Promise<void>;
}

/** Real ONNX serving on 127.0.0.1 with a monitor runtime as its observer. */
export async function startMonitoredServing(input: {
  serving: ServingEnvironmentSpec;
  monitor: MonitorSpec;
  runtime?: Omit<MonitorRuntimeOptions, "spec" | "registry">;
  servingOptions?: ServingOptions;
  /** Built after the serving layer exists (e.g. the canary actuator needs it). */
  extra?: (serving: OnnxRuntimeServing) => Partial<MonitorRuntimeOptions>;
}): Promise<MonitoredServing> {
  // The runtime is built after the serving layer (the canary actuator needs it); the observer waits for it.
  const ref: { runtime?: MonitorRuntime } = {};
  const observer = {
    observe: (o: Parameters<MonitorRuntime["observe"]>[0]) => ref.runtime?.observe(o),
    wantsInputs: (model: string, version: string) => ref.runtime?.wantsInputs(model, version) ?? true,
    feedback: (f: Parameters<MonitorRuntime["feedback"]>[0]) =>
      ref.runtime ? ref.runtime.feedback(f) : { result: "unknown" as const, message: "not ready" },
  };
  const serving = new OnnxRuntimeServing({ workers: 1, observer, ...input.servingOptions });
  try {
    await serving.applyEnvironment(input.serving);
  } catch (error) {
    await serving.close();
    throw error;
  }
  const runtime = new MonitorRuntime({
    spec: input.monitor,
    registry: serving.metrics.registry,
    ...input.runtime,
    ...input.extra?.(serving),
  });
  ref.runtime = runtime;
  const address = await serving.listen(0, "127.0.0.1");
  return {
    serving,
    runtime,
    registry: serving.metrics.registry,
    url: `http://127.0.0.1:${address.port}`,
    close: async () => {
      await runtime.stop();
      await serving.close();
    },
  };
}

export { monitorSpecFromRegistry };

// ---------- traffic ----------

/** Marsaglia–Tsang gamma(shape, scale). */
function gamma(rng: Random, shape: number, scale: number): number {
  if (shape < 1) return gamma(rng, shape + 1, scale) * Math.pow(rng.uniform(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = rng.normal();
    const v = Math.pow(1 + c * x, 3);
    if (v <= 0) continue;
    const u = rng.uniform();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v * scale;
  }
}

const clip = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
const round1 = (x: number): number => Math.round(x * 10) / 10;

export interface DemandRow {
  price: number;
  promo_flag: number;
  day_of_week: number;
  avg_daily_units_7d: number;
  temperature_c: number;
}

/**
 * Rows of demand-forecast inputs drawn like the training data (a port of `make_sku_days` in
 * `training/train.py`: log-normal prices, 15% promotions, regional temperatures, gamma demand rates).
 * `priceFactor` scales prices (3 = the demo's "prices ×3" shift).
 */
export function demandRows(n: number, seed: number, priceFactor = 1): DemandRow[] {
  const rng = seededRandom(seed);
  const formats = [1.4, 1.0, 0.7];
  const seasons = [8, 18, 11, 13];
  const rows: DemandRow[] = [];
  for (let i = 0; i < n; i += 1) {
    const fmt = formats[rng.categorical([0.3, 0.5, 0.2])]!;
    const season = seasons[Math.floor(rng.uniform() * 4)]!;
    const basePrice = Math.exp(rng.normal(Math.log(6), 0.6));
    const promo = rng.uniform() < 0.15 ? 1 : 0;
    const price = clip(round1(basePrice * (1 - 0.25 * promo)) - 0.01, 0.19, 99.99);
    const dow = Math.floor(rng.uniform() * 7);
    const temperature = clip(round1(season + rng.normal(0, 6)), -30, 45);
    const baseRate = gamma(rng, 2, 6) * fmt * clip(Math.exp(-0.08 * (basePrice - 6)), 0.3, 2.5);
    const avg7 = clip(round1(gamma(rng, 25, baseRate / 25)), 0, 500);
    rows.push({
      price: clip(Math.fround(price * priceFactor), 0.1, 100),
      promo_flag: promo,
      day_of_week: dow,
      avg_daily_units_7d: Math.fround(avg7),
      temperature_c: Math.fround(temperature),
    });
  }
  return rows;
}

/** A V2 request for demand-forecast rows (one tensor per feature). */
export function demandRequest(rows: readonly DemandRow[], id?: string): Record<string, unknown> {
  const names = ["price", "promo_flag", "day_of_week", "avg_daily_units_7d", "temperature_c"] as const;
  return {
    ...(id !== undefined ? { id } : {}),
    inputs: names.map((name) => ({
      name,
      datatype: "FP32",
      shape: [rows.length, 1],
      data: rows.map((r) => r[name]),
    })),
  };
}

export async function postJson(
  url: string,
  body: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** Lets the serving layer hand its queued observations to the observer. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

/**
 * Rows drawn from a contract's input baseline, each feature on its own (a bin by its share, then a
 * uniform value inside it; a category by its frequency). Marginals match the baseline; joint structure
 * does not, so use it where only inputs matter.
 */
export function baselineRows(contract: Contract, n: number, seed: number): Record<string, number | string>[] {
  const rng = seededRandom(seed);
  const features = Object.entries(contract.baseline?.inputs ?? {});
  return Array.from({ length: n }, () => {
    const row: Record<string, number | string> = {};
    for (const [name, b] of features) {
      if ("edges" in b) {
        const i = rng.categorical(b.proportions);
        row[name] = Math.fround(b.edges[i]! + rng.uniform() * (b.edges[i + 1]! - b.edges[i]!));
      } else {
        const labels = Object.keys(b.frequencies);
        row[name] = labels[rng.categorical(Object.values(b.frequencies))]!;
      }
    }
    return row;
  });
}

/** A V2 request for rows of a contract's inputs (BYTES for strings, FP32 otherwise). */
export function contractRequest(
  contract: Contract,
  rows: readonly Record<string, number | string>[],
): Record<string, unknown> {
  return {
    inputs: contract.inputs.map((f) => ({
      name: f.name,
      datatype: f.datatype,
      shape: [rows.length, 1],
      data: rows.map((r) => r[f.name]),
    })),
  };
}
