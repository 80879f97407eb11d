#!/usr/bin/env node
// Monitoring overhead: serving throughput with the live monitor (drift on every row, SLO and quality
// trackers, feedback store, canary counters, evaluation + budgets.json every second) against the same
// server without it, in the same run. Model: the template's demand-forecast 1.0.0 (LightGBM, 5 inputs),
// production settings (dynamic batching), one inference worker. Each server runs in its own child
// process; autocannon on loopback. Rounds alternate off/on so machine noise hits both alike. Every
// request carries an id, so the feedback store works too; drift windows close every second.
// Run with `npm run bench -- monitoring-overhead` (compiles first).
// Environment: BENCH_SECONDS (default 5), BENCH_CONNECTIONS (default 16), BENCH_ROUNDS (default 3).
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import autocannon from "autocannon";

const root = new URL("..", import.meta.url).pathname;
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const template = join(root, "registry-repo-template");
const samples = JSON.parse(await readFile(join(template, "training", "samples.json"), "utf8"));
const set = samples.models.find((m) => m.model === "demand-forecast" && m.version === "1.0.0");

function body(rows) {
  return JSON.stringify({
    id: "bench-request",
    inputs: set.input_order.map((name) => ({
      name,
      datatype: "FP32",
      shape: [rows, 1],
      data: Array.from({ length: rows }, (_, i) => set.samples[i % set.samples.length].inputs[name]),
    })),
  });
}

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
  holder.runtime = new MonitorRuntime({
    spec: monitor,
    registry: serving.metrics.registry,
    stateDir: mkdtempSync(join(tmpdir(), "modelgate-bench-monitor-")),
    evaluate_every_ms: 1000,
    // Windows close every second (production: at least a minute), so their evaluation is in the numbers.
    drift: { min_window_ms: 1000 },
  });
  holder.runtime.start();
}
const { port } = await serving.listen(0, "127.0.0.1");
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
    stdio: ["ignore", "pipe", "pipe"],
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

/** CPU seconds (user + system, all threads) a process has used, from /proc (Linux). */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
}

async function measure(server, rows) {
  const url = server.url;
  const options = {
    url: `${url}/v2/models/demand-forecast/infer`,
    method: "POST",
    body: body(rows),
    headers: { "content-type": "application/json" },
    connections,
  };
  await autocannon({ ...options, duration: 1 });
  const cpu0 = cpuSeconds(server.child.pid);
  const r = await autocannon({ ...options, duration: seconds });
  const cpu = cpuSeconds(server.child.pid) - cpu0;
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${r.non2xx} non-2xx, ${r.errors} errors`);
  // Server CPU per request is what the monitor costs; it moves far less with machine load than req/s.
  return { rps: r.requests.average, p99: r.latency.p99, cpuUs: (cpu * 1e6) / r.requests.total };
}

const results = { 1: { off: [], on: [] }, 32: { off: [], on: [] } };
let observedLine = "";
for (let round = 0; round < rounds; round += 1) {
  for (const monitored of round % 2 === 0 ? [false, true] : [true, false]) {
    const server = await startServer(monitored);
    for (const rows of [1, 32]) results[rows][monitored ? "on" : "off"].push(await measure(server, rows));
    const log = await stopServer(server);
    if (monitored) observedLine = /observed .*/.exec(log)?.[0] ?? observedLine;
  }
}

// In-process cost of the monitor's share of a request: what the server adds (copying the input tensors,
// the observation object, the queue) plus MonitorRuntime.observe, with an evaluation every 1,000 requests.
// Measured as process CPU time, which machine load disturbs far less than throughput.
async function monitorCostUs(rows) {
  const dist = join(root, "dist");
  const { loadRegistry, openFolderSource } = await import(join(dist, "registry", "index.js"));
  const { MonitorRuntime, monitorSpecFromRegistry } = await import(
    join(dist, "monitor", "runtime", "index.js")
  );
  const loaded = await loadRegistry(await openFolderSource(template));
  const spec = monitorSpecFromRegistry(loaded.state, "production", "bench");
  spec.models = spec.models.filter((m) => m.model === "demand-forecast");
  const runtime = new MonitorRuntime({ spec, drift: { min_window_ms: 1000 } });
  const tensor = (name) => ({
    datatype: "FP32",
    dims: [rows, 1],
    data: Float32Array.from(
      { length: rows },
      (_, i) => set.samples[i % set.samples.length].inputs[name] ?? 1,
    ),
  });
  const inputs = Object.fromEntries(set.input_order.map((n) => [n, tensor(n)]));
  const outputs = { predicted_units: tensor("price") };
  const queue = [];
  const one = (k) => {
    let copy;
    if (runtime.wantsInputs("demand-forecast", "1.0.0")) {
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
      outputs,
      status: 200,
      durationMs: 1,
      at: Date.now(),
    });
    if (queue.length >= 16) for (const o of queue.splice(0)) runtime.observe(o);
  };
  for (let k = 0; k < 20_000; k += 1) one(k);
  const n = 200_000;
  const t0 = process.cpuUsage();
  for (let k = 0; k < n; k += 1) {
    one(k);
    if (k % 1000 === 0) await runtime.evaluate();
  }
  const used = process.cpuUsage(t0);
  return (used.user + used.system) / n;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  `demand-forecast 1.0.0, 1 worker, ${connections} connections, ${seconds}s × ${rounds} rounds per setting (median)`,
);
console.log("batch  req/s off  req/s on  loss    p99 off  p99 on  server CPU µs/request off  on  overhead");
for (const rows of [1, 32]) {
  const off = median(results[rows].off.map((r) => r.rps));
  const on = median(results[rows].on.map((r) => r.rps));
  const loss = ((off - on) / off) * 100;
  const cpuOff = median(results[rows].off.map((r) => r.cpuUs));
  const cpuOn = median(results[rows].on.map((r) => r.cpuUs));
  console.log(
    `${String(rows).padEnd(5)}  ${off.toFixed(0).padStart(9)}  ${on.toFixed(0).padStart(8)}  ${`${loss.toFixed(1)}%`.padStart(6)}  ` +
      `${String(median(results[rows].off.map((r) => r.p99))).padStart(4)} ms  ${String(median(results[rows].on.map((r) => r.p99))).padStart(3)} ms  ` +
      `${cpuOff.toFixed(0).padStart(25)}  ${cpuOn.toFixed(0).padStart(3)}  ${`${(((cpuOn - cpuOff) / cpuOff) * 100).toFixed(1)}%`.padStart(8)}`,
  );
}
for (const rows of [1, 32]) {
  const cost = await monitorCostUs(rows);
  const serve = median(results[rows].off.map((r) => r.cpuUs));
  console.log(
    `monitor's own CPU per request, batch ${rows}: ${cost.toFixed(2)} µs in-process = ${((cost / serve) * 100).toFixed(1)}% of the ${serve.toFixed(0)} µs the server spends per request without it`,
  );
}
console.log("all rounds (req/s, CPU µs/request):");
for (const rows of [1, 32])
  for (const side of ["off", "on"])
    console.log(
      `  batch ${rows} ${side}: ${results[rows][side].map((r) => `${r.rps.toFixed(0)}/${r.cpuUs.toFixed(0)}`).join("  ")}`,
    );
console.log(`last monitored server: ${observedLine} (each row of a batch is one drift observation)`);
