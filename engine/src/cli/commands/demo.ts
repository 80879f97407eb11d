import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { parseDocument, isMap } from "yaml";
import { FanOutReporter, localForgeAdapters } from "../../daemon/compose.js";
import { startDaemon, type RunningDaemon } from "../../daemon/daemon.js";
import { JsonLinesReporter } from "../../reconcile/json-lines-reporter.js";
import { collect, LocalForge } from "../../forge/index.js";
import { loadRegistry, openFolderSource } from "../../registry/index.js";
import { ExitCode, parseCommandArgs, type CliIo, type Command } from "../command.js";
import { checkCommand } from "./check.js";
import { initCommand } from "./init.js";
import { issuesCommand } from "./issues.js";
import { mergeCommand } from "./merge.js";
import { proposeCommand } from "./propose.js";
import { reviewCommand } from "./review.js";
import { statusCommand } from "./status.js";

const run = promisify(execFile);

const help = `Usage: modelgate demo [--keep] [--port P]

Runs the whole GitOps loop on this machine, with the embedded local forge (no account, no network):
  1. creates a registry repo from the built-in template in a temporary folder,
  2. starts the engine ('modelgate run') for production on a loopback port,
  3. alice proposes promoting stockout-risk 1.1.0 from a 10% canary to 100% of production,
  4. 'modelgate check' denies it: production and a high-risk model need approvals,
  5. dave (SRE, code owner of production) and carol (risk team) approve,
  6. the check passes and the change is merged,
  7. the push webhook wakes the engine, which fetches, verifies, loads, checks and warms the version,
     then shifts traffic atomically,
  8. real predictions come back from the new version (the HTTP calls are printed as curl commands).
Then it stops and removes the folder — or, with --keep, leaves the engine running and prints curl commands.

Options:
  --keep       leave the registry and the engine running (Ctrl-C stops and cleans up)
  --port P     the engine's port (default: a free one)
  -h, --help   show this help
`;

const MODEL = "stockout-risk";
const NEW_VERSION = "1.1.0";
const BRANCH = `promote-${MODEL}-${NEW_VERSION}`;

export const demoCommand: Command = {
  name: "demo",
  summary: "run the whole loop locally: propose, check, approve, merge, deploy, predict",
  help,
  run: (argv, io) => runDemo(argv, io),
};

/** Runs the demo; `signal` ends a `--keep` run (tests), else SIGINT/SIGTERM do. */
export async function runDemo(argv: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  const { values } = parseCommandArgs(argv, { keep: { type: "boolean" }, port: { type: "string" } }, false);
  const port = values.port === undefined ? 0 : Number(values.port);
  const out = (text = ""): void => io.stdout(`${text}\n`);
  const total = 7;
  let n = 0;
  const step = (title: string): void => out(`\n[${++n}/${total}] ${title}`);
  const indented = (text: string): string =>
    text
      .trimEnd()
      .split("\n")
      .map((l) => `      ${l}`)
      .join("\n");
  const sub = async (
    command: Command,
    args: string[],
    cwd: string,
    show = true,
  ): Promise<{ code: number; text: string }> => {
    let text = "";
    const capture: CliIo = { ...io, cwd, stdout: (t) => (text += t), stderr: (t) => (text += t) };
    const code = await command.run(args, capture);
    if (show && text.trim()) out(indented(text));
    return { code, text };
  };

  const root = await mkdtemp(join(tmpdir(), "modelgate-demo-"));
  const repo = join(root, "registry");
  let daemon: RunningDaemon | undefined;
  try {
    out(
      "modelgate demo — Git is the only way to change what serves; the engine checks, deploys and watches.",
    );

    step("Create a registry repo from the template");
    const init = await sub(initCommand, [repo], root, false);
    if (init.code !== 0) throw new Error(`init failed:\n${init.text}`);
    await git(repo, ["config", "user.name", "alice"]);
    await git(repo, ["config", "user.email", "alice@example.test"]);
    out(`      ${repo}  (3 models with ONNX artifacts, contracts, SLOs, staging + production)`);

    step("Start the engine for production:  modelgate run --repo <registry> --env production");
    const stateDir = join(root, "state");
    const local = localForgeAdapters(repo);
    const reporter = new FanOutReporter([
      local.forge,
      new JsonLinesReporter(join(stateDir, "reports.jsonl")),
    ]);
    daemon = await startDaemon({
      repo,
      environment: "production",
      stateDir,
      port,
      intervalMs: 60_000, // the webhook drives this demo; polling would also get there
      loadRegistry,
      deployments: reporter,
      issues: reporter,
      approvals: local.approvals,
      workers: 1,
      // Small drift windows so the monitor step below needs 400 requests, not minutes of traffic.
      monitor: { runtime: { drift: { window_size: 200, min_window_ms: 0 }, evaluate_every_ms: 10_000 } },
    });
    const url = daemon.url;
    const first = await progress(io, "fetching, verifying, loading and warming 4 model versions", () =>
      daemon!.scheduler.reconcileNow(),
    );
    if (first.outcome === "failed")
      throw new Error(`the engine could not apply the template: ${first.failure?.message}`);
    const status0 = await daemon.reconciler.status();
    out(`      serving production at ${status0.appliedRevision?.slice(0, 12)} on ${url}`);
    out(`      $ curl -s ${url}/status`);
    const before = await sampleVersions(url, 20);
    out(`      20 predictions from ${MODEL}: ${formatCounts(before)}  (90/10 canary)`);

    step(`alice proposes promoting ${MODEL} ${NEW_VERSION} to 100% of production`);
    await git(repo, ["checkout", "--quiet", "-b", BRANCH]);
    const envPath = join(repo, "environments/production.yaml");
    const document = parseDocument(await readFile(envPath, "utf8"));
    const traffic = document.createNode([{ version: NEW_VERSION, weight: 100 }]);
    for (const item of traffic.items) if (isMap(item)) item.flow = true;
    document.setIn(["models", MODEL, "traffic"], traffic);
    await writeFile(envPath, document.toString());
    await git(repo, ["commit", "--quiet", "-am", `Promote ${MODEL} ${NEW_VERSION} to 100% in production`]);
    await git(repo, ["checkout", "--quiet", "main"]);
    out(`      $ git checkout -b ${BRANCH} && <edit environments/production.yaml> && git commit -am ...`);
    out(`      $ modelgate propose ${BRANCH} --as alice`);
    await sub(proposeCommand, [BRANCH, "--as", "alice"], repo);

    step("The policy check denies it: production and a high-risk model need approvals");
    out(`      $ modelgate check --pr ${BRANCH}`);
    const denied = await sub(checkCommand, ["--pr", BRANCH], repo, false);
    out(indented(pickLines(denied.text, /DENIED|ALLOWED|✗|✓/)));

    step("dave (SRE, code owner of production) and carol (risk team) approve");
    out(`      $ modelgate review ${BRANCH} --approve --as dave`);
    await sub(
      reviewCommand,
      [BRANCH, "--approve", "--as", "dave", "--body", "SLOs fine, canary was healthy"],
      repo,
      false,
    );
    out(`      $ modelgate review ${BRANCH} --approve --as carol`);
    await sub(
      reviewCommand,
      [BRANCH, "--approve", "--as", "carol", "--body", "risk review done"],
      repo,
      false,
    );
    out(`      $ modelgate check --pr ${BRANCH}`);
    const allowed = await sub(checkCommand, ["--pr", BRANCH], repo, false);
    out(indented(pickLines(allowed.text, /DENIED|ALLOWED|✗/)));

    step("Merge; the push webhook wakes the engine");
    out(`      $ modelgate merge ${BRANCH} --as dave`);
    const merge = await sub(mergeCommand, [BRANCH, "--as", "dave"], repo);
    if (merge.code !== 0) throw new Error("the merge was refused");
    const mergeSha = (await git(repo, ["rev-parse", "main"])).trim();
    out(`      $ curl -s -X POST ${url}/hooks/push   (what a git server's push webhook does)`);
    const started = Date.now();
    await fetch(`${url}/hooks/push`, { method: "POST", body: "{}" });
    await progress(
      io,
      `deploying ${mergeSha.slice(0, 12)}: fetch → verify sha256 → load → check contract → warm → shift traffic`,
      async () => {
        for (;;) {
          const status = await daemon!.reconciler.status();
          if (status.appliedRevision === mergeSha) return;
          if (status.failure?.revision === mergeSha)
            throw new Error(`deployment failed: ${status.failure.reason}: ${status.failure.message}`);
          if (Date.now() - started > 60_000) throw new Error("the deployment did not converge within 60 s");
          await new Promise((r) => setTimeout(r, 25));
        }
      },
    );
    out(`      merge to serving: ${Date.now() - started} ms`);

    step(`Predictions from the new version`);
    const sample = await demoSample(repo);
    const body = JSON.stringify({ id: "demo-1", inputs: sample });
    out(`      $ curl -s -X POST ${url}/v2/models/${MODEL}/infer -H 'content-type: application/json' \\`);
    out(`          -d '${body}'`);
    const response = await fetch(`${url}/v2/models/${MODEL}/infer`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    const answer = (await response.json()) as {
      model_version?: string;
      outputs?: { name: string; data: unknown[] }[];
    };
    out(
      `      HTTP ${response.status}: model_version ${answer.model_version}, ${(answer.outputs ?? []).map((o) => `${o.name}=${JSON.stringify(o.data)}`).join(", ")}`,
    );
    const after = await sampleVersions(url, 20);
    out(`      20 more predictions: ${formatCounts(after)}`);
    const last = (await daemon.store.readHistory()).at(-1);
    if (last) {
      out(
        `      history: ${last.revision.slice(0, 12)} deployed${last.pullRequest ? ` from change request #${last.pullRequest}` : ""}${last.approvedBy?.length ? `, approved by ${last.approvedBy.join(", ")}` : ""}, ${last.steps.length} step(s) — ${join(stateDir, "history.jsonl")}`,
      );
    }
    if (answer.model_version !== NEW_VERSION || after.get(NEW_VERSION) !== 20)
      throw new Error(`expected every answer from ${NEW_VERSION}`);

    await demoDrift({ url, repo, daemon, out, indented, sub });

    if (values.keep) {
      out("\nThe engine keeps running (Ctrl-C stops it and removes the folder). Try:");
      out(`  curl -s ${url}/status`);
      out(`  curl -s ${url}/v2/models/${MODEL}`);
      out(
        `  curl -s -X POST ${url}/v2/models/${MODEL}/infer -H 'content-type: application/json' -d '${body}'`,
      );
      out(`  curl -s ${url}/metrics | grep modelgate_reconcile`);
      out(`  cd ${repo} && modelgate rollback --env production --model ${MODEL} --now --daemon ${url}`);
      await new Promise<void>((resolve) => {
        if (signal) signal.addEventListener("abort", () => resolve(), { once: true });
        else {
          process.once("SIGINT", () => resolve());
          process.once("SIGTERM", () => resolve());
        }
      });
    }
    out("\nDone: proposed → denied → approved → merged → deployed → serving. Cleaning up.");
    return ExitCode.ok;
  } finally {
    await daemon?.stop();
    await rm(root, { recursive: true, force: true });
  }
}

/**
 * The monitor at work: demand-forecast traffic whose prices are 3× what the model was trained on (drawn
 * from the contract's baseline, then shifted), and the drift issue the engine files in the local forge.
 */
async function demoDrift(d: {
  url: string;
  repo: string;
  daemon: RunningDaemon;
  out: (text?: string) => void;
  indented: (text: string) => string;
  sub: (
    command: Command,
    args: string[],
    cwd: string,
    show?: boolean,
  ) => Promise<{ code: number; text: string }>;
}): Promise<void> {
  const { url, repo, daemon, out } = d;
  out("\n[watch] The monitor: prices ×3 in demand-forecast traffic open a drift issue");
  const loaded = await loadRegistry(await openFolderSource(repo));
  const contract = loaded.state?.contracts["demand-forecast"]?.data;
  const runtime = daemon.monitor?.runtime;
  if (!contract?.baseline?.inputs || !runtime) throw new Error("the monitor is not running");
  let seed = 20261123;
  const random = (): number => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 4294967296;
  };
  const draw = (name: string): number => {
    const b = contract.baseline!.inputs![name];
    if (!b || !("edges" in b)) return 0;
    let u = random();
    let i = 0;
    while (i < b.proportions.length - 1 && u >= b.proportions[i]!) u -= b.proportions[i++]!;
    return b.edges[i]! + random() * (b.edges[i + 1]! - b.edges[i]!);
  };
  const requests = 400;
  out(
    `      $ # ${requests} requests like this one, every price multiplied by 3 (say, a currency bug upstream):`,
  );
  const statuses = new Map<number, number>();
  let example = "";
  for (let i = 0; i < requests; i += 20) {
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        const inputs = contract.inputs.map((f) => {
          const value = draw(f.name) * (f.name === "price" ? 3 : 1);
          return {
            name: f.name,
            datatype: f.datatype,
            shape: [1, 1],
            data: [Math.round(Math.min(100, value) * 100) / 100],
          };
        });
        const body = JSON.stringify({ inputs });
        example ||= body;
        const response = await fetch(`${url}/v2/models/demand-forecast/infer`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
        });
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }),
    );
  }
  out(`      $ curl -s -X POST ${url}/v2/models/demand-forecast/infer -d '${example}'`);
  out(`      ${[...statuses].map(([s, c]) => `${c} × HTTP ${s}`).join(", ")}`);
  await new Promise((r) => setImmediate(r));
  await runtime.evaluate();
  out("      $ modelgate issues");
  await d.sub(issuesCommand, [], repo);
  out(`      $ modelgate status --env production --url ${url}`);
  const status = await d.sub(statusCommand, ["--env", "production", "--url", url], repo, false);
  out(d.indented(pickLines(status.text, /MODEL|demand-forecast|stockout-risk/)));
  const issue = (await collect(new LocalForge({ repo }).listIssues())).find((i) =>
    i.fingerprint.endsWith("/drift"),
  );
  if (!issue) throw new Error("the monitor opened no drift issue");
  out(
    `      the issue's body (also in the local forge): ${issue.body.split("\n").find((l) => l.startsWith("**Status"))}`,
  );
}

async function git(cwd: string, args: string[]): Promise<string> {
  const { stdout } = await run("git", args, { cwd });
  return stdout;
}

/** Prints a progress line for a long step, with its duration when it ends. */
async function progress<T>(io: CliIo, what: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  io.stdout(`      … ${what}\n`);
  const result = await work();
  io.stdout(`      ✓ done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return result;
}

async function demoSample(
  repo: string,
): Promise<{ name: string; shape: number[]; datatype: string; data: unknown[] }[]> {
  const samples = JSON.parse(await readFile(join(repo, "training/samples.json"), "utf8")) as {
    models: {
      model: string;
      version: string;
      input_order: string[];
      samples: { inputs: Record<string, unknown> }[];
    }[];
  };
  const entry = samples.models.find((m) => m.model === MODEL && m.version === NEW_VERSION)!;
  const row = entry.samples[0]!.inputs;
  return entry.input_order.map((name) => ({
    name,
    shape: [1, 1],
    datatype: typeof row[name] === "string" ? "BYTES" : "FP32",
    data: [row[name]],
  }));
}

async function sampleVersions(url: string, count: number): Promise<Map<string, number>> {
  const repoless = [
    { name: "on_hand_units", shape: [1, 1], datatype: "FP32", data: [15] },
    { name: "avg_daily_units_7d", shape: [1, 1], datatype: "FP32", data: [5.4] },
    { name: "open_order_units", shape: [1, 1], datatype: "FP32", data: [38] },
    { name: "lead_time_days", shape: [1, 1], datatype: "FP32", data: [11] },
    { name: "promo_flag", shape: [1, 1], datatype: "FP32", data: [0] },
    { name: "store_format", shape: [1, 1], datatype: "BYTES", data: ["outlet"] },
  ];
  const counts = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${url}/v2/models/${MODEL}/infer`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ inputs: repoless }),
    });
    const body = (await response.json()) as { model_version?: string };
    const key = response.ok ? (body.model_version ?? "?") : `HTTP ${response.status}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function formatCounts(counts: Map<string, number>): string {
  return [...counts.entries()]
    .sort()
    .map(([v, c]) => `${c} × ${v}`)
    .join(", ");
}

function pickLines(text: string, pattern: RegExp): string {
  const lines = text.split("\n").filter((l) => pattern.test(l));
  return (lines.length > 0 ? lines : text.split("\n").slice(0, 5)).join("\n");
}
