import { createHash } from "node:crypto";
import { appendFile } from "node:fs/promises";
import { loadPolicy, type JsonValue } from "../policy/index.js";
import type { DecisionPolicySpec } from "./types.js";

/** What a decision policy returns for one prediction. A denial is a value, not an error. */
export interface DecisionResult {
  allow: boolean;
  action: string;
  reasons: string[];
}

export interface DecisionInput {
  request: { id: string | undefined; inputs: Record<string, unknown[]>; parameters?: unknown };
  prediction: Record<string, unknown[]>;
  model: string;
  version: string;
}

export interface DecisionEvaluator {
  readonly name: string;
  evaluate(input: DecisionInput): DecisionResult;
}

/**
 * Loads a Rego decision policy compiled to WASM (`opa build -t wasm`) once; each `evaluate` runs it
 * in-process on `{request, prediction, model, version}`. A policy that returns nothing, or something that
 * is not `{allow, action?, reasons?}`, fails closed: `{allow: false, action: "error", reasons: [...]}`.
 */
export async function createDecisionEvaluator(spec: DecisionPolicySpec): Promise<DecisionEvaluator> {
  const policy = await loadPolicy(spec.wasm);
  if (spec.data) policy.setData(spec.data as JsonValue);
  const entrypoint = spec.entrypoint ?? policy.entrypoints[0];
  if (!entrypoint) throw new Error(`decision policy '${spec.name}' exports no entrypoint`);
  if (!policy.entrypoints.includes(entrypoint)) {
    throw new Error(
      `decision policy '${spec.name}' has no entrypoint ${entrypoint} (it has: ${policy.entrypoints.join(", ")})`,
    );
  }
  return {
    name: spec.name,
    evaluate(input: DecisionInput): DecisionResult {
      try {
        return toDecision(policy.evaluate(entrypoint, input));
      } catch (error) {
        return {
          allow: false,
          action: "error",
          reasons: [`policy evaluation failed: ${(error as Error).message}`],
        };
      }
    },
  };
}

function toDecision(value: JsonValue | undefined): DecisionResult {
  if (!value || typeof value !== "object" || Array.isArray(value) || typeof value.allow !== "boolean") {
    return {
      allow: false,
      action: "error",
      reasons: ["the decision policy returned no {allow: boolean, ...} result"],
    };
  }
  const reasons = Array.isArray(value.reasons)
    ? value.reasons.map((r) => (typeof r === "string" ? r : JSON.stringify(r)))
    : [];
  const action = typeof value.action === "string" ? value.action : value.allow ? "allow" : "deny";
  return { allow: value.allow, action, reasons };
}

export interface DecisionLogEntry {
  timestamp: string;
  request_id: string;
  model: string;
  version: string;
  policy: string;
  inputs_sha256: string;
  outputs: Record<string, unknown[]>;
  decision: DecisionResult;
}

/**
 * Append-only JSON-lines decision log. Entries are buffered and appended in order by one writer, so
 * the request path never waits for the disk.
 */
export class DecisionLog {
  private buffer: string[] = [];
  private writing: Promise<void> = Promise.resolve();
  private scheduled = false;

  constructor(private readonly path: string) {}

  append(entry: DecisionLogEntry): void {
    this.buffer.push(`${JSON.stringify(entry)}\n`);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const chunk = this.buffer.join("");
      this.buffer = [];
      this.writing = this.writing.then(() => appendFile(this.path, chunk)).catch(() => undefined);
    });
  }

  /** Resolves when everything appended so far is on disk. */
  async flush(): Promise<void> {
    while (this.scheduled || this.buffer.length > 0) await new Promise((r) => setImmediate(r));
    await this.writing;
  }
}

export function sha256Json(value: unknown): string {
  return createHash("sha256").update(JSON.stringify(value)).digest("hex");
}
