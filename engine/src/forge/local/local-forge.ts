import { realpath } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { CODEOWNERS_PATHS, parseCodeOwners } from "../../approvals/codeowners.js";
import { ForgeConflictError, ForgeNotFoundError } from "../errors.js";
import {
  fingerprintMarker,
  normaliseTeam,
  normaliseUser,
  stripFingerprint,
  withSummaryMarker,
} from "../markers.js";
import type {
  ChangedFile,
  ChangedFileStatus,
  ChangeRequest,
  ChangeRequestId,
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
  ReviewState,
  SummaryComment,
} from "../port.js";
import { commitFilesToBranch } from "./commit-files.js";
import { GitRunner } from "./git.js";
import { StateStore } from "./state-store.js";

/** The notes ref holding reviews: one JSON line per review, attached to the reviewed head commit. */
export const REVIEWS_NOTES_REF = "refs/notes/modelgate/reviews";

/** A change request as recorded in `<git-dir>/modelgate/change-requests/<n>.json`. */
export interface LocalChangeRequestRecord {
  number: number;
  branch: string;
  base: string;
  title: string;
  body: string;
  author: string;
  labels: string[];
  state: "open" | "closed" | "merged";
  createdAt: string;
  updatedAt: string;
  merged?: { by: string; at: string; commit: string; baseSha: string; headSha: string };
}

interface ReviewNote extends Review {
  changeRequest: number;
}

interface IssueRecord {
  number: number;
  fingerprint: string;
  title: string;
  body: string;
  labels: string[];
  state: "open" | "closed";
  comments: { body: string; at: string }[];
  createdAt: string;
  updatedAt: string;
}

export interface LocalForgeOptions {
  /** The repository (work tree or bare). */
  repo: string;
  /** Clock, injected so tests control review times. */
  now?: () => Date;
  env?: NodeJS.ProcessEnv;
}

export interface ProposeOptions {
  branch: string;
  base?: string;
  title?: string;
  body?: string;
  author?: string;
  labels?: string[];
}

export interface SubmitReviewOptions {
  reviewer: string;
  state: Exclude<ReviewState, "DISMISSED">;
  body?: string;
}

/** The identity git uses for modelgate's own bookkeeping commits (notes). */
const BOOKKEEPING_IDENTITY = {
  GIT_AUTHOR_NAME: "modelgate",
  GIT_AUTHOR_EMAIL: "modelgate@localhost",
  GIT_COMMITTER_NAME: "modelgate",
  GIT_COMMITTER_EMAIL: "modelgate@localhost",
};

/** Who the engine's own change requests are by, unless the spec names someone. */
const BOOKKEEPING_AUTHOR = { name: "modelgate", email: "modelgate@localhost" };

/**
 * The embedded forge: a plain Git repository, no account, no network.
 *
 * - change requests are branches proposed against the main branch, recorded as JSON in the state folder
 *   `<git-common-dir>/modelgate/` (inside `.git`, so the work tree never gets dirty);
 * - reviews are JSON lines in git notes (`refs/notes/modelgate/reviews`) on the reviewed head commit, so
 *   they travel with the repository (`git push origin refs/notes/modelgate/*`);
 * - issues, the summary comment, check results and deployment statuses are JSON records in the state folder;
 * - code owners come from CODEOWNERS and teams from the `teams:` map of `modelgate.yaml` on the main branch.
 */
export class LocalForge implements Forge {
  readonly kind = "local" as const;
  readonly description: string;
  private readonly git: GitRunner;
  private readonly now: () => Date;
  private storePromise: Promise<StateStore> | undefined;

  constructor(private readonly options: LocalForgeOptions) {
    this.git = new GitRunner(resolve(options.repo), options.env);
    this.now = options.now ?? (() => new Date());
    this.description = `local:${resolve(options.repo)}`;
  }

  /** `<git-common-dir>/modelgate`: the engine's state folder for this repository. */
  async stateDir(): Promise<string> {
    return (await this.store()).root;
  }

  private store(): Promise<StateStore> {
    this.storePromise ??= (async () => {
      const common = (await this.git.run(["rev-parse", "--git-common-dir"])).trim();
      const gitDir = isAbsolute(common) ? common : join(this.git.dir, common);
      return new StateStore(join(gitDir, "modelgate"));
    })();
    return this.storePromise;
  }

  private timestamp(): string {
    return this.now().toISOString();
  }

  /** The main branch: `main_branch` of modelgate.yaml on HEAD, else `main`. */
  async mainBranch(): Promise<string> {
    const config = await this.readConfig("HEAD");
    const value = config?.main_branch;
    return typeof value === "string" && value ? value : "main";
  }

  /** `git config user.name` of the repository, if set. */
  async configuredUser(): Promise<string | undefined> {
    const result = await this.git.exec(["config", "user.name"]);
    return result.code === 0 && result.stdout.trim() ? result.stdout.trim() : undefined;
  }

  /**
   * Whether the folder is the top of a git work tree (or a bare repository) — not merely a folder inside
   * one, like the template folder inside a checkout, whose issues would otherwise land in the outer one.
   */
  async isRepositoryRoot(): Promise<boolean> {
    const bare = await this.git.exec(["rev-parse", "--is-bare-repository"]);
    if (bare.code !== 0) return false;
    if (bare.stdout.trim() === "true") return true;
    const top = await this.git.exec(["rev-parse", "--show-toplevel"]);
    if (top.code !== 0) return false;
    const [a, b] = await Promise.all([realpath(top.stdout.trim()), realpath(this.git.dir)]);
    return a === b;
  }

  /** The commit a revision names, or undefined (no such revision, or not a git repository). */
  resolveRevision(rev: string): Promise<string | undefined> {
    return this.git.resolve(rev);
  }

  /** `git config user.email` of the repository, if set. */
  async configuredEmail(): Promise<string | undefined> {
    const result = await this.git.exec(["config", "user.email"]);
    return result.code === 0 && result.stdout.trim() ? result.stdout.trim() : undefined;
  }

  /** A file's text at a revision, or undefined when it is not there. */
  readFile(rev: string, path: string): Promise<string | undefined> {
    return this.git.show(rev, path);
  }

  /** modelgate.yaml at a revision, parsed (undefined when absent or not a mapping). */
  async readConfig(rev: string): Promise<Record<string, unknown> | undefined> {
    const text = await this.git.show(rev, "modelgate.yaml");
    if (text === undefined) return undefined;
    const parsed: unknown = parseYaml(text);
    return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : undefined;
  }

  // ---------- change requests ----------

  async listChangeRequestRecords(): Promise<LocalChangeRequestRecord[]> {
    const records = await (await this.store()).list<LocalChangeRequestRecord>("change-requests");
    return records.sort((a, b) => a.number - b.number);
  }

  async findRecord(id: ChangeRequestId): Promise<LocalChangeRequestRecord> {
    const records = await this.listChangeRequestRecords();
    const asNumber = typeof id === "number" ? id : /^\d+$/.test(id) ? Number(id) : undefined;
    let found: LocalChangeRequestRecord | undefined;
    if (typeof id === "string") {
      const forBranch = records.filter((r) => r.branch === id);
      found = forBranch.find((r) => r.state === "open") ?? forBranch[forBranch.length - 1];
    }
    if (!found && asNumber !== undefined) found = records.find((r) => r.number === asNumber);
    if (!found) {
      throw new ForgeNotFoundError(
        `no change request ${typeof id === "number" ? `#${id}` : `'${id}'`} in ${this.description}; propose one with 'modelgate propose BRANCH'`,
      );
    }
    return found;
  }

  /** Records a branch as a change request against the main branch (idempotent per open branch). */
  async propose(options: ProposeOptions): Promise<ChangeRequest> {
    const base = options.base ?? (await this.mainBranch());
    const headSha = await this.git.resolve(`refs/heads/${options.branch}`);
    if (!headSha)
      throw new ForgeNotFoundError(`branch '${options.branch}' does not exist in ${this.description}`);
    if (!(await this.git.resolve(`refs/heads/${base}`))) {
      throw new ForgeNotFoundError(`base branch '${base}' does not exist in ${this.description}`);
    }
    if (options.branch === base) throw new ForgeConflictError(`cannot propose '${base}' against itself`);
    const store = await this.store();
    const existing = (await this.listChangeRequestRecords()).find(
      (r) => r.branch === options.branch && r.state === "open",
    );
    if (existing) {
      const updated: LocalChangeRequestRecord = {
        ...existing,
        title: options.title ?? existing.title,
        body: options.body ?? existing.body,
        labels: options.labels ?? existing.labels,
        updatedAt: this.timestamp(),
      };
      await store.write("change-requests", String(existing.number), updated);
      return this.toChangeRequest(updated);
    }
    const author = options.author ?? (await this.git.run(["log", "-1", "--format=%an", headSha])).trim();
    const title = options.title ?? (await this.git.run(["log", "-1", "--format=%s", headSha])).trim();
    const number = await store.claimNumber("change-requests");
    const record: LocalChangeRequestRecord = {
      number,
      branch: options.branch,
      base,
      title,
      body: options.body ?? "",
      author,
      labels: options.labels ?? [],
      state: "open",
      createdAt: this.timestamp(),
      updatedAt: this.timestamp(),
    };
    await store.write("change-requests", String(number), record);
    return this.toChangeRequest(record);
  }

  async getChangeRequest(id: ChangeRequestId): Promise<ChangeRequest> {
    return this.toChangeRequest(await this.findRecord(id));
  }

  private async toChangeRequest(record: LocalChangeRequestRecord): Promise<ChangeRequest> {
    let baseSha = record.merged?.baseSha ?? (await this.git.resolve(`refs/heads/${record.base}`));
    let headSha = record.merged?.headSha ?? (await this.git.resolve(`refs/heads/${record.branch}`));
    if (!baseSha || !headSha) {
      throw new ForgeNotFoundError(
        `change request #${record.number}: branch '${baseSha ? record.branch : record.base}' no longer exists`,
      );
    }
    let mergeable: ChangeRequest["mergeable"] = "unknown";
    if (record.state === "open") {
      const result = await this.git.exec(["merge-tree", "--write-tree", "--name-only", baseSha, headSha]);
      mergeable = result.code === 0 ? "mergeable" : result.code === 1 ? "conflicting" : "unknown";
    }
    baseSha = baseSha.trim();
    headSha = headSha.trim();
    return {
      number: record.number,
      title: record.title,
      author: record.author,
      base: { ref: record.base, sha: baseSha },
      head: { ref: record.branch, sha: headSha },
      labels: [...record.labels],
      state: record.state,
      mergeable,
    };
  }

  async *listChangedFiles(id: ChangeRequestId): AsyncIterable<ChangedFile> {
    const cr = await this.getChangeRequest(id);
    const out = await this.git.run(["diff", "--name-status", "-z", "-M", `${cr.base.sha}...${cr.head.sha}`]);
    const parts = out.split("\0").filter((p) => p !== "");
    const statusOf: Record<string, ChangedFileStatus> = {
      A: "added",
      M: "modified",
      D: "removed",
      T: "modified",
    };
    for (let i = 0; i < parts.length;) {
      const code = parts[i++] as string;
      if (code.startsWith("R") || code.startsWith("C")) {
        const previousPath = parts[i++] as string;
        const path = parts[i++] as string;
        yield code.startsWith("R") ? { path, status: "renamed", previousPath } : { path, status: "added" };
      } else {
        yield { path: parts[i++] as string, status: statusOf[code] ?? "modified" };
      }
    }
  }

  private async readReviewNotes(): Promise<ReviewNote[]> {
    const list = await this.git.exec(["notes", "--ref", REVIEWS_NOTES_REF, "list"]);
    if (list.code !== 0) return [];
    const blobs = list.stdout
      .split("\n")
      .map((line) => line.trim().split(" ")[0])
      .filter((b): b is string => !!b);
    if (blobs.length === 0) return [];
    const batch = await this.git.run(["cat-file", "--batch"], { input: `${blobs.join("\n")}\n` });
    const notes: ReviewNote[] = [];
    for (const line of batch.split("\n")) {
      if (!line.startsWith("{")) continue;
      try {
        notes.push(JSON.parse(line) as ReviewNote);
      } catch {
        // a line that is not ours; notes may be edited by hand
      }
    }
    return notes;
  }

  async *listReviews(id: ChangeRequestId): AsyncIterable<Review> {
    const record = await this.findRecord(id);
    const notes = (await this.readReviewNotes()).filter((n) => n.changeRequest === record.number);
    notes.sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
    for (const note of notes) {
      const review: Review = {
        reviewer: note.reviewer,
        state: note.state,
        commit: note.commit,
        submittedAt: note.submittedAt,
      };
      if (note.body) review.body = note.body;
      yield review;
    }
  }

  private async appendReviewNote(note: ReviewNote): Promise<void> {
    const existing = await this.git.exec(["notes", "--ref", REVIEWS_NOTES_REF, "show", note.commit]);
    const before = existing.code === 0 ? existing.stdout.trimEnd() : "";
    const text = `${before ? `${before}\n` : ""}${JSON.stringify(note)}\n`;
    await this.git.run(["notes", "--ref", REVIEWS_NOTES_REF, "add", "-f", "-F", "-", note.commit], {
      input: text,
      env: BOOKKEEPING_IDENTITY,
    });
  }

  /** Now, or just after the change request's latest review, so review order never rests on a tie. */
  private async reviewTimestamp(changeRequest: number): Promise<string> {
    const latest = (await this.readReviewNotes())
      .filter((n) => n.changeRequest === changeRequest)
      .reduce((max, n) => Math.max(max, Date.parse(n.submittedAt) || 0), 0);
    return new Date(Math.max(this.now().getTime(), latest + 1)).toISOString();
  }

  /** Records a review on the change request's current head commit. */
  async submitReview(id: ChangeRequestId, options: SubmitReviewOptions): Promise<Review> {
    const cr = await this.getChangeRequest(id);
    if (cr.state !== "open") throw new ForgeConflictError(`change request #${cr.number} is ${cr.state}`);
    const note: ReviewNote = {
      changeRequest: cr.number,
      reviewer: options.reviewer,
      state: options.state,
      commit: cr.head.sha,
      submittedAt: await this.reviewTimestamp(cr.number),
    };
    if (options.body) note.body = options.body;
    await this.appendReviewNote(note);
    const { changeRequest: _cr, ...review } = note;
    return review;
  }

  /** Dismisses a reviewer's latest review (like GitHub's "dismiss review"). */
  async dismissReview(id: ChangeRequestId, reviewer: string, reason: string): Promise<Review> {
    const record = await this.findRecord(id);
    const reviews = (await this.readReviewNotes()).filter(
      (n) =>
        n.changeRequest === record.number &&
        normaliseUser(n.reviewer) === normaliseUser(reviewer) &&
        n.state !== "COMMENTED",
    );
    const latest = reviews.sort((a, b) => a.submittedAt.localeCompare(b.submittedAt)).pop();
    if (!latest)
      throw new ForgeNotFoundError(`${reviewer} has no review on change request #${record.number}`);
    const note: ReviewNote = {
      ...latest,
      state: "DISMISSED",
      submittedAt: await this.reviewTimestamp(record.number),
      body: reason,
    };
    await this.appendReviewNote(note);
    const { changeRequest: _cr, ...review } = note;
    return review;
  }

  /**
   * Merges a change request into its base with a `--no-ff` merge commit, without touching the work tree
   * unless the base branch is checked out there (then it is updated like a checkout would).
   * The caller decides whether the merge is allowed (policy / approvals).
   */
  async merge(id: ChangeRequestId, options: { by: string; message?: string }): Promise<{ commit: string }> {
    const record = await this.findRecord(id);
    if (record.state !== "open")
      throw new ForgeConflictError(`change request #${record.number} is ${record.state}`);
    const cr = await this.toChangeRequest(record);
    const tree = await this.git.exec(["merge-tree", "--write-tree", cr.base.sha, cr.head.sha]);
    if (tree.code !== 0) {
      throw new ForgeConflictError(
        `change request #${cr.number} conflicts with '${cr.base.ref}'; merge '${cr.base.ref}' into '${cr.head.ref}' and resolve the conflicts first`,
      );
    }
    const treeSha = tree.stdout.split("\n")[0]?.trim() ?? "";
    const message =
      options.message ??
      `Merge change request #${cr.number} from ${cr.head.ref}\n\n${cr.title}\n\nChange-request: #${cr.number}\nMerged-by: ${options.by}\n`;
    const identity = await this.identityFor(options.by);
    const commit = (
      await this.git.run(["commit-tree", treeSha, "-p", cr.base.sha, "-p", cr.head.sha, "-F", "-"], {
        input: message,
        env: identity,
      })
    ).trim();
    const checkedOut = await this.git.exec(["symbolic-ref", "--quiet", "HEAD"]);
    const bare = (await this.git.run(["rev-parse", "--is-bare-repository"])).trim() === "true";
    if (!bare && checkedOut.code === 0 && checkedOut.stdout.trim() === `refs/heads/${cr.base.ref}`) {
      // The base is checked out: move the work tree and index like a fast-forward checkout would.
      await this.git.run(["read-tree", "-u", "-m", cr.base.sha, commit]);
    }
    await this.git.run([
      "update-ref",
      "-m",
      `modelgate: merge #${cr.number}`,
      `refs/heads/${cr.base.ref}`,
      commit,
      cr.base.sha,
    ]);
    const store = await this.store();
    await store.write("change-requests", String(record.number), {
      ...record,
      state: "merged",
      updatedAt: this.timestamp(),
      merged: { by: options.by, at: this.timestamp(), commit, baseSha: cr.base.sha, headSha: cr.head.sha },
    } satisfies LocalChangeRequestRecord);
    return { commit };
  }

  private async identityFor(name: string): Promise<NodeJS.ProcessEnv> {
    const email = (await this.git.exec(["config", "user.email"])).stdout.trim();
    const configured = (await this.git.exec(["config", "user.name"])).stdout.trim();
    const mail =
      configured === name && email ? email : `${name.replace(/[^A-Za-z0-9._-]/g, "-")}@modelgate.local`;
    return {
      GIT_AUTHOR_NAME: name,
      GIT_AUTHOR_EMAIL: mail,
      GIT_COMMITTER_NAME: name,
      GIT_COMMITTER_EMAIL: mail,
    };
  }

  // ---------- code owners and teams ----------

  async getCodeOwners(ref: string): Promise<CodeOwners> {
    for (const path of CODEOWNERS_PATHS) {
      const text = await this.git.show(ref, path);
      if (text !== undefined) return { file: path, entries: parseCodeOwners(text) };
    }
    return { file: undefined, entries: [] };
  }

  /** The `teams:` map of modelgate.yaml on the main branch, keys normalised to `org/team`. */
  async teams(): Promise<Record<string, string[]>> {
    const main = await this.mainBranch();
    const config = await this.readConfig(`refs/heads/${main}`);
    const raw = config?.teams;
    const out: Record<string, string[]> = {};
    if (raw && typeof raw === "object") {
      for (const [team, members] of Object.entries(raw as Record<string, unknown>)) {
        out[normaliseTeam(team)] = Array.isArray(members) ? members.map((m) => normaliseUser(String(m))) : [];
      }
    }
    return out;
  }

  async isTeamMember(team: string, user: string): Promise<boolean> {
    const teams = await this.teams();
    const members = teams[normaliseTeam(team)];
    if (!members) {
      throw new ForgeNotFoundError(
        `team @${normaliseTeam(team)} is not in the teams: map of modelgate.yaml on the main branch`,
      );
    }
    return members.includes(normaliseUser(user));
  }

  // ---------- checks and the summary comment ----------

  async publishCheck(result: CheckResult): Promise<PublishedCheck> {
    const store = await this.store();
    const key = `${result.headSha}-${result.name.replace(/[^A-Za-z0-9._-]/g, "_")}`;
    await store.write("checks", key, { ...result, publishedAt: this.timestamp() });
    return { id: key };
  }

  async readCheck(
    headSha: string,
    name: string,
  ): Promise<(CheckResult & { publishedAt: string }) | undefined> {
    return (await this.store()).read("checks", `${headSha}-${name.replace(/[^A-Za-z0-9._-]/g, "_")}`);
  }

  async ensureSummaryComment(id: ChangeRequestId, body: string): Promise<SummaryComment> {
    const record = await this.findRecord(id);
    const store = await this.store();
    const key = String(record.number);
    const existing = await store.read<{ body: string; updatedAt: string }>("comments", key);
    const text = withSummaryMarker(body);
    if (existing?.body === text) return { id: key, action: "unchanged" };
    await store.write("comments", key, { body: text, updatedAt: this.timestamp() });
    return { id: key, action: existing ? "updated" : "created" };
  }

  async readSummaryComment(id: ChangeRequestId): Promise<string | undefined> {
    const record = await this.findRecord(id);
    return (await (await this.store()).read<{ body: string }>("comments", String(record.number)))?.body;
  }

  // ---------- issues ----------

  private toIssue(record: IssueRecord): ForgeIssue {
    return {
      number: record.number,
      fingerprint: record.fingerprint,
      title: record.title,
      body: stripFingerprint(record.body),
      labels: [...record.labels],
      state: record.state,
      comments: record.comments.length,
    };
  }

  private async findIssue(fingerprint: string): Promise<IssueRecord | undefined> {
    const all = (await (await this.store()).list<IssueRecord>("issues")).filter(
      (i) => i.fingerprint === fingerprint,
    );
    all.sort((a, b) => a.number - b.number);
    return all.find((i) => i.state === "open") ?? all[all.length - 1];
  }

  async ensureIssue(spec: IssueSpec): Promise<EnsuredIssue> {
    const store = await this.store();
    const existing = await this.findIssue(spec.fingerprint);
    const body = `${spec.body.trimEnd()}\n\n${fingerprintMarker(spec.fingerprint)}`;
    const labels = spec.labels ?? existing?.labels ?? [];
    if (existing) {
      const same =
        existing.state === "open" &&
        existing.title === spec.title &&
        existing.body === body &&
        JSON.stringify(existing.labels) === JSON.stringify(labels);
      if (same) return { issue: this.toIssue(existing), action: "unchanged" };
      const updated: IssueRecord = {
        ...existing,
        title: spec.title,
        body,
        labels,
        state: "open",
        updatedAt: this.timestamp(),
      };
      await store.write("issues", String(existing.number), updated);
      return { issue: this.toIssue(updated), action: "updated" };
    }
    const number = await store.claimNumber("issues");
    const record: IssueRecord = {
      number,
      fingerprint: spec.fingerprint,
      title: spec.title,
      body,
      labels,
      state: "open",
      comments: [],
      createdAt: this.timestamp(),
      updatedAt: this.timestamp(),
    };
    await store.write("issues", String(number), record);
    return { issue: this.toIssue(record), action: "created" };
  }

  async closeIssue(fingerprint: string, comment?: string): Promise<ForgeIssue | undefined> {
    const existing = await this.findIssue(fingerprint);
    if (!existing || existing.state !== "open") return undefined;
    const comments = comment
      ? [...existing.comments, { body: comment, at: this.timestamp() }]
      : existing.comments;
    const closed: IssueRecord = { ...existing, comments, state: "closed", updatedAt: this.timestamp() };
    await (await this.store()).write("issues", String(existing.number), closed);
    return this.toIssue(closed);
  }

  async commentOnIssue(fingerprint: string, body: string): Promise<void> {
    const existing = await this.findIssue(fingerprint);
    if (!existing)
      throw new ForgeNotFoundError(`no issue with fingerprint '${fingerprint}' in ${this.description}`);
    const updated: IssueRecord = {
      ...existing,
      comments: [...existing.comments, { body, at: this.timestamp() }],
      updatedAt: this.timestamp(),
    };
    await (await this.store()).write("issues", String(existing.number), updated);
  }

  async issueComments(fingerprint: string): Promise<string[]> {
    return (await this.findIssue(fingerprint))?.comments.map((c) => c.body) ?? [];
  }

  async *listIssues(options: { state?: "open" | "closed" | "all" } = {}): AsyncIterable<ForgeIssue> {
    const state = options.state ?? "open";
    const all = await (await this.store()).list<IssueRecord>("issues");
    all.sort((a, b) => a.number - b.number);
    for (const record of all) if (state === "all" || record.state === state) yield this.toIssue(record);
  }

  // ---------- deployments and pull requests ----------

  async reportDeployment(report: DeploymentReport): Promise<void> {
    const store = await this.store();
    const entry = { ...report, at: this.timestamp() };
    await store.append("deployments.jsonl", entry);
    await store.write("deployments", report.environment.replace(/[^A-Za-z0-9._-]/g, "_"), entry);
  }

  async deploymentHistory(): Promise<(DeploymentReport & { at: string })[]> {
    return (await this.store()).readLines("deployments.jsonl");
  }

  /**
   * Writes the branch of a change request (one commit on `baseSha`, else the tip of `base`) without
   * proposing it — `modelgate rollback` validates the commit before it proposes. An existing branch is
   * returned as it is.
   */
  async createBranch(spec: ChangeRequestSpec): Promise<{ commit: string; created: boolean }> {
    const parent = spec.baseSha ?? (await this.git.resolve(`refs/heads/${spec.base}`));
    if (!parent)
      throw new ForgeNotFoundError(`base branch '${spec.base}' does not exist in ${this.description}`);
    return commitFilesToBranch(this.git, {
      parent,
      branch: spec.branch,
      files: spec.files,
      message: spec.message ?? `${spec.title}\n\n${spec.body}\n`,
      identity: spec.author ?? BOOKKEEPING_AUTHOR,
    });
  }

  async openChangeRequest(spec: ChangeRequestSpec): Promise<OpenedChangeRequest> {
    const open = (await this.listChangeRequestRecords()).find(
      (r) => r.branch === spec.branch && r.state === "open",
    );
    if (open) {
      const changeRequest = await this.toChangeRequest(open);
      return { changeRequest, commit: changeRequest.head.sha, branch: "reused", action: "existing" };
    }
    const { commit, created } = await this.createBranch(spec);
    const changeRequest = await this.propose({
      branch: spec.branch,
      base: spec.base,
      title: spec.title,
      body: spec.body,
      author: (spec.author ?? BOOKKEEPING_AUTHOR).name,
      labels: spec.labels ?? [],
    });
    return { changeRequest, commit, branch: created ? "created" : "reused", action: "created" };
  }
}
