import { createHash, createPublicKey, createVerify, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";

/**
 * A GitHub REST look-alike on 127.0.0.1 for the forge contract tests. Every request is checked against the
 * committed subset of GitHub's OpenAPI description (operation, path and query parameters, request body
 * schema) and against the permissions of the calling token; anything unexpected is recorded as a problem
 * and fails the test in `assertClean()`. Scripted one-shot responses (`failNext`) must all be consumed.
 */

interface OperationSpec {
  operationId: string;
  parameters: { name: string; in: string; required: boolean; schema: { type?: string; enum?: unknown[] } }[];
  requestBody: { required: boolean; schema: object } | null;
  responses: string[];
}

const subset = JSON.parse(readFileSync(new URL("./openapi-subset.json", import.meta.url), "utf8")) as {
  operations: Record<string, OperationSpec>;
};
export const OPERATION_KEYS = Object.keys(subset.operations);
/** Operations any fake in this test file answered; a file asserts in afterAll that the subset has no dead ones. */
export const usedOperations = new Set<string>();

/** OpenAPI 3.0 schema → JSON Schema for ajv: `nullable: true` becomes a `"null"` type. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = toJsonSchema(value);
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === "string") out.type = [out.type, "null"];
    else if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
  } else delete out.nullable;
  return out;
}

const ajv = new Ajv({ strict: false, allErrors: true });
(addFormats as unknown as (a: Ajv) => void)(ajv);
ajv.addFormat("repo.nwo", /^[^/]+\/[^/]+$/);
const bodyValidators = new Map<string, ValidateFunction>();
for (const [key, op] of Object.entries(subset.operations)) {
  if (op.requestBody) bodyValidators.set(key, ajv.compile(toJsonSchema(op.requestBody.schema) as object));
}

/** Permission each operation needs (GitHub App / fine-grained token names); "app" = an App JWT. */
const PERMISSIONS: Record<string, string> = {
  "GET /repos/{owner}/{repo}/pulls/{pull_number}": "pull_requests=read",
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/files": "pull_requests=read",
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews": "pull_requests=read",
  "GET /repos/{owner}/{repo}/pulls": "pull_requests=read",
  "POST /repos/{owner}/{repo}/pulls": "pull_requests=write",
  "GET /repos/{owner}/{repo}/contents/{path}": "contents=read",
  "GET /orgs/{org}/teams/{team_slug}": "members=read",
  "GET /orgs/{org}/teams/{team_slug}/memberships/{username}": "members=read",
  "POST /repos/{owner}/{repo}/check-runs": "checks=write",
  "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}": "checks=write",
  "GET /repos/{owner}/{repo}/issues/{issue_number}/comments": "issues=read",
  "POST /repos/{owner}/{repo}/issues/{issue_number}/comments": "issues=write",
  "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}": "issues=write",
  "GET /repos/{owner}/{repo}/issues": "issues=read",
  "POST /repos/{owner}/{repo}/issues": "issues=write",
  "PATCH /repos/{owner}/{repo}/issues/{issue_number}": "issues=write",
  "GET /repos/{owner}/{repo}/deployments": "deployments=read",
  "POST /repos/{owner}/{repo}/deployments": "deployments=write",
  "POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses": "deployments=write",
  "GET /repos/{owner}/{repo}/installation": "app",
  "POST /app/installations/{installation_id}/access_tokens": "app",
  "GET /repos/{owner}/{repo}/git/ref/{ref}": "contents=read",
  "GET /repos/{owner}/{repo}/git/commits/{commit_sha}": "contents=read",
  "POST /repos/{owner}/{repo}/git/trees": "contents=write",
  "POST /repos/{owner}/{repo}/git/commits": "contents=write",
  "POST /repos/{owner}/{repo}/git/refs": "contents=write",
};

export const ALL_PERMISSIONS = [...new Set(Object.values(PERMISSIONS).filter((p) => p !== "app"))].map((p) =>
  p.replace("=read", "=write"),
);

interface Route {
  key: string;
  method: string;
  regex: RegExp;
  names: string[];
}
const routes: Route[] = OPERATION_KEYS.map((key) => {
  const [method, template] = key.split(" ") as [string, string];
  const names: string[] = [];
  const source = template.replace(/[.]/g, "\\.").replace(/\{(\w+)\}/g, (_m, name: string) => {
    names.push(name);
    // `path` and a git `ref` (heads/modelgate/abort-…) may hold slashes, encoded or not.
    return name === "path" || name === "ref" ? "(.+)" : "([^/]+)";
  });
  return { key, method, regex: new RegExp(`^${source}$`), names };
});

export interface FakePull {
  number: number;
  title: string;
  user: string;
  base: { ref: string; sha: string };
  head: { ref: string; sha: string };
  labels: string[];
  state: "open" | "closed";
  merged: boolean;
  mergeable: boolean | null;
  files: { filename: string; status: string; previous_filename?: string }[];
}
export interface FakeReview {
  id: number;
  user: string;
  state: string;
  commit_id: string;
  submitted_at: string;
  body: string;
}
interface FakeComment {
  id: number;
  issue_number: number;
  body: string;
  user: string;
}
interface FakeIssue {
  number: number;
  title: string;
  body: string;
  labels: string[];
  state: "open" | "closed";
  state_reason?: string | null;
  /** A pull request's issue side (GitHub lists pull requests among issues, with a `pull_request` key). */
  pull?: boolean;
}
interface ScriptedResponse {
  key: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Apply the request first, then answer with this (a write GitHub did whose answer got lost). */
  afterHandling?: boolean;
}

/** A commit of the fake's object store; trees are flat maps path → file text. */
export interface FakeCommit {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  author?: { name: string; email: string };
}

export interface RecordedCall {
  key: string;
  method: string;
  url: string;
  body: unknown;
}

export class FakeGitHub {
  readonly owner = "acme";
  readonly repo = "registry";
  private server: Server | undefined;
  url = "";
  readonly pulls = new Map<number, FakePull>();
  readonly reviews = new Map<number, FakeReview[]>();
  /** `${ref}:${path}` → file text */
  readonly contents = new Map<string, string>();
  /** `org/team` → user → membership state */
  readonly teams = new Map<string, Map<string, "active" | "pending">>();
  readonly checkRuns: {
    id: number;
    name: string;
    head_sha: string;
    conclusion: string;
    annotations: unknown[];
    updates: number;
  }[] = [];
  readonly comments: FakeComment[] = [];
  readonly issues: FakeIssue[] = [];
  /** The Git Data API's object store: commits, flat trees (path → text) and refs (`heads/main` → sha). */
  readonly commits = new Map<string, FakeCommit>();
  readonly trees = new Map<string, Map<string, string>>();
  readonly refs = new Map<string, string>();
  readonly deployments: {
    id: number;
    sha: string;
    environment: string;
    statuses: { state: string; description: string }[];
  }[] = [];
  /** token → granted permissions (`checks=write`, …; write implies read). */
  readonly tokens = new Map<string, Set<string>>([["test-token", new Set(ALL_PERMISSIONS)]]);
  readonly installations = new Map<number, { publicKey: KeyObject; appId: string }>();
  readonly calls: RecordedCall[] = [];
  readonly problems: string[] = [];
  readonly used = new Set<string>();
  private scripted: ScriptedResponse[] = [];
  private nextId = 1000;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.problems.push(`handler crashed: ${String(error)}`);
        send(res, 500, { message: "fake crashed" });
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /**
   * Answers the next request for `key` ("METHOD /template") with this response instead of the handler;
   * with `afterHandling`, the handler runs first (GitHub did the write, the answer was an error).
   */
  failNext(
    key: string,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
    options: { afterHandling?: boolean } = {},
  ): void {
    if (!subset.operations[key]) throw new Error(`not an operation in the subset: ${key}`);
    this.scripted.push({ key, status, body, headers, ...options });
  }

  /**
   * A commit with exactly `files` (on top of `parent`), and the branch `branch` pointing at it. `sha`
   * gives the commit a real repository's sha, so an engine that read that repository finds it here.
   */
  seedBranch(branch: string, files: Record<string, string>, parent?: string, sha?: string): string {
    const tree = this.storeTree(new Map(Object.entries(files)));
    const commit = this.storeCommit(
      { tree, parents: parent ? [parent] : [], message: `seed ${branch}` },
      sha,
    );
    this.refs.set(`heads/${branch}`, commit);
    return commit;
  }

  /** A file's text at the tip of a branch (undefined when the branch or the file is not there). */
  fileAt(branch: string, path: string): string | undefined {
    const sha = this.refs.get(`heads/${branch}`);
    const commit = sha === undefined ? undefined : this.commits.get(sha);
    return commit ? this.trees.get(commit.tree)?.get(path) : undefined;
  }

  private storeTree(files: Map<string, string>): string {
    const sha = objectSha("tree", JSON.stringify([...files].sort()));
    this.trees.set(sha, files);
    return sha;
  }

  private storeCommit(commit: Omit<FakeCommit, "sha">, given?: string): string {
    const sha = given ?? objectSha("commit", JSON.stringify([commit, this.commits.size]));
    this.commits.set(sha, { sha, ...commit });
    return sha;
  }

  private commitJson(c: FakeCommit): unknown {
    return {
      sha: c.sha,
      tree: { sha: c.tree },
      parents: c.parents.map((sha) => ({ sha })),
      message: c.message,
    };
  }

  /** What a pull request changes: the files that differ between the trees of its base and head. */
  private diffFiles(baseSha: string | undefined, headSha: string): FakePull["files"] {
    const treeOf = (sha: string | undefined): Map<string, string> =>
      this.trees.get(this.commits.get(sha ?? "")?.tree ?? "") ?? new Map();
    const base = treeOf(baseSha);
    const head = treeOf(headSha);
    const files: FakePull["files"] = [];
    for (const [path, text] of head) {
      if (!base.has(path)) files.push({ filename: path, status: "added" });
      else if (base.get(path) !== text) files.push({ filename: path, status: "modified" });
    }
    for (const path of base.keys()) if (!head.has(path)) files.push({ filename: path, status: "removed" });
    return files;
  }

  /** Fails when a request was unexpected or invalid, or a scripted response went unused. */
  assertClean(): void {
    const leftovers = this.scripted.map((s) => `unused scripted response ${s.status} for ${s.key}`);
    const all = [...this.problems, ...leftovers];
    this.problems.length = 0;
    this.scripted = [];
    if (all.length > 0) throw new Error(`fake GitHub saw problems:\n- ${all.join("\n- ")}`);
  }

  id(): number {
    return this.nextId++;
  }

  addPull(pull: Omit<FakePull, "state" | "merged" | "mergeable" | "labels"> & Partial<FakePull>): FakePull {
    const full: FakePull = { state: "open", merged: false, mergeable: true, labels: [], ...pull };
    this.pulls.set(full.number, full);
    return full;
  }

  addReview(pull: number, review: Omit<FakeReview, "id" | "body"> & { body?: string }): FakeReview {
    const full: FakeReview = { id: this.id(), body: "", ...review };
    const list = this.reviews.get(pull) ?? [];
    list.push(full);
    this.reviews.set(pull, list);
    return full;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", this.url);
    // GitHub Enterprise Server serves the REST API under /api/v3.
    if (url.pathname.startsWith("/api/v3/")) url.pathname = url.pathname.slice("/api/v3".length);
    const method = req.method ?? "GET";
    const route = routes.find((r) => r.method === method && r.regex.test(url.pathname));
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      this.problems.push(`${method} ${url.pathname}: body is not JSON`);
    }
    if (!route) {
      this.problems.push(`unexpected request ${method} ${url.pathname}${url.search}`);
      return send(res, 404, { message: "Not Found (unexpected by the fake)" });
    }
    this.calls.push({ key: route.key, method, url: url.pathname + url.search, body });
    this.used.add(route.key);
    usedOperations.add(route.key);
    const match = route.regex.exec(url.pathname) as RegExpExecArray;
    const params: Record<string, string> = {};
    route.names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1] as string)));
    this.validate(route.key, params, url.searchParams, body);

    const denied = this.authorise(route.key, req.headers.authorization);
    if (denied) return send(res, denied.status, denied.body, denied.headers);

    const scriptedIndex = this.scripted.findIndex((s) => s.key === route.key);
    if (scriptedIndex >= 0) {
      const [scripted] = this.scripted.splice(scriptedIndex, 1) as [ScriptedResponse];
      if (scripted.afterHandling) this.respond(route.key, params, url, body as Record<string, unknown>);
      return send(res, scripted.status, scripted.body, scripted.headers);
    }
    const result = this.respond(route.key, params, url, body as Record<string, unknown>);
    if (result.list) return this.sendPage(res, url, result.list);
    return send(res, result.status, result.body);
  }

  private validate(key: string, params: Record<string, string>, query: URLSearchParams, body: unknown): void {
    const op = subset.operations[key] as OperationSpec;
    for (const p of op.parameters) {
      const value =
        p.in === "path" ? params[p.name] : p.in === "query" ? (query.get(p.name) ?? undefined) : undefined;
      if (p.in !== "path" && p.in !== "query") continue;
      if (value === undefined) {
        if (p.required) this.problems.push(`${key}: missing required ${p.in} parameter ${p.name}`);
        continue;
      }
      if (p.schema.type === "integer" && !/^-?\d+$/.test(value)) {
        this.problems.push(`${key}: ${p.name}=${value} is not an integer`);
      }
      if (p.schema.enum && !p.schema.enum.includes(value)) {
        this.problems.push(`${key}: ${p.name}=${value} is not one of ${p.schema.enum.join(", ")}`);
      }
    }
    const declared = new Set(op.parameters.filter((p) => p.in === "query").map((p) => p.name));
    for (const name of query.keys()) {
      if (!declared.has(name)) this.problems.push(`${key}: undeclared query parameter ${name}`);
    }
    const validator = bodyValidators.get(key);
    if (!validator) {
      if (body !== undefined) this.problems.push(`${key}: has no request body but got one`);
      return;
    }
    if (body === undefined) {
      if (op.requestBody?.required) this.problems.push(`${key}: request body required`);
      return;
    }
    if (!validator(body)) {
      this.problems.push(`${key}: body does not match GitHub's schema: ${ajv.errorsText(validator.errors)}`);
    }
  }

  private authorise(
    key: string,
    authorization: string | undefined,
  ): { status: number; body: unknown; headers?: Record<string, string> } | undefined {
    const needed = PERMISSIONS[key] as string;
    const [scheme, credential] = (authorization ?? "").split(" ");
    if (!credential) return { status: 401, body: { message: "Requires authentication" } };
    if (needed === "app") {
      if (scheme?.toLowerCase() !== "bearer" || !this.verifyJwt(credential)) {
        return { status: 401, body: { message: "A JSON web token could not be decoded" } };
      }
      return undefined;
    }
    const granted = this.tokens.get(credential);
    if (!granted) return { status: 401, body: { message: "Bad credentials" } };
    const writeForm = needed.replace("=read", "=write");
    if (granted.has(needed) || granted.has(writeForm)) return undefined;
    return {
      status: 403,
      body: { message: "Resource not accessible by integration", status: "403" },
      headers: { "x-accepted-github-permissions": needed },
    };
  }

  private verifyJwt(token: string): boolean {
    const [header, payload, signature] = token.split(".");
    if (!header || !payload || !signature) return false;
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as {
      iss?: string | number;
    };
    for (const { publicKey, appId } of this.installations.values()) {
      if (String(claims.iss) !== appId) continue;
      const verify = createVerify("RSA-SHA256");
      verify.update(`${header}.${payload}`);
      if (verify.verify(publicKey, Buffer.from(signature, "base64url"))) return true;
    }
    return false;
  }

  /** Registers a GitHub App installation whose JWTs (signed with `privateKeyPem`) are accepted. */
  addInstallation(id: number, appId: string, privateKeyPem: string): string {
    this.installations.set(id, { publicKey: createPublicKey(privateKeyPem), appId });
    const token = `ghs_installation_${id}`;
    this.tokens.set(token, new Set(ALL_PERMISSIONS));
    return token;
  }

  private sendPage(res: ServerResponse, url: URL, list: unknown[]): void {
    const perPage = Number(url.searchParams.get("per_page") ?? 30);
    const page = Number(url.searchParams.get("page") ?? 1);
    const last = Math.max(1, Math.ceil(list.length / perPage));
    const links: string[] = [];
    const link = (n: number, rel: string): string => {
      const next = new URL(url.toString());
      next.searchParams.set("page", String(n));
      return `<${next.toString()}>; rel="${rel}"`;
    };
    if (page < last) links.push(link(page + 1, "next"), link(last, "last"));
    if (page > 1) links.push(link(1, "first"), link(page - 1, "prev"));
    send(
      res,
      200,
      list.slice((page - 1) * perPage, page * perPage),
      links.length ? { link: links.join(", ") } : {},
    );
  }

  private pullJson(p: FakePull): unknown {
    return {
      number: p.number,
      title: p.title,
      user: { login: p.user },
      base: { ref: p.base.ref, sha: p.base.sha },
      head: { ref: p.head.ref, sha: p.head.sha },
      labels: p.labels.map((name) => ({ name })),
      state: p.state,
      merged: p.merged,
      merged_at: p.merged ? "2026-01-01T00:00:00Z" : null,
      mergeable: p.mergeable,
      html_url: `https://github.test/${this.owner}/${this.repo}/pull/${p.number}`,
    };
  }

  private issueJson(i: FakeIssue): unknown {
    return {
      number: i.number,
      title: i.title,
      body: i.body,
      labels: i.labels.map((name) => ({ name })),
      state: i.state,
      comments: this.comments.filter((c) => c.issue_number === i.number).length,
      html_url: `https://github.test/${this.owner}/${this.repo}/issues/${i.number}`,
      ...(i.pull
        ? { pull_request: { url: `${this.url}/repos/${this.owner}/${this.repo}/pulls/${i.number}` } }
        : {}),
    };
  }

  private respond(
    key: string,
    params: Record<string, string>,
    url: URL,
    body: Record<string, unknown>,
  ): { status: number; body?: unknown; list?: unknown[] } {
    const notFound = { status: 404, body: { message: "Not Found" } };
    const pull = this.pulls.get(Number(params.pull_number));
    switch (key) {
      case "GET /repos/{owner}/{repo}/pulls/{pull_number}":
        return pull ? { status: 200, body: this.pullJson(pull) } : notFound;
      case "GET /repos/{owner}/{repo}/pulls/{pull_number}/files":
        return pull ? { status: 200, list: pull.files } : notFound;
      case "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews":
        return pull
          ? {
              status: 200,
              list: (this.reviews.get(pull.number) ?? []).map((r) => ({ ...r, user: { login: r.user } })),
            }
          : notFound;
      case "GET /repos/{owner}/{repo}/pulls": {
        const head = url.searchParams.get("head");
        const list = [...this.pulls.values()].filter(
          (p) => p.state === "open" && (!head || `${this.owner}:${p.head.ref}` === head),
        );
        return { status: 200, list: list.map((p) => this.pullJson(p)) };
      }
      case "POST /repos/{owner}/{repo}/pulls": {
        const headRef = String(body.head);
        const headSha = this.refs.get(`heads/${headRef}`);
        const baseSha = this.refs.get(`heads/${String(body.base)}`);
        if (headSha === undefined || baseSha === undefined) {
          return unprocessable({
            resource: "PullRequest",
            field: headSha ? "base" : "head",
            code: "invalid",
          });
        }
        if ([...this.pulls.values()].some((p) => p.state === "open" && p.head.ref === headRef)) {
          return unprocessable({
            resource: "PullRequest",
            code: "custom",
            message: `A pull request already exists for ${this.owner}:${headRef}.`,
          });
        }
        const files = this.diffFiles(baseSha, headSha);
        if (files.length === 0) {
          return unprocessable({
            resource: "PullRequest",
            code: "custom",
            message: `No commits between ${String(body.base)} and ${headRef}`,
          });
        }
        const number = Math.max(0, ...this.pulls.keys(), ...this.issues.map((i) => i.number)) + 1;
        const created = this.addPull({
          number,
          title: String(body.title),
          user: "modelgate[bot]",
          base: { ref: String(body.base), sha: baseSha },
          head: { ref: headRef, sha: headSha },
          files,
          mergeable: null,
        });
        this.issues.push({
          number,
          title: created.title,
          body: String(body.body ?? ""),
          labels: [],
          state: "open",
          pull: true,
        });
        return { status: 201, body: this.pullJson(created) };
      }
      case "GET /repos/{owner}/{repo}/git/ref/{ref}": {
        const sha = this.refs.get(String(params.ref));
        return sha === undefined
          ? notFound
          : {
              status: 200,
              body: { ref: `refs/${params.ref}`, object: { type: "commit", sha } },
            };
      }
      case "GET /repos/{owner}/{repo}/git/commits/{commit_sha}": {
        const commit = this.commits.get(String(params.commit_sha));
        return commit ? { status: 200, body: this.commitJson(commit) } : notFound;
      }
      case "POST /repos/{owner}/{repo}/git/trees": {
        const base =
          body.base_tree === undefined ? new Map<string, string>() : this.trees.get(String(body.base_tree));
        if (!base) return unprocessable({ resource: "Tree", field: "base_tree", code: "invalid" });
        const files = new Map(base);
        for (const entry of body.tree as { path: string; content?: string; sha?: string | null }[]) {
          if (entry.content === undefined) {
            this.problems.push("the fake stores inline tree content only");
            continue;
          }
          files.set(entry.path, entry.content);
        }
        const sha = this.storeTree(files);
        return {
          status: 201,
          body: { sha, tree: [...files.keys()].map((path) => ({ path })), truncated: false },
        };
      }
      case "POST /repos/{owner}/{repo}/git/commits": {
        const parents = ((body.parents ?? []) as string[]).map(String);
        if (!this.trees.has(String(body.tree)) || parents.some((p) => !this.commits.has(p))) {
          return unprocessable({ resource: "Commit", field: "tree", code: "invalid" });
        }
        const author = body.author as { name: string; email: string } | undefined;
        const sha = this.storeCommit({
          tree: String(body.tree),
          parents,
          message: String(body.message),
          ...(author ? { author: { name: author.name, email: author.email } } : {}),
        });
        return { status: 201, body: this.commitJson(this.commits.get(sha) as FakeCommit) };
      }
      case "POST /repos/{owner}/{repo}/git/refs": {
        const ref = String(body.ref);
        if (!ref.startsWith("refs/") || ref.split("/").length < 3) {
          return { status: 422, body: { message: "Reference name is invalid" } };
        }
        if (this.refs.has(ref.slice("refs/".length))) {
          return { status: 422, body: { message: "Reference already exists" } };
        }
        if (!this.commits.has(String(body.sha)))
          return { status: 422, body: { message: "Object does not exist" } };
        this.refs.set(ref.slice("refs/".length), String(body.sha));
        return { status: 201, body: { ref, object: { type: "commit", sha: body.sha } } };
      }
      case "GET /repos/{owner}/{repo}/contents/{path}": {
        const text = this.contents.get(`${url.searchParams.get("ref") ?? "HEAD"}:${params.path}`);
        if (text === undefined) return notFound;
        return {
          status: 200,
          body: {
            type: "file",
            path: params.path,
            encoding: "base64",
            content: Buffer.from(text).toString("base64"),
          },
        };
      }
      case "GET /orgs/{org}/teams/{team_slug}":
        return this.teams.has(`${params.org}/${params.team_slug}`)
          ? { status: 200, body: { slug: params.team_slug, name: params.team_slug } }
          : notFound;
      case "GET /orgs/{org}/teams/{team_slug}/memberships/{username}": {
        const state = this.teams
          .get(`${params.org}/${params.team_slug}`)
          ?.get(String(params.username).toLowerCase());
        return state ? { status: 200, body: { state, role: "member" } } : notFound;
      }
      case "POST /repos/{owner}/{repo}/check-runs": {
        const output = (body.output ?? {}) as { annotations?: unknown[] };
        const run = {
          id: this.id(),
          name: String(body.name),
          head_sha: String(body.head_sha),
          conclusion: String(body.conclusion),
          annotations: [...(output.annotations ?? [])],
          updates: 0,
        };
        if ((output.annotations?.length ?? 0) > 50)
          this.problems.push("more than 50 annotations in one request");
        this.checkRuns.push(run);
        return { status: 201, body: { id: run.id, html_url: `https://github.test/runs/${run.id}` } };
      }
      case "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}": {
        const run = this.checkRuns.find((r) => r.id === Number(params.check_run_id));
        if (!run) return notFound;
        const output = (body.output ?? {}) as { annotations?: unknown[] };
        if ((output.annotations?.length ?? 0) > 50)
          this.problems.push("more than 50 annotations in one request");
        run.annotations.push(...(output.annotations ?? []));
        run.updates += 1;
        return { status: 200, body: { id: run.id } };
      }
      case "GET /repos/{owner}/{repo}/issues/{issue_number}/comments":
        return {
          status: 200,
          list: this.comments
            .filter((c) => c.issue_number === Number(params.issue_number))
            .map((c) => ({ id: c.id, body: c.body, user: { login: c.user } })),
        };
      case "POST /repos/{owner}/{repo}/issues/{issue_number}/comments": {
        const comment = {
          id: this.id(),
          issue_number: Number(params.issue_number),
          body: String(body.body),
          user: "modelgate[bot]",
        };
        this.comments.push(comment);
        return { status: 201, body: { id: comment.id, body: comment.body } };
      }
      case "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}": {
        const comment = this.comments.find((c) => c.id === Number(params.comment_id));
        if (!comment) return notFound;
        comment.body = String(body.body);
        return { status: 200, body: { id: comment.id, body: comment.body } };
      }
      case "GET /repos/{owner}/{repo}/issues": {
        const state = url.searchParams.get("state") ?? "open";
        const labels = (url.searchParams.get("labels") ?? "").split(",").filter(Boolean);
        const list = this.issues
          .filter((i) => state === "all" || i.state === state)
          .filter((i) => labels.every((l) => i.labels.includes(l)))
          .sort((a, b) => b.number - a.number);
        return { status: 200, list: list.map((i) => this.issueJson(i)) };
      }
      case "POST /repos/{owner}/{repo}/issues": {
        const number = Math.max(0, ...this.pulls.keys(), ...this.issues.map((i) => i.number)) + 1;
        const issue: FakeIssue = {
          number,
          title: String(body.title),
          body: String(body.body ?? ""),
          labels: ((body.labels ?? []) as string[]).map(String),
          state: "open",
        };
        this.issues.push(issue);
        return { status: 201, body: this.issueJson(issue) };
      }
      case "PATCH /repos/{owner}/{repo}/issues/{issue_number}": {
        const issue = this.issues.find((i) => i.number === Number(params.issue_number));
        if (!issue) return notFound;
        if (typeof body.title === "string") issue.title = body.title;
        if (typeof body.body === "string") issue.body = body.body;
        if (Array.isArray(body.labels)) {
          issue.labels = body.labels.map(String);
          const pullSide = issue.pull ? this.pulls.get(issue.number) : undefined;
          if (pullSide) pullSide.labels = [...issue.labels];
        }
        if (body.state === "open" || body.state === "closed") issue.state = body.state;
        return { status: 200, body: this.issueJson(issue) };
      }
      case "GET /repos/{owner}/{repo}/deployments": {
        const sha = url.searchParams.get("sha");
        const environment = url.searchParams.get("environment");
        const list = this.deployments.filter(
          (d) => (!sha || d.sha === sha) && (!environment || d.environment === environment),
        );
        return { status: 200, list: list.map((d) => ({ id: d.id, sha: d.sha, environment: d.environment })) };
      }
      case "POST /repos/{owner}/{repo}/deployments": {
        const deployment = {
          id: this.id(),
          sha: String(body.ref),
          environment: String(body.environment),
          statuses: [],
        };
        this.deployments.push(deployment);
        return {
          status: 201,
          body: { id: deployment.id, sha: deployment.sha, environment: deployment.environment },
        };
      }
      case "POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses": {
        const deployment = this.deployments.find((d) => d.id === Number(params.deployment_id));
        if (!deployment) return notFound;
        deployment.statuses.push({ state: String(body.state), description: String(body.description ?? "") });
        return { status: 201, body: { id: this.id(), state: body.state } };
      }
      case "GET /repos/{owner}/{repo}/installation": {
        const [id] = [...this.installations.keys()];
        return id === undefined ? notFound : { status: 200, body: { id, account: { login: this.owner } } };
      }
      case "POST /app/installations/{installation_id}/access_tokens": {
        const id = Number(params.installation_id);
        if (!this.installations.has(id)) return notFound;
        return {
          status: 201,
          body: {
            token: `ghs_installation_${id}`,
            expires_at: new Date(Date.now() + 3600_000).toISOString(),
            permissions: { pull_requests: "read" },
            repository_selection: "all",
          },
        };
      }
      default:
        this.problems.push(`no handler for ${key}`);
        return { status: 500, body: { message: "no handler" } };
    }
  }
}

/** GitHub's 422 shape for a rejected resource. */
function unprocessable(error: Record<string, string>): { status: number; body: unknown } {
  return { status: 422, body: { message: "Validation Failed", errors: [error] } };
}

function objectSha(kind: string, content: string): string {
  return createHash("sha1").update(`${kind}\0${content}`).digest("hex");
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "x-github-media-type": "github.v3; format=json",
    ...headers,
  });
  res.end(text);
}
