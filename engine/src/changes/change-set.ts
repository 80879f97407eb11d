import type { Contract, ModelDeployment, ModelVersion, RegistryState, Sourced } from "../registry/types.js";
import { classifyContractChange } from "./contract-compat.js";
import { diffPointers, joinPointer } from "./json-diff.js";
import { classifyBump, latestVersion } from "./semver.js";
import type {
  ChangeSet,
  ContractChange,
  DocumentChange,
  MetricDelta,
  Placement,
  PlacementRole,
  SliceGap,
  TrafficChange,
  VersionChange,
} from "./types.js";

export interface ComputeChangeSetOptions {
  /** The clock, for ages (days since trained). */
  now: Date;
  /** Changed paths from git (`git diff --name-only base head`); derived from the documents when absent. */
  files?: string[];
  /**
   * Earlier versions of each contract (oldest first), for `_TRANSITIVE` modes. When absent, transitive
   * modes are judged against base only and `transitive_basis` says so.
   */
  contractHistory?: Record<string, Contract[]>;
}

const LOWER_IS_BETTER =
  /(^|_)(mae|mse|rmse|mape|smape|loss|log_loss|logloss|error|err|brier|latency|latency_ms|fpr|fnr|wape)($|_)/i;

/** Whether a larger value of the metric is better (accuracy, auc) or worse (mae, rmse, loss, latency). */
export function higherIsBetter(metric: string): boolean {
  return !LOWER_IS_BETTER.test(metric);
}

export function metricDeltas(
  proposed: ModelVersion["metrics"],
  current: ModelVersion["metrics"],
): MetricDelta[] {
  if (!proposed || !current) return [];
  const out: MetricDelta[] = [];
  for (const metric of Object.keys(proposed).sort()) {
    const p = proposed[metric];
    const c = current[metric];
    if (typeof p !== "number" || typeof c !== "number") continue;
    const hib = higherIsBetter(metric);
    const delta = round(p - c);
    out.push({
      metric,
      proposed: p,
      current: c,
      delta,
      higher_is_better: hib,
      regression: hib ? -delta : delta,
    });
  }
  return out;
}

export function sliceGaps(version: ModelVersion): SliceGap[] {
  const out: SliceGap[] = [];
  for (const [attribute, slices] of Object.entries(version.slice_metrics ?? {})) {
    const byMetric = new Map<string, { slice: string; value: number }[]>();
    for (const [slice, metrics] of Object.entries(slices ?? {})) {
      for (const [metric, value] of Object.entries(metrics ?? {})) {
        if (typeof value !== "number") continue;
        const list = byMetric.get(metric) ?? [];
        list.push({ slice, value });
        byMetric.set(metric, list);
      }
    }
    for (const [metric, values] of [...byMetric].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (values.length < 2) continue;
      const hib = higherIsBetter(metric);
      const sorted = [...values].sort((a, b) => (hib ? b.value - a.value : a.value - b.value));
      const best = sorted[0]!;
      const worst = sorted[sorted.length - 1]!;
      out.push({
        attribute,
        metric,
        gap: round(Math.abs(best.value - worst.value)),
        best_slice: best.slice,
        worst_slice: worst.slice,
      });
    }
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

export function ageDays(trainedAt: string | undefined, now: Date): number | undefined {
  if (!trainedAt) return undefined;
  const t = Date.parse(trainedAt);
  if (Number.isNaN(t)) return undefined;
  return Math.floor((now.getTime() - t) / 86_400_000);
}

const lineOf = (doc: Sourced<unknown>, pointer: string): number => {
  try {
    return doc.positions.locate(pointer).line;
  } catch {
    return 1;
  }
};

type Scope = (...docs: (Sourced<unknown> | undefined)[]) => boolean;

function documentChanges<T>(
  base: Record<string, Sourced<T>>,
  head: Record<string, Sourced<T>>,
  inScope: Scope,
): DocumentChange[] {
  const out: DocumentChange[] = [];
  for (const name of [...new Set([...Object.keys(base), ...Object.keys(head)])].sort()) {
    const before = base[name];
    const after = head[name];
    if (!inScope(before, after)) continue;
    if (before && !after)
      out.push({ name, kind: "removed", file: before.file, line: 1, changed_pointers: [] });
    else if (!before && after)
      out.push({ name, kind: "added", file: after.file, line: 1, changed_pointers: [] });
    else if (before && after) {
      const pointers = diffPointers(before.data, after.data);
      if (pointers.length > 0) {
        out.push({
          name,
          kind: "changed",
          file: after.file,
          line: lineOf(after, pointers[0]!),
          changed_pointers: pointers,
        });
      }
    }
  }
  return out;
}

function stableOf(deployment: ModelDeployment | undefined): string | undefined {
  let best: { version: string; weight: number } | undefined;
  for (const entry of deployment?.traffic ?? []) {
    if ((entry.role ?? "stable") !== "stable") continue;
    if (!best || entry.weight > best.weight) best = entry;
  }
  return best?.version;
}

function roles(deployment: ModelDeployment | undefined): Map<string, Set<PlacementRole>> {
  const out = new Map<string, Set<PlacementRole>>();
  const add = (version: string, role: PlacementRole): void => {
    const set = out.get(version) ?? new Set();
    set.add(role);
    out.set(version, set);
  };
  for (const entry of deployment?.traffic ?? []) add(entry.version, entry.role ?? "stable");
  if (deployment?.shadow) add(deployment.shadow.version, "shadow");
  return out;
}

function servesIn(state: RegistryState | undefined, env: string, model: string, version: string): boolean {
  const deployment = state?.environments[env]?.data.models?.[model];
  return (deployment?.traffic ?? []).some((t) => t.version === version);
}

function versionData(
  state: RegistryState | undefined,
  model: string,
  version: string | undefined,
): ModelVersion | undefined {
  if (!state || version === undefined) return undefined;
  return state.models[model]?.versions[version]?.data;
}

/** The semantic difference between two registry states. Pure: no I/O. */
export function computeChangeSet(
  base: RegistryState,
  head: RegistryState,
  options: ComputeChangeSetOptions,
): ChangeSet {
  const touched = new Set<string>();
  const fileSet = new Set<string>();
  // With the changed paths from git, only documents in changed files can differ: compare just those
  // (this keeps a one-model change on a 10,000-model registry cheap, and lets `base` be a partial load).
  const changed = options.files ? new Set(options.files) : undefined;
  const inScope: Scope = (...docs) => !changed || docs.some((d) => d !== undefined && changed.has(d.file));

  const config = documentChanges({ config: base.config }, { config: head.config }, inScope);
  const cards = documentChanges(
    Object.fromEntries(Object.entries(base.models).map(([k, m]) => [k, m.card])),
    Object.fromEntries(Object.entries(head.models).map(([k, m]) => [k, m.card])),
    inScope,
  );
  for (const c of cards) touched.add(c.name);

  // ---- versions
  const versions: VersionChange[] = [];
  for (const model of [...new Set([...Object.keys(base.models), ...Object.keys(head.models)])].sort()) {
    const before = base.models[model]?.versions ?? {};
    const after = head.models[model]?.versions ?? {};
    const previous = latestVersion(Object.keys(before));
    for (const version of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
      const b = before[version];
      const a = after[version];
      if (!inScope(b, a)) continue;
      if (b && !a) {
        versions.push({
          model,
          version,
          kind: "removed",
          file: b.file,
          line: 1,
          immutable_edit: false,
          edits: [],
        });
        touched.add(model);
      } else if (!b && a) {
        const change: VersionChange = {
          model,
          version,
          kind: "added",
          file: a.file,
          line: lineOf(a, "/version"),
          bump: classifyBump(previous, version),
          immutable_edit: false,
          edits: [],
          slice_gaps: sliceGaps(a.data),
        };
        if (previous !== undefined) change.previous = previous;
        const age = ageDays(a.data.lineage?.trained_at, options.now);
        if (age !== undefined) change.age_days = age;
        versions.push(change);
        touched.add(model);
      } else if (a && b) {
        const pointers = diffPointers(b.data, a.data);
        if (pointers.length > 0) {
          const edits = pointers.map((pointer) => ({ pointer, line: lineOf(a, pointer) }));
          versions.push({
            model,
            version,
            kind: "changed",
            file: a.file,
            line: edits[0]!.line,
            immutable_edit: true,
            edits,
          });
          touched.add(model);
        }
      }
    }
  }

  // ---- contracts
  const contracts: ContractChange[] = [];
  for (const name of [...new Set([...Object.keys(base.contracts), ...Object.keys(head.contracts)])].sort()) {
    const b = base.contracts[name];
    const a = head.contracts[name];
    if (!inScope(b, a)) continue;
    // The consumers as the base declares them (a change cannot name friendlier consumers); head's for a new contract.
    const consumerOwners = [
      ...new Set((b ?? a)?.data.consumers?.flatMap((c) => c.owners ?? []) ?? []),
    ].sort();
    if (b && !a) {
      contracts.push({
        name,
        kind: "removed",
        file: b.file,
        line: 1,
        mode: b.data.compatibility,
        from_version: b.data.version,
        field_changes: [],
        compatible: false,
        breaking_count: 1,
        changed_pointers: [],
        consumer_owners: consumerOwners,
      });
    } else if (!b && a) {
      contracts.push({
        name,
        kind: "added",
        file: a.file,
        line: 1,
        mode: a.data.compatibility,
        to_version: a.data.version,
        field_changes: [],
        compatible: true,
        breaking_count: 0,
        changed_pointers: [],
        consumer_owners: consumerOwners,
      });
    } else if (a && b) {
      const pointers = diffPointers(b.data, a.data);
      if (pointers.length === 0) continue;
      const transitive = a.data.compatibility.endsWith("_TRANSITIVE");
      const history = options.contractHistory?.[name];
      const verdict = classifyContractChange(b.data, a.data, {
        file: a.file,
        locate: (p) => lineOf(a, p),
        ...(history ? { history } : {}),
      });
      const change: ContractChange = {
        name,
        kind: "changed",
        file: a.file,
        line: lineOf(a, pointers[0]!),
        mode: a.data.compatibility,
        from_version: b.data.version,
        to_version: a.data.version,
        version_bump:
          b.data.version === a.data.version ? "not-increasing" : classifyBump(b.data.version, a.data.version),
        field_changes: verdict.field_changes,
        compatible: verdict.compatible,
        breaking_count: verdict.breaking_count,
        changed_pointers: pointers,
        consumer_owners: consumerOwners,
      };
      if (transitive) {
        change.transitive = verdict.transitive ?? [];
        change.transitive_basis = history
          ? `git history (${history.length} earlier version${history.length === 1 ? "" : "s"})`
          : "base only (no history available)";
      }
      contracts.push(change);
    }
  }
  const changedContracts = new Set(contracts.map((c) => c.name));
  for (const [model, entry] of Object.entries(head.models)) {
    if (changedContracts.has(entry.card.data.contract)) touched.add(model);
  }

  // ---- traffic and placements
  const traffic: TrafficChange[] = [];
  const placements: Placement[] = [];
  const envDecls = new Map((head.config.data.environments ?? []).map((e) => [e.name, e]));
  for (const env of [
    ...new Set([...Object.keys(base.environments), ...Object.keys(head.environments)]),
  ].sort()) {
    const b = base.environments[env];
    const a = head.environments[env];
    if (!inScope(b, a)) continue;
    const beforeModels = b?.data.models ?? {};
    const afterModels = a?.data.models ?? {};
    for (const model of [...new Set([...Object.keys(beforeModels), ...Object.keys(afterModels)])].sort()) {
      const before = beforeModels[model];
      const after = afterModels[model];
      if (before === after) continue; // the same object: unchanged (a scoped base shares them with head)
      const side = (d: ModelDeployment | undefined) =>
        d ? { traffic: d.traffic ?? [], ...(d.shadow ? { shadow: d.shadow } : {}) } : null;
      const sb = side(before);
      const sa = side(after);
      if (JSON.stringify(sb) !== JSON.stringify(sa)) {
        const doc = a ?? b!;
        const pointer = joinPointer("/models", model);
        traffic.push({
          environment: env,
          model,
          kind: !before ? "added" : !after ? "removed" : "changed",
          file: doc.file,
          line: a && after ? lineOf(a, pointer) : 1,
          before: sb,
          after: sa,
        });
        touched.add(model);
      }
      if (!a || !after) continue;
      const beforeRoles = roles(before);
      const decl = envDecls.get(env);
      const currentStable = stableOf(before);
      const add = (version: string, role: PlacementRole, weight: number, pointer: string): void => {
        if (beforeRoles.get(version)?.has(role)) return;
        const data = versionData(head, model, version);
        const current = versionData(base, model, currentStable) ?? versionData(head, model, currentStable);
        const placement: Placement = {
          environment: env,
          model,
          version,
          role,
          weight,
          new_to_environment: !beforeRoles.has(version),
          model_new_to_environment: before === undefined,
          protected: decl?.protected === true,
          metric_deltas:
            currentStable !== undefined && currentStable !== version
              ? metricDeltas(data?.metrics, current?.metrics)
              : [],
          file: a.file,
          line: lineOf(a, pointer),
        };
        if (decl?.promote_from) {
          placement.promote_from = decl.promote_from;
          placement.served_in_promote_from =
            servesIn(base, decl.promote_from, model, version) ||
            servesIn(head, decl.promote_from, model, version);
        }
        if (currentStable !== undefined) placement.current_stable = currentStable;
        const age = ageDays(data?.lineage?.trained_at, options.now);
        if (age !== undefined) placement.age_days = age;
        placements.push(placement);
      };
      (after.traffic ?? []).forEach((entry, i) =>
        add(entry.version, entry.role ?? "stable", entry.weight, joinPointer("/models", model, "traffic", i)),
      );
      if (after.shadow)
        add(after.shadow.version, "shadow", after.shadow.percent, joinPointer("/models", model, "shadow"));
    }
  }

  const slos = documentChanges(base.slos, head.slos, inScope);
  const environments = documentChanges(base.environments, head.environments, inScope);
  const waivers = documentChanges(base.waivers, head.waivers, inScope);
  for (const slo of slos) {
    for (const [model, entry] of Object.entries(head.models))
      if (entry.card.data.slo === slo.name) touched.add(model);
  }

  if (options.files) for (const f of options.files) fileSet.add(f);
  else {
    for (const group of [config, cards, slos, environments, waivers])
      for (const c of group) fileSet.add(c.file);
    for (const v of versions) fileSet.add(v.file);
    for (const c of contracts) fileSet.add(c.file);
  }

  const changeSet: ChangeSet = {
    files: [...fileSet].sort(),
    config,
    models: cards,
    versions,
    contracts,
    slos,
    environments,
    waivers,
    traffic,
    placements,
    touched_models: [...touched].sort(),
  };
  if (base.revision !== undefined) changeSet.base_revision = base.revision;
  if (head.revision !== undefined) changeSet.head_revision = head.revision;
  return changeSet;
}
