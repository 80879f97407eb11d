/**
 * Registry states built in memory for change-set and policy tests: plain objects are written as YAML and
 * parsed back so that positions (lines) are real.
 */
import { LineCounter, isMap, isSeq, parseDocument, stringify, type Node } from "yaml";
import type {
  Contract,
  Environment,
  ModelCard,
  ModelVersion,
  RegistryConfig,
  RegistryState,
  Slo,
  Sourced,
  Waiver,
  CodeOwnersRule,
} from "../../src/registry/types.js";

export function sourced<T>(file: string, data: T): Sourced<T> {
  const text = stringify(data);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  return {
    file,
    data: structuredClone(data),
    positions: {
      locate(pointer: string) {
        const segments =
          pointer === ""
            ? []
            : pointer
                .slice(1)
                .split("/")
                .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
        let node: Node | null = doc.contents as Node | null;
        let best = node;
        for (const segment of segments) {
          if (isMap(node)) {
            const pair = node.items.find(
              (p) => String((p.key as { value?: unknown } | null)?.value) === segment,
            );
            if (!pair) break;
            node = (pair.value as Node | null) ?? (pair.key as Node);
            best = (pair.key as Node | null) ?? node;
          } else if (isSeq(node)) {
            const item = node.items[Number(segment)] as Node | undefined;
            if (!item) break;
            node = item;
            best = item;
          } else break;
        }
        const offset = best?.range?.[0] ?? 0;
        const pos = lineCounter.linePos(offset);
        return { line: pos.line, column: pos.col };
      },
    },
  };
}

export interface PlainRegistry {
  revision?: string;
  config: RegistryConfig;
  models: Record<string, { card: ModelCard; versions: Record<string, ModelVersion> }>;
  contracts: Record<string, Contract>;
  slos?: Record<string, Slo>;
  environments: Record<string, Environment>;
  waivers?: Record<string, Waiver>;
  codeowners?: CodeOwnersRule[];
}

export function buildState(plain: PlainRegistry): RegistryState {
  const state: RegistryState = {
    config: sourced("modelgate.yaml", plain.config),
    models: Object.fromEntries(
      Object.entries(plain.models).map(([name, m]) => [
        name,
        {
          card: sourced(`models/${name}/model.yaml`, m.card),
          versions: Object.fromEntries(
            Object.entries(m.versions).map(([v, data]) => [
              v,
              sourced(`models/${name}/versions/${v}.yaml`, data),
            ]),
          ),
        },
      ]),
    ),
    contracts: Object.fromEntries(
      Object.entries(plain.contracts).map(([n, c]) => [n, sourced(`contracts/${n}.yaml`, c)]),
    ),
    slos: Object.fromEntries(
      Object.entries(plain.slos ?? {}).map(([n, s]) => [n, sourced(`slos/${n}.yaml`, s)]),
    ),
    environments: Object.fromEntries(
      Object.entries(plain.environments).map(([n, e]) => [n, sourced(`environments/${n}.yaml`, e)]),
    ),
    waivers: Object.fromEntries(
      Object.entries(plain.waivers ?? {}).map(([n, w]) => [n, sourced(`waivers/${n}.yaml`, w)]),
    ),
    codeowners: plain.codeowners ?? [],
    policies: [],
  };
  if (plain.revision !== undefined) state.revision = plain.revision;
  return state;
}

const sha = (c: string): string => c.repeat(64);

export function version(v: string, overrides: Partial<ModelVersion> = {}): ModelVersion {
  return {
    version: v,
    artifact: {
      uri: `file:artifacts/stockout-risk/${v}/model.onnx`,
      sha256: sha("a"),
      size: 4096,
      format: "onnx",
    },
    metrics: { accuracy: 0.9, auc: 0.94 },
    slice_metrics: { store_format: { mall: { accuracy: 0.89 }, street: { accuracy: 0.91 } } },
    lineage: { trained_at: "2026-10-01T00:00:00Z", code_commit: "4f2a9c1" },
    ...overrides,
  };
}

export function contract(overrides: Partial<Contract> = {}): Contract {
  return {
    name: "stockout-risk",
    version: "1.0.0",
    compatibility: "BACKWARD",
    owners: ["@retail/supply-chain"],
    consumers: [{ name: "replenishment-planner", owners: ["@retail/planning"] }],
    inputs: [
      { name: "on_hand_units", datatype: "FP32", shape: [-1, 1], nullable: false, min: 0, max: 5000 },
      { name: "store_format", datatype: "BYTES", shape: [-1, 1], categories: ["mall", "street", "outlet"] },
    ],
    outputs: [
      { name: "label", datatype: "INT64", shape: [-1] },
      { name: "probabilities", datatype: "FP32", shape: [-1, 2], min: 0, max: 1 },
    ],
    ...overrides,
  };
}

/** A small valid registry: one high-risk model, 1.0.0 serving in staging and production. */
export function baseRegistry(): PlainRegistry {
  return {
    revision: "base000",
    config: {
      name: "retail-models",
      environments: [{ name: "staging" }, { name: "production", promote_from: "staging", protected: true }],
      artifacts: { allowed_stores: ["file:", "https://models.example.com/"], max_size_bytes: 104857600 },
      teams: {
        "retail/risk": ["carol"],
        "retail/sre": ["dave"],
        "retail/supply-chain": ["alice", "bob"],
        "retail/planning": ["erin"],
      },
    },
    models: {
      "stockout-risk": {
        card: {
          name: "stockout-risk",
          owner: "@retail/supply-chain",
          task: "binary-classification",
          risk_tier: "high",
          contract: "stockout-risk",
          slo: "stockout-risk",
          intended_use: "Prioritise replenishment orders.",
          limitations: "Synthetic data.",
          human_oversight: "Planner reviews.",
        },
        versions: { "1.0.0": version("1.0.0", { metrics: { accuracy: 0.88, auc: 0.93 } }) },
      },
    },
    contracts: { "stockout-risk": contract() },
    slos: {
      "stockout-risk": {
        name: "stockout-risk",
        window: "30d",
        objectives: { availability: { target: 0.999 } },
        retrain_after_days: 90,
      },
    },
    environments: {
      staging: {
        name: "staging",
        models: { "stockout-risk": { traffic: [{ version: "1.0.0", weight: 100 }] } },
      },
      production: {
        name: "production",
        models: { "stockout-risk": { traffic: [{ version: "1.0.0", weight: 100 }] } },
      },
    },
    waivers: {},
    codeowners: [
      { pattern: "*", owners: ["@retail/supply-chain"], line: 1 },
      { pattern: "/environments/production.yaml", owners: ["@retail/sre"], line: 2 },
    ],
  };
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}
