#!/usr/bin/env node
// Deployment benchmark (run with `npm run bench -- deploy`, which compiles first). The engine runs as a
// real child process (`node bin/modelgate.js run`) against a real git registry in a temp folder; this
// process is the git user and the client:
//   1. merge-to-serving latency with the push webhook: from `git commit` returning on main to the first
//      answer from the new version (the routing switch is atomic, so from then on 100% of answers come
//      from it — checked on the next 20 requests); median and p95 over 15 merges;
//   2. the same with polling only (--interval 1s, no webhook), over 8 merges;
//   3. 50 hot swaps under steady load (4 concurrent clients): failed requests (must be 0), requests
//      served, and the engine's RSS before and after.
/* global fetch */
import { execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";

const run = promisify(execFile);
const root = new URL("..", import.meta.url).pathname;
const fixtures = join(root, "engine/test/fixtures/serving");
const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: "bench",
  GIT_AUTHOR_EMAIL: "b@x",
  GIT_COMMITTER_NAME: "bench",
  GIT_COMMITTER_EMAIL: "b@x",
};

const dir = await mkdtemp(join(tmpdir(), "modelgate-deploy-bench-"));
const repo = join(dir, "registry");
const git = async (...args) => (await run("git", args, { cwd: repo, env: gitEnv })).stdout.trim();
const write = async (path, content) => {
  await mkdir(dirname(join(repo, path)), { recursive: true });
  await writeFile(join(repo, path), content);
};

await mkdir(repo, { recursive: true });
await git("init", "--quiet", "--initial-branch=main");
await write("modelgate.yaml", "name: bench\nmain_branch: main\nenvironments:\n  - name: production\n");
await write(
  "contracts/adder.yaml",
  'name: adder\nversion: "1.0.0"\ncompatibility: BACKWARD\ninputs:\n  - { name: x, datatype: FP32, shape: [-1, 1] }\noutputs:\n  - { name: y, datatype: FP32, shape: [-1, 1] }\n',
);
await write(
  "models/adder/model.yaml",
  "name: adder\nowner: '@team/ml'\ntask: regression\nrisk_tier: low\ncontract: adder\n",
);
for (const k of [1, 2, 3]) {
  const bytes = await readFile(join(fixtures, `affine_${k}.onnx`));
  await write(`artifacts/adder/${k}.0.0/model.onnx`, bytes);
  await write(
    `models/adder/versions/${k}.0.0.yaml`,
    `version: "${k}.0.0"\nartifact:\n  uri: file:artifacts/adder/${k}.0.0/model.onnx\n  sha256: "${createHash("sha256").update(bytes).digest("hex")}"\n  size: ${bytes.length}\n  format: onnx\n`,
  );
}
const setTraffic = (weights) =>
  write(
    "environments/production.yaml",
    `name: production\nmodels:\n  adder:\n    traffic:\n${Object.entries(weights)
      .map(([v, w], i) => `      - { version: "${v}", weight: ${w}${i > 0 ? ", role: canary" : ""} }`)
      .join("\n")}\n`,
  );
const commit = async (message) => {
  await git("add", "-A");
  await git("commit", "--quiet", "-m", message);
};
await setTraffic({ "1.0.0": 100 });
await commit("serve 1.0.0");

function startEngine(args) {
  const child = spawn(
    process.execPath,
    [
      join(root, "bin/modelgate.js"),
      "run",
      "--repo",
      repo,
      "--env",
      "production",
      "--port",
      "0",
      "--workers",
      "1",
      ...args,
    ],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const url = new Promise((resolve, reject) => {
    child.stdout.on("data", () => {
      const m = /on (http:\/\/[0-9.]+:\d+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.once("exit", () => reject(new Error(`engine exited:\n${out}`)));
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return { child, url, stop: async () => (child.kill("SIGTERM"), await exited) };
}

// MODELGATE_BENCH_SWAPS=200 shows whether RSS keeps growing or levels off.
const SWAPS = Number(process.env.MODELGATE_BENCH_SWAPS ?? 50);
let rssMid = 0;
const body = JSON.stringify({ inputs: [{ name: "x", datatype: "FP32", shape: [1, 1], data: [0] }] });
async function ask(url) {
  const response = await fetch(`${url}/v2/models/adder/infer`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
  });
  if (!response.ok) return { ok: false, status: response.status };
  const json = await response.json();
  return { ok: true, version: json.model_version };
}
async function waitServing(url, version, timeoutMs = 60_000) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const r = await ask(url).catch(() => ({ ok: false }));
    if (r.ok && r.version === version) return;
    if (performance.now() > deadline) throw new Error(`${version} never served`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
const rssMiB = async (pid) =>
  Number(/VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${pid}/status`, "utf8"))[1]) / 1024;
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: q(0.5), p95: q(0.95), min: s[0], max: s.at(-1) };
};
const fmt = (x) => `${Math.round(x)} ms`;

let version = 1;
async function measureMerges(url, count, { webhook }) {
  const latencies = [];
  for (let i = 0; i < count; i++) {
    version = (version % 3) + 1;
    const target = `${version}.0.0`;
    await setTraffic({ [target]: 100 });
    await commit(`promote ${target}`);
    const t0 = performance.now(); // the commit is on main
    if (webhook) await fetch(`${url}/hooks/push`, { method: "POST", body: "{}" });
    await waitServing(url, target);
    latencies.push(performance.now() - t0);
    for (let j = 0; j < 20; j++) {
      const r = await ask(url);
      if (!r.ok || r.version !== target)
        throw new Error(`after the switch a request was answered by ${r.version ?? r.status}`);
    }
  }
  return stats(latencies);
}

try {
  // 1. webhook (long poll interval, so only the webhook can be this fast)
  let engine = startEngine(["--interval", "10m", "--state", join(dir, "state-webhook")]);
  let url = await engine.url;
  await waitServing(url, "1.0.0");
  const hook = await measureMerges(url, 15, { webhook: true });
  console.log(
    `merge → 100% on the new version, push webhook:   median ${fmt(hook.median)}, p95 ${fmt(hook.p95)} (min ${fmt(hook.min)}, max ${fmt(hook.max)}; 15 merges) — target < 2000 ms median: ${hook.median < 2000 ? "met" : "MISSED"}`,
  );
  await engine.stop();

  // 2. polling only
  engine = startEngine(["--interval", "1s", "--state", join(dir, "state-poll")]);
  url = await engine.url;
  await waitServing(url, `${version}.0.0`);
  const poll = await measureMerges(url, 8, { webhook: false });
  console.log(
    `merge → 100% on the new version, polling 1 s:    median ${fmt(poll.median)}, p95 ${fmt(poll.p95)} (min ${fmt(poll.min)}, max ${fmt(poll.max)}; 8 merges; bounded by the interval + apply)`,
  );
  await engine.stop();

  // 3. 50 hot swaps under steady load
  engine = startEngine(["--interval", "10m", "--state", join(dir, "state-swaps")]);
  url = await engine.url;
  await waitServing(url, `${version}.0.0`);
  for (let i = 0; i < 200; i++) await ask(url); // warm the HTTP path before the first RSS reading
  const rssBefore = await rssMiB(engine.child.pid);
  let stop = false;
  let served = 0;
  const failures = [];
  const clients = Array.from({ length: 4 }, async () => {
    while (!stop) {
      const r = await ask(url).catch((error) => ({ ok: false, status: String(error) }));
      if (r.ok) served += 1;
      else failures.push(r.status);
    }
  });
  const swapStart = performance.now();
  const splits = [
    { "1.0.0": 100 },
    { "1.0.0": 90, "2.0.0": 10 },
    { "2.0.0": 100 },
    { "2.0.0": 50, "3.0.0": 50 },
    { "3.0.0": 100 },
  ];
  for (let i = 0; i < SWAPS; i++) {
    if (i === SWAPS / 2) rssMid = await rssMiB(engine.child.pid);
    await setTraffic(splits[i % splits.length]);
    await commit(`swap ${i}`);
    const response = await fetch(`${url}/admin/reconcile`, { method: "POST" });
    const result = await response.json();
    if (result.outcome !== "applied") throw new Error(`swap ${i}: ${JSON.stringify(result)}`);
  }
  const swapSeconds = (performance.now() - swapStart) / 1000;
  stop = true;
  await Promise.all(clients);
  const rssAfter = await rssMiB(engine.child.pid);
  console.log(
    `${SWAPS} hot swaps under load (4 clients):            ${failures.length} failed requests of ${served + failures.length}${failures.length ? ` (${[...new Set(failures)].join(", ")})` : ""}; ${((swapSeconds / SWAPS) * 1000).toFixed(0)} ms per swap; ${(served / swapSeconds).toFixed(0)} req/s served meanwhile`,
  );
  console.log(
    `engine RSS:                                      ${rssBefore.toFixed(1)} MiB before, ${rssMid.toFixed(1)} MiB halfway, ${rssAfter.toFixed(1)} MiB after (${(rssAfter - rssBefore >= 0 ? "+" : "") + (rssAfter - rssBefore).toFixed(1)} MiB)`,
  );
  await engine.stop();
  if (failures.length > 0 || hook.median >= 2000) process.exitCode = 1;
} finally {
  await rm(dir, { recursive: true, force: true });
}
