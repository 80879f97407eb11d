import { ForgeNotFoundError } from "../forge/errors.js";
import { normaliseTeam, normaliseUser } from "../forge/markers.js";
import type {
  ChangedFile,
  ChangeRequest,
  ChangeRequestId,
  CodeOwners,
  Forge,
  Review,
} from "../forge/port.js";
import { collect } from "../forge/port.js";
import { teamsNamedIn } from "./codeowners.js";
import { evaluateApprovals, type ApprovalVerdict } from "./evaluate.js";

export interface ResolveOptions {
  /** `approvals.dismiss_stale` of modelgate.yaml (default true). */
  dismissStale?: boolean;
  /** Teams to look up besides those CODEOWNERS names (e.g. teams a policy requires). */
  teams?: readonly string[];
}

/** Everything the policy gate needs to know about a change request, with approvals already validated. */
export interface ResolvedChangeRequest {
  forge: string;
  number: number;
  title: string;
  author: string;
  base: { ref: string; sha: string };
  head: { ref: string; sha: string };
  labels: string[];
  state: ChangeRequest["state"];
  mergeable: ChangeRequest["mergeable"];
  changedFiles: ChangedFile[];
  codeOwners: CodeOwners;
  reviews: Review[];
  /** Teams of each reviewer (login as written by the forge -> `org/team`). */
  teamsOf: Record<string, string[]>;
  approvals: ApprovalVerdict;
  /** Things a human should know (a CODEOWNERS team that does not exist, …). */
  warnings: string[];
}

/**
 * Reads a change request from a forge and validates its approvals (see docs/approvals.md).
 * A team that does not exist counts as "not a member" and is reported in `warnings`, so a typo in
 * CODEOWNERS blocks the paths that team owns (fail closed) without failing every check.
 */
export async function resolveChangeRequest(
  forge: Forge,
  id: ChangeRequestId,
  options: ResolveOptions = {},
): Promise<ResolvedChangeRequest> {
  const cr = await forge.getChangeRequest(id);
  const [changedFiles, reviews, codeOwners] = await Promise.all([
    collect(forge.listChangedFiles(cr.number)),
    collect(forge.listReviews(cr.number)),
    forge.getCodeOwners(cr.base.sha),
  ]);
  const teams = [
    ...new Set([...teamsNamedIn(codeOwners.entries), ...(options.teams ?? []).map(normaliseTeam)]),
  ].sort();
  const reviewers = [
    ...new Map(
      reviews
        .filter((r) => r.state !== "COMMENTED" && normaliseUser(r.reviewer) !== normaliseUser(cr.author))
        .map((r) => [normaliseUser(r.reviewer), r.reviewer]),
    ).values(),
  ];
  const warnings: string[] = [];
  const missingTeams = new Set<string>();
  const teamsOf: Record<string, string[]> = {};
  for (const reviewer of reviewers) {
    const memberships: string[] = [];
    for (const team of teams) {
      if (missingTeams.has(team)) continue;
      try {
        if (await forge.isTeamMember(team, reviewer)) memberships.push(team);
      } catch (error) {
        if (!(error instanceof ForgeNotFoundError)) throw error;
        missingTeams.add(team);
        warnings.push(`team @${team} was not found (${error.message}); nobody counts as its member`);
      }
    }
    teamsOf[reviewer] = memberships;
  }
  const approvals = evaluateApprovals({
    author: cr.author,
    headSha: cr.head.sha,
    reviews,
    dismissStale: options.dismissStale ?? true,
    changedPaths: changedFiles.map((f) => f.path),
    codeOwners: codeOwners.entries,
    teamsOf,
  });
  return {
    forge: forge.description,
    number: cr.number,
    title: cr.title,
    author: cr.author,
    base: cr.base,
    head: cr.head,
    labels: cr.labels,
    state: cr.state,
    mergeable: cr.mergeable,
    changedFiles,
    codeOwners,
    reviews,
    teamsOf,
    approvals,
    warnings,
  };
}
