import type { CodeOwnersEntry, Review } from "../forge/port.js";
import { normaliseTeam, normaliseUser } from "../forge/markers.js";
import { ownersOf } from "./codeowners.js";

export interface ApprovalFacts {
  /** Login of the change request's author; their own reviews never count. */
  author: string;
  /** The change request's current head commit. */
  headSha: string;
  reviews: readonly Review[];
  /** A review given on an older head commit does not count (default true; `approvals.dismiss_stale`). */
  dismissStale?: boolean;
  changedPaths: readonly string[];
  codeOwners: readonly CodeOwnersEntry[];
  /** Teams of each reviewer, as `org/team`; reviewers not listed belong to none. */
  teamsOf?: Readonly<Record<string, readonly string[]>>;
}

export interface ValidApproval {
  reviewer: string;
  /** The reviewer's teams (`org/team`), sorted. */
  teams: string[];
  /** Changed paths this approval covers as a code owner (directly or through a team). */
  covers: string[];
  commit: string;
  submittedAt: string;
}

export type IgnoredReason = "author" | "stale" | "dismissed" | "superseded";

export interface IgnoredReview {
  reviewer: string;
  reason: IgnoredReason;
  state: Review["state"];
  commit: string;
  submittedAt: string;
}

export interface BlockingReview {
  reviewer: string;
  commit: string;
  submittedAt: string;
}

export interface ApprovalVerdict {
  valid: ValidApproval[];
  ignored: IgnoredReview[];
  blocking: BlockingReview[];
}

function byTime(a: { review: Review; index: number }, b: { review: Review; index: number }): number {
  const ta = Date.parse(a.review.submittedAt);
  const tb = Date.parse(b.review.submittedAt);
  if (ta !== tb && !Number.isNaN(ta) && !Number.isNaN(tb)) return ta - tb;
  return a.index - b.index;
}

/** Whether `reviewer` (with `teams`) is among `owners` (`@user`, `@org/team`). */
export function isOwner(reviewer: string, teams: readonly string[], owners: readonly string[]): boolean {
  const user = normaliseUser(reviewer);
  return owners.some((owner) => {
    if (!owner.startsWith("@")) return false;
    return owner.includes("/") ? teams.includes(normaliseTeam(owner)) : normaliseUser(owner) === user;
  });
}

/**
 * Which reviews count. Per reviewer only the latest non-comment review counts (a COMMENTED review neither
 * approves nor replaces an approval); the author's reviews never count; a dismissed review does not
 * count; an approval on an older head commit is stale (unless `dismissStale` is false); the latest
 * CHANGES_REQUESTED of a reviewer blocks until that reviewer approves.
 */
export function evaluateApprovals(facts: ApprovalFacts): ApprovalVerdict {
  const dismissStale = facts.dismissStale ?? true;
  const author = normaliseUser(facts.author);
  const teamsOf = new Map<string, string[]>();
  for (const [reviewer, teams] of Object.entries(facts.teamsOf ?? {})) {
    teamsOf.set(normaliseUser(reviewer), [...new Set(teams.map(normaliseTeam))].sort());
  }
  const byReviewer = new Map<string, Review[]>();
  const ordered = facts.reviews.map((review, index) => ({ review, index })).sort(byTime);
  for (const { review } of ordered) {
    if (review.state === "COMMENTED") continue;
    const key = normaliseUser(review.reviewer);
    const list = byReviewer.get(key) ?? [];
    list.push(review);
    byReviewer.set(key, list);
  }
  const verdict: ApprovalVerdict = { valid: [], ignored: [], blocking: [] };
  const ignore = (review: Review, reason: IgnoredReason): void => {
    verdict.ignored.push({
      reviewer: review.reviewer,
      reason,
      state: review.state,
      commit: review.commit,
      submittedAt: review.submittedAt,
    });
  };
  for (const [key, reviews] of byReviewer) {
    const latest = reviews[reviews.length - 1] as Review;
    for (const older of reviews.slice(0, -1)) ignore(older, key === author ? "author" : "superseded");
    if (key === author) {
      ignore(latest, "author");
      continue;
    }
    if (latest.state === "DISMISSED") {
      ignore(latest, "dismissed");
    } else if (latest.state === "CHANGES_REQUESTED") {
      verdict.blocking.push({
        reviewer: latest.reviewer,
        commit: latest.commit,
        submittedAt: latest.submittedAt,
      });
    } else if (dismissStale && latest.commit !== facts.headSha) {
      ignore(latest, "stale");
    } else {
      const teams = teamsOf.get(key) ?? [];
      verdict.valid.push({
        reviewer: latest.reviewer,
        teams,
        covers: facts.changedPaths.filter((path) => isOwner(key, teams, ownersOf(path, facts.codeOwners))),
        commit: latest.commit,
        submittedAt: latest.submittedAt,
      });
    }
  }
  const byName = (a: { reviewer: string }, b: { reviewer: string }): number =>
    a.reviewer.localeCompare(b.reviewer);
  verdict.valid.sort(byName);
  verdict.blocking.sort(byName);
  return verdict;
}
