#!/usr/bin/env node
// Benchmark: the policy gate.
//   (a) `modelgate check` end to end on a 10,000-model registry for a PR that touches one model
//       (a new version + a staging traffic change), policy bundle already cached. Target: <= 300 ms
//       wall (median). Also prints the engine's own phase timings (MODELGATE_TIMINGS=1).
//   (b) in-process WASM evaluation of modelgate/main/decision on a typical input (the template
//       registry with a production canary), decisions/s, against `opa bench` (Go evaluator, same Rego
//       and input) and one-shot `opa eval` (process per decision).
//   (c) `conftest test` on the changed files with an equivalent rule: $CONFTEST, `conftest` on PATH,
//       or the pinned version scripts/setup-conftest.sh builds into .tools/bin/conftest; report only.
//
// Usage: npm run bench -- policy     (BENCH_MODELS=10000 BENCH_RUNS=7 BENCH_EVALS=2000)
import { spawn, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const models = Number(process.env.BENCH_MODELS ?? 10000);
const runs = Number(process.env.BENCH_RUNS ?? 7);
const evals = Number(process.env.BENCH_EVALS ?? 2000);
const cacheDir = join(root, ".cache", "bench");
const GENERATOR_VERSION = 2;
const cli = join(root, "bin", "modelgate.js");
const xdg = join(cacheDir, "xdg"); // the compiled bundle lives here between runs
const NOW = "2026-11-23T00:00:00Z";
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function opaPath() {
  if (process.env.MODELGATE_OPA) return process.env.MODELGATE_OPA;
  const onPath = spawnSync("sh", ["-c", "command -v opa"], { encoding: "utf8" }).stdout.trim();
  return onPath || join(root, ".tools", "bin", "opa");
}

// ---------------------------------------------------------------- (a) generator
function modelFiles(i) {
  const name = `model-${i}`;
  const sha = (c) => (i.toString(16).padStart(8, "0") + c).repeat(8).slice(0, 64);
  const version = (v, parent, accuracy) =>
    `version: ${v}\n${parent ? `parent: ${parent}\n` : ""}artifact:\n  uri: https://models.example.com/${name}/${v}/model.onnx\n` +
    `  sha256: "${sha(v.replace(/\./g, ""))}"\n  size: ${40000 + (i % 1000)}\n  format: onnx\n  opset: 15\n` +
    `metrics:\n  accuracy: ${accuracy}\n  auc: 0.9\nslice_metrics:\n  region:\n    north: { accuracy: ${accuracy} }\n    south: { accuracy: ${accuracy} }\n` +
    `lineage:\n  dataset: { id: synthetic-${i} }\n  code_commit: "${sha("d").slice(0, 12)}"\n  trained_at: "2026-10-01T12:00:00Z"\n`;
  return [
    [
      `models/${name}/model.yaml`,
      `name: ${name}\nowner: "@bench/team-${i % 50}"\ntask: binary-classification\nrisk_tier: ${["low", "medium", "high"][i % 3]}\n` +
        `contract: ${name}\nslo: ${name}\nintended_use: Benchmark.\nlimitations: Synthetic.\nhuman_oversight: None needed.\n`,
    ],
    [`models/${name}/versions/1.0.0.yaml`, version("1.0.0", undefined, 0.85)],
    [`models/${name}/versions/1.1.0.yaml`, version("1.1.0", "1.0.0", 0.86)],
    [
      `contracts/${name}.yaml`,
      `name: ${name}\nversion: 1.0.0\ncompatibility: BACKWARD\nowners: ["@bench/team-${i % 50}"]\ninputs:\n` +
        `  - { name: amount, datatype: FP32, shape: [-1, 1], min: 0, max: 10000 }\n` +
        `  - { name: channel, datatype: BYTES, shape: [-1, 1], categories: [web, store, phone] }\n` +
        `outputs:\n  - { name: probabilities, datatype: FP32, shape: [-1, 2], min: 0, max: 1 }\n`,
    ],
    [
      `slos/${name}.yaml`,
      `name: ${name}\nwindow: 30d\nobjectives:\n  availability: { target: 0.999 }\nretrain_after_days: 90\n`,
    ],
  ];
}

function environments(n, changed) {
  const staging = ["name: staging\nmodels:\n"];
  const production = ["name: production\nmodels:\n"];
  for (let i = 0; i < n; i += 1) {
    const v = changed === i ? "1.2.0" : "1.1.0";
    staging.push(`  model-${i}:\n    traffic:\n      - { version: ${v}, weight: 100 }\n`);
    production.push(`  model-${i}:\n    traffic:\n      - { version: 1.0.0, weight: 100 }\n`);
  }
  return { staging: staging.join(""), production: production.join("") };
}

/** main: N models; branch `change`: model-42 gets 1.2.0, which replaces 1.1.0 in staging. */
async function generate(n, dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  spawnSync("git", ["init", "--quiet", "-b", "main", dir], { stdio: "inherit" });
  const child = spawn("git", ["fast-import", "--quiet", "--done"], {
    cwd: dir,
    stdio: ["pipe", "inherit", "inherit"],
  });
  const closed = new Promise((res, rej) =>
    child.on("close", (c) => (c === 0 ? res() : rej(new Error(`fast-import ${c}`)))),
  );
  let parts = [];
  let size = 0;
  const flush = async () => {
    if (!child.stdin.write(parts.join(""))) await new Promise((r) => child.stdin.once("drain", r));
    parts = [];
    size = 0;
  };
  const file = async (path, content) => {
    parts.push(`M 100644 inline ${path}\ndata ${Buffer.byteLength(content)}\n${content}\n`);
    size += content.length;
    if (size > 1 << 20) await flush();
  };
  const commit = (ref, message, time, from) =>
    parts.push(
      `commit ${ref}\ncommitter Bench <bench@example.test> ${time} +0000\ndata ${message.length}\n${message}\n${from ? `from ${from}\n` : ""}`,
    );
  commit("refs/heads/main", `synthetic registry of ${n} models`, 1767225600);
  await file(
    "modelgate.yaml",
    "name: bench\nenvironments:\n  - name: staging\n  - name: production\n    promote_from: staging\n    protected: true\n" +
      `artifacts:\n  allowed_stores: ["https://models.example.com/"]\nteams:\n  bench/platform: [pat]\n  bench/risk: [rita]\n  bench/sre: [sam]\n` +
      Array.from({ length: 50 }, (_, t) => `  bench/team-${t}: [user-${t}]\n`).join(""),
  );
  await file("CODEOWNERS", "*  @bench/platform\n/environments/production.yaml  @bench/sre\n");
  for (let i = 0; i < n; i += 1) for (const [p, c] of modelFiles(i)) await file(p, c);
  const base = environments(n, -1);
  await file("environments/staging.yaml", base.staging);
  await file("environments/production.yaml", base.production);
  commit("refs/heads/change", "model-42 1.2.0 to staging", 1767229200, "refs/heads/main");
  const v = modelFiles(42)[2][1]
    .replace(/1\.1\.0/g, "1.2.0")
    .replace("parent: 1.0.0", "parent: 1.1.0")
    .replace(/0\.86/g, "0.87");
  await file("models/model-42/versions/1.2.0.yaml", v);
  await file("environments/staging.yaml", environments(n, 42).staging);
  parts.push("\ndone\n");
  await flush();
  child.stdin.end();
  await closed;
  spawnSync("git", ["config", "bench.generator", String(GENERATOR_VERSION)], { cwd: dir });
}

function cached(dir) {
  if (!existsSync(join(dir, ".git"))) return false;
  return (
    spawnSync("git", ["config", "bench.generator"], { cwd: dir, encoding: "utf8" }).stdout.trim() ===
    String(GENERATOR_VERSION)
  );
}

function checkOnce(dir, extraEnv = {}) {
  const head = spawnSync("git", ["rev-parse", "change"], { cwd: dir, encoding: "utf8" }).stdout.trim();
  const approvals = join(dir, ".git", "bench-approvals.json");
  writeFileSync(
    approvals,
    JSON.stringify(
      ["pat", "rita", "user-42"].map((reviewer) => ({
        reviewer,
        state: "APPROVED",
        teams: [],
        commit: head,
      })),
    ),
  );
  const args = [
    cli,
    "check",
    "--repo",
    dir,
    "--base",
    "main",
    "--head",
    "change",
    "--format",
    "json",
    "--author",
    "bench",
  ];
  args.push("--approvals", approvals, "--now", NOW, "--max-file-bytes", String(64 << 20));
  const timeBin = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
  const started = performance.now();
  const r = spawnSync(
    timeBin ?? process.execPath,
    timeBin ? ["-f", "cpu-seconds %U %S", process.execPath, ...args] : args,
    {
      encoding: "utf8",
      maxBuffer: 256 << 20,
      env: { ...process.env, XDG_CACHE_HOME: xdg, MODELGATE_TIMINGS: "1", ...extraEnv },
    },
  );
  const wall = performance.now() - started;
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`check exited ${r.status}: ${r.stderr.slice(0, 2000)}`);
  const decision = JSON.parse(r.stdout);
  const timings = JSON.parse(/timings \(ms\): (\{.*?\})/.exec(r.stderr)?.[1] ?? "{}");
  const cpuPhases = JSON.parse(/cpu \(ms\): (\{.*?\})/.exec(r.stderr)?.[1] ?? "{}");
  const scope = JSON.parse(/scope: (\{.*?\})/.exec(r.stderr)?.[1] ?? "{}");
  const cpuMatch = /cpu-seconds ([\d.]+) ([\d.]+)/.exec(r.stderr);
  const cpu = cpuMatch ? (Number(cpuMatch[1]) + Number(cpuMatch[2])) * 1000 : NaN;
  return { wall, cpu, decision, timings, cpuPhases, scope, status: r.status };
}

async function benchCheck() {
  const dir = join(cacheDir, `policy-${models}`);
  if (!cached(dir)) {
    const t = performance.now();
    await generate(models, dir);
    console.log(
      `generated ${models} models (${models * 5 + 4} files) + a one-model change in ${((performance.now() - t) / 1000).toFixed(1)} s -> ${dir}`,
    );
  }
  const warm = checkOnce(dir); // compiles the bundle and stamps the base tree's diagnostics if needed
  console.log(
    `warm-up: exit ${warm.status}, allowed=${warm.decision.allowed}, violations=${warm.decision.violations.map((v) => v.rule).join(",") || "none"}, ` +
      `bundle cache_hit=${warm.decision.bundle.cache_hit}`,
  );
  const samples = Array.from({ length: runs }, () => checkOnce(dir));
  // The same check with the head loaded in full (the path before the scoped load; also --full-state's).
  const fullSamples = Array.from({ length: Math.min(runs, 3) }, () =>
    checkOnce(dir, { MODELGATE_FULL_LOAD: "1" }),
  );
  // The whole decision (violations, warnings, approvals, rules, audit), not just the violations.
  for (const s of [...samples, ...fullSamples])
    if (JSON.stringify(s.decision) !== JSON.stringify(samples[0].decision))
      throw new Error("scoped and full head loads (or repeated runs) disagree on the decision");
  const walls = samples.map((s) => s.wall);
  const phases = Object.fromEntries(
    Object.keys(samples[0].timings).map((k) => [k, median(samples.map((s) => s.timings[k]))]),
  );
  const cpuPhases = Object.fromEntries(
    Object.keys(samples[0].cpuPhases).map((k) => [k, median(samples.map((s) => s.cpuPhases[k]))]),
  );
  const load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  console.log(`\n(a) modelgate check, ${models} models, PR touching one model, bundle cached (${runs} runs)`);
  console.log(
    `    wall median ${median(walls).toFixed(0)} ms, best ${Math.min(...walls).toFixed(0)} ms; target <= 300 ms: ${median(walls) <= 300 ? "met" : "NOT met"}`,
  );
  console.log(
    `    process CPU (user+sys) median ${median(samples.map((s) => s.cpu)).toFixed(0)} ms (machine load average ${load})`,
  );
  console.log(`    engine phases, wall (median ms): ${JSON.stringify(phases)}`);
  console.log(`    engine phases, CPU  (median ms): ${JSON.stringify(cpuPhases)}`);
  console.log(`    head load: ${JSON.stringify(samples[0].scope)}`);
  console.log(
    `    same check, head loaded in full (MODELGATE_FULL_LOAD=1, ${fullSamples.length} runs): wall median ${median(fullSamples.map((s) => s.wall)).toFixed(0)} ms, ` +
      `CPU median ${median(fullSamples.map((s) => s.cpu)).toFixed(0)} ms, load phase ${median(fullSamples.map((s) => s.timings.load)).toFixed(0)} ms`,
  );
  return { dir, phases };
}

// ---------------------------------------------------------------- (b) WASM vs OPA
async function typicalInput() {
  const { runCheck } = await import(join(root, "dist", "gate", "index.js"));
  const { gitRegistryLoader } = await import(join(root, "dist", "cli", "commands", "check.js"));
  const dir = mkdtempSync(join(tmpdir(), "modelgate-bench-template-"));
  cpSync(join(root, "registry-repo-template"), dir, { recursive: true });
  const git = (...a) =>
    spawnSync("git", a, {
      cwd: dir,
      encoding: "utf8",
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: "b",
        GIT_AUTHOR_EMAIL: "b@x",
        GIT_COMMITTER_NAME: "b",
        GIT_COMMITTER_EMAIL: "b@x",
      },
    });
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-qm", "template");
  git("checkout", "-qb", "canary");
  const prod = join(dir, "environments", "production.yaml");
  writeFileSync(
    prod,
    readFileSync(prod, "utf8").replace(
      /demand-forecast:\n {4}traffic:\n {6}- \{ version: 1\.0\.0, weight: 100 \}/,
      "demand-forecast:\n    traffic:\n      - { version: 1.0.0, weight: 90 }\n      - { version: 1.1.0, weight: 10, role: canary }",
    ),
  );
  git("commit", "-qam", "canary");
  const head = git("rev-parse", "HEAD").stdout.trim();
  const result = await runCheck({
    repoDir: dir,
    base: "main",
    head,
    loadRegistry: gitRegistryLoader,
    now: new Date(NOW),
    env: { XDG_CACHE_HOME: xdg },
    author: "frank",
    approvals: [{ reviewer: "dave", state: "APPROVED", teams: [], commit: head }],
  });
  rmSync(dir, { recursive: true, force: true });
  return result.input;
}

async function benchEvaluation() {
  const { buildDecisionBundle, loadDecisionPolicy, evaluateDecision, builtinPoliciesDir } = await import(
    join(root, "dist", "gate", "index.js")
  );
  const input = await typicalInput();
  const inputJson = JSON.stringify(input);
  const bundle = await buildDecisionBundle({ custom: [], cacheDir: join(xdg, "modelgate") });
  const policy = await loadDecisionPolicy(bundle.wasm);
  const check = evaluateDecision(policy, input);
  for (let i = 0; i < 50; i += 1) evaluateDecision(policy, input);
  const t = performance.now();
  for (let i = 0; i < evals; i += 1) evaluateDecision(policy, input);
  const wasmMs = (performance.now() - t) / evals;

  const work = mkdtempSync(join(tmpdir(), "modelgate-bench-opa-"));
  const policiesDir = builtinPoliciesDir();
  const rego = [];
  for (const entry of readdirSync(policiesDir, { recursive: true, withFileTypes: true })) {
    const rel = relative(policiesDir, join(entry.parentPath, entry.name));
    if (
      !entry.isFile() ||
      !rel.endsWith(".rego") ||
      rel.endsWith("_test.rego") ||
      rel.split("/").includes("test")
    )
      continue;
    rego.push(join(policiesDir, rel));
  }
  writeFileSync(join(work, "input.json"), inputJson);
  const opa = opaPath();
  const data = rego.flatMap((f) => ["--data", f]);
  const bench = spawnSync(
    opa,
    [
      "bench",
      ...data,
      "--input",
      join(work, "input.json"),
      "--format",
      "json",
      "--count",
      "1",
      "data.modelgate.main.decision",
    ],
    { encoding: "utf8", maxBuffer: 64 << 20 },
  );
  let opaBenchMs = NaN;
  try {
    const parsed = JSON.parse(bench.stdout);
    opaBenchMs = parsed.T / parsed.N / 1e6; // Go testing.BenchmarkResult: T ns over N ops
  } catch {
    console.log(
      `opa bench failed (exit ${bench.status}): ${bench.stderr.slice(0, 500)} ${bench.stdout.slice(0, 300)}`,
    );
  }
  const evalWalls = [];
  let evalAllowed;
  for (let i = 0; i < 5; i += 1) {
    const s = performance.now();
    const r = spawnSync(
      opa,
      [
        "eval",
        ...data,
        "--input",
        join(work, "input.json"),
        "--format",
        "json",
        "data.modelgate.main.decision.allowed",
      ],
      { encoding: "utf8" },
    );
    evalWalls.push(performance.now() - s);
    evalAllowed = JSON.parse(r.stdout).result?.[0]?.expressions?.[0]?.value;
  }
  rmSync(work, { recursive: true, force: true });
  console.log(
    `\n(b) decision evaluation on a typical input (${(inputJson.length / 1024).toFixed(0)} KiB JSON; template registry, production canary)`,
  );
  console.log(
    `    WASM in-process (opa-wasm): ${wasmMs.toFixed(3)} ms/decision = ${Math.round(1000 / wasmMs)} decisions/s (${evals} evals; allowed=${check.allowed})`,
  );
  console.log(
    `    opa bench (Go evaluator):   ${opaBenchMs.toFixed(3)} ms/decision = ${Math.round(1000 / opaBenchMs)} decisions/s`,
  );
  console.log(
    `    opa eval (process/decision): ${median(evalWalls).toFixed(0)} ms/decision (allowed=${evalAllowed})`,
  );
  console.log(
    `    ratio WASM vs opa bench: ${(opaBenchMs / wasmMs).toFixed(2)}x the decisions/s; vs opa eval: ${(median(evalWalls) / wasmMs).toFixed(0)}x`,
  );
  return { input };
}

// ---------------------------------------------------------------- (c) conftest (report only)
function conftestPath() {
  if (process.env.CONFTEST) return process.env.CONFTEST;
  const onPath = spawnSync("sh", ["-c", "command -v conftest"], { encoding: "utf8" }).stdout.trim();
  if (onPath) return onPath;
  const local = join(root, ".tools", "bin", "conftest");
  return existsSync(local) ? local : undefined;
}

function benchConftest(dir) {
  // The pinned conftest (tools/conftest/go.mod), built on first use; a no-op when $CONFTEST, a
  // conftest on PATH or the pinned build is there. Only the benchmark needs it (not npm ci or tests).
  const setup = spawnSync("bash", [join(root, "scripts", "setup-conftest.sh")], { encoding: "utf8" });
  if (setup.status !== 0) console.log(`\n${(setup.stderr || setup.stdout).trim()}`);
  const conftest = conftestPath();
  if (!conftest) {
    console.log(
      "\n(c) conftest: not found ($CONFTEST, PATH, .tools/bin/conftest) and not buildable; skipped",
    );
    return;
  }
  // Equivalent rule on the raw changed files: a new version's artifact must be pinned and from an allowed store.
  const work = mkdtempSync(join(tmpdir(), "modelgate-bench-conftest-"));
  mkdirSync(join(work, "policy"));
  writeFileSync(
    join(work, "policy", "artifact.rego"),
    `package main\n\ndeny contains msg if {\n\tinput.artifact\n\tnot regex.match("^[a-f0-9]{64}$", input.artifact.sha256)\n\tmsg := "artifact.sha256 must be 64 hex characters"\n}\n\n` +
      `deny contains msg if {\n\tinput.artifact\n\tnot startswith(input.artifact.uri, "https://models.example.com/")\n\tmsg := "artifact not in an allowed store"\n}\n`,
  );
  const files = spawnSync("git", ["diff", "--name-only", "main", "change"], { cwd: dir, encoding: "utf8" })
    .stdout.trim()
    .split("\n");
  for (const f of files) {
    mkdirSync(join(work, "files", f, ".."), { recursive: true });
    writeFileSync(
      join(work, "files", f),
      spawnSync("git", ["show", `change:${f}`], { cwd: dir, encoding: "utf8", maxBuffer: 64 << 20 }).stdout,
    );
  }
  const walls = [];
  let out = "";
  for (let i = 0; i < 5; i += 1) {
    const s = performance.now();
    const r = spawnSync(
      conftest,
      ["test", "--policy", join(work, "policy"), ...files.map((f) => join(work, "files", f))],
      { encoding: "utf8" },
    );
    walls.push(performance.now() - s);
    out = (r.stdout + r.stderr).trim().split("\n").pop();
  }
  const version = spawnSync(conftest, ["--version"], { encoding: "utf8" }).stdout.trim().split("\n")[0];
  rmSync(work, { recursive: true, force: true });
  console.log(
    `\n(c) conftest test on the ${files.length} changed files (${version}), one artifact rule: ${median(walls).toFixed(0)} ms median (${out})`,
  );
  console.log(
    "    (report only: conftest sees raw files, not the semantic change set, approvals or history)",
  );
}

const { dir } = await benchCheck();
await benchEvaluation();
benchConftest(dir);
