/**
 * The Forge port: what modelgate needs from the place where change requests, reviews, checks and issues
 * live. Two adapters implement it: `GitHubForge` (REST via Octokit) and `LocalForge` (a plain Git
 * repository, the embedded default). The core depends on this file only.
 *
 * Conventions:
 * - listings are async iterables that page lazily (`for await`), so a 250-review PR costs 3 requests;
 * - `ensure*` methods are idempotent: a hidden marker (a comment body, an issue fingerprint) is the
 *   identity of the thing, so re-running updates in place instead of duplicating;
 * - failures surface as `ForgeError` subclasses (see errors.ts), never as adapter library errors.
 */

/** A change request: a GitHub PR number, or for the local forge its number or its branch name. */
export type ChangeRequestId = number | string;

export type ChangeRequestState = "open" | "closed" | "merged";
export type Mergeability = "mergeable" | "conflicting" | "unknown";

export interface ChangeRequest {
  /** The forge's number for it (GitHub PR number; local sequence number). */
  number: number;
  title: string;
  author: string;
  base: { ref: string; sha: string };
  head: { ref: string; sha: string };
  labels: string[];
  state: ChangeRequestState;
  mergeable: Mergeability;
  /** A link for humans, when the forge has one. */
  url?: string;
}

export type ChangedFileStatus = "added" | "modified" | "removed" | "renamed";

export interface ChangedFile {
  path: string;
  status: ChangedFileStatus;
  /** The path before a rename. */
  previousPath?: string;
}

export type ReviewState = "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED";

export interface Review {
  reviewer: string;
  state: ReviewState;
  /** The head commit the review was given on. */
  commit: string;
  /** ISO 8601 timestamp. */
  submittedAt: string;
  body?: string;
}

/** One CODEOWNERS line: a gitignore-style pattern and its owners (`@user`, `@org/team`, e-mail). */
export interface CodeOwnersEntry {
  pattern: string;
  owners: string[];
  line: number;
}

export interface CodeOwners {
  /** Which file they came from (e.g. `.github/CODEOWNERS`), or undefined when there is none. */
  file: string | undefined;
  entries: CodeOwnersEntry[];
}

export type CheckConclusion = "success" | "failure" | "neutral" | "action_required";
export type AnnotationLevel = "notice" | "warning" | "failure";

export interface CheckAnnotation {
  path: string;
  startLine: number;
  endLine?: number;
  level: AnnotationLevel;
  message: string;
  title?: string;
}

export interface CheckResult {
  /** The check's name, e.g. `modelgate`. */
  name: string;
  headSha: string;
  conclusion: CheckConclusion;
  title: string;
  /** Markdown. */
  summary: string;
  text?: string;
  annotations: CheckAnnotation[];
}

export interface PublishedCheck {
  id: string;
  url?: string;
}

export interface IssueSpec {
  /** Stable identity of the problem (e.g. `drift:stockout-risk:production`); stored as a hidden marker. */
  fingerprint: string;
  title: string;
  /** Markdown; the marker is added by the adapter. */
  body: string;
  labels?: string[];
}

export interface ForgeIssue {
  number: number;
  fingerprint: string;
  title: string;
  /** The body without the hidden marker. */
  body: string;
  labels: string[];
  state: "open" | "closed";
  comments: number;
  url?: string;
}

export interface EnsuredIssue {
  issue: ForgeIssue;
  /** created: new; updated: it changed (or was reopened); unchanged: nothing to write. */
  action: "created" | "updated" | "unchanged";
}

export type DeploymentState = "pending" | "in_progress" | "success" | "failure" | "error" | "inactive";

export interface DeploymentReport {
  environment: string;
  sha: string;
  state: DeploymentState;
  description: string;
  logUrl?: string;
}

/** A file of a change request's commit: its full new content (UTF-8 text). */
export interface FileChange {
  path: string;
  content: string;
}

/**
 * A change request the engine writes itself (a revert, a rollback): one commit on a new branch, opened
 * against `base`. The branch name is its identity: modelgate derives it from what the change is for
 * (`modelgate/abort-<env>-<model>-<version>`), so a retry, a restart or a second engine finds the same
 * branch and the same open change request instead of writing new ones.
 */
export interface ChangeRequestSpec {
  /** The branch the change request targets (e.g. `main`). */
  base: string;
  /**
   * The commit the files were computed against, which becomes the new commit's parent; default: the tip
   * of `base`. Passing it keeps a change computed from an older tip from silently overwriting newer edits
   * of the same file: the change request then shows the conflict instead.
   */
  baseSha?: string;
  /** The head branch; reused as it is when it exists already. */
  branch: string;
  title: string;
  /** Markdown. */
  body: string;
  /** Commit message (default: title, blank line, body). */
  message?: string;
  files: FileChange[];
  labels?: string[];
  /** Author of the commit (default: the forge's own identity). */
  author?: { name: string; email: string };
}

export interface OpenedChangeRequest {
  changeRequest: ChangeRequest;
  /** The head commit of the branch (new, or the existing branch's tip). */
  commit: string;
  /** created: the branch was written now; reused: it existed (nothing written). */
  branch: "created" | "reused";
  /** created: opened now; existing: an open change request for the branch was returned. */
  action: "created" | "existing";
}

export interface SummaryComment {
  id: string;
  action: "created" | "updated" | "unchanged";
}

export interface Forge {
  readonly kind: "github" | "local";
  /** For messages: `github:acme/retail-models`, `local:/srv/registry`. */
  readonly description: string;

  getChangeRequest(id: ChangeRequestId): Promise<ChangeRequest>;
  listChangedFiles(id: ChangeRequestId): AsyncIterable<ChangedFile>;
  /** Every review in the order given (oldest first). Approval semantics live in `approvals/`, not here. */
  listReviews(id: ChangeRequestId): AsyncIterable<Review>;

  /** CODEOWNERS at a revision (`.github/CODEOWNERS`, then `CODEOWNERS`, then `docs/CODEOWNERS`). */
  getCodeOwners(ref: string): Promise<CodeOwners>;
  /**
   * Whether `user` belongs to `team` (`org/team`, with or without `@`).
   * Throws `ForgeNotFoundError` when the team does not exist (or these credentials cannot see it).
   */
  isTeamMember(team: string, user: string): Promise<boolean>;

  /** Publishes a check result on a commit (all annotations, however many). */
  publishCheck(result: CheckResult): Promise<PublishedCheck>;
  /** The one summary comment of a change request (hidden marker `<!-- modelgate:summary -->`), updated in place. */
  ensureSummaryComment(id: ChangeRequestId, body: string): Promise<SummaryComment>;

  /** Opens the issue for a fingerprint, or updates (and reopens) the one that exists. */
  ensureIssue(spec: IssueSpec): Promise<EnsuredIssue>;
  /** Closes the open issue for a fingerprint with a closing comment; undefined when none is open. */
  closeIssue(fingerprint: string, comment?: string): Promise<ForgeIssue | undefined>;
  /** Comments on the issue of a fingerprint (open or closed); throws `ForgeNotFoundError` when there is none. */
  commentOnIssue(fingerprint: string, body: string): Promise<void>;
  /** Issues created by modelgate (those carrying a fingerprint marker). */
  listIssues(options?: { state?: "open" | "closed" | "all" }): AsyncIterable<ForgeIssue>;

  /** Records a deployment status for an environment and commit. */
  reportDeployment(report: DeploymentReport): Promise<void>;
  /**
   * Writes `files` as one commit on a new branch `branch` off `base` and opens a change request for it
   * (a GitHub pull request; a local change request). Idempotent: an open change request for the branch
   * is returned as it is, and an existing branch is reused without writing a new commit.
   */
  openChangeRequest(spec: ChangeRequestSpec): Promise<OpenedChangeRequest>;
}

/** Drains an async iterable into an array. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
