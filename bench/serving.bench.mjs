#!/usr/bin/env node
// Serving benchmark: modelgate's Open Inference Protocol server against (a) ONNX Runtime called in-process
// and a bare node:http JSON echo server, and (b) Seldon MLServer serving the same ONNX model over V2.
// Model: the template registry's stockout-risk 1.0.0 (XGBoost classifier, 6 inputs, one of them a string).
// Load: autocannon on loopback, batch 1 and batch 32. Run with `npm run bench -- serving` (compiles first).
// Environment: BENCH_SECONDS (default 5), BENCH_ROUNDS (default 3), BENCH_CONNECTIONS (default "16,64"),
// BENCH_BATCHES (default "1,32"), BENCH_WORKERS (modelgate's worker threads; default: its own default),
// BENCH_SKIP_MLSERVER, MODELGATE_PY_VENV.
/* global fetch, clearTimeout */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import * as ort from "onnxruntime-node";

const root = new URL("..", import.meta.url).pathname;
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connectionLevels = (process.env.BENCH_CONNECTIONS ?? "16,64").split(",").map(Number);
const batches = (process.env.BENCH_BATCHES ?? "1,32").split(",").map(Number);
const workers = process.env.BENCH_WORKERS ? Number(process.env.BENCH_WORKERS) : undefined;
const venv = process.env.MODELGATE_PY_VENV ?? join(root, ".cache", "python-test-venv");
const template = join(root, "registry-repo-template");
const modelPath = join(template, "artifacts", "stockout-risk", "1.0.0", "model.onnx");
const samples = JSON.parse(await readFile(join(template, "training", "samples.json"), "utf8"));
const set = samples.models.find((m) => m.model === "stockout-risk" && m.version === "1.0.0");

function body(rows) {
  return JSON.stringify({
    inputs: set.input_order.map((name) => {
      const values = Array.from({ length: rows }, (_, i) => set.samples[i % set.samples.length].inputs[name]);
      return {
        name,
        datatype: typeof values[0] === "string" ? "BYTES" : "FP32",
        shape: [rows, 1],
        data: values,
      };
    }),
  });
}
const bodies = Object.fromEntries([...new Set([1, ...batches])].map((rows) => [rows, body(rows)]));

// ---------- (a1) ONNX Runtime in-process ----------
async function inProcessRate(rows) {
  const session = await ort.InferenceSession.create(modelPath, { intraOpNumThreads: 1 });
  const feeds = {};
  for (const name of set.input_order) {
    const values = Array.from({ length: rows }, (_, i) => set.samples[i % set.samples.length].inputs[name]);
    feeds[name] =
      typeof values[0] === "string"
        ? new ort.Tensor("string", values, [rows, 1])
        : new ort.Tensor("float32", Float32Array.from(values), [rows, 1]);
  }
  for (let i = 0; i < 200; i++) await session.run(feeds);
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < 2000) {
    await session.run(feeds);
    n++;
  }
  const elapsed = (performance.now() - start) / 1000;
  await session.release();
  return { rps: n / elapsed, usPerRun: (elapsed * 1e6) / n };
}

// ---------- (a2) bare node:http JSON echo server (in a child process, like the others) ----------
const echoSource = `
const http = require("node:http");
http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const r = JSON.parse(Buffer.concat(chunks).toString());
    const out = { model_name: "echo", model_version: "1", outputs: r.inputs.map((i) => ({ name: i.name, datatype: i.datatype, shape: i.shape, data: i.data })) };
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(out));
  });
}).listen(0, "127.0.0.1", function () { console.log("listening http://127.0.0.1:" + this.address().port); });`;

function startProcess(command, args, options, pattern) {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], ...options });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${command} did not start in time:\n${output.slice(-2000)}`)),
      120_000,
    );
    const onData = (d) => {
      output += d.toString();
      const m = pattern.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1] ?? m[0], log: () => output });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited with ${code}:\n${output.slice(-2000)}`));
    });
  });
}

async function stopProcess(p) {
  if (!p || p.child.exitCode !== null) return;
  p.child.removeAllListeners("exit");
  const exited = new Promise((r) => p.child.once("exit", r));
  p.child.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (p.child.exitCode === null) p.child.kill("SIGKILL");
}

async function waitReady(url) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/v2/health/ready`)).status === 200) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} never became ready`);
}

// CPU seconds of a process's threads from /proc (Linux; null elsewhere): the main thread apart from the
// rest (worker threads, libuv and V8 helpers). CPU per request is steadier than req/s on a busy machine.
function threadCpu(pid) {
  const dir = `/proc/${pid}/task`;
  if (!pid || !existsSync(dir)) return null;
  const out = { main: 0, other: 0 };
  for (const tid of readdirSync(dir)) {
    try {
      const stat = readFileSync(`${dir}/${tid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime, in 1/100 s
      if (Number(tid) === pid) out.main += ticks / 100;
      else out.other += ticks / 100;
    } catch {
      /* thread ended */
    }
  }
  return out;
}

async function load(url, path, rows, connections, pid) {
  // a short warm-up, then the measured run
  await autocannon({
    url: url + path,
    method: "POST",
    body: bodies[rows],
    headers: { "content-type": "application/json" },
    connections,
    duration: 1,
  });
  const cpu0 = threadCpu(pid);
  const r = await autocannon({
    url: url + path,
    method: "POST",
    body: bodies[rows],
    headers: { "content-type": "application/json" },
    connections,
    duration: seconds,
  });
  const cpu1 = threadCpu(pid);
  const perRequest = (k) =>
    cpu0 && cpu1 ? ((cpu1[k] - cpu0[k]) * 1e6) / Math.max(1, r.requests.total) : null;
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx,
    total: r.requests.total,
    cpuMainUs: perRequest("main"),
    cpuOtherUs: perRequest("other"),
  };
}

// ---------- (b) Seldon MLServer with a small ONNX Runtime runtime ----------
const mlserverRuntime = `
import numpy as np
import onnxruntime as ort
from mlserver import MLModel
from mlserver.types import InferenceRequest, InferenceResponse, ResponseOutput

DT = {np.dtype("float32"): "FP32", np.dtype("float64"): "FP64", np.dtype("int64"): "INT64", np.dtype("int32"): "INT32"}

class OnnxRuntimeModel(MLModel):
    async def load(self) -> bool:
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        self.session = ort.InferenceSession(self.settings.parameters.uri, options)
        self.output_names = [o.name for o in self.session.get_outputs()]
        return True

    async def predict(self, payload: InferenceRequest) -> InferenceResponse:
        feeds = {}
        for i in payload.inputs:
            data = i.data.root if hasattr(i.data, "root") else i.data
            if i.datatype == "BYTES":
                values = [d.decode() if isinstance(d, (bytes, bytearray)) else d for d in data]
                feeds[i.name] = np.array(values, dtype=object).reshape(i.shape)
            else:
                feeds[i.name] = np.asarray(data, dtype=np.float32).reshape(i.shape)
        results = self.session.run(None, feeds)
        outputs = [
            ResponseOutput(name=n, shape=list(r.shape), datatype=DT[r.dtype], data=r.flatten().tolist())
            for n, r in zip(self.output_names, results)
        ]
        return InferenceResponse(model_name=self.name, model_version=self.version, outputs=outputs, id=payload.id)
`;

async function startMlserver() {
  const bin = join(venv, "bin", "mlserver");
  if (!existsSync(bin)) {
    return {
      skipped: `MLServer is not installed in ${venv}: run 'bash scripts/setup-python-test-deps.sh --with-mlserver' (pip install mlserver==1.7.1 from PyPI)`,
    };
  }
  const dir = await mkdtemp(join(tmpdir(), "modelgate-mlserver-"));
  const modelDir = join(dir, "stockout-risk");
  await mkdir(modelDir);
  await writeFile(join(dir, "runtime.py"), mlserverRuntime);
  const port = 18000 + Math.floor(Math.random() * 2000);
  await writeFile(
    join(dir, "settings.json"),
    JSON.stringify({
      http_port: port,
      grpc_port: port + 1,
      metrics_port: port + 2,
      parallel_workers: 1,
      debug: false,
      host: "127.0.0.1",
    }),
  );
  await writeFile(
    join(modelDir, "model-settings.json"),
    JSON.stringify({
      name: "stockout-risk",
      implementation: "runtime.OnnxRuntimeModel",
      parameters: { uri: modelPath, version: "1.0.0" },
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const p = await startProcess(
    join(venv, "bin", "mlserver"),
    ["start", dir],
    { cwd: dir, env: { ...process.env, PYTHONPATH: dir } },
    /Uvicorn running on|Application startup complete/,
  );
  p.url = url;
  p.dir = dir;
  await waitReady(url);
  const check = await fetch(`${url}/v2/models/stockout-risk/infer`, {
    method: "POST",
    body: bodies[1],
    headers: { "content-type": "application/json" },
  });
  if (check.status !== 200) throw new Error(`MLServer answered ${check.status}: ${await check.text()}`);
  return p;
}

// ---------- decision policy overhead ----------
async function decisionOverhead() {
  const { compilePolicyBundle } = await import(join(root, "dist", "policy", "index.js"));
  const { createDecisionEvaluator } = await import(join(root, "dist", "serving", "decision.js"));
  const rego = `package decisions.stockout_guard
import rego.v1
default decision := {"allow": true, "action": "auto", "reasons": []}
decision := {"allow": false, "action": "review", "reasons": reasons} if {
  count(reasons) > 0
}
reasons contains msg if {
  input.prediction.label[0] == 1
  input.request.inputs.on_hand_units[0] > 500
  msg := "stock-out predicted with more than 500 units on hand"
}
`;
  const cacheDir = await mkdtemp(join(tmpdir(), "modelgate-bench-policy-"));
  try {
    const bundle = await compilePolicyBundle({
      sources: [{ path: "policies/decisions.rego", content: rego }],
      entrypoints: ["decisions/stockout_guard/decision"],
      cacheDir,
    });
    const evaluator = await createDecisionEvaluator({
      name: "stockout-guard",
      wasm: bundle.wasm,
      entrypoint: "decisions/stockout_guard/decision",
    });
    const input = {
      request: {
        id: "r1",
        inputs: Object.fromEntries(set.input_order.map((n) => [n, [set.samples[0].inputs[n]]])),
      },
      prediction: { label: [1], probabilities: [0.2, 0.8] },
      model: "stockout-risk",
      version: "1.0.0",
    };
    for (let i = 0; i < 2000; i++) evaluator.evaluate(input);
    const n = 20000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) evaluator.evaluate(input);
    const evalUs = ((performance.now() - t0) * 1000) / n;
    // the rest of the per-request work: JSON view of the outputs, sha256 of the inputs, the log line
    const t1 = performance.now();
    for (let i = 0; i < n; i++) {
      const d = evaluator.evaluate(input);
      createHash("sha256").update(JSON.stringify(input.request.inputs)).digest("hex");
      JSON.stringify({
        timestamp: new Date().toISOString(),
        request_id: "r1",
        outputs: input.prediction,
        decision: d,
      });
    }
    const totalUs = ((performance.now() - t1) * 1000) / n;
    return { evalUs, totalUs, decision: evaluator.evaluate(input) };
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
}

// modelgate in a child process, serving the template's production environment (stockout-risk: 90/10
// canary split, validation reject, metrics on, dynamic batching without a queue delay); once as
// configured, once with batching taken out (each request its own ONNX Runtime run).
const modelgateSource = (unbatched) => `
const { loadRegistry, openFolderSource } = await import(${JSON.stringify(join(root, "dist", "registry", "index.js"))});
const { fromRegistry, OnnxRuntimeServing } = await import(${JSON.stringify(join(root, "dist", "serving", "index.js"))});
const { join } = await import("node:path");
const template = ${JSON.stringify(template)};
const loaded = await loadRegistry(await openFolderSource(template));
if (!loaded.ok) throw new Error("template registry is invalid");
const spec = await fromRegistry(loaded.state, "production", async (a) => ({ path: join(template, a.uri.slice("file:".length)) }));
if (!spec.models["stockout-risk"].batching) throw new Error("the template's production stockout-risk should batch");
${unbatched ? 'delete spec.models["stockout-risk"].batching;' : ""}
const serving = new OnnxRuntimeServing(${workers ? `{ workers: ${workers} }` : ""});
await serving.applyEnvironment(spec);
const address = await serving.listen(0, "127.0.0.1");
console.log("serving on http://127.0.0.1:" + address.port + " with " + serving.pool.size + " workers");
process.on("SIGTERM", () => serving.close().then(() => process.exit(0)));`;

// ---------- run ----------
// All servers start first; then each round measures every server at batch 1 and 32 back to back, so
// that the machine's background load (2 shared cores) hits all of them alike. Medians over the rounds.
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const fmt = (x, d = 0) => (typeof x === "number" ? x.toFixed(d) : String(x));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = {
  loadavg_before: loadavg(),
  rounds,
  seconds,
  connectionLevels,
  batches,
  workers: workers ?? "default",
};
console.log(
  `model: stockout-risk 1.0.0 (${set.input_order.length} inputs), autocannon ${connectionLevels.join(" and ")} connections × ${seconds}s × ${rounds} rounds (medians), loopback`,
);

for (const rows of batches) results[`ort_b${rows}`] = await inProcessRate(rows);
const servers = [];
try {
  const echo = await startProcess(process.execPath, ["-e", echoSource], {}, /listening (http:\/\/[\d.:]+)/);
  servers.push({ label: "echo", path: "/", p: echo });
  for (const [label, unbatched] of [
    ["modelgate", false],
    ["modelgate_unbatched", true],
  ]) {
    const mg = await startProcess(
      process.execPath,
      ["--input-type=module", "-e", modelgateSource(unbatched)],
      {},
      /on (http:\/\/[\d.:]+)/,
    );
    servers.push({ label, path: "/v2/models/stockout-risk/infer", p: mg });
    await waitReady(mg.url);
  }
  try {
    const ml = process.env.BENCH_SKIP_MLSERVER
      ? { skipped: "BENCH_SKIP_MLSERVER is set" }
      : await startMlserver();
    if (ml.skipped) results.mlserver_skipped = ml.skipped;
    else servers.push({ label: "mlserver", path: "/v2/models/stockout-risk/infer", p: ml });
  } catch (error) {
    results.mlserver_skipped = `MLServer could not be run here: ${error.message.slice(0, 1500)}`;
  }
  const runsBy = {};
  const ratiosBy = {};
  for (let round = 0; round < rounds; round++) {
    for (const c of connectionLevels) {
      for (const rows of batches) {
        const got = {};
        for (const server of servers) {
          got[server.label] = await load(server.p.url, server.path, rows, c, server.p.child.pid);
          (runsBy[`${server.label}_b${rows}_c${c}`] ??= []).push(got[server.label]);
        }
        // The ratio within one round (the servers measured back to back, seconds apart) is what cancels
        // the machine's background load; req/s alone swings far more between rounds.
        const ratio = (label) => (got[label] ? got[label].rps / got.echo.rps : null);
        const cpu = (r) => (r?.cpuMainUs != null ? `${fmt(r.cpuMainUs)}+${fmt(r.cpuOtherUs)} µs` : "n/a");
        (ratiosBy[`b${rows}_c${c}`] ??= []).push({
          modelgate: ratio("modelgate"),
          modelgate_unbatched: ratio("modelgate_unbatched"),
          loadavg1: loadavg()[0],
        });
        console.log(
          `round ${round + 1}, ${c} connections, batch ${rows}: echo ${fmt(got.echo.rps)} req/s (${cpu(got.echo)}), ` +
            `modelgate ${fmt(got.modelgate.rps)} = ${fmt(ratio("modelgate"), 2)} (${cpu(got.modelgate)}), ` +
            `without batching ${fmt(got.modelgate_unbatched.rps)} = ${fmt(ratio("modelgate_unbatched"), 2)} (${cpu(got.modelgate_unbatched)}); ` +
            `load ${fmt(loadavg()[0], 2)}`,
        );
      }
    }
  }
  for (const [key, runs] of Object.entries(runsBy)) {
    results[key] = {
      rps: median(runs.map((r) => r.rps)),
      p50: median(runs.map((r) => r.p50)),
      p99: median(runs.map((r) => r.p99)),
      errors: runs.reduce((a, r) => a + r.errors, 0),
      runs: runs.map((r) => Math.round(r.rps)),
      cpuMainUs: runs[0].cpuMainUs === null ? null : median(runs.map((r) => r.cpuMainUs)),
      cpuOtherUs: runs[0].cpuOtherUs === null ? null : median(runs.map((r) => r.cpuOtherUs)),
    };
  }
  results.ratios_per_round = ratiosBy;
  for (const label of ["modelgate", "modelgate_unbatched"]) {
    const mg = servers.find((x) => x.label === label);
    const metrics = await (await fetch(`${mg.p.url}/metrics`)).text();
    results[`${label}_metrics`] = metrics
      .split("\n")
      .filter((l) =>
        /^modelgate_(inference_requests_total|batch_size_(sum|count))\{model="stockout-risk"/.test(l),
      );
  }
} finally {
  for (const server of servers) {
    await stopProcess(server.p);
    if (server.p.dir) await rm(server.p.dir, { recursive: true, force: true });
  }
}

try {
  results.decision = await decisionOverhead();
} catch (error) {
  results.decision_skipped = `decision policy overhead not measured: ${error.message}`;
}

const cell = (r) => (r ? `${fmt(r.rps)} (${r.p50}/${r.p99})${r.errors ? ` errors=${r.errors}` : ""}` : "n/a");
for (const c of connectionLevels) {
  console.log(`\n${c} connections — req/s (p50/p99 ms)`);
  console.log(
    "| batch | in-process ORT runs/s | echo | modelgate (as configured: dynamic batching) | modelgate without batching | MLServer |",
  );
  console.log("| --- | --- | --- | --- | --- | --- |");
  for (const rows of batches) {
    const o = results[`ort_b${rows}`];
    const [e, m, b, s] = ["echo", "modelgate", "modelgate_unbatched", "mlserver"].map(
      (l) => results[`${l}_b${rows}_c${c}`],
    );
    console.log(
      `| ${rows} | ${fmt(o.rps)} (${fmt(o.usPerRun, 1)} µs/run) | ${cell(e)} | ${cell(m)} | ${cell(b)} | ${cell(s)} |`,
    );
  }
  const cpuCell = (r) => (r && r.cpuMainUs !== null ? `${fmt(r.cpuMainUs)} + ${fmt(r.cpuOtherUs)}` : "n/a");
  console.log("server CPU per request, µs (main thread + other threads):");
  for (const rows of batches) {
    console.log(
      `  batch ${rows}: ${["echo", "modelgate", "modelgate_unbatched"]
        .map((l) => `${l} ${cpuCell(results[`${l}_b${rows}_c${c}`])}`)
        .join(", ")}`,
    );
  }
  console.log("ratios:");
  for (const rows of batches) {
    const [m, b, s] = ["modelgate", "modelgate_unbatched", "mlserver"].map(
      (l) => results[`${l}_b${rows}_c${c}`],
    );
    const perRound = results.ratios_per_round?.[`b${rows}_c${c}`] ?? [];
    const list = (label) => perRound.map((r) => fmt(r[label], 2)).join(" ");
    const med = (label) => fmt(median(perRound.map((r) => r[label])), 2);
    console.log(
      `  batch ${rows}: modelgate / echo = ${med("modelgate")} (median of the rounds: ${list("modelgate")}) (target ≥ 0.60 at batch 1), ` +
        `without batching ${med("modelgate_unbatched")} (${list("modelgate_unbatched")})`,
    );
    if (s) {
      console.log(
        `  batch ${rows}: modelgate / MLServer = ${(m.rps / s.rps).toFixed(2)}× req/s (target ≥ 2×), without batching ${(b.rps / s.rps).toFixed(2)}×; p99 ${m.p99} / ${b.p99} ms vs MLServer ${s.p99} ms`,
      );
    }
  }
}
if (results.mlserver_skipped) console.log(`  MLServer: ${results.mlserver_skipped}`);
if (results.decision) {
  console.log(
    `\ndecision policy (Rego → WASM, in-process): evaluate ${results.decision.evalUs.toFixed(1)} µs/request; with hashing and the log line ${results.decision.totalUs.toFixed(1)} µs/request (target well under 100 µs)`,
  );
} else console.log(`\n${results.decision_skipped}`);
await mkdir(join(root, "bench-results"), { recursive: true });
await writeFile(join(root, "bench-results", "serving.json"), JSON.stringify(results, null, 2));
