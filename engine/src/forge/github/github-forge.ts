import { CODEOWNERS_PATHS, parseCodeOwners } from "../../approvals/codeowners.js";
import { assertChangeFiles } from "../change-files.js";
import { ForgeConflictError, ForgeNotFoundError } from "../errors.js";
import {
  hasSummaryMarker,
  normaliseTeam,
  readFingerprint,
  stripFingerprint,
  withFingerprint,
  withSummaryMarker,
} from "../markers.js";
import type {
  ChangedFile,
  ChangedFileStatus,
  ChangeRequest,
  ChangeRequestId,
  CheckAnnotation,
  CheckResult,
  CodeOwners,
  DeploymentReport,
  EnsuredIssue,
  Forge,
  ForgeIssue,
  IssueSpec,
  ChangeRequestSpec,
  OpenedChangeRequest,
  PublishedCheck,
  Review,
  SummaryComment,
} from "../port.js";
import { translateGitHubError } from "./errors.js";
import { createGitHubClient, type GitHubClientOptions, type ModelgateOctokit } from "./octokit.js";

/** Every issue modelgate opens carries this label, so listing them is one filtered listing. */
export const ISSUE_LABEL = "modelgate";
/** GitHub accepts at most 50 annotations per check-run request. */
export const ANNOTATIONS_PER_REQUEST = 50;

export interface GitHubForgeOptions extends GitHubClientOptions {
  owner: string;
  repo: string;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- Octokit's response types are wide; we read a few fields. */
type Json = any;

/** A 422 from GitHub (validation failed: e.g. the ref or the pull request exists already). */
function isUnprocessable(error: unknown): boolean {
  const cause = (error as { cause?: { status?: unknown } }).cause;
  return error instanceof ForgeConflictError && cause?.status === 422;
}

function toNumber(id: ChangeRequestId): number {
  const n = typeof id === "number" ? id : Number(id);
  if (!Number.isInteger(n) || n <= 0) throw new ForgeNotFoundError(`'${id}' is not a pull request number`);
  return n;
}

const FILE_STATUS: Record<string, ChangedFileStatus> = {
  added: "added",
  removed: "removed",
  modified: "modified",
  renamed: "renamed",
  copied: "added",
  changed: "modified",
  unchanged: "modified",
};

/**
 * The production forge: GitHub (or GitHub Enterprise Server) through its REST API.
 * Auth is a token or a GitHub App installation; retries and rate limits are handled by the client
 * (see octokit.ts); every failure leaves as a ForgeError naming the permission it needed.
 */
export class GitHubForge implements Forge {
  readonly kind = "github" as const;
  readonly description: string;
  private readonly teamExists = new Map<string, boolean>();

  constructor(
    private readonly octokit: ModelgateOctokit,
    readonly owner: string,
    readonly repo: string,
  ) {
    this.description = `github:${owner}/${repo}`;
  }

  /** Builds the client; for an App without an installation id, looks the installation up for the repository. */
  static async create(options: GitHubForgeOptions): Promise<GitHubForge> {
    let auth = options.auth;
    if (auth.kind === "app" && auth.installationId === undefined) {
      const appClient = createGitHubClient(options);
      const context = {
        action: "find the GitHub App's installation",
        permission: "the App installed on the repository",
        repository: `${options.owner}/${options.repo}`,
      };
      try {
        const { data } = await appClient.request("GET /repos/{owner}/{repo}/installation", {
          owner: options.owner,
          repo: options.repo,
        });
        auth = { ...auth, installationId: data.id };
      } catch (error) {
        throw translateGitHubError(error, context);
      }
    }
    return new GitHubForge(createGitHubClient({ ...options, auth }), options.owner, options.repo);
  }

  private get repository(): string {
    return `${this.owner}/${this.repo}`;
  }

  private async call<T>(action: string, permission: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw translateGitHubError(error, { action, permission, repository: this.repository });
    }
  }

  private async *pages<T>(
    action: string,
    permission: string,
    route: string,
    params: Record<string, unknown>,
  ): AsyncIterable<T> {
    try {
      const iterator = this.octokit.paginate.iterator(
        route as never,
        {
          owner: this.owner,
          repo: this.repo,
          per_page: 100,
          ...params,
        } as never,
      ) as AsyncIterable<{ data: T[] }>;
      for await (const page of iterator) yield* page.data;
    } catch (error) {
      throw translateGitHubError(error, { action, permission, repository: this.repository });
    }
  }

  // ---------- change requests ----------

  private toChangeRequest(pr: Json): ChangeRequest {
    const state = pr.merged || pr.merged_at ? "merged" : pr.state === "open" ? "open" : "closed";
    const cr: ChangeRequest = {
      number: pr.number,
      title: pr.title,
      author: pr.user?.login ?? "ghost",
      base: { ref: pr.base.ref, sha: pr.base.sha },
      head: { ref: pr.head.ref, sha: pr.head.sha },
      labels: (pr.labels ?? []).map((l: Json) => (typeof l === "string" ? l : l.name)),
      state,
      mergeable: pr.mergeable === true ? "mergeable" : pr.mergeable === false ? "conflicting" : "unknown",
    };
    if (pr.html_url) cr.url = pr.html_url;
    return cr;
  }

  async getChangeRequest(id: ChangeRequestId): Promise<ChangeRequest> {
    const pull_number = toNumber(id);
    const { data } = await this.call(`read pull request #${pull_number}`, "pull_requests: read", () =>
      this.octokit.rest.pulls.get({ owner: this.owner, repo: this.repo, pull_number }),
    );
    return this.toChangeRequest(data);
  }

  async *listChangedFiles(id: ChangeRequestId): AsyncIterable<ChangedFile> {
    const pull_number = toNumber(id);
    for await (const file of this.pages<Json>(
      `list the files of pull request #${pull_number}`,
      "pull_requests: read",
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/files",
      { pull_number },
    )) {
      const out: ChangedFile = { path: file.filename, status: FILE_STATUS[file.status] ?? "modified" };
      if (file.previous_filename) out.previousPath = file.previous_filename;
      yield out;
    }
  }

  async *listReviews(id: ChangeRequestId): AsyncIterable<Review> {
    const pull_number = toNumber(id);
    for await (const r of this.pages<Json>(
      `list the reviews of pull request #${pull_number}`,
      "pull_requests: read",
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews",
      { pull_number },
    )) {
      if (!["APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED"].includes(r.state)) continue; // PENDING
      const review: Review = {
        reviewer: r.user?.login ?? "ghost",
        state: r.state,
        commit: r.commit_id,
        submittedAt: r.submitted_at,
      };
      if (r.body) review.body = r.body;
      yield review;
    }
  }

  /**
   * The branch and pull request through the Git Data API: the open pull request for `branch`, if any, is
   * returned as it is; else the branch is reused when it exists, or written as one commit (a tree on the
   * parent's tree with the files inline, the commit, the ref); then the pull request is opened.
   *
   * Safe to retry at any point: a POST that GitHub applied but whose answer was lost (a 5xx the client
   * retries) comes back as 422 — "Reference already exists" for the ref, "A pull request already exists"
   * for the pull request — and the thing that now exists is read back and reused. So an abort retried
   * after a failure never writes a second branch or opens a second pull request.
   */
  async openChangeRequest(spec: ChangeRequestSpec): Promise<OpenedChangeRequest> {
    assertChangeFiles(spec.files);
    const action = `open the change request ${spec.branch} → ${spec.base}`;
    const open = await this.findOpenPull(spec.branch, spec.base, action);
    if (open) return { changeRequest: open, commit: open.head.sha, branch: "reused", action: "existing" };

    let commit = await this.readBranch(spec.branch, action);
    let branch: OpenedChangeRequest["branch"] = "reused";
    if (commit === undefined) {
      const written = await this.writeCommit(spec, action);
      try {
        await this.call(action, "contents: write", () =>
          this.octokit.rest.git.createRef({
            owner: this.owner,
            repo: this.repo,
            ref: `refs/heads/${spec.branch}`,
            sha: written,
          }),
        );
        commit = written;
        branch = "created";
      } catch (error) {
        // 422 "Reference already exists": created by our own retried request, or by a racing engine.
        const existing = isUnprocessable(error) ? await this.readBranch(spec.branch, action) : undefined;
        if (existing === undefined) throw error;
        commit = existing;
      }
    }

    let pull: ChangeRequest;
    try {
      const { data } = await this.call(action, "pull_requests: write", () =>
        this.octokit.rest.pulls.create({
          owner: this.owner,
          repo: this.repo,
          base: spec.base,
          head: spec.branch,
          title: spec.title,
          body: spec.body,
        }),
      );
      pull = this.toChangeRequest(data);
    } catch (error) {
      // 422 "A pull request already exists for owner:branch": our own retried request, or a race.
      const existing = isUnprocessable(error)
        ? await this.findOpenPull(spec.branch, spec.base, action)
        : undefined;
      if (!existing) throw error;
      return { changeRequest: existing, commit: existing.head.sha, branch, action: "existing" };
    }
    if (spec.labels && spec.labels.length > 0) {
      const labels = [...new Set(spec.labels)].sort();
      await this.call(action, "pull_requests: write", () =>
        this.octokit.rest.issues.update({
          owner: this.owner,
          repo: this.repo,
          issue_number: pull.number,
          labels,
        }),
      );
      pull = { ...pull, labels };
    }
    return { changeRequest: pull, commit, branch, action: "created" };
  }

  private async findOpenPull(
    branch: string,
    base: string,
    action: string,
  ): Promise<ChangeRequest | undefined> {
    for await (const pr of this.pages<Json>(
      action,
      "pull_requests: read",
      "GET /repos/{owner}/{repo}/pulls",
      {
        state: "open",
        head: `${this.owner}:${branch}`,
        base,
      },
    )) {
      return this.toChangeRequest(pr);
    }
    return undefined;
  }

  /** The tip of a branch, or undefined when there is no such branch. */
  private async readBranch(branch: string, action: string): Promise<string | undefined> {
    try {
      const { data } = await this.call(action, "contents: read", () =>
        this.octokit.rest.git.getRef({ owner: this.owner, repo: this.repo, ref: `heads/${branch}` }),
      );
      return (data as Json).object.sha as string;
    } catch (error) {
      if (error instanceof ForgeNotFoundError) return undefined;
      throw error;
    }
  }

  /** The tree (parent's tree plus the files, inline) and the commit; returns the commit's sha. */
  private async writeCommit(spec: ChangeRequestSpec, action: string): Promise<string> {
    const parent = spec.baseSha ?? (await this.readBranch(spec.base, action));
    if (parent === undefined) {
      throw new ForgeNotFoundError(`GitHub (${this.repository}): base branch '${spec.base}' does not exist`);
    }
    const { data: parentCommit } = await this.call(action, "contents: read", () =>
      this.octokit.rest.git.getCommit({ owner: this.owner, repo: this.repo, commit_sha: parent }),
    );
    const { data: tree } = await this.call(action, "contents: write", () =>
      this.octokit.rest.git.createTree({
        owner: this.owner,
        repo: this.repo,
        base_tree: (parentCommit as Json).tree.sha,
        tree: spec.files.map((f) => ({
          path: f.path,
          mode: "100644" as const,
          type: "blob" as const,
          content: f.content,
        })),
      }),
    );
    const { data: commit } = await this.call(action, "contents: write", () =>
      this.octokit.rest.git.createCommit({
        owner: this.owner,
        repo: this.repo,
        message: spec.message ?? `${spec.title}\n\n${spec.body}\n`,
        tree: (tree as Json).sha,
        parents: [parent],
        ...(spec.author ? { author: spec.author } : {}),
      }),
    );
    return (commit as Json).sha as string;
  }

  // ---------- code owners and teams ----------

  async getCodeOwners(ref: string): Promise<CodeOwners> {
    for (const path of CODEOWNERS_PATHS) {
      try {
        const { data } = await this.call(`read ${path} at ${ref}`, "contents: read", () =>
          this.octokit.rest.repos.getContent({ owner: this.owner, repo: this.repo, path, ref }),
        );
        const file = data as Json;
        if (Array.isArray(file) || file.type !== "file") continue;
        const text = Buffer.from(file.content ?? "", (file.encoding ?? "base64") as BufferEncoding).toString(
          "utf8",
        );
        return { file: path, entries: parseCodeOwners(text) };
      } catch (error) {
        if (error instanceof ForgeNotFoundError) continue;
        throw error;
      }
    }
    return { file: undefined, entries: [] };
  }

  /**
   * Team membership through `GET /orgs/{org}/teams/{team}/memberships/{user}` (an active membership counts;
   * a pending invitation does not). GitHub answers 404 both for "not a member" and "no such team", so a
   * 404 is followed by one look-up of the team: a missing team throws ForgeNotFoundError.
   * Needs the organization permission `members: read`.
   */
  async isTeamMember(team: string, user: string): Promise<boolean> {
    const [org, team_slug] = normaliseTeam(team).split("/");
    if (!org || !team_slug) throw new ForgeNotFoundError(`'${team}' is not a team; write teams as @org/team`);
    try {
      const { data } = await this.call(
        `read the membership of ${user} in @${org}/${team_slug}`,
        "members: read",
        () => this.octokit.rest.teams.getMembershipForUserInOrg({ org, team_slug, username: user }),
      );
      this.teamExists.set(`${org}/${team_slug}`, true);
      return data.state === "active";
    } catch (error) {
      if (!(error instanceof ForgeNotFoundError)) throw error;
    }
    const key = `${org}/${team_slug}`;
    if (!this.teamExists.has(key)) {
      try {
        await this.call(`read team @${key}`, "members: read", () =>
          this.octokit.rest.teams.getByName({ org, team_slug }),
        );
        this.teamExists.set(key, true);
      } catch (error) {
        if (!(error instanceof ForgeNotFoundError)) throw error;
        this.teamExists.set(key, false);
      }
    }
    if (this.teamExists.get(key) === false) {
      throw new ForgeNotFoundError(
        `team @${key} does not exist, or the credentials cannot see it (the organization permission 'members: read' is needed)`,
      );
    }
    return false;
  }

  // ---------- checks and the summary comment ----------

  async publishCheck(result: CheckResult): Promise<PublishedCheck> {
    const toApi = (a: CheckAnnotation): Json => {
      const out: Json = {
        path: a.path,
        start_line: a.startLine,
        end_line: a.endLine ?? a.startLine,
        annotation_level: a.level,
        message: a.message,
      };
      if (a.title) out.title = a.title;
      return out;
    };
    const batches: CheckAnnotation[][] = [];
    for (let i = 0; i < result.annotations.length; i += ANNOTATIONS_PER_REQUEST) {
      batches.push(result.annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
    }
    const output = (annotations: CheckAnnotation[] | undefined): Json => {
      const out: Json = { title: result.title, summary: result.summary.slice(0, 65535) };
      if (result.text) out.text = result.text.slice(0, 65535);
      if (annotations && annotations.length > 0) out.annotations = annotations.map(toApi);
      return out;
    };
    const action = `publish the check run '${result.name}' on ${result.headSha.slice(0, 12)}`;
    const { data } = await this.call(action, "checks: write", () =>
      this.octokit.rest.checks.create({
        owner: this.owner,
        repo: this.repo,
        name: result.name,
        head_sha: result.headSha,
        status: "completed",
        conclusion: result.conclusion,
        completed_at: new Date().toISOString(),
        output: output(batches[0]),
      } as never),
    );
    const checkRunId = (data as Json).id as number;
    for (const batch of batches.slice(1)) {
      await this.call(action, "checks: write", () =>
        this.octokit.rest.checks.update({
          owner: this.owner,
          repo: this.repo,
          check_run_id: checkRunId,
          output: output(batch),
        } as never),
      );
    }
    const published: PublishedCheck = { id: String(checkRunId) };
    if ((data as Json).html_url) published.url = (data as Json).html_url;
    return published;
  }

  async ensureSummaryComment(id: ChangeRequestId, body: string): Promise<SummaryComment> {
    const issue_number = toNumber(id);
    const text = withSummaryMarker(body);
    const action = `write the summary comment on pull request #${issue_number}`;
    let existing: Json | undefined;
    for await (const comment of this.pages<Json>(
      action,
      "pull_requests: read",
      "GET /repos/{owner}/{repo}/issues/{issue_number}/comments",
      { issue_number },
    )) {
      if (hasSummaryMarker(comment.body)) {
        existing = comment;
        break;
      }
    }
    if (existing) {
      if (existing.body === text) return { id: String(existing.id), action: "unchanged" };
      await this.call(action, "pull_requests: write", () =>
        this.octokit.rest.issues.updateComment({
          owner: this.owner,
          repo: this.repo,
          comment_id: existing.id,
          body: text,
        }),
      );
      return { id: String(existing.id), action: "updated" };
    }
    const { data } = await this.call(action, "pull_requests: write", () =>
      this.octokit.rest.issues.createComment({
        owner: this.owner,
        repo: this.repo,
        issue_number,
        body: text,
      }),
    );
    return { id: String(data.id), action: "created" };
  }

  // ---------- issues ----------

  private toIssue(issue: Json): ForgeIssue {
    const out: ForgeIssue = {
      number: issue.number,
      fingerprint: readFingerprint(issue.body) ?? "",
      title: issue.title,
      body: stripFingerprint(issue.body),
      labels: (issue.labels ?? []).map((l: Json) => (typeof l === "string" ? l : l.name)),
      state: issue.state === "closed" ? "closed" : "open",
      comments: issue.comments ?? 0,
    };
    if (issue.html_url) out.url = issue.html_url;
    return out;
  }

  private async *rawIssues(state: "open" | "closed" | "all"): AsyncIterable<Json> {
    for await (const issue of this.pages<Json>(
      "list modelgate's issues",
      "issues: read",
      "GET /repos/{owner}/{repo}/issues",
      {
        state,
        labels: ISSUE_LABEL,
      },
    )) {
      if (issue.pull_request || !readFingerprint(issue.body)) continue;
      yield issue;
    }
  }

  /** The open issue of a fingerprint, else the most recent closed one. */
  private async findIssue(fingerprint: string): Promise<Json | undefined> {
    let latest: Json | undefined;
    for await (const issue of this.rawIssues("all")) {
      if (readFingerprint(issue.body) !== fingerprint) continue;
      if (issue.state === "open") return issue;
      if (!latest || issue.number > latest.number) latest = issue;
    }
    return latest;
  }

  async *listIssues(options: { state?: "open" | "closed" | "all" } = {}): AsyncIterable<ForgeIssue> {
    for await (const issue of this.rawIssues(options.state ?? "open")) yield this.toIssue(issue);
  }

  async ensureIssue(spec: IssueSpec): Promise<EnsuredIssue> {
    const body = withFingerprint(spec.body, spec.fingerprint);
    const labels = [...new Set([ISSUE_LABEL, ...(spec.labels ?? [])])].sort();
    const action = `write the issue '${spec.fingerprint}'`;
    const existing = await this.findIssue(spec.fingerprint);
    if (existing) {
      const current = this.toIssue(existing);
      const same =
        current.state === "open" &&
        existing.title === spec.title &&
        existing.body === body &&
        JSON.stringify([...current.labels].sort()) === JSON.stringify(labels);
      if (same) return { issue: current, action: "unchanged" };
      const { data } = await this.call(action, "issues: write", () =>
        this.octokit.rest.issues.update({
          owner: this.owner,
          repo: this.repo,
          issue_number: existing.number,
          title: spec.title,
          body,
          labels,
          state: "open",
        }),
      );
      return { issue: this.toIssue(data), action: "updated" };
    }
    const { data } = await this.call(action, "issues: write", () =>
      this.octokit.rest.issues.create({
        owner: this.owner,
        repo: this.repo,
        title: spec.title,
        body,
        labels,
      }),
    );
    return { issue: this.toIssue(data), action: "created" };
  }

  async closeIssue(fingerprint: string, comment?: string): Promise<ForgeIssue | undefined> {
    const existing = await this.findIssue(fingerprint);
    if (!existing || existing.state !== "open") return undefined;
    const action = `close the issue '${fingerprint}'`;
    if (comment) {
      await this.call(action, "issues: write", () =>
        this.octokit.rest.issues.createComment({
          owner: this.owner,
          repo: this.repo,
          issue_number: existing.number,
          body: comment,
        }),
      );
    }
    const { data } = await this.call(action, "issues: write", () =>
      this.octokit.rest.issues.update({
        owner: this.owner,
        repo: this.repo,
        issue_number: existing.number,
        state: "closed",
        state_reason: "completed",
      }),
    );
    return this.toIssue(data);
  }

  async commentOnIssue(fingerprint: string, body: string): Promise<void> {
    const existing = await this.findIssue(fingerprint);
    if (!existing)
      throw new ForgeNotFoundError(`no issue with fingerprint '${fingerprint}' in ${this.description}`);
    await this.call(`comment on the issue '${fingerprint}'`, "issues: write", () =>
      this.octokit.rest.issues.createComment({
        owner: this.owner,
        repo: this.repo,
        issue_number: existing.number,
        body,
      }),
    );
  }

  // ---------- deployments ----------

  /** One GitHub deployment per (environment, sha), created on first report; each report adds a status. */
  async reportDeployment(report: DeploymentReport): Promise<void> {
    const action = `report the deployment of ${report.sha.slice(0, 12)} to ${report.environment}`;
    let deploymentId: number | undefined;
    for await (const d of this.pages<Json>(
      action,
      "deployments: read",
      "GET /repos/{owner}/{repo}/deployments",
      {
        sha: report.sha,
        environment: report.environment,
      },
    )) {
      deploymentId = d.id;
      break;
    }
    if (deploymentId === undefined) {
      const { data } = await this.call(action, "deployments: write", () =>
        this.octokit.rest.repos.createDeployment({
          owner: this.owner,
          repo: this.repo,
          ref: report.sha,
          environment: report.environment,
          auto_merge: false,
          required_contexts: [],
          description: report.description.slice(0, 140),
        }),
      );
      deploymentId = (data as Json).id as number;
    }
    const id = deploymentId;
    await this.call(action, "deployments: write", () =>
      this.octokit.rest.repos.createDeploymentStatus({
        owner: this.owner,
        repo: this.repo,
        deployment_id: id,
        state: report.state,
        description: report.description.slice(0, 140),
        environment: report.environment,
        ...(report.logUrl ? { log_url: report.logUrl } : {}),
      }),
    );
  }
}
