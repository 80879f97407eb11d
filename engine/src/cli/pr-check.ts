/**
 * Composition root for checking a change request that lives on a forge: reads it (with validated
 * approvals) through the Forge port, runs the policy gate on its merge base..head, and publishes the
 * result (check run with annotations + the one sticky summary comment). Used by `modelgate check --pr`,
 * `modelgate webhook` and `modelgate action check`.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { parse as parseYaml } from "yaml";
import { resolveChangeRequest, type ResolvedChangeRequest } from "../approvals/index.js";
import {
  GitHubForge,
  LocalForge,
  type CheckAnnotation,
  type ChangeRequestId,
  type Forge,
  type GitHubAuth,
  type PublishedCheck,
  type SummaryComment,
} from "../forge/index.js";
import type { ApprovalRecord, CheckResult, Finding, RunCheckOptions } from "../gate/index.js";
import { UsageError } from "./command.js";

const run = promisify(execFile);

export type ForgeKind = "local" | "github";

export interface OpenForgeOptions {
  repoDir: string;
  env: NodeJS.ProcessEnv;
  kind?: ForgeKind;
}

async function readForgeConfig(repoDir: string): Promise<{ type?: string; github?: Record<string, string> }> {
  try {
    const config = parseYaml(await readFile(resolve(repoDir, "modelgate.yaml"), "utf8")) as {
      forge?: { type?: string; github?: Record<string, string> };
    } | null;
    return config?.forge ?? {};
  } catch {
    return {};
  }
}

/**
 * Opens the forge for a registry repo. The kind is `kind`, else `github` inside GitHub Actions, else
 * modelgate.yaml's `forge.type`, else `local`. GitHub settings come from the environment first
 * (GITHUB_REPOSITORY, GITHUB_API_URL, GITHUB_TOKEN or MODELGATE_GITHUB_TOKEN; or a GitHub App:
 * MODELGATE_GITHUB_APP_ID + MODELGATE_GITHUB_APP_PRIVATE_KEY[_FILE] [+ MODELGATE_GITHUB_APP_INSTALLATION_ID]),
 * then from modelgate.yaml's `forge.github`.
 */
export async function openForge(options: OpenForgeOptions): Promise<Forge> {
  const config = await readForgeConfig(options.repoDir);
  const { env } = options;
  const kind: ForgeKind =
    options.kind ??
    (env.GITHUB_ACTIONS === "true" ? "github" : config.type === "github" ? "github" : "local");
  if (kind === "local") return new LocalForge({ repo: options.repoDir, env });
  const [envOwner, envRepo] = (env.GITHUB_REPOSITORY ?? "").split("/");
  const owner = envOwner || config.github?.owner;
  const repo = envRepo || config.github?.repo;
  if (!owner || !repo) {
    throw new UsageError(
      "which GitHub repository? set GITHUB_REPOSITORY=owner/repo or forge.github in modelgate.yaml",
    );
  }
  let auth: GitHubAuth;
  const token = env.MODELGATE_GITHUB_TOKEN || env.GITHUB_TOKEN;
  if (env.MODELGATE_GITHUB_APP_ID) {
    const privateKey =
      env.MODELGATE_GITHUB_APP_PRIVATE_KEY ||
      (env.MODELGATE_GITHUB_APP_PRIVATE_KEY_FILE
        ? await readFile(env.MODELGATE_GITHUB_APP_PRIVATE_KEY_FILE, "utf8")
        : undefined);
    if (!privateKey)
      throw new UsageError("MODELGATE_GITHUB_APP_ID is set but no MODELGATE_GITHUB_APP_PRIVATE_KEY(_FILE)");
    const installation = Number(env.MODELGATE_GITHUB_APP_INSTALLATION_ID);
    auth = {
      kind: "app",
      appId: env.MODELGATE_GITHUB_APP_ID,
      privateKey,
      ...(Number.isInteger(installation) && installation > 0 ? { installationId: installation } : {}),
    };
  } else if (token) {
    auth = { kind: "token", token };
  } else {
    throw new UsageError(
      "no GitHub credentials: set GITHUB_TOKEN (or MODELGATE_GITHUB_TOKEN, or a GitHub App)",
    );
  }
  const baseUrl = env.GITHUB_API_URL || config.github?.api_url;
  const retryBase = Number(env.MODELGATE_GITHUB_RETRY_BASE_MS);
  return GitHubForge.create({
    owner,
    repo,
    auth,
    ...(baseUrl ? { baseUrl } : {}),
    ...(Number.isFinite(retryBase) && env.MODELGATE_GITHUB_RETRY_BASE_MS !== undefined
      ? { timing: { retryAfterBaseMs: retryBase, spaceWrites: retryBase > 0 } }
      : {}),
  });
}

/** The gate's approvals input from the validated approvals: valid ones as APPROVED, blocking ones as CHANGES_REQUESTED. */
export function toGateApprovals(resolved: ResolvedChangeRequest): ApprovalRecord[] {
  const teamsOf = (reviewer: string): string[] => resolved.teamsOf[reviewer] ?? [];
  return [
    ...resolved.approvals.valid.map((v) => ({
      reviewer: v.reviewer,
      state: "APPROVED",
      teams: v.teams,
      commit: v.commit,
    })),
    ...resolved.approvals.blocking.map((b) => ({
      reviewer: b.reviewer,
      state: "CHANGES_REQUESTED",
      teams: teamsOf(b.reviewer),
      commit: b.commit,
    })),
  ];
}

/** Check-run annotations from a decision: violations fail, warnings warn, audit findings are notices. */
export function decisionAnnotations(result: CheckResult): CheckAnnotation[] {
  const toAnnotation = (f: Finding, level: CheckAnnotation["level"]): CheckAnnotation | undefined =>
    f.file
      ? {
          path: f.file,
          startLine: Math.max(1, f.line || 1),
          level,
          title: f.rule,
          message: f.remediation ? `${f.message}\n${f.remediation}` : f.message,
        }
      : undefined;
  const d = result.decision;
  return [
    ...d.violations.map((f) => toAnnotation(f, "failure")),
    ...d.warnings.map((f) => toAnnotation(f, "warning")),
    ...d.audit.map((f) => toAnnotation(f, "notice")),
  ].filter((a): a is CheckAnnotation => a !== undefined);
}

/** The approvals section appended to the summary: who counts, who does not and why, who blocks. */
export function approvalsMarkdown(resolved: ResolvedChangeRequest): string {
  const a = resolved.approvals;
  const lines = ["", "### Reviews", ""];
  if (a.valid.length === 0 && a.ignored.length === 0 && a.blocking.length === 0)
    lines.push("No reviews yet.");
  for (const v of a.valid) {
    const teams = v.teams.length ? ` (${v.teams.map((t) => `@${t}`).join(", ")})` : "";
    lines.push(`- ✅ @${v.reviewer}${teams} approved \`${v.commit.slice(0, 7)}\``);
  }
  for (const b of a.blocking) lines.push(`- ⛔ @${b.reviewer} requested changes`);
  const reasons = {
    author: "the author's own review",
    stale: "given on an older commit",
    dismissed: "dismissed",
    superseded: "superseded by a later review",
  };
  for (const i of a.ignored)
    lines.push(`- ➖ @${i.reviewer}: ${i.state.toLowerCase()} not counted (${reasons[i.reason]})`);
  for (const w of resolved.warnings) lines.push(`- ⚠️ ${w}`);
  return lines.join("\n");
}

export interface CheckChangeRequestOptions {
  forge: Forge;
  id: ChangeRequestId;
  repoDir: string;
  now: Date;
  env: NodeJS.ProcessEnv;
  /** The gate's runCheck, injected by the caller (composition root). */
  runCheck: (options: RunCheckOptions) => Promise<CheckResult>;
  loadRegistry: RunCheckOptions["loadRegistry"];
  formatMarkdown: (result: CheckResult) => string;
  budgetsPath?: string;
  publish?: boolean;
  /** The check run's name (default `modelgate`). */
  checkName?: string;
}

export interface ChangeRequestCheck {
  resolved: ResolvedChangeRequest;
  result: CheckResult;
  /** The merge base of base and head: what the gate compared head with. */
  mergeBase: string;
  summary: string;
  published?: { check: PublishedCheck; comment: SummaryComment };
}

async function mergeBaseOf(repoDir: string, base: string, head: string): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      const { stdout } = await run("git", ["merge-base", base, head], { cwd: repoDir });
      return stdout.trim();
    } catch (error) {
      if (attempt > 0) {
        throw new Error(
          `cannot find the merge base of ${base.slice(0, 12)} and ${head.slice(0, 12)} in ${repoDir}: ` +
            `fetch both commits first (actions/checkout with fetch-depth: 0) (${String((error as { stderr?: string }).stderr ?? error).trim()})`,
        );
      }
      // The commits may not be here yet (a shallow clone, a webhook next to a mirror): try to fetch them once.
      await run("git", ["fetch", "--quiet", "origin", base, head], { cwd: repoDir }).catch(() => undefined);
    }
  }
}

async function dismissStaleAt(repoDir: string, rev: string): Promise<boolean> {
  try {
    const { stdout } = await run("git", ["show", `${rev}:modelgate.yaml`], {
      cwd: repoDir,
      maxBuffer: 16 << 20,
    });
    const config = parseYaml(stdout) as { approvals?: { dismiss_stale?: unknown } } | null;
    return config?.approvals?.dismiss_stale !== false;
  } catch {
    return true;
  }
}

/** Reads a change request from its forge, runs the policy gate on it, and publishes the result when asked. */
export async function checkChangeRequest(options: CheckChangeRequestOptions): Promise<ChangeRequestCheck> {
  const cr = await options.forge.getChangeRequest(options.id);
  const mergeBase = await mergeBaseOf(options.repoDir, cr.base.sha, cr.head.sha);
  const resolved = await resolveChangeRequest(options.forge, cr.number, {
    dismissStale: await dismissStaleAt(options.repoDir, mergeBase),
  });
  const result = await options.runCheck({
    repoDir: options.repoDir,
    base: mergeBase,
    head: resolved.head.sha,
    loadRegistry: options.loadRegistry,
    now: options.now,
    env: options.env,
    approvals: toGateApprovals(resolved),
    author: resolved.author,
    labels: resolved.labels,
    pr: {
      number: resolved.number,
      branch: resolved.head.ref,
      title: resolved.title,
      target_branch: resolved.base.ref,
    },
    ...(options.budgetsPath ? { budgetsPath: options.budgetsPath } : {}),
  });
  const summary = `${options.formatMarkdown(result)}\n${approvalsMarkdown(resolved)}\n`;
  const out: ChangeRequestCheck = { resolved, result, mergeBase, summary };
  if (options.publish) {
    const d = result.decision;
    const check = await options.forge.publishCheck({
      name: options.checkName ?? "modelgate",
      headSha: resolved.head.sha,
      conclusion: d.allowed ? "success" : "failure",
      title: d.allowed
        ? `allowed${d.warnings.length ? ` with ${d.warnings.length} warning(s)` : ""}`
        : `denied: ${d.violations.length} violation(s)`,
      summary,
      annotations: decisionAnnotations(result),
    });
    const comment = await options.forge.ensureSummaryComment(resolved.number, summary);
    out.published = { check, comment };
  }
  return out;
}
