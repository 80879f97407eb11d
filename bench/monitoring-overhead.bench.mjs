#!/usr/bin/env node
// Monitoring overhead: serving throughput with the live monitor (drift, SLO and quality trackers, feedback
// store, canary counters, evaluation + budgets.json every 60 s) against the same server without it, in
// the same run. Model: the template's demand-forecast 1.0.0 (LightGBM, 5 inputs), production settings
// (dynamic batching), one inference worker. Every request carries its own id, as in production, so the
// feedback store fills to its bound (100,000 pending predictions) and its memory and eviction count.
//
// Design, for a shared machine whose throughput swings ±30% between identical runs: both servers (off and
// on) run side by side in their own child processes for the whole benchmark, and are measured in many
// short interleaved rounds (off, on | on, off | off, on …). Each round yields a *paired* ratio on/off —
// both halves a few seconds apart, so slow drifts in machine load cancel — and the benchmark reports the
// median of those ratios with a distribution-free 95% confidence interval (order statistics, the sign
// test's interval) and a one-sided sign test against the 5% target. It does the same for server CPU time
// per request, read with process.cpuUsage() inside each server (all its threads), which noise moves far
// less than throughput. Last, the monitor's own CPU per request measured in-process.
// Run with `npm run bench -- monitoring-overhead` (compiles first).
// Environment: BENCH_SECONDS per half-round (default 2), BENCH_ROUNDS (default 15), BENCH_CONNECTIONS
// (default 16), BENCH_BATCHES (default "1,32"), BENCH_EVALUATE_MS (the monitor's evaluation period and
// shortest drift window, default 60000 as in production; 1000 is a stress setting), BENCH_SAME_ID=1 (one
// request id for all, as this bench had before: isolates what the full feedback store costs),
// BENCH_NO_QUALITY=1 (the SLO without its quality objective: no feedback store at all, as for a model whose
// SLO has none; the template's models all have one, so the default measures the store full).
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";

const root = new URL("..", import.meta.url).pathname;
const seconds = Number(process.env.BENCH_SECONDS ?? 2);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
const rounds = Number(process.env.BENCH_ROUNDS ?? 15);
const batches = (process.env.BENCH_BATCHES ?? "1,32").split(",").map(Number);
const TARGET = 0.05;
const template = join(root, "registry-repo-template");
const samples = JSON.parse(await readFile(join(template, "training", "samples.json"), "utf8"));
const set = samples.models.find((m) => m.model === "demand-forecast" && m.version === "1.0.0");

/**
 * The request body after its id: `{"id":"…",` + this. Each request gets its own id (setupRequest below), so
 * the prediction store holds as many pending predictions as production would, not one overwritten entry.
 */
function bodyAfterId(rows) {
  return JSON.stringify({
    inputs: set.input_order.map((name) => ({
      name,
      datatype: "FP32",
      shape: [rows, 1],
      data: Array.from({ length: rows }, (_, i) => set.samples[i % set.samples.length].inputs[name]),
    })),
  }).slice(1);
}
let requestCounter = 0;
const sameId = process.env.BENCH_SAME_ID === "1";

// The server: template production, demand-forecast only; MONITOR=1 adds the runtime as observer.
const serverSource = `
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
const dist = ${JSON.stringify(join(root, "dist"))};
const { loadRegistry, openFolderSource } = await import(dist + "/registry/index.js");
const { fromRegistry, OnnxRuntimeServing } = await import(dist + "/serving/index.js");
const { MonitorRuntime, monitorSpecFromRegistry } = await import(dist + "/monitor/runtime/index.js");
const template = ${JSON.stringify(template)};
const loaded = await loadRegistry(await openFolderSource(template));
if (!loaded.ok) throw new Error("template invalid");
const spec = await fromRegistry(loaded.state, "production", async (a) => ({ path: join(template, a.uri.replace(/^file:/, "")) }));
for (const m of Object.keys(spec.models)) if (m !== "demand-forecast") delete spec.models[m];
const monitored = process.env.MONITOR === "1";
const holder = {};
const serving = new OnnxRuntimeServing({
  workers: 1,
  ...(monitored ? { observer: { observe: (o) => holder.runtime.observe(o), feedback: (f) => holder.runtime.feedback(f), wantsInputs: (m, v) => holder.runtime.wantsInputs(m, v) } } : {}),
});
await serving.applyEnvironment(spec);
if (monitored) {
  const monitor = monitorSpecFromRegistry(loaded.state, "production", "bench");
  monitor.models = monitor.models.filter((m) => m.model === "demand-forecast");
  if (process.env.BENCH_NO_QUALITY === "1") for (const m of monitor.models) delete m.slo?.objectives.quality;
  holder.runtime = new MonitorRuntime({
    spec: monitor,
    registry: serving.metrics.registry,
    stateDir: mkdtempSync(join(tmpdir(), "modelgate-bench-monitor-")),
    // Production defaults (evaluation every 60 s, drift windows at least 60 s old) unless BENCH_EVALUATE_MS
    // asks for a stress setting (e.g. 1000: evaluation, budgets.json and window closes every second).
    evaluate_every_ms: Number(process.env.BENCH_EVALUATE_MS ?? 60000),
    drift: { min_window_ms: Math.min(60000, Number(process.env.BENCH_EVALUATE_MS ?? 60000)) },
  });
  holder.runtime.start();
}
const { port } = await serving.listen(0, "127.0.0.1");
// The parent asks for this process's CPU time (user + system, every thread) around each measurement.
process.on("message", (m) => {
  if (m === "cpu") process.send({ cpu: process.cpuUsage() });
  if (m === "memory") {
    const pending = holder.runtime?.models?.get("demand-forecast")?.feedback?.size;
    process.send({ memory: { ...process.memoryUsage(), pending } });
  }
});
console.log("listening http://127.0.0.1:" + port);
process.on("SIGTERM", async () => {
  if (holder.runtime) {
    await holder.runtime.evaluate();
    const v = holder.runtime.snapshot().models[0].versions[0];
    console.log("observed " + holder.runtime.observed + " drift windows " + ((v.drift.window ?? -1) + 1));
  }
  await serving.close();
  process.exit(0);
});
`;

function startServer(monitored) {
  const child = spawn(process.execPath, ["--input-type=module", "-e", serverSource], {
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    env: { ...process.env, MONITOR: monitored ? "1" : "0" },
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (d) => {
      output += d.toString();
      const m = /listening (http:\/\/[\d.:]+)/.exec(output);
      if (m) resolve({ child, url: m[1], log: () => output });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`server exited with ${code}:\n${output.slice(-2000)}`)));
  });
}

async function stopServer(server) {
  server.child.removeAllListeners("exit");
  const exited = new Promise((r) => server.child.once("exit", r));
  server.child.kill("SIGTERM");
  await exited;
  return server.log();
}

/** The server's CPU time in µs (process.cpuUsage() in the server: user + system, all its threads). */
function serverCpuUs(server) {
  return new Promise((resolve, reject) => {
    const onMessage = (m) => {
      if (m && typeof m === "object" && m.cpu) {
        server.child.off("message", onMessage);
        resolve(m.cpu.user + m.cpu.system);
      }
    };
    server.child.on("message", onMessage);
    if (!server.child.send("cpu")) reject(new Error("server IPC channel closed"));
  });
}

/** The server's process.memoryUsage() (and, monitored, the prediction store's pending entries). */
function serverMemory(server) {
  return new Promise((resolve, reject) => {
    const onMessage = (m) => {
      if (m && typeof m === "object" && m.memory) {
        server.child.off("message", onMessage);
        resolve(m.memory);
      }
    };
    server.child.on("message", onMessage);
    if (!server.child.send("memory")) reject(new Error("server IPC channel closed"));
  });
}

function loadOptions(server, rows) {
  const rest = bodyAfterId(rows);
  return {
    url: `${server.url}/v2/models/demand-forecast/infer`,
    method: "POST",
    headers: { "content-type": "application/json" },
    requests: [
      {
        setupRequest: (request) => {
          requestCounter += 1;
          // BENCH_SAME_ID=1: one id for every request (the store then holds one entry), for comparison.
          request.body = `{"id":"bench-${sameId ? 0 : requestCounter}",${rest}`;
          return request;
        },
      },
    ],
    connections,
  };
}

/** One half-round: `seconds` of load on one server; throughput and its CPU µs per request. */
async function measure(server, rows) {
  const cpu0 = await serverCpuUs(server);
  const r = await autocannon({ ...loadOptions(server, rows), duration: seconds });
  const cpu = (await serverCpuUs(server)) - cpu0;
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${r.non2xx} non-2xx, ${r.errors} errors`);
  return { rps: r.requests.total / seconds, p99: r.latency.p99, cpuUs: cpu / r.requests.total };
}

const loadBefore = loadavg();
const servers = { off: await startServer(false), on: await startServer(true) };
const results = Object.fromEntries(batches.map((rows) => [rows, []]));
const memory = {};
for (const rows of batches) {
  // Warm both (JIT, batcher, the monitor's first windows) before anything counts.
  for (const side of ["off", "on"]) await autocannon({ ...loadOptions(servers[side], rows), duration: 2 });
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 === 0 ? ["off", "on"] : ["on", "off"];
    const pair = {};
    for (const side of order) pair[side] = await measure(servers[side], rows);
    results[rows].push(pair);
  }
  memory[rows] = { off: await serverMemory(servers.off), on: await serverMemory(servers.on) };
}
await stopServer(servers.off);
const observedLine = /observed .*/.exec(await stopServer(servers.on))?.[0] ?? "";
const loadAfter = loadavg();

// ---- statistics of paired rounds ----

/** P(X ≥ k) for X ~ Binomial(n, 1/2). */
function binomialUpperTail(k, n) {
  let p = 0;
  let c = 1; // C(n, 0)
  for (let i = 0; i <= n; i += 1) {
    if (i >= k) p += c;
    c = (c * (n - i)) / (i + 1);
  }
  return p / 2 ** n;
}

/**
 * Median of paired values with a distribution-free ≥ 95% confidence interval: order statistics
 * x(j) … x(n+1−j), the largest j with P(Binomial(n, ½) < j) ≤ 2.5% (the sign test's interval).
 */
function medianWithInterval(values) {
  const xs = [...values].sort((a, b) => a - b);
  const n = xs.length;
  const median = n % 2 ? xs[(n - 1) / 2] : (xs[n / 2 - 1] + xs[n / 2]) / 2;
  let j = 0;
  while (j + 1 <= n / 2 && 1 - binomialUpperTail(j + 1, n) <= 0.025) j += 1;
  return j === 0 ? { median, low: -Infinity, high: Infinity } : { median, low: xs[j - 1], high: xs[n - j] };
}

/** One-sided sign test of "the median loss is below the target": p = P(≥ k of n below | median = target). */
function signTestBelow(losses, target) {
  const informative = losses.filter((x) => x !== target);
  const below = informative.filter((x) => x < target).length;
  return { below, n: informative.length, p: binomialUpperTail(below, informative.length) };
}

function verdict(interval, target) {
  if (interval.high <= target) return `≤ ${pct(target)}: met (the whole 95% interval is at or below it)`;
  if (interval.low > target) return `> ${pct(target)}: missed (the whole 95% interval is above it)`;
  return `inconclusive at ${pct(target)} (the 95% interval straddles it)`;
}

const pct = (x) => `${(x * 100).toFixed(1)}%`;
const fmtInterval = (i) =>
  `[${Number.isFinite(i.low) ? pct(i.low) : "−∞"}, ${Number.isFinite(i.high) ? pct(i.high) : "+∞"}]`;

// In-process cost of the monitor's share of a request: what the server adds (asking wantsInputs, copying the
// input tensors of sampled requests, the observation object, the queue) plus MonitorRuntime.observe with a
// unique id and a fresh output tensor per request (as the server hands over), and an evaluation every
// simulated second (60× production). The runtime's clock advances 1/rate per request, at the req/s the
// unmonitored server reached with this batch size, so drift sampling reads the share of rows it reads in
// the server (at 2,000 rows/s, one request in ~200 at batch 32). Process CPU time, which machine load
// disturbs far less than throughput.
async function monitorCostUs(rows, rate) {
  const dist = join(root, "dist");
  const { loadRegistry, openFolderSource } = await import(join(dist, "registry", "index.js"));
  const { MonitorRuntime, monitorSpecFromRegistry } = await import(
    join(dist, "monitor", "runtime", "index.js")
  );
  const loaded = await loadRegistry(await openFolderSource(template));
  const spec = monitorSpecFromRegistry(loaded.state, "production", "bench");
  spec.models = spec.models.filter((m) => m.model === "demand-forecast");
  if (process.env.BENCH_NO_QUALITY === "1") for (const m of spec.models) delete m.slo?.objectives.quality;
  let now = Date.now();
  const runtime = new MonitorRuntime({ spec, clock: () => now });
  const tensor = (name) => ({
    datatype: "FP32",
    dims: [rows, 1],
    data: Float32Array.from(
      { length: rows },
      (_, i) => set.samples[i % set.samples.length].inputs[name] ?? 1,
    ),
  });
  const inputs = Object.fromEntries(set.input_order.map((n) => [n, tensor(n)]));
  const prediction = tensor("price").data;
  const queue = [];
  let sampled = 0;
  let nextEvaluation = now + 1000;
  const one = async (k) => {
    now += 1000 / rate;
    let copy;
    if (runtime.wantsInputs("demand-forecast", "1.0.0")) {
      sampled += 1;
      copy = {};
      for (const [name, t] of Object.entries(inputs))
        copy[name] = { datatype: t.datatype, dims: [...t.dims], data: t.data.slice() };
    }
    queue.push({
      model: "demand-forecast",
      version: "1.0.0",
      role: "stable",
      requestId: `r${k}`,
      rows,
      inputs: copy,
      outputs: { predicted_units: { datatype: "FP32", dims: [rows, 1], data: prediction.slice() } },
      status: 200,
      durationMs: 1,
      at: now,
    });
    if (queue.length >= 16) for (const o of queue.splice(0)) runtime.observe(o);
    if (now >= nextEvaluation) {
      nextEvaluation += 1000;
      await runtime.evaluate();
    }
  };
  // Warm-up past the first second (before its row rate sets the stride) and past the store's bound.
  for (let k = 0; k < 120_000; k += 1) await one(k);
  sampled = 0;
  const n = 300_000;
  const t0 = process.cpuUsage();
  for (let k = 0; k < n; k += 1) await one(120_000 + k);
  const used = process.cpuUsage(t0);
  globalThis.gc?.();
  return { us: (used.user + used.system) / n, sampled: sampled / n, heap: process.memoryUsage().heapUsed };
}

const median = (xs) => medianWithInterval(xs).median;
console.log(
  `demand-forecast 1.0.0${process.env.BENCH_NO_QUALITY === "1" ? " (SLO without its quality objective: no feedback store)" : ""}, 1 worker, ${connections} connections; ${rounds} interleaved rounds of ${seconds}s off + ${seconds}s on per batch size; monitor evaluates every ${Number(process.env.BENCH_EVALUATE_MS ?? 60000) / 1000}s`,
);
console.log(
  `load average before ${loadBefore.map((x) => x.toFixed(2)).join(" ")}, after ${loadAfter.map((x) => x.toFixed(2)).join(" ")} (1, 5, 15 min; ${
    (await import("node:os")).cpus().length
  } cores)`,
);
for (const rows of batches) {
  const pairs = results[rows];
  const losses = pairs.map((p) => 1 - p.on.rps / p.off.rps);
  const cpuOverheads = pairs.map((p) => p.on.cpuUs / p.off.cpuUs - 1);
  const loss = medianWithInterval(losses);
  const cpu = medianWithInterval(cpuOverheads);
  const sign = signTestBelow(losses, TARGET);
  const signCpu = signTestBelow(cpuOverheads, TARGET);
  console.log(`\nbatch ${rows}:`);
  console.log(
    `  req/s median off ${median(pairs.map((p) => p.off.rps)).toFixed(0)}, on ${median(pairs.map((p) => p.on.rps)).toFixed(0)}; ` +
      `p99 median off ${median(pairs.map((p) => p.off.p99))} ms, on ${median(pairs.map((p) => p.on.p99))} ms`,
  );
  console.log(
    `  throughput loss per round (1 − on/off): median ${pct(loss.median)}, 95% CI ${fmtInterval(loss)}; ` +
      `${sign.below}/${sign.n} rounds below ${pct(TARGET)} (sign test p = ${sign.p.toPrecision(2)}) → ${verdict(loss, TARGET)}`,
  );
  console.log(
    `  server CPU µs/request median off ${median(pairs.map((p) => p.off.cpuUs)).toFixed(1)}, on ${median(pairs.map((p) => p.on.cpuUs)).toFixed(1)}; ` +
      `paired overhead median ${pct(cpu.median)}, 95% CI ${fmtInterval(cpu)}; ${signCpu.below}/${signCpu.n} rounds below ${pct(TARGET)} ` +
      `(p = ${signCpu.p.toPrecision(2)}) → ${verdict(cpu, TARGET)}`,
  );
}
const mb = (bytes) => `${(bytes / 1e6).toFixed(0)} MB`;
for (const rows of batches) {
  const m = memory[rows];
  console.log(
    `server memory after batch ${rows}: RSS off ${mb(m.off.rss)}, on ${mb(m.on.rss)}; heap used off ${mb(m.off.heapUsed)}, on ${mb(m.on.heapUsed)}` +
      (m.on.pending !== undefined ? `; pending predictions ${m.on.pending}` : ""),
  );
}
for (const rows of batches) {
  const rate = median(results[rows].map((p) => p.off.rps));
  const cost = await monitorCostUs(rows, rate);
  const serve = median(results[rows].map((p) => p.off.cpuUs));
  console.log(
    `monitor's own CPU per request, batch ${rows}: ${cost.us.toFixed(2)} µs in-process = ${pct(cost.us / serve)} of the ${serve.toFixed(0)} µs the server spends per request without it ` +
      `(clock at ${rate.toFixed(0)} req/s: ${pct(cost.sampled)} of requests read for drift; heap ${mb(cost.heap)} with 100,000 pending predictions)`,
  );
}
console.log("all rounds (req/s off → on, server CPU µs/request off → on):");
for (const rows of batches)
  console.log(
    `  batch ${rows}: ${results[rows].map((p) => `${p.off.rps.toFixed(0)}→${p.on.rps.toFixed(0)} ${p.off.cpuUs.toFixed(0)}→${p.on.cpuUs.toFixed(0)}`).join(" | ")}`,
  );
console.log(`monitored server: ${observedLine} (each row of a batch is one drift observation)`);
