import { LocalForge } from "../../src/forge/local/index.js";
import { createGitHubClient, GitHubForge } from "../../src/forge/github/index.js";
import type { Forge } from "../../src/forge/index.js";
import { createTempGitRepo, type TempGitRepo } from "../helpers/temp-git.js";
import { FakeGitHub } from "./github/fake-github.js";

/** The registry every contract test starts from: code owners, teams and two files. */
export const BASE_FILES: Record<string, string> = {
  CODEOWNERS: [
    "*                 @lead",
    "models/           @retail/ml",
    "/environments/    @retail/sre",
    "/ghost/ @retail/ghost",
  ].join("\n"),
  "modelgate.yaml": [
    "name: test-registry",
    "environments:",
    "  - name: production",
    "teams:",
    "  retail/ml: [carol]",
    "  retail/sre: [erin]",
    "  retail/risk: [frank]",
    "",
  ].join("\n"),
  "environments/production.yaml": "name: production\nmodels: {}\n",
  "models/a/model.yaml": "name: a\n",
};

export interface OpenedChangeRequest {
  id: number;
  headSha: string;
  baseSha: string;
}

/** Drives one adapter's backing store the way a person on that forge would. */
export interface ForgeHarness {
  readonly name: "local" | "github";
  readonly forge: Forge;
  /** A fresh forge over the same store, as after a restart. */
  restart(): Forge;
  /** A branch `branch` off main with `files` changed (null deletes), proposed by `author`. */
  openChangeRequest(spec: {
    branch: string;
    author: string;
    title: string;
    labels?: string[];
    files: Record<string, string | null>;
  }): Promise<OpenedChangeRequest>;
  /** Another commit on the change request's branch; returns the new head. */
  pushCommit(cr: OpenedChangeRequest, files: Record<string, string>): Promise<string>;
  review(
    cr: OpenedChangeRequest,
    reviewer: string,
    state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED",
  ): Promise<void>;
  dismiss(cr: OpenedChangeRequest, reviewer: string): Promise<void>;
  /** A file's text at the tip of a branch, as the forge stores it (undefined when absent). */
  fileAt(branch: string, path: string): Promise<string | undefined>;
  /** Branches whose name starts with `prefix`. */
  branches(prefix: string): Promise<string[]>;
  checkAnnotations(headSha: string, name: string): Promise<number>;
  summaryComments(cr: OpenedChangeRequest): Promise<string[]>;
  issueComments(fingerprint: string): Promise<string[]>;
  deploymentStatuses(environment: string, sha: string): Promise<string[]>;
  cleanup(): Promise<void>;
}

function fakeClock(): () => Date {
  let t = Date.UTC(2026, 0, 1);
  return () => new Date((t += 1000));
}

export async function createLocalHarness(): Promise<ForgeHarness> {
  const repo: TempGitRepo = await createTempGitRepo({ prefix: "modelgate-forge-" });
  for (const [path, content] of Object.entries(BASE_FILES)) await repo.write(path, content);
  await repo.commit("base registry");
  const now = fakeClock();
  const make = (): LocalForge => new LocalForge({ repo: repo.dir, now });
  const forge = make();
  const onBranch = async (
    branch: string,
    files: Record<string, string | null>,
    message: string,
  ): Promise<string> => {
    await repo.git("checkout", "--quiet", branch);
    for (const [path, content] of Object.entries(files)) {
      if (content === null) await repo.remove(path);
      else await repo.write(path, content);
    }
    const sha = await repo.commit(message);
    await repo.git("checkout", "--quiet", "main");
    return sha;
  };
  return {
    name: "local",
    forge,
    restart: make,
    async openChangeRequest(spec) {
      await repo.git("branch", spec.branch, "main");
      const headSha = await onBranch(spec.branch, spec.files, spec.title);
      const cr = await forge.propose({
        branch: spec.branch,
        author: spec.author,
        title: spec.title,
        labels: spec.labels ?? [],
      });
      return { id: cr.number, headSha, baseSha: cr.base.sha };
    },
    async pushCommit(cr, files) {
      const record = await forge.findRecord(cr.id);
      return onBranch(record.branch, files, "more changes");
    },
    async review(cr, reviewer, state) {
      await forge.submitReview(cr.id, { reviewer, state });
    },
    async dismiss(cr, reviewer) {
      await forge.dismissReview(cr.id, reviewer, "dismissed in a test");
    },
    async fileAt(branch, path) {
      return repo.git("show", `refs/heads/${branch}:${path}`).then(
        (text) => `${text}\n`,
        () => undefined,
      );
    },
    async branches(prefix) {
      const out = await repo.git("for-each-ref", "--format=%(refname:short)", `refs/heads/${prefix}`);
      return out.split("\n").filter(Boolean);
    },
    async checkAnnotations(headSha, name) {
      return (await forge.readCheck(headSha, name))?.annotations.length ?? -1;
    },
    async summaryComments(cr) {
      const body = await forge.readSummaryComment(cr.id);
      return body === undefined ? [] : [body];
    },
    issueComments: (fingerprint) => forge.issueComments(fingerprint),
    async deploymentStatuses(environment, sha) {
      return (await forge.deploymentHistory())
        .filter((d) => d.environment === environment && d.sha === sha)
        .map((d) => d.state);
    },
    cleanup: () => repo.cleanup(),
  };
}

let shaCounter = 0;
function fakeSha(): string {
  shaCounter += 1;
  return shaCounter.toString(16).padStart(40, "a");
}

export async function createGitHubHarness(): Promise<ForgeHarness & { fake: FakeGitHub }> {
  const fake = await new FakeGitHub().start();
  const baseSha = fake.seedBranch("main", BASE_FILES);
  for (const [path, content] of Object.entries(BASE_FILES)) fake.contents.set(`${baseSha}:${path}`, content);
  fake.teams.set("retail/ml", new Map([["carol", "active"]]));
  fake.teams.set("retail/sre", new Map([["erin", "active"]]));
  fake.teams.set("retail/risk", new Map([["frank", "active"]]));
  const now = fakeClock();
  const make = (): GitHubForge => new GitHubForge(createClient(fake), fake.owner, fake.repo);
  const forge = make();
  let nextNumber = 1;
  return {
    name: "github",
    fake,
    forge,
    restart: make,
    async openChangeRequest(spec) {
      const number = nextNumber++;
      const headSha = fakeSha();
      fake.addPull({
        number,
        title: spec.title,
        user: spec.author,
        base: { ref: "main", sha: baseSha },
        head: { ref: spec.branch, sha: headSha },
        labels: spec.labels ?? [],
        files: Object.entries(spec.files).map(([filename, content]) => ({
          filename,
          status: content === null ? "removed" : filename in BASE_FILES ? "modified" : "added",
        })),
      });
      return { id: number, headSha, baseSha };
    },
    async pushCommit(cr) {
      const pull = fake.pulls.get(cr.id);
      if (!pull) throw new Error("no pull");
      pull.head.sha = fakeSha();
      return pull.head.sha;
    },
    async review(cr, reviewer, state) {
      const pull = fake.pulls.get(cr.id);
      if (!pull) throw new Error("no pull");
      fake.addReview(cr.id, {
        user: reviewer,
        state,
        commit_id: pull.head.sha,
        submitted_at: now().toISOString(),
      });
    },
    async dismiss(cr, reviewer) {
      const reviews = (fake.reviews.get(cr.id) ?? []).filter(
        (r) => r.user === reviewer && r.state !== "COMMENTED",
      );
      const latest = reviews[reviews.length - 1];
      if (latest) latest.state = "DISMISSED";
    },
    async fileAt(branch, path) {
      return fake.fileAt(branch, path);
    },
    async branches(prefix) {
      return [...fake.refs.keys()]
        .filter((ref) => ref.startsWith(`heads/${prefix}`))
        .map((ref) => ref.slice("heads/".length));
    },
    async checkAnnotations(headSha, name) {
      const run = fake.checkRuns.filter((r) => r.head_sha === headSha && r.name === name).pop();
      return run ? run.annotations.length : -1;
    },
    async summaryComments(cr) {
      return fake.comments
        .filter((c) => c.issue_number === cr.id && c.body.includes("<!-- modelgate:summary -->"))
        .map((c) => c.body);
    },
    async issueComments(fingerprint) {
      const issue = fake.issues.find((i) =>
        i.body.includes(`fingerprint=${encodeURIComponent(fingerprint)} `),
      );
      return issue ? fake.comments.filter((c) => c.issue_number === issue.number).map((c) => c.body) : [];
    },
    async deploymentStatuses(environment, sha) {
      return fake.deployments
        .filter((d) => d.environment === environment && d.sha === sha)
        .flatMap((d) => d.statuses.map((s) => s.state));
    },
    cleanup: () => fake.stop(),
  };
}

/** A client for the fake with zero retry delays and no write spacing, so tests never sleep. */
export function createClient(fake: FakeGitHub, token = "test-token"): ReturnType<typeof createGitHubClient> {
  return createGitHubClient({
    auth: { kind: "token", token },
    baseUrl: fake.url,
    timing: { retryAfterBaseMs: 0, spaceWrites: false },
  });
}
