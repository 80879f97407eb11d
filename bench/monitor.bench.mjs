#!/usr/bin/env node
// Monitor benchmark (run with `npm run bench -- monitor`, which compiles first; needs --expose-gc for
// the memory numbers, which the runner passes):
//   1. observations/s through the drift monitor for a 7-feature model (5 numerical with 10 bins,
//      2 categorical) plus one numerical output, count windows of 1,000 and 1-minute time windows, one
//      record at a time and by column in batches of 32;
//   2. bytes per monitored feature: the monitor's own count and the V8 heap measured over 2,000 monitors;
//   3. time to detect a 0.5σ mean shift in one feature: samples after the change until that feature's
//      verdict is `drift`, over 50 seeds with the change at a random point of a window, and the same
//      in seconds at 100 req/s;
//   4. SLO tracker: requests/s recorded and the cost of one status() (burn rates over every window).
import { performance } from "node:perf_hooks";

const root = new URL("..", import.meta.url).pathname;
const { DriftMonitor, SloTracker } = await import(`${root}dist/monitor/index.js`);

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function normalGenerator(uniform) {
  return (mean = 0, sd = 1) => {
    let u = 0;
    while (u === 0) u = uniform();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
}

const EDGES = [
  -4, -1.2815515655446004, -0.8416212335729143, -0.5244005127080407, -0.2533471031357997, 0,
  0.2533471031357997, 0.5244005127080407, 0.8416212335729143, 1.2815515655446004, 4,
];
const DECILES = { edges: EDGES, proportions: Array(10).fill(0.1) };
const COLORS = { red: 0.5, green: 0.3, blue: 0.15, black: 0.05 };
const REGIONS = { north: 0.25, south: 0.25, east: 0.25, west: 0.25 };
const contract = {
  name: "bench",
  baseline: {
    count: 4000,
    inputs: {
      x1: DECILES,
      x2: DECILES,
      x3: DECILES,
      x4: DECILES,
      x5: DECILES,
      color: { frequencies: COLORS },
      region: { frequencies: REGIONS },
    },
    outputs: { score: DECILES },
  },
};
const colorNames = Object.keys(COLORS);
const regionNames = Object.keys(REGIONS);
function makeRow(uniform, normal, shift = 0) {
  const c = uniform();
  return {
    inputs: {
      x1: normal(shift),
      x2: normal(),
      x3: normal(),
      x4: normal(),
      x5: normal(),
      color: colorNames[c < 0.5 ? 0 : c < 0.8 ? 1 : c < 0.95 ? 2 : 3],
      region: regionNames[Math.floor(uniform() * 4)],
    },
    outputs: { score: normal() },
  };
}

const fmt = (n, d = 0) => n.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d });

// 1. Throughput -----------------------------------------------------------------------------------
{
  const uniform = mulberry32(1);
  const normal = normalGenerator(uniform);
  const rows = Array.from({ length: 100_000 }, () => makeRow(uniform, normal));
  const total = 2_000_000;
  for (const [label, window] of [
    ["count window 1,000", { kind: "count", size: 1000 }],
    ["time window 60 s (clock advancing 1 ms per observation)", { kind: "time", duration_ms: 60_000 }],
  ]) {
    let now = 0;
    const monitor = DriftMonitor.fromContract(contract, { window, clock: () => now });
    for (let i = 0; i < 50_000; i += 1)
      monitor.observe(rows[i % rows.length].inputs, rows[i % rows.length].outputs);
    let reports = 0;
    const start = performance.now();
    for (let i = 0; i < total; i += 1) {
      const row = rows[i % rows.length];
      now += 1;
      if (monitor.observe(row.inputs, row.outputs)) reports += 1;
    }
    const ms = performance.now() - start;
    console.log(
      `drift throughput, 7 inputs + 1 output, ${label}: ${fmt((total / ms) * 1000)} observations/s ` +
        `(${fmt((ms * 1e6) / total)} ns each, ${reports} windows evaluated)`,
    );
  }
}

// 1b. The same rows counted column by column in batches of 32 (the runtime's path: observeColumns reads
// the request's tensors in place): Float32Array columns for the numbers, arrays of names for categories.
{
  const uniform = mulberry32(2);
  const normal = normalGenerator(uniform);
  const batchRows = 32;
  const batches = Array.from({ length: 2000 }, () => {
    const rows = Array.from({ length: batchRows }, () => makeRow(uniform, normal));
    const column = (values) => ({ data: values, offset: 0, step: 1 });
    const numbers = (get) => column(Float32Array.from(rows, get));
    return {
      inputs: {
        x1: numbers((r) => r.inputs.x1),
        x2: numbers((r) => r.inputs.x2),
        x3: numbers((r) => r.inputs.x3),
        x4: numbers((r) => r.inputs.x4),
        x5: numbers((r) => r.inputs.x5),
        color: column(rows.map((r) => r.inputs.color)),
        region: column(rows.map((r) => r.inputs.region)),
      },
      outputs: { score: numbers((r) => r.outputs.score) },
    };
  });
  const monitor = DriftMonitor.fromContract(contract, { window: { kind: "count", size: 1000 } });
  for (let i = 0; i < 2000; i += 1) monitor.observeColumns(batches[i % batches.length], 0, 1, batchRows);
  const total = 100_000;
  let reports = 0;
  const start = performance.now();
  for (let i = 0; i < total; i += 1)
    reports += monitor.observeColumns(batches[i % batches.length], 0, 1, batchRows).length;
  const ms = performance.now() - start;
  const rows = total * batchRows;
  console.log(
    `drift throughput by column, batches of ${batchRows}, count window 1,000: ${fmt((rows / ms) * 1000)} rows/s ` +
      `(${fmt((ms * 1e6) / rows)} ns per row, ${reports} windows evaluated)`,
  );
}

// 2. Memory ---------------------------------------------------------------------------------------
{
  const probe = DriftMonitor.fromContract(contract, { window: { kind: "count", size: 1000 } });
  console.log(
    `state per feature (typed arrays + category names, the monitor's own count): ${probe.approxBytesPerFeature()} bytes`,
  );
  if (typeof globalThis.gc === "function") {
    const n = 2000;
    globalThis.gc();
    const before = process.memoryUsage().heapUsed;
    const keep = [];
    for (let i = 0; i < n; i += 1)
      keep.push(DriftMonitor.fromContract(contract, { window: { kind: "count", size: 1000 } }));
    globalThis.gc();
    const after = process.memoryUsage().heapUsed;
    const perMonitor = (after - before) / n;
    console.log(
      `heap per monitor (8 features) measured over ${n} monitors: ${fmt(perMonitor)} bytes → ${fmt(perMonitor / 8)} bytes per feature (incl. object overhead)`,
    );
    if (keep.length !== n) throw new Error("unreachable");
  } else console.log("(run with --expose-gc for the heap measurement)");
}

// 3. Detection time of a 0.5σ mean shift ------------------------------------------------------------
{
  for (const size of [100, 200, 500]) {
    const delays = [];
    for (let seed = 1; seed <= 50; seed += 1) {
      const uniform = mulberry32(1000 + seed);
      const normal = normalGenerator(uniform);
      const monitor = DriftMonitor.fromContract(contract, { window: { kind: "count", size } });
      const changeAt = 5 * size + Math.floor(uniform() * size);
      let delay = Infinity;
      for (let i = 1; i <= changeAt + 40 * size; i += 1) {
        const row = makeRow(uniform, normal, i > changeAt ? 0.5 : 0);
        const report = monitor.observe(row.inputs, row.outputs);
        if (report && i > changeAt && report.features.find((f) => f.feature === "x1").verdict === "drift") {
          delay = i - changeAt;
          break;
        }
      }
      delays.push(delay);
    }
    delays.sort((a, b) => a - b);
    const q = (p) => delays[Math.min(delays.length - 1, Math.floor(p * delays.length))];
    console.log(
      `0.5σ mean shift, window ${size}: samples to detect median ${q(0.5)}, p90 ${q(0.9)}, max ${delays.at(-1)}` +
        ` → at 100 req/s: ${fmt(q(0.5) / 100, 1)} s median, ${fmt(q(0.9) / 100, 1)} s p90, ${fmt(delays.at(-1) / 100, 1)} s max`,
    );
  }
}

// 4. SLO tracker -----------------------------------------------------------------------------------
{
  let now = Date.UTC(2026, 10, 1);
  const slo = {
    name: "bench",
    window: "30d",
    objectives: {
      availability: { target: 0.999 },
      error_rate: { max: 0.01 },
      latency: { quantile: 0.99, threshold_ms: 50, target: 0.99 },
    },
  };
  const tracker = new SloTracker(slo, { model: "bench", environment: "production", clock: () => now });
  const n = 2_000_000;
  const start = performance.now();
  for (let i = 0; i < n; i += 1) {
    now += 2; // 500 req/s of simulated time
    tracker.recordRequest({ status: i % 997 === 0 ? 503 : 200, duration_ms: i % 101 === 0 ? 80 : 12 });
  }
  const ms = performance.now() - start;
  const s0 = performance.now();
  let status;
  for (let i = 0; i < 100; i += 1) status = tracker.status();
  const statusMs = (performance.now() - s0) / 100;
  console.log(
    `SLO tracker: ${fmt((n / ms) * 1000)} requests/s recorded; status() over 3 objectives × 6 windows + 30d budget: ${fmt(statusMs, 2)} ms; ` +
      `counters ${fmt(tracker.byteLength())} bytes per model/environment; alerts firing at 1/997 5xx (≈1.0× burn): ` +
      status.alerts.map((a) => `${a.objective}:${a.severity}:${a.long_window}`).join(", "),
  );
}
