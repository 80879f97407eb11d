import { readFile } from "node:fs/promises";
import { GateInputError } from "./errors.js";

/** One review as given in `--approvals FILE` (later: from the forge). */
export interface ApprovalRecord {
  reviewer: string;
  state: string;
  teams: string[];
  commit: string;
}

export interface ValidatedApproval extends ApprovalRecord {
  /** Counts toward requirements: approved, not by the author, on the head commit (when stale ones are dismissed). */
  valid: boolean;
  /** Why it does not count. */
  reason?: string;
}

/** Reads and checks an approvals file: a JSON array of `{reviewer, state, teams?, commit}`. */
export async function readApprovalsFile(path: string): Promise<ApprovalRecord[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new GateInputError(
      `cannot read approvals file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new GateInputError(`approvals file ${path} is not JSON: ${(error as Error).message}`);
  }
  return parseApprovals(parsed, path);
}

export function parseApprovals(value: unknown, label = "approvals"): ApprovalRecord[] {
  if (!Array.isArray(value))
    throw new GateInputError(`${label}: expected a JSON array of {reviewer, state, teams, commit}`);
  return value.map((item, i) => {
    const at = `${label}[${i}]`;
    if (typeof item !== "object" || item === null) throw new GateInputError(`${at}: expected an object`);
    const record = item as Record<string, unknown>;
    const reviewer = record["reviewer"];
    const state = record["state"];
    const commit = record["commit"];
    const teams = record["teams"] ?? [];
    if (typeof reviewer !== "string" || reviewer === "")
      throw new GateInputError(`${at}.reviewer: expected a user name`);
    if (typeof state !== "string") throw new GateInputError(`${at}.state: expected e.g. "APPROVED"`);
    if (typeof commit !== "string")
      throw new GateInputError(`${at}.commit: expected the commit sha the review was given on`);
    if (!Array.isArray(teams) || !teams.every((t) => typeof t === "string")) {
      throw new GateInputError(`${at}.teams: expected an array of team names`);
    }
    return {
      reviewer: reviewer.replace(/^@/, ""),
      state: state.toUpperCase(),
      teams: teams as string[],
      commit,
    };
  });
}

/** Decides which reviews count. The latest review of each reviewer wins (records are in order). */
export function validateApprovals(
  records: readonly ApprovalRecord[],
  context: { author: string | undefined; headSha: string; dismissStale: boolean },
): ValidatedApproval[] {
  const latest = new Map<string, ApprovalRecord>();
  for (const r of records) latest.set(r.reviewer, r);
  return [...latest.values()].map((r) => {
    let reason: string | undefined;
    if (r.state !== "APPROVED") reason = `review state ${r.state}`;
    else if (context.author !== undefined && r.reviewer === context.author)
      reason = "the author cannot approve";
    else if (context.dismissStale && !sameCommit(r.commit, context.headSha))
      reason = `given on ${r.commit.slice(0, 12)}, not the head commit`;
    return reason === undefined ? { ...r, valid: true } : { ...r, valid: false, reason };
  });
}

function sameCommit(a: string, b: string): boolean {
  if (a === "" || b === "") return false;
  return a.length >= 7 && b.length >= 7 && (a.startsWith(b) || b.startsWith(a));
}
