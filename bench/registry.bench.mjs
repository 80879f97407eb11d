#!/usr/bin/env node
// Benchmark: `modelgate validate --rev HEAD` end to end on synthetic registries of N models.
//
// Each model has a model card, 2 versions, a contract with 5 fields and a baseline, an SLO, and an
// entry in staging and production (5 files per model + 2 environment files). Registries are written
// straight into a git repository with one `git fast-import` stream (no working tree, one pack file),
// and cached under .cache/bench/registry-<N>/ so later runs skip generation.
//
// Usage: npm run bench -- registry            (N = 1,000 / 10,000 / 50,000)
//        BENCH_SIZES=1000,10000 BENCH_RUNS=5 npm run bench -- registry
//        MODELGATE_BIN=path/to/modelgate.js  (another build of the CLI)
// Target: 10,000 models under 2 s wall and under 500 MB peak RSS.
// The two environment files list every model (1.4 MB at 10,000 models), so the run raises the 1 MiB
// per-file limit with --max-file-bytes.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const cacheDir = join(root, ".cache", "bench");
const sizes = (process.env.BENCH_SIZES ?? "1000,10000,50000").split(",").map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const GENERATOR_VERSION = 1; // bump when the generated registry changes, to invalidate the cache

function modelFiles(i) {
  const name = `model-${i}`;
  const sha = (n) => (i.toString(16).padStart(8, "0") + n).repeat(8).slice(0, 64);
  const card = `# yaml-language-server: $schema=https://modelgate.dev/schemas/model.schema.json
name: ${name}
description: Synthetic model number ${i} for the registry benchmark.
owner: "@bench/team-${i % 50}"
task: binary-classification
risk_tier: ${["low", "medium", "high"][i % 3]}
contract: ${name}
slo: ${name}
tags: [bench, synthetic]
`;
  const version = (
    v,
    parent,
  ) => `# yaml-language-server: $schema=https://modelgate.dev/schemas/model-version.schema.json
version: ${v}
${parent ? `parent: ${parent}\n` : ""}artifact:
  uri: https://models.example.com/${name}/${v}/model.onnx
  sha256: ${sha(v === "1.0.0" ? "a" : "b")}
  size: ${40000 + (i % 1000)}
  format: onnx
  opset: 15
metrics:
  accuracy: 0.${80 + (i % 15)}
  auc: 0.9${i % 10}
slice_metrics:
  region:
    north: { accuracy: 0.81 }
    south: { accuracy: 0.83 }
lineage:
  dataset: { id: synthetic-${i}, sha256: ${sha("c")} }
  code_commit: ${sha("d").slice(0, 12)}
  hyperparameters: { n_estimators: 60, max_depth: 4 }
  trained_at: "2026-10-01T12:00:00Z"
`;
  const contract = `# yaml-language-server: $schema=https://modelgate.dev/schemas/contract.schema.json
name: ${name}
version: 1.0.0
compatibility: BACKWARD
owners: ["@bench/team-${i % 50}"]
inputs:
  - name: amount
    datatype: FP32
    shape: [-1, 1]
    min: 0
    max: 10000
    unit: EUR
    description: Order amount.
  - name: age_days
    datatype: FP32
    shape: [-1, 1]
    min: 0
    max: 3650
  - name: items
    datatype: INT64
    shape: [-1, 1]
    min: 1
  - name: channel
    datatype: BYTES
    shape: [-1, 1]
    categories: [web, store, phone]
outputs:
  - name: probabilities
    datatype: FP32
    shape: [-1, 2]
    min: 0
    max: 1
baseline:
  count: 5000
  inputs:
    amount: { edges: [0, 10, 50, 100, 500, 10000], proportions: [0.1, 0.3, 0.3, 0.2, 0.1] }
    age_days: { edges: [0, 30, 365, 3650], proportions: [0.2, 0.5, 0.3] }
    channel: { frequencies: { web: 0.6, store: 0.3, phone: 0.1 } }
  outputs:
    probabilities: { edges: [0, 0.5, 1], proportions: [0.7, 0.3] }
`;
  const slo = `# yaml-language-server: $schema=https://modelgate.dev/schemas/slo.schema.json
name: ${name}
window: 30d
objectives:
  latency: { quantile: 0.99, threshold_ms: 50, target: 0.99 }
  availability: { target: 0.999 }
  error_rate: { max: 0.01 }
  quality: { metric: accuracy, min: 0.8, window: 7d, min_samples: 200 }
  drift: { psi_warn: 0.1, psi_alert: 0.2 }
retrain_after_days: 90
`;
  return [
    [`models/${name}/model.yaml`, card],
    [`models/${name}/versions/1.0.0.yaml`, version("1.0.0")],
    [`models/${name}/versions/1.1.0.yaml`, version("1.1.0", "1.0.0")],
    [`contracts/${name}.yaml`, contract],
    [`slos/${name}.yaml`, slo],
  ];
}

/** Writes the registry as one commit through `git fast-import`; returns seconds taken. */
async function generate(n, dir) {
  const started = performance.now();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  spawnSync("git", ["init", "--quiet", "-b", "main", dir], { stdio: "inherit" });
  const child = spawn("git", ["fast-import", "--quiet", "--done"], {
    cwd: dir,
    stdio: ["pipe", "inherit", "inherit"],
  });
  const closed = new Promise((resolve, reject) =>
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`fast-import exited ${code}`)))),
  );
  const parts = [];
  let size = 0;
  const flush = async () => {
    if (!child.stdin.write(parts.join(""))) await new Promise((r) => child.stdin.once("drain", r));
    parts.length = 0;
    size = 0;
  };
  const file = async (path, content) => {
    const bytes = Buffer.byteLength(content);
    parts.push(`M 100644 inline ${path}\ndata ${bytes}\n${content}\n`);
    size += bytes;
    if (size > 1 << 20) await flush();
  };
  const message = `synthetic registry of ${n} models`;
  parts.push(
    `commit refs/heads/main\ncommitter Bench <bench@example.test> 1767225600 +0000\ndata ${message.length}\n${message}\n`,
  );
  await file(
    "modelgate.yaml",
    `name: bench\nenvironments:\n  - name: staging\n  - name: production\n    promote_from: staging\n    protected: true\nartifacts:\n  allowed_stores: ["https://models.example.com/"]\n`,
  );
  await file("CODEOWNERS", "*  @bench/platform\nenvironments/production.yaml  @bench/sre\n");
  const staging = ["name: staging\nmodels:\n"];
  const production = ["name: production\nmodels:\n"];
  for (let i = 0; i < n; i += 1) {
    for (const [path, content] of modelFiles(i)) await file(path, content);
    staging.push(`  model-${i}:\n    traffic:\n      - { version: 1.1.0, weight: 100 }\n`);
    production.push(
      `  model-${i}:\n    traffic:\n      - { version: 1.0.0, weight: 90 }\n      - { version: 1.1.0, weight: 10, role: canary }\n    validation: reject\n`,
    );
  }
  await file("environments/staging.yaml", staging.join(""));
  await file("environments/production.yaml", production.join(""));
  parts.push("\ndone\n");
  await flush();
  child.stdin.end();
  await closed;
  spawnSync("git", ["-c", "gc.auto=0", "reset", "--quiet", "--soft", "main"], { cwd: dir });
  spawnSync("git", ["config", "bench.generator", String(GENERATOR_VERSION)], { cwd: dir });
  return (performance.now() - started) / 1000;
}

function cached(dir) {
  if (!existsSync(join(dir, ".git"))) return false;
  const r = spawnSync("git", ["config", "bench.generator"], { cwd: dir, encoding: "utf8" });
  return r.stdout.trim() === String(GENERATOR_VERSION);
}

const timeBin = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

/** One end-to-end run: wall seconds (measured here) and peak RSS in MiB. */
function validateOnce(dir) {
  const cli = [
    process.env.MODELGATE_BIN ?? join(root, "bin", "modelgate.js"),
    "validate",
    dir,
    "--rev",
    "HEAD",
    "--max-file-bytes",
    String(64 << 20),
  ];
  const started = performance.now();
  const r = timeBin
    ? spawnSync(timeBin, ["-v", process.execPath, ...cli], { encoding: "utf8", maxBuffer: 64 << 20 })
    : spawnSync(process.execPath, cli, {
        encoding: "utf8",
        env: { ...process.env, MODELGATE_REPORT_RSS: "1" },
        maxBuffer: 64 << 20,
      });
  const wall = (performance.now() - started) / 1000;
  if (r.status !== 0) {
    console.error(r.stdout.slice(0, 2000), r.stderr.slice(0, 2000));
    throw new Error(`validate exited ${r.status}`);
  }
  const user = /User time \(seconds\): ([\d.]+)/.exec(r.stderr);
  const system = /System time \(seconds\): ([\d.]+)/.exec(r.stderr);
  const cpu = user && system ? Number(user[1]) + Number(system[1]) : NaN;
  const rssMatch = timeBin
    ? /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)
    : /peak RSS (\d+) MiB/.exec(r.stderr);
  const rss = rssMatch ? (timeBin ? Number(rssMatch[1]) / 1024 : Number(rssMatch[1])) : NaN;
  return { wall, cpu, rss, summary: r.stdout.trim().split("\n").pop() };
}

const rows = [];
for (const n of sizes) {
  const dir = join(cacheDir, `registry-${n}`);
  if (!cached(dir)) {
    const seconds = await generate(n, dir);
    console.log(`generated ${n} models (${n * 5 + 3} files) in ${seconds.toFixed(1)} s -> ${dir}`);
  }
  const count = n >= 50000 ? 1 : runs;
  const samples = Array.from({ length: count }, () => validateOnce(dir));
  const walls = samples.map((s) => s.wall).sort((a, b) => a - b);
  const median = walls[Math.floor(walls.length / 2)];
  const rss = Math.max(...samples.map((s) => s.rss));
  const cpus = samples.map((s) => s.cpu).sort((a, b) => a - b);
  const cpu = cpus[Math.floor(cpus.length / 2)];
  rows.push({ n, files: n * 5 + 3, median, best: walls[0], cpu, rss, summary: samples[0].summary });
}

const pad = (s, w) => String(s).padStart(w);
console.log(
  `\nmodelgate validate --rev HEAD (end to end, node ${process.version}, ${runs} runs, median; 50k: 1 run)`,
);
console.log(
  `machine: ${cpus().length} cores, load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")} (wall time grows with load; cpu s = user + system of node and its git processes)`,
);
console.log(
  `${pad("models", 8)} ${pad("files", 8)} ${pad("wall s", 8)} ${pad("best s", 8)} ${pad("cpu s", 8)} ${pad("µs/model", 9)} ${pad("peak MiB", 9)}`,
);
for (const r of rows) {
  console.log(
    `${pad(r.n, 8)} ${pad(r.files, 8)} ${pad(r.median.toFixed(2), 8)} ${pad(r.best.toFixed(2), 8)} ${pad(r.cpu.toFixed(2), 8)} ${pad(Math.round((r.median / r.n) * 1e6), 9)} ${pad(r.rss.toFixed(0), 9)}`,
  );
}
for (let i = 1; i < rows.length; i += 1) {
  const a = rows[i - 1];
  const b = rows[i];
  console.log(
    `growth ${a.n} -> ${b.n}: ${(b.n / a.n).toFixed(0)}x models, ${(b.median / a.median).toFixed(1)}x time`,
  );
}
const ten = rows.find((r) => r.n === 10000);
if (ten)
  console.log(
    `target (10,000 models: < 2 s wall, < 500 MB RSS): ${ten.median < 2 && ten.rss < 500 ? "met" : "NOT met"} (${ten.median.toFixed(2)} s, ${ten.rss.toFixed(0)} MiB)`,
  );
console.log(`last summary: ${rows[rows.length - 1]?.summary ?? ""}`);
