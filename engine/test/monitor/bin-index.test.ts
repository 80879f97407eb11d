import { describe, expect, it } from "vitest";
import { BinIndex, binarySearchBin } from "../../src/monitor/drift/bin-index.js";
import { createFeatureCounter } from "../../src/monitor/drift/feature-counter.js";
import { DriftMonitor, type ColumnBatch, type DriftReport } from "../../src/monitor/drift/monitor.js";
import { NORMAL_EDGES, SEVEN_FEATURES, drawRow } from "./fixtures.js";
import { seededRandom, type Random } from "./random.js";

/** Ascending edges of many shapes: uniform, quantile-like, clustered, tiny and huge spans, infinite ends. */
function randomEdges(random: Random): number[] {
  const n = 1 + Math.floor(random.uniform() * (random.uniform() < 0.2 ? 300 : 12));
  const shape = Math.floor(random.uniform() * 6);
  const start = (random.uniform() - 0.5) * 10 ** Math.floor(random.uniform() * 12 - 4);
  const edges = [start];
  for (let i = 0; i < n; i += 1) {
    const gap =
      shape === 0
        ? 1
        : shape === 1
          ? 10 ** (random.uniform() * 6 - 3) // wildly uneven
          : shape === 2
            ? Math.exp(random.normal(0, 2)) // skewed, like quantile edges of a long tail
            : shape === 3
              ? 1e-12 * (1 + random.uniform()) // a span near the resolution of doubles
              : shape === 4
                ? 1e150 * (1 + random.uniform()) // a span near the top of the range
                : 0.1 + random.uniform();
    const next = edges[i]! + gap;
    edges.push(next > edges[i]! ? next : nextUp(edges[i]!));
  }
  if (random.uniform() < 0.1) edges[0] = -Infinity;
  if (random.uniform() < 0.1) edges[edges.length - 1] = Infinity;
  return edges;
}

function nextUp(x: number): number {
  const f = new Float64Array([x]);
  const u = new BigInt64Array(f.buffer);
  u[0] = x >= 0 ? u[0]! + 1n : u[0]! - 1n;
  return x === 0 ? Number.MIN_VALUE : f[0]!;
}
function nextDown(x: number): number {
  return -nextUp(-x);
}

/** Values that stress the boundaries: each edge and its neighbours, midpoints, far out, NaN, ±Infinity. */
function probeValues(edges: readonly number[], random: Random): number[] {
  const values = [Number.NaN, Infinity, -Infinity, 0, -0, Number.MAX_VALUE, -Number.MAX_VALUE];
  for (const e of edges) {
    if (!Number.isFinite(e)) continue;
    values.push(e, nextUp(e), nextDown(e), e * (1 + 1e-15), e - Math.abs(e) - 1, e + Math.abs(e) + 1);
  }
  const finite = edges.filter(Number.isFinite);
  const lo = finite[0] ?? -1;
  const hi = finite[finite.length - 1] ?? 1;
  for (let i = 0; i < 200; i += 1) values.push(lo + (hi - lo) * (random.uniform() * 1.2 - 0.1));
  return values;
}

describe("BinIndex", () => {
  it("gives binary search's answer for random edges and boundary values (2,000 edge sets)", () => {
    const random = seededRandom(7);
    let checked = 0;
    for (let trial = 0; trial < 2000; trial += 1) {
      const edges = randomEdges(random);
      const index = new BinIndex(edges);
      for (const x of probeValues(edges, random)) {
        const expected = binarySearchBin(edges, x);
        const got = index.locate(x);
        if (!Object.is(got, expected)) expect({ edges, x, got }).toEqual({ edges, x, got: expected });
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(500_000);
  });

  it("puts the last edge in the last bin and overflows in -1 / bins", () => {
    const index = new BinIndex([0, 1, 2, 3]);
    expect([-0.1, 0, 0.5, 1, 2.999, 3, 3.0001, Number.NaN].map((x) => index.locate(x))).toEqual([
      -1,
      0,
      0,
      1,
      2,
      2,
      3,
      Number.NaN,
    ]);
    expect(new BinIndex(NORMAL_EDGES).locate(NORMAL_EDGES[5]!)).toBe(5);
  });
});

describe("column-wise counting", () => {
  it("a counter counts a strided column as it counts each value", () => {
    const random = seededRandom(11);
    for (let trial = 0; trial < 300; trial += 1) {
      const edges = randomEdges(random);
      const values = probeValues(edges, random);
      const width = 1 + Math.floor(random.uniform() * 3);
      const column = Math.floor(random.uniform() * width);
      const rows = Math.floor(values.length / width);
      const data = random.uniform() < 0.5 ? Float64Array.from(values) : Float32Array.from(values);
      const proportions = Array<number>(edges.length - 1).fill(1 / (edges.length - 1));
      const byValue = createFeatureCounter({ edges, proportions });
      const byColumn = createFeatureCounter({ edges, proportions });
      // Two rows past the end too: those read undefined, missing as `cell` reads them.
      for (let r = 0; r < rows + 2; r += 1) byValue.observe(data[r * width + column]);
      byColumn.observeColumn(data, column, width, rows + 2);
      expect(byValue.missing()).toBeGreaterThanOrEqual(2);
      expect([...byColumn.counts(), byColumn.outside(), byColumn.missing()]).toEqual([
        ...byValue.counts(),
        byValue.outside(),
        byValue.missing(),
      ]);
    }
  });

  it("categorical and non-number columns count as `observe` does (strings, bigints, nulls)", () => {
    const categories = createFeatureCounter({ frequencies: { "1": 0.5, red: 0.5 } });
    const reference = createFeatureCounter({ frequencies: { "1": 0.5, red: 0.5 } });
    const data = ["red", "1", "blue", "red", "nope"];
    categories.observeColumn(data, 0, 1, 5);
    for (const v of data) reference.observe(v);
    categories.observeColumn(BigInt64Array.of(1n, 2n), 0, 1, 2);
    reference.observe(1);
    reference.observe(2);
    expect([...categories.counts(), categories.outside()]).toEqual([
      ...reference.counts(),
      reference.outside(),
    ]);
    expect(categories.unseenExamples()).toEqual(["blue", "nope", "2"]);

    const numbers = createFeatureCounter({ edges: [0, 1, 2], proportions: [0.5, 0.5] });
    numbers.observeColumn([0.5, "x", null, 1.5, 7n], 0, 1, 5);
    expect([...numbers.counts(), numbers.outside(), numbers.missing()]).toEqual([1, 1, 1, 2]);
  });

  it("DriftMonitor.observeColumns reports what observe reports row by row, across count windows", () => {
    const random = seededRandom(3);
    const options = { window: { kind: "count", size: 150 } as const, clock: () => 1_000 };
    const byRow = DriftMonitor.fromContract(SEVEN_FEATURES, options);
    const byColumn = DriftMonitor.fromContract(SEVEN_FEATURES, options);
    const rowReports: DriftReport[] = [];
    const columnReports: DriftReport[] = [];
    for (let batch = 0; batch < 60; batch += 1) {
      const rows = Array.from({ length: 1 + Math.floor(random.uniform() * 40) }, () =>
        drawRow(random, batch > 30 ? { mean: 0.5 } : {}),
      );
      // Every other row of the batch, as stride sampling reads it.
      const every = batch % 3 === 0 ? 2 : 1;
      const picked = rows.filter((_, i) => i % every === 0);
      for (const row of picked) {
        const report = byRow.observe(row.inputs, row.outputs);
        if (report) rowReports.push(report);
      }
      const column = (get: (r: (typeof rows)[number]) => unknown, typed: boolean) => ({
        data: typed ? Float64Array.from(rows, (r) => get(r) as number) : rows.map(get),
        offset: 0,
        step: 1,
      });
      const columns: ColumnBatch = {
        inputs: Object.fromEntries(
          Object.keys(rows[0]!.inputs).map((name) => [
            name,
            column((r) => r.inputs[name], typeof rows[0]!.inputs[name] === "number"),
          ]),
        ),
        outputs: { score: column((r) => r.outputs.score, false) },
      };
      columnReports.push(...byColumn.observeColumns(columns, 0, every, picked.length));
    }
    expect(columnReports.length).toBeGreaterThan(5);
    expect(columnReports).toEqual(rowReports);
  });
});
