/** Runs `modelgate check` in-process (the real CLI code path) against a temp git repo. */
import { mkdtempSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main.js";
import type { TempGitRepo } from "../helpers/temp-git.js";

/** One compile cache for the whole test run: the bundle is built once, then every check is a cache hit. */
export const sharedCacheHome = process.env["MODELGATE_TEST_CACHE"] ?? join(tmpdir(), "modelgate-test-cache");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    cwd: process.cwd(),
    env: { PATH: process.env["PATH"], XDG_CACHE_HOME: sharedCacheHome, ...env },
  });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

export interface Review {
  reviewer: string;
  teams?: string[];
  state?: string;
  commit?: string;
}

const scratch = mkdtempSync(join(tmpdir(), "modelgate-approvals-"));
let counter = 0;

/** `modelgate check --format json` on base..head with reviews given on the head commit. */
export async function checkJson(
  repo: TempGitRepo,
  head: string,
  options: { base?: string; reviews?: Review[]; author?: string; extra?: string[]; now?: string } = {},
): Promise<{ code: number; decision: DecisionJson; stderr: string }> {
  const approvalsFile = join(scratch, `approvals-${counter++}.json`);
  await writeFile(
    approvalsFile,
    JSON.stringify(
      (options.reviews ?? []).map((r) => ({
        reviewer: r.reviewer,
        state: r.state ?? "APPROVED",
        teams: r.teams ?? [],
        commit: r.commit ?? head,
      })),
    ),
  );
  const result = await runCli([
    "check",
    "--repo",
    repo.dir,
    "--base",
    options.base ?? "main",
    "--head",
    head,
    "--format",
    "json",
    "--approvals",
    approvalsFile,
    "--author",
    options.author ?? "alice",
    "--now",
    options.now ?? "2026-11-23T00:00:00Z",
    ...(options.extra ?? []),
  ]);
  let decision: DecisionJson;
  try {
    decision = JSON.parse(result.stdout) as DecisionJson;
  } catch {
    throw new Error(`check did not print JSON (exit ${result.code}): ${result.stdout}${result.stderr}`);
  }
  return { code: result.code, decision, stderr: result.stderr };
}

export interface FindingJson {
  rule: string;
  severity: string;
  enforcement: string;
  message: string;
  remediation: string;
  file: string;
  line: number;
  waivers?: string[];
}

export interface DecisionJson {
  allowed: boolean;
  violations: FindingJson[];
  warnings: FindingJson[];
  audit: FindingJson[];
  waived: FindingJson[];
  overrides: { rule: string; default: string; configured: string; file: string; line: number }[];
  approvals: {
    required: { description: string; satisfied: boolean; given: string[] }[];
    given: string[];
    missing: string[];
  };
  bundle: { hash: string; cache_hit: boolean };
  changes: { placements: unknown[]; contracts: { field_changes: unknown[] }[] };
}

export const ruleIds = (findings: FindingJson[]): string[] =>
  [...new Set(findings.map((f) => f.rule))].sort();

/** Creates branch `name` from `from` (main), applies the edit, commits; returns the head sha. */
export async function branch(
  repo: TempGitRepo,
  name: string,
  edit: () => Promise<void>,
  from = "main",
): Promise<string> {
  await repo.git("checkout", "-q", "-B", name, from);
  await edit();
  const sha = await repo.commit(name);
  await repo.git("checkout", "-q", "main");
  return sha;
}

/** Replaces text in a repo file, failing loudly when the text is not there. */
export async function replaceIn(
  repo: TempGitRepo,
  path: string,
  from: string | RegExp,
  to: string,
): Promise<void> {
  const full = join(repo.dir, path);
  const text = await readFile(full, "utf8");
  const next = text.replace(from, to);
  if (next === text) throw new Error(`${path}: ${String(from)} not found`);
  await writeFile(full, next);
}

export async function readRepoFile(repo: TempGitRepo, path: string): Promise<string> {
  return readFile(join(repo.dir, path), "utf8");
}
