import { DEFAULT_MEMORY_PAGES, loadPolicy, mibToPages, type WasmPolicy } from "../policy/index.js";
import { DECISION_ENTRYPOINT } from "./bundle.js";
import { GateDecisionError } from "./errors.js";
import type { PolicyInput } from "./input.js";

export type Severity = "critical" | "high" | "medium" | "low";
export type EnforcementMode = "enforce" | "warn" | "audit";

/** One finding of a rule (schemas/decision.schema.json#/$defs/finding). */
export interface Finding {
  rule: string;
  source: string;
  severity: Severity | string;
  enforcement: EnforcementMode;
  message: string;
  remediation: string;
  file: string;
  line: number;
  scope: Record<string, string>;
  waivers?: string[];
}

export interface ApprovalRequirement {
  rule: string;
  key: string;
  description: string;
  min: number;
  any_of: string[] | null;
  given: string[];
  satisfied: boolean;
}

export interface Override {
  rule: string;
  default: EnforcementMode;
  configured: EnforcementMode;
  file: string;
  line: number;
}

/** What the policy decided (schemas/decision.schema.json). */
export interface Decision {
  allowed: boolean;
  violations: Finding[];
  warnings: Finding[];
  audit: Finding[];
  waived: Finding[];
  overrides: Override[];
  approvals: { required: ApprovalRequirement[]; given: string[]; missing: string[] };
  rules: {
    id: string;
    severity: string;
    default_enforcement: EnforcementMode;
    enforcement: EnforcementMode;
    title: string;
  }[];
  custom_rules: string[];
}

export interface LoadDecisionPolicyOptions {
  /** Hard memory limit of the WASM instance (modelgate.yaml `policy.memory_mib`). */
  memoryMib?: number;
}

export async function loadDecisionPolicy(
  wasm: Uint8Array,
  options: LoadDecisionPolicyOptions = {},
): Promise<WasmPolicy> {
  const maximum =
    options.memoryMib !== undefined ? mibToPages(options.memoryMib) : DEFAULT_MEMORY_PAGES.maximum;
  const initial = Math.min(DEFAULT_MEMORY_PAGES.initial, maximum);
  return loadPolicy(wasm, { memoryPages: { initial, maximum } });
}

/** Evaluates the decision entrypoint; anything but a well-formed decision throws (fail closed). */
export function evaluateDecision(policy: WasmPolicy, input: PolicyInput): Decision {
  const value = policy.evaluateDefined(DECISION_ENTRYPOINT, input);
  return checkDecision(value);
}

export function checkDecision(value: unknown): Decision {
  const fail = (what: string): never => {
    throw new GateDecisionError(
      `policy ${DECISION_ENTRYPOINT} returned a malformed decision (${what}); treated as an error`,
    );
  };
  if (typeof value !== "object" || value === null || Array.isArray(value)) return fail("not an object");
  const d = value as Record<string, unknown>;
  if (typeof d["allowed"] !== "boolean") fail("`allowed` is not a boolean");
  for (const key of ["violations", "warnings", "audit", "waived", "overrides"])
    if (!Array.isArray(d[key])) fail(`\`${key}\` is not an array`);
  const violations = d["violations"] as unknown[];
  if (d["allowed"] === true && violations.length > 0) fail("allowed with violations");
  for (const f of violations) {
    if (
      typeof f !== "object" ||
      f === null ||
      typeof (f as Finding).rule !== "string" ||
      typeof (f as Finding).message !== "string"
    ) {
      fail("a violation without rule or message");
    }
  }
  const decision = value as Decision;
  for (const key of ["violations", "warnings", "audit", "waived"] as const)
    decision[key].sort(compareFindings);
  return decision;
}

const SEVERITY_RANK: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/** Most severe first, then by file and line, so reports read top-down and are stable. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    (SEVERITY_RANK[a.severity] ?? 4) - (SEVERITY_RANK[b.severity] ?? 4) ||
    (a.file === "" ? 1 : 0) - (b.file === "" ? 1 : 0) ||
    a.file.localeCompare(b.file) ||
    a.line - b.line ||
    a.rule.localeCompare(b.rule) ||
    a.message.localeCompare(b.message)
  );
}
