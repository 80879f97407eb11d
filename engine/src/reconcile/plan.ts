/**
 * Desired vs actual → an ordered list of steps. Pure: no I/O, so `modelgate plan` and the reconciler
 * agree, and the order is the safe one: load (fetch → verify → load → check contract → warm) every new
 * version first, then shift traffic and shadows (applied together, atomically), then unload what is no
 * longer referenced (after draining).
 */
import { decisionPolicyKey } from "./ports.js";
import type { ActualState, DesiredEnvironment, ModelRouting, ShadowSpec, TrafficWeight } from "./ports.js";

export type PlanStep =
  | {
      action: "load";
      model: string;
      version: string;
      sha256: string;
      uri: string;
      reason: "new" | "artifact-changed";
    }
  | { action: "refetch"; model: string; version: string; sha256: string; uri: string }
  | { action: "shift-traffic"; model: string; from: TrafficWeight[]; to: TrafficWeight[] }
  | { action: "start-shadow"; model: string; version: string; percent: number }
  | { action: "stop-shadow"; model: string; version: string }
  | { action: "set-decision-policy"; model: string; from?: string; to?: string }
  | { action: "unload"; model: string; version: string };

export interface Plan {
  environment: string;
  revision: string;
  steps: PlanStep[];
}

export interface PlanOptions {
  /** sha256 digests whose cached file no longer matches (changed or removed on disk). */
  tamperedArtifacts?: ReadonlySet<string>;
}

export function computePlan(
  desired: DesiredEnvironment,
  actual: ActualState,
  options: PlanOptions = {},
): Plan {
  const loads: PlanStep[] = [];
  const routes: PlanStep[] = [];
  const unloads: PlanStep[] = [];
  const tampered = options.tamperedArtifacts ?? new Set<string>();
  const modelNames = [...new Set([...Object.keys(desired.models), ...Object.keys(actual.models)])].sort();

  for (const model of modelNames) {
    const want = desired.models[model];
    const have = actual.models[model];
    const loaded = new Map((have?.loaded ?? []).map((l) => [l.version, l.sha256]));

    for (const version of Object.keys(want?.versions ?? {}).sort()) {
      const spec = want!.versions[version]!;
      const { sha256, uri } = spec.artifact;
      const loadedSha = loaded.get(version);
      if (loadedSha === undefined) {
        loads.push({ action: "load", model, version, sha256, uri, reason: "new" });
      } else if (loadedSha !== sha256) {
        loads.push({ action: "load", model, version, sha256, uri, reason: "artifact-changed" });
      } else if (tampered.has(sha256)) {
        loads.push({ action: "refetch", model, version, sha256, uri });
      }
    }

    const from = normalizeTraffic(have?.routing?.traffic ?? []);
    const to = normalizeTraffic(want?.routing.traffic ?? []);
    if (!sameTraffic(from, to)) routes.push({ action: "shift-traffic", model, from, to });
    routes.push(...shadowSteps(model, have?.routing?.shadow, want?.routing.shadow));
    const policy = want ? decisionPolicyKey(desired, model) : undefined;
    if (policy !== have?.decisionPolicy) {
      routes.push({
        action: "set-decision-policy",
        model,
        ...(have?.decisionPolicy ? { from: have.decisionPolicy } : {}),
        ...(policy ? { to: policy } : {}),
      });
    }

    for (const version of [...loaded.keys()].sort()) {
      if (!want?.versions[version]) unloads.push({ action: "unload", model, version });
    }
  }
  return {
    environment: desired.environment,
    revision: desired.revision,
    steps: [...loads, ...routes, ...unloads],
  };
}

function shadowSteps(model: string, from: ShadowSpec | undefined, to: ShadowSpec | undefined): PlanStep[] {
  if (from && to && from.version === to.version && from.percent === to.percent) return [];
  const steps: PlanStep[] = [];
  if (from && (!to || from.version !== to.version))
    steps.push({ action: "stop-shadow", model, version: from.version });
  if (to) steps.push({ action: "start-shadow", model, version: to.version, percent: to.percent });
  return steps;
}

/** Sorted by version, zero weights kept (a warm version with no traffic), roles defaulted. */
export function normalizeTraffic(traffic: readonly TrafficWeight[]): TrafficWeight[] {
  return traffic
    .map((t) => ({ version: t.version, weight: t.weight, role: t.role ?? "stable" }))
    .sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
}

function sameTraffic(a: TrafficWeight[], b: TrafficWeight[]): boolean {
  return (
    a.length === b.length &&
    a.every((t, i) => t.version === b[i]!.version && t.weight === b[i]!.weight && t.role === b[i]!.role)
  );
}

export function sameRouting(a: ModelRouting | undefined, b: ModelRouting | undefined): boolean {
  if (!a || !b) return a === b;
  const shadowEqual =
    a.shadow === undefined
      ? b.shadow === undefined
      : b.shadow !== undefined &&
        a.shadow.version === b.shadow.version &&
        a.shadow.percent === b.shadow.percent;
  return shadowEqual && sameTraffic(normalizeTraffic(a.traffic), normalizeTraffic(b.traffic));
}

/** One line per step, for `modelgate plan` and logs. */
export function describeStep(step: PlanStep): string {
  switch (step.action) {
    case "load":
      return `load ${step.model} ${step.version} (${step.sha256.slice(0, 12)}; fetch → verify → load → check contract → warm)${step.reason === "artifact-changed" ? " — artifact changed" : ""}`;
    case "refetch":
      return `refetch ${step.model} ${step.version} (${step.sha256.slice(0, 12)}): the cached file changed on disk`;
    case "shift-traffic":
      return `shift ${step.model} traffic: ${formatTraffic(step.from)} → ${formatTraffic(step.to)}`;
    case "start-shadow":
      return `start shadow ${step.model} ${step.version} at ${step.percent}%`;
    case "stop-shadow":
      return `stop shadow ${step.model} ${step.version}`;
    case "set-decision-policy":
      return `decision policy of ${step.model}: ${step.from ?? "none"} → ${step.to ?? "none"}`;
    case "unload":
      return `unload ${step.model} ${step.version} (after draining)`;
  }
}

function formatTraffic(traffic: TrafficWeight[]): string {
  if (traffic.length === 0) return "none";
  return traffic.map((t) => `${t.version}=${t.weight}${t.role === "canary" ? " (canary)" : ""}`).join(", ");
}

export function formatPlan(plan: Plan): string {
  const head = `Plan for ${plan.environment} at ${plan.revision.slice(0, 12)}:`;
  if (plan.steps.length === 0) return `${head} nothing to do — serving matches Git.\n`;
  return `${head}\n${plan.steps.map((s, i) => `  ${i + 1}. ${describeStep(s)}`).join("\n")}\n`;
}
