import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { collect, LocalForge, type ForgeIssue } from "../../forge/index.js";
import { readBudgetSnapshot } from "../../monitor/index.js";
import {
  monitorStatePath,
  readMonitorState,
  type MonitorSnapshot,
  type VersionSnapshot,
} from "../../monitor/runtime/index.js";
import { loadRegistry, openFolderSource } from "../../registry/index.js";
import type { RegistryState } from "../../registry/types.js";
import { ExitCode, parseCommandArgs, pickFormat, UsageError, type CliIo, type Command } from "../command.js";

const help = `Usage: modelgate status [--env ENV] [--repo DIR] [--url http://127.0.0.1:PORT] [--state DIR]
                        [--format text|json]

Shows what serves and how it is doing: per environment the applied commit and readiness, each model's
versions with their weights (from Git, and live when they differ), drift of the last window, error
budget left, quality from ground truth, retrain age, canary state, and the open issues modelgate filed.

With --url it asks the running engine ('modelgate run') for its /status. Without it, it reads the
engine's state folder (default .modelgate/ENV, as 'modelgate run' uses) and the registry repo.

Options:
  --env ENV      one environment (default: every environment of the registry)
  --repo DIR     the registry repo (default: the current folder)
  --url URL      a running engine, e.g. http://127.0.0.1:8080
  --state DIR    the engine's state folder (default: .modelgate/ENV; only without --url)
  --format FMT   text (default) or json (for scripts)
  -h, --help     show this help

Examples:
  modelgate status --env production --url http://127.0.0.1:8080
  modelgate status --repo registry --format json | jq '.environments[0].models'
`;

export interface StatusVersion {
  version: string;
  role: string;
  /** Weight from Git (the applied commit when known). */
  weight: number;
  /** Weight the router uses now, when it differs from Git's (an abort, an emergency hold). */
  live_weight?: number;
  requests?: number;
  error_ratio?: number;
  drift?: VersionSnapshot["drift"];
  quality?: VersionSnapshot["quality"];
  trained_at?: string;
  retrain_overdue?: boolean;
  canary?: VersionSnapshot["canary"];
}

export interface StatusModel {
  model: string;
  slo?: string;
  budget?: {
    remaining_ratio: number;
    exhausted: boolean;
    burn_rates: Record<string, number>;
    alerts: string[];
  };
  versions: StatusVersion[];
}

export interface StatusEnvironment {
  environment: string;
  source: "daemon" | "state" | "repo";
  revision?: string;
  ready?: { status: string; reason: string; message: string };
  hold?: { reason: string; since: string } | null;
  drift?: string[];
  evaluated_at?: string;
  models: StatusModel[];
}

export interface StatusReport {
  environments: StatusEnvironment[];
  issues: Pick<ForgeIssue, "number" | "fingerprint" | "title" | "state" | "labels">[];
}

interface DaemonStatus {
  environment: string;
  status?: {
    appliedRevision?: string;
    conditions?: { type: string; status: string; reason: string; message: string }[];
    drift?: string[];
  };
  hold?: { reason: string; since: string } | null;
  actual?: { models: Record<string, { routing?: { traffic: { version: string; weight: number }[] } }> };
  monitor?: MonitorSnapshot | null;
}

export const statusCommand: Command = {
  name: "status",
  summary: "show environments, weights, SLO budgets, drift and open issues",
  help,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, {
      env: { type: "string" },
      repo: { type: "string" },
      url: { type: "string" },
      state: { type: "string" },
      format: { type: "string" },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
    const format = pickFormat(values.format, ["text", "json"] as const, "text");
    if (values.url !== undefined && !/^https?:\/\//.test(values.url))
      throw new UsageError(`--url must be an http(s) URL (got ${values.url})`);
    const repo = resolve(io.cwd, values.repo ?? ".");
    const report = await buildStatusReport({
      repo,
      ...(values.env ? { environment: values.env } : {}),
      ...(values.url ? { url: values.url.replace(/\/+$/, "") } : {}),
      ...(values.state ? { stateDir: resolve(io.cwd, values.state) } : {}),
      cwd: io.cwd,
      env: io.env,
    });
    if (report.environments.length === 0) {
      io.stderr(`modelgate status: no environment${values.env ? ` '${values.env}'` : ""} found in ${repo}\n`);
      return ExitCode.findings;
    }
    io.stdout(format === "json" ? `${JSON.stringify(report, null, 2)}\n` : renderStatus(report));
    return ExitCode.ok;
  },
};

/** Gathers the status from a running engine (`url`) or from the state folder and the repo. */
export async function buildStatusReport(input: {
  repo: string;
  environment?: string;
  url?: string;
  stateDir?: string;
  cwd: string;
  env?: NodeJS.ProcessEnv;
}): Promise<StatusReport> {
  const loaded = await loadRegistry(await openFolderSource(input.repo)).catch(() => undefined);
  const state = loaded?.ok ? loaded.state : loaded?.state;
  const names = input.environment ? [input.environment] : Object.keys(state?.environments ?? {}).sort();
  const environments: StatusEnvironment[] = [];
  if (input.url) {
    const response = await fetch(`${input.url}/status`);
    if (!response.ok) throw new Error(`${input.url}/status answered ${response.status}`);
    const body = (await response.json()) as DaemonStatus;
    if (!input.environment || body.environment === input.environment)
      environments.push(fromDaemon(body, state));
  } else {
    for (const name of names) {
      const stateDir = input.stateDir ?? resolve(input.cwd, ".modelgate", name);
      const env = await fromStateFolder(name, stateDir, state);
      if (env) environments.push(env);
    }
  }
  let issues: StatusReport["issues"] = [];
  try {
    const forge = new LocalForge({ repo: input.repo, ...(input.env ? { env: input.env } : {}) });
    issues = (await collect(forge.listIssues({ state: "open" })))
      .filter((i) =>
        environments.some(
          (e) => i.fingerprint.startsWith(`${e.environment}/`) || i.fingerprint.endsWith(`:${e.environment}`),
        ),
      )
      .map(({ number, fingerprint, title, state: s, labels }) => ({
        number,
        fingerprint,
        title,
        state: s,
        labels,
      }));
  } catch {
    // Not a git repository (or no forge records): no issues to show.
  }
  return { environments, issues };
}

function gitWeights(state: RegistryState | undefined, environment: string): Map<string, StatusVersion[]> {
  const out = new Map<string, StatusVersion[]>();
  const env = state?.environments[environment]?.data;
  for (const [model, deployment] of Object.entries(env?.models ?? {})) {
    const versions: StatusVersion[] = deployment.traffic.map((t) => ({
      version: t.version,
      role: t.role ?? "stable",
      weight: t.weight,
    }));
    if (deployment.shadow) versions.push({ version: deployment.shadow.version, role: "shadow", weight: 0 });
    out.set(model, versions);
  }
  return out;
}

/** Git's versions and weights, completed with what the monitor saw and what the router does now. */
function mergeModels(
  git: Map<string, StatusVersion[]>,
  monitor: MonitorSnapshot | null | undefined,
  live: Record<string, { version: string; weight: number }[]> | undefined,
): StatusModel[] {
  const models = new Map<string, StatusModel>();
  for (const [model, versions] of git)
    models.set(model, { model, versions: versions.map((v) => ({ ...v })) });
  for (const m of monitor?.models ?? []) {
    const entry = models.get(m.model) ?? { model: m.model, versions: [] };
    if (m.slo) entry.slo = m.slo;
    if (m.budget) entry.budget = m.budget;
    for (const v of m.versions) {
      let target = entry.versions.find((x) => x.version === v.version);
      if (!target) {
        target = { version: v.version, role: v.role, weight: v.weight };
        entry.versions.push(target);
      }
      Object.assign(target, {
        requests: v.requests,
        error_ratio: v.error_ratio,
        drift: v.drift,
        ...(v.quality ? { quality: v.quality } : {}),
        ...(v.trained_at ? { trained_at: v.trained_at } : {}),
        ...(v.retrain_overdue !== undefined ? { retrain_overdue: v.retrain_overdue } : {}),
        ...(v.canary ? { canary: v.canary } : {}),
      });
    }
    models.set(m.model, entry);
  }
  for (const [model, traffic] of Object.entries(live ?? {})) {
    const entry = models.get(model);
    if (!entry) continue;
    const total = traffic.reduce((s, t) => s + t.weight, 0);
    const declared = entry.versions.filter((v) => v.role !== "shadow").reduce((s, v) => s + v.weight, 0);
    for (const t of traffic) {
      const v = entry.versions.find((x) => x.version === t.version);
      const liveWeight =
        total > 0 && declared > 0 ? Math.round((t.weight / total) * declared * 1000) / 1000 : t.weight;
      if (v && Math.abs(liveWeight - v.weight) > 1e-6) v.live_weight = liveWeight;
    }
  }
  return [...models.values()].sort((a, b) => a.model.localeCompare(b.model));
}

function fromDaemon(body: DaemonStatus, state: RegistryState | undefined): StatusEnvironment {
  const ready = body.status?.conditions?.find((c) => c.type === "Ready");
  const live: Record<string, { version: string; weight: number }[]> = {};
  for (const [model, m] of Object.entries(body.actual?.models ?? {})) live[model] = m.routing?.traffic ?? [];
  return {
    environment: body.environment,
    source: "daemon",
    ...(body.status?.appliedRevision ? { revision: body.status.appliedRevision } : {}),
    ...(ready ? { ready: { status: ready.status, reason: ready.reason, message: ready.message } } : {}),
    hold: body.hold ?? null,
    ...(body.status?.drift?.length ? { drift: body.status.drift } : {}),
    ...(body.monitor ? { evaluated_at: body.monitor.evaluated_at } : {}),
    models: mergeModels(gitWeights(state, body.environment), body.monitor, live),
  };
}

async function readJson<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, "utf8")) as T;
  } catch {
    return undefined;
  }
}

async function fromStateFolder(
  environment: string,
  stateDir: string,
  state: RegistryState | undefined,
): Promise<StatusEnvironment | undefined> {
  const status = await readJson<DaemonStatus["status"]>(
    join(stateDir, "environments", environment, "status.json"),
  );
  const record = await readJson<{ hold?: { reason: string; since: string } }>(
    join(stateDir, "environments", environment, "record.json"),
  );
  const monitor = (await readMonitorState(monitorStatePath(stateDir, environment)).catch(() => undefined))
    ?.snapshot;
  // `modelgate run` writes budgets.json next to the per-environment state folders (`.modelgate/`).
  const budgets =
    (await readBudgetSnapshot(stateDir).catch(() => undefined)) ??
    (await readBudgetSnapshot(dirname(stateDir)).catch(() => undefined));
  if (!state?.environments[environment] && !status && !monitor) return undefined;
  const ready = status?.conditions?.find((c) => c.type === "Ready");
  const models = mergeModels(gitWeights(state, environment), monitor, undefined);
  for (const m of models) {
    const b = budgets?.environments[environment]?.[m.model];
    if (b && !m.budget)
      m.budget = {
        remaining_ratio: b.remaining_ratio,
        exhausted: b.exhausted,
        burn_rates: b.burn_rates,
        alerts: b.alerts.map((a) => `${a.severity} ${a.objective} ${a.long_window}/${a.short_window}`),
      };
  }
  return {
    environment,
    source: status || monitor ? "state" : "repo",
    ...(status?.appliedRevision ? { revision: status.appliedRevision } : {}),
    ...(ready ? { ready: { status: ready.status, reason: ready.reason, message: ready.message } } : {}),
    hold: record?.hold ? { reason: record.hold.reason, since: record.hold.since } : null,
    ...(status?.drift?.length ? { drift: status.drift } : {}),
    ...(monitor ? { evaluated_at: monitor.evaluated_at } : {}),
    models,
  };
}

function pct(x: number): string {
  return `${(Math.max(0, x) * 100).toFixed(1)}%`;
}

/** The terminal view: one block per environment, one line per model version, then the open issues. */
export function renderStatus(report: StatusReport): string {
  const lines: string[] = [];
  for (const env of report.environments) {
    const head = [
      env.environment,
      env.revision ? `at ${env.revision.slice(0, 12)}` : "not applied",
      env.ready ? `Ready=${env.ready.status} (${env.ready.reason})` : "",
      `[${env.source}]`,
    ].filter(Boolean);
    lines.push(head.join("  "));
    if (env.hold) lines.push(`  HOLD: ${env.hold.reason} (since ${env.hold.since})`);
    for (const d of env.drift ?? []) lines.push(`  live state differs from Git: ${d}`);
    const rows: string[][] = [
      ["MODEL", "VERSION", "ROLE", "WEIGHT", "DRIFT", "BUDGET", "QUALITY", "REQUESTS", "NOTES"],
    ];
    for (const m of env.models) {
      for (const v of m.versions) {
        const weight = v.live_weight !== undefined ? `${v.weight} (live ${v.live_weight})` : String(v.weight);
        const drift = v.drift
          ? v.drift.status === "pending"
            ? `pending (${v.drift.observations_in_window})`
            : `${v.drift.status}${v.drift.drifted_inputs.length + v.drift.drifted_outputs.length > 0 ? ` (${[...v.drift.drifted_inputs, ...v.drift.drifted_outputs].join(", ")})` : ""}`
          : "-";
        const budget = m.budget
          ? `${pct(m.budget.remaining_ratio)}${m.budget.alerts.length ? " !" : ""}`
          : "-";
        const quality = v.quality
          ? `${v.quality.metric} ${v.quality.value === null ? "n/a" : v.quality.value.toFixed(3)}${v.quality.breached ? " !" : ""}`
          : "-";
        const notes = [
          v.canary?.aborted ? "canary aborted" : "",
          v.retrain_overdue ? "retrain overdue" : "",
          v.error_ratio ? `${pct(v.error_ratio)} errors` : "",
        ]
          .filter(Boolean)
          .join("; ");
        rows.push([
          m.model,
          v.version,
          v.role,
          weight,
          drift,
          budget,
          quality,
          String(v.requests ?? "-"),
          notes,
        ]);
      }
    }
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    for (const r of rows)
      lines.push(
        `  ${r
          .map((c, i) => c.padEnd(widths[i]!))
          .join("  ")
          .trimEnd()}`,
      );
    if (env.evaluated_at) lines.push(`  monitor evaluated at ${env.evaluated_at}`);
    lines.push("");
  }
  if (report.issues.length === 0) lines.push("no open issues");
  else {
    lines.push(`open issues (${report.issues.length}):`);
    for (const i of report.issues)
      lines.push(`  #${i.number} ${i.title}${i.labels.length ? ` [${i.labels.join(", ")}]` : ""}`);
  }
  return `${lines.join("\n")}\n`;
}
