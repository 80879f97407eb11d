/**
 * Assembles the policy input (schemas/policy-input.schema.json): the change set, the head state as plain
 * data and facts the engine computes so that Rego stays short (valid approvals, owners, waiver status,
 * active freeze windows, ages, budgets).
 */
import { ageDays } from "../changes/index.js";
import type { ChangeSet } from "../changes/index.js";
import type { RegistryDiagnostic, RegistryState, Sourced } from "../registry/types.js";
import type { ApprovalRecord, ValidatedApproval } from "./approvals.js";
import { validateApprovals } from "./approvals.js";
import { groupCodeOwners, resolveOwner, type CodeOwnerGroup } from "./codeowners.js";

export const POLICY_INPUT_VERSION = 1;

export interface PullRequestFacts {
  number?: number | string;
  branch?: string;
  author?: string;
  labels: string[];
  title?: string;
  head_sha: string;
  target_branch?: string;
}

export interface BudgetStatus {
  remaining: number;
  exhausted: boolean;
}
/** model -> environment -> budget status */
export type BudgetSnapshot = Record<string, Record<string, BudgetStatus>>;

export interface ArtifactCheck {
  model: string;
  version: string;
  ok: boolean;
  problem: string;
  file: string;
  line: number;
}

export type WaiverStatus = "active" | "expired" | "unapproved";

export interface WaiverFact {
  id: string;
  rule: string;
  scope: Record<string, string>;
  status: WaiverStatus;
  problem?: string;
  approved_by: string;
  expires: string;
  reason: string;
  file: string;
  line: number;
}

export interface ServingFact {
  environment: string;
  model: string;
  version: string;
  age_days: number;
  retrain_after_days?: number;
  file: string;
  line: number;
}

export interface PlainState {
  config: unknown;
  models: Record<string, { card: unknown; versions: Record<string, unknown> }>;
  contracts: Record<string, unknown>;
  slos: Record<string, unknown>;
  environments: Record<string, unknown>;
  waivers: Record<string, unknown>;
}

export interface PolicyInput {
  schema_version: number;
  registry: { valid: boolean; errors: RegistryDiagnostic[]; warnings: RegistryDiagnostic[] };
  changes: ChangeSet;
  state: PlainState;
  /** "touched": `state` holds the models the change touches (default); "full": every model. */
  state_scope: "touched" | "full";
  pr: PullRequestFacts;
  approvals: ValidatedApproval[];
  teams: Record<string, string[]>;
  owners: Record<string, string[]>;
  codeowners: CodeOwnerGroup[];
  budgets?: BudgetSnapshot;
  clock: { now: string; now_ns: number };
  waivers: WaiverFact[];
  settings: {
    rules: Record<string, { enforcement?: string; params?: Record<string, unknown>; line: number }>;
    freeze_windows: {
      start: string;
      end: string;
      environments?: string[];
      reason?: string;
      active: boolean;
    }[];
  };
  facts: { serving: ServingFact[]; artifacts: ArtifactCheck[] };
}

export interface AssemblePolicyInputOptions {
  head: RegistryState;
  changeSet: ChangeSet;
  registry: { valid: boolean; errors: RegistryDiagnostic[]; warnings: RegistryDiagnostic[] };
  pr: PullRequestFacts;
  approvals: readonly ApprovalRecord[];
  budgets?: BudgetSnapshot;
  now: Date;
  artifactChecks?: ArtifactCheck[];
  /** Path of the CODEOWNERS file the rules came from. */
  codeownersFile?: string;
  /** Every model in `state` (default: the touched models only; see docs/policies.md). */
  fullState?: boolean;
  /**
   * The registry whose governance is in force: teams, CODEOWNERS, policy settings, freeze windows and
   * approval settings. `modelgate check` passes the base revision (the target branch), so a change
   * cannot loosen the rules it is judged by. Defaults to `head`.
   */
  governance?: RegistryState;
}

const data = <T>(doc: Sourced<T>): T => doc.data;
const line = (doc: Sourced<unknown>, pointer: string): number => {
  try {
    return doc.positions.locate(pointer).line;
  } catch {
    return 1;
  }
};

/**
 * The registry as plain data. With `models`, only those models, their contracts and SLOs, and their
 * entries in each environment (a 10,000-model registry would not fit the policy's memory).
 */
export function toPlainState(state: RegistryState, models?: ReadonlySet<string>): PlainState {
  if (models) return scopedState(state, models);
  const map = <T>(record: Record<string, Sourced<T>>): Record<string, T> =>
    Object.fromEntries(Object.entries(record).map(([k, v]) => [k, data(v)]));
  return {
    config: state.config.data,
    models: Object.fromEntries(
      Object.entries(state.models).map(([name, m]) => [
        name,
        { card: m.card.data, versions: map(m.versions) },
      ]),
    ),
    contracts: map(state.contracts),
    slos: map(state.slos),
    environments: map(state.environments),
    waivers: map(state.waivers),
  };
}

function scopedState(state: RegistryState, models: ReadonlySet<string>): PlainState {
  const out: PlainState = {
    config: state.config.data,
    models: {},
    contracts: {},
    slos: {},
    environments: {},
    waivers: Object.fromEntries(Object.entries(state.waivers).map(([k, v]) => [k, v.data])),
  };
  for (const name of [...models].sort()) {
    const entry = state.models[name];
    if (!entry) continue;
    out.models[name] = {
      card: entry.card.data,
      versions: Object.fromEntries(Object.entries(entry.versions).map(([v, doc]) => [v, doc.data])),
    };
    const contract = state.contracts[entry.card.data.contract];
    if (contract) out.contracts[contract.data.name] = contract.data;
    const slo = entry.card.data.slo ? state.slos[entry.card.data.slo] : undefined;
    if (slo) out.slos[slo.data.name] = slo.data;
  }
  for (const [name, env] of Object.entries(state.environments)) {
    const deployments = Object.fromEntries(
      Object.entries(env.data.models ?? {}).filter(([model]) => models.has(model)),
    );
    out.environments[name] = { ...env.data, models: deployments };
  }
  return out;
}

function scopedWithContracts(head: RegistryState, changeSet: ChangeSet): PlainState {
  const state = toPlainState(head, new Set(changeSet.touched_models));
  for (const c of changeSet.contracts) {
    const doc = head.contracts[c.name];
    if (doc) state.contracts[c.name] = doc.data;
  }
  return state;
}

export function assemblePolicyInput(options: AssemblePolicyInputOptions): PolicyInput {
  const { head, changeSet, pr, now } = options;
  const gov = options.governance ?? head;
  const config = gov.config.data;
  const teams: Record<string, string[]> = Object.fromEntries(
    Object.entries(config.teams ?? {}).map(([t, members]) => [
      t,
      [...members].map((m) => m.replace(/^@/, "")),
    ]),
  );
  // Team memberships the forge reports with a review count as if listed in modelgate.yaml.
  const memberSets = new Map<string, Set<string>>();
  for (const record of options.approvals) {
    const reviewer = record.reviewer.replace(/^@/, "");
    for (const raw of record.teams) {
      const team = raw.replace(/^@/, "");
      let set = memberSets.get(team);
      if (!set) memberSets.set(team, (set = new Set(teams[team] ?? [])));
      set.add(reviewer);
    }
  }
  for (const [team, set] of memberSets) teams[team] = [...set];
  const teamsByUser = new Map<string, string[]>();
  for (const [team, members] of Object.entries(teams)) {
    for (const member of members) {
      const list = teamsByUser.get(member);
      if (list) list.push(team);
      else teamsByUser.set(member, [team]);
    }
  }
  const approvals = validateApprovals(options.approvals, {
    author: pr.author,
    headSha: pr.head_sha,
    dismissStale: config.approvals?.dismiss_stale !== false,
  }).map((a) => ({ ...a, teams: [...new Set([...a.teams, ...(teamsByUser.get(a.reviewer) ?? [])])].sort() }));

  // Every owner reference anyone may need resolved.
  const refs = new Set<string>();
  for (const rule of gov.codeowners) for (const o of rule.owners) refs.add(o);
  for (const c of Object.values(head.contracts)) {
    for (const o of c.data.owners ?? []) refs.add(o);
    for (const consumer of c.data.consumers ?? []) for (const o of consumer.owners ?? []) refs.add(o);
  }
  for (const c of changeSet.contracts) for (const o of c.consumer_owners) refs.add(o);
  for (const m of Object.values(head.models)) refs.add(m.card.data.owner);
  for (const t of Object.keys(teams)) {
    refs.add(t);
    refs.add(`@${t}`);
  }
  const owners = Object.fromEntries([...refs].sort().map((r) => [r, resolveOwner(r, teams)]));

  const rules: PolicyInput["settings"]["rules"] = {};
  for (const [id, setting] of Object.entries(config.policy?.rules ?? {})) {
    rules[id] = {
      ...setting,
      line: line(gov.config, `/policy/rules/${id.replace(/~/g, "~0").replace(/\//g, "~1")}`),
    };
  }
  const nowMs = now.getTime();
  const freezeWindows = (config.policy?.freeze_windows ?? []).map((w) => ({
    ...w,
    active: Date.parse(w.start) <= nowMs && nowMs < Date.parse(w.end),
  }));

  const waiverTeams = waiverApproverTeams(rules["waiver-validity"]?.params, teams);
  const changedFiles = new Set(changeSet.files);
  const approvers = new Set(approvals.filter((a) => a.valid).map((a) => a.reviewer));
  const waivers: WaiverFact[] = Object.entries(head.waivers).map(([id, doc]) => {
    const w = doc.data;
    const fact: WaiverFact = {
      id,
      rule: w.rule,
      scope: Object.fromEntries(
        Object.entries(w.scope ?? {}).filter(([, v]) => typeof v === "string"),
      ) as Record<string, string>,
      status: "active",
      approved_by: w.approved_by,
      expires: w.expires,
      reason: w.reason,
      file: doc.file,
      line: line(doc, "/rule"),
    };
    const approver = w.approved_by.replace(/^@/, "");
    const expires = Date.parse(w.expires);
    if (Number.isNaN(expires) || expires <= nowMs) {
      fact.status = "expired";
      fact.line = line(doc, "/expires");
    } else if (pr.author !== undefined && approver === pr.author) {
      fact.status = "unapproved";
      fact.problem = `approved by ${approver}, the author of this change`;
      fact.line = line(doc, "/approved_by");
    } else if (waiverTeams !== undefined && !waiverTeams.members.has(approver)) {
      fact.status = "unapproved";
      fact.problem = `${approver} is not a member of ${waiverTeams.names.join(", ")}`;
      fact.line = line(doc, "/approved_by");
    } else if (changedFiles.has(doc.file) && !approvers.has(approver)) {
      // A waiver written or edited in this change counts only once its approver approved the change.
      fact.status = "unapproved";
      fact.problem = `${approver} has not approved this change`;
      fact.line = line(doc, "/approved_by");
    }
    return fact;
  });

  const serving: ServingFact[] = [];
  const touched = new Set(changeSet.touched_models);
  for (const [envName, env] of Object.entries(head.environments)) {
    for (const [model, deployment] of Object.entries(env.data.models ?? {})) {
      if (!touched.has(model)) continue;
      (deployment.traffic ?? []).forEach((entry, i) => {
        if ((entry.role ?? "stable") !== "stable") return;
        const version = head.models[model]?.versions[entry.version]?.data;
        const age = ageDays(version?.lineage?.trained_at, now);
        if (age === undefined) return;
        const fact: ServingFact = {
          environment: envName,
          model,
          version: entry.version,
          age_days: age,
          file: env.file,
          line: line(env, `/models/${model}/traffic/${i}`),
        };
        const sloName = head.models[model]?.card.data.slo;
        const retrain = sloName ? head.slos[sloName]?.data.retrain_after_days : undefined;
        if (retrain !== undefined) fact.retrain_after_days = retrain;
        serving.push(fact);
      });
    }
  }

  const input: PolicyInput = {
    schema_version: POLICY_INPUT_VERSION,
    registry: options.registry,
    changes: changeSet,
    state: options.fullState ? toPlainState(head) : scopedWithContracts(head, changeSet),
    state_scope: options.fullState ? "full" : "touched",
    pr: { ...pr, labels: [...pr.labels] },
    approvals,
    teams,
    owners,
    codeowners: groupCodeOwners(
      gov.codeowners,
      changeSet.files,
      teams,
      options.codeownersFile ?? "CODEOWNERS",
    ),
    clock: { now: now.toISOString(), now_ns: nowMs * 1_000_000 },
    waivers,
    settings: { rules, freeze_windows: freezeWindows },
    facts: { serving, artifacts: options.artifactChecks ?? [] },
  };
  if (options.budgets) input.budgets = options.budgets;
  return input;
}

/**
 * Who may approve a waiver: `policy.rules.waiver-validity.params.approver_teams`, else the teams whose
 * name ends in "risk", else (no such team) anyone but the author.
 */
function waiverApproverTeams(
  params: Record<string, unknown> | undefined,
  teams: Record<string, string[]>,
): { names: string[]; members: Set<string> } | undefined {
  const configured = params?.["approver_teams"];
  const names = Array.isArray(configured)
    ? configured.filter((t): t is string => typeof t === "string").map((t) => t.replace(/^@/, ""))
    : Object.keys(teams).filter((t) => t.endsWith("risk"));
  if (names.length === 0) return undefined;
  return { names, members: new Set(names.flatMap((n) => teams[n] ?? [])) };
}
