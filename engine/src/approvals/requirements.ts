import type { CodeOwnersEntry } from "../forge/port.js";
import { normaliseTeam, normaliseUser } from "../forge/markers.js";
import { ownersOf } from "./codeowners.js";
import type { ApprovalVerdict } from "./evaluate.js";

export interface ApprovalRequirements {
  /** Every changed path with code owners needs an approval from one of them (default true). */
  codeOwners?: boolean;
  /** At least this many valid approvals (default 1). */
  minApprovals?: number;
  /** An approval from a member of each of these teams (`org/team` or `@org/team`). */
  requiredTeams?: readonly string[];
}

export type MissingApproval =
  | { kind: "code-owner"; path: string; candidates: string[] }
  | { kind: "count"; required: number; have: number; candidates: string[] }
  | { kind: "team"; team: string; candidates: string[] };

export interface ApprovalGap {
  satisfied: boolean;
  missing: MissingApproval[];
  /** Reviewers whose requested changes block, whatever else is approved. */
  blocking: string[];
}

export interface RequirementContext {
  author: string;
  changedPaths: readonly string[];
  codeOwners: readonly CodeOwnersEntry[];
  /** Known members per team (`org/team`), used to name who can approve; teams without members stay named as `@org/team`. */
  teamMembers?: Readonly<Record<string, readonly string[]>>;
}

function expand(owners: readonly string[], context: RequirementContext, exclude: Set<string>): string[] {
  const out = new Set<string>();
  for (const owner of owners) {
    if (!owner.startsWith("@")) continue;
    if (owner.includes("/")) {
      const members = context.teamMembers?.[normaliseTeam(owner)];
      if (members) for (const m of members) out.add(normaliseUser(m));
      else out.add(owner);
    } else out.add(normaliseUser(owner));
  }
  return [...out].filter((name) => !exclude.has(name)).sort();
}

/** Which approvals are still missing for `requirements`, and who can give each of them. */
export function findMissingApprovals(
  verdict: ApprovalVerdict,
  requirements: ApprovalRequirements,
  context: RequirementContext,
): ApprovalGap {
  const author = normaliseUser(context.author);
  const approvers = new Set(verdict.valid.map((v) => normaliseUser(v.reviewer)));
  const exclude = new Set([author, ...approvers]);
  const missing: MissingApproval[] = [];
  const ownerCandidates = new Set<string>();
  if (requirements.codeOwners ?? true) {
    const covered = new Set(verdict.valid.flatMap((v) => v.covers));
    for (const path of context.changedPaths) {
      const owners = ownersOf(path, context.codeOwners);
      if (owners.length === 0) continue;
      const candidates = expand(owners, context, exclude);
      candidates.forEach((c) => ownerCandidates.add(c));
      if (!covered.has(path)) missing.push({ kind: "code-owner", path, candidates });
    }
  }
  for (const team of requirements.requiredTeams ?? []) {
    const name = normaliseTeam(team);
    if (verdict.valid.some((v) => v.teams.includes(name))) continue;
    missing.push({ kind: "team", team: name, candidates: expand([`@${name}`], context, exclude) });
  }
  const required = requirements.minApprovals ?? 1;
  if (verdict.valid.length < required) {
    missing.push({
      kind: "count",
      required,
      have: verdict.valid.length,
      candidates: [...ownerCandidates].sort(),
    });
  }
  const blocking = verdict.blocking.map((b) => b.reviewer);
  return { satisfied: missing.length === 0 && blocking.length === 0, missing, blocking };
}

/** One line per gap, for CLI output and summary comments. */
export function describeApprovalGap(gap: ApprovalGap): string[] {
  const lines = gap.blocking.map((r) => `${r} requested changes; their approval is needed to unblock`);
  for (const m of gap.missing) {
    const who = m.candidates.length > 0 ? ` (can approve: ${m.candidates.join(", ")})` : "";
    if (m.kind === "code-owner") lines.push(`${m.path} needs a code owner's approval${who}`);
    else if (m.kind === "team") lines.push(`an approval from @${m.team} is needed${who}`);
    else lines.push(`${m.required} approval(s) needed, ${m.have} valid${who}`);
  }
  return lines;
}
