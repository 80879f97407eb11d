import { readFile } from "node:fs/promises";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DriftMonitor, type DriftReport } from "../../src/monitor/drift/monitor.js";
import {
  initialIssueState,
  stepIssueLifecycle,
  type IssueAction,
  type IssueLifecycleOptions,
  type IssueObservation,
} from "../../src/monitor/issues/lifecycle.js";
import { readIssueMarker, renderDriftIssue } from "../../src/monitor/issues/render.js";
import { packageRoot } from "../../src/shared/project-paths.js";
import { drawRow, SEVEN_FEATURES } from "./fixtures.js";
import { seededRandom } from "./random.js";

function reports(windows: number, shiftFrom: number): DriftReport[] {
  const rng = seededRandom(21);
  const monitor = DriftMonitor.fromContract(SEVEN_FEATURES, { window: { kind: "count", size: 200 } });
  const out: DriftReport[] = [];
  while (out.length < windows) {
    const shifted = out.length >= shiftFrom;
    const row = drawRow(rng, shifted ? { mean: 1, newCategory: 0.1 } : {});
    const r = monitor.observe(row.inputs, row.outputs);
    if (r) out.push(r);
  }
  return out;
}

describe("drift issue body", () => {
  const history = reports(6, 3);
  const latest = history.at(-1)!;
  const issueInput = () => ({
    environment: "production",
    model: "stockout-risk",
    version: "1.1.0",
    report: latest,
    history,
  });
  const issue = renderDriftIssue(issueInput());

  it("carries the fingerprint marker and forge fields", () => {
    expect(issue.fingerprint).toBe("production/stockout-risk/1.1.0/drift");
    expect(issue.body).toContain("<!-- modelgate:issue production/stockout-risk/1.1.0/drift -->");
    expect(readIssueMarker(issue.body)).toBe(issue.fingerprint);
    expect(issue.labels).toEqual([
      "modelgate",
      "drift",
      `severity:${latest.status}`,
      "model:stockout-risk",
      "env:production",
    ]);
    expect(issue.title).toContain("stockout-risk 1.1.0 in production");
  });

  it("says when drift read only a sample of the served rows", () => {
    expect(issue.body).not.toContain("sampled under load");
    const sampled = renderDriftIssue({ ...issueInput(), sampled_every: 25 });
    expect(sampled.body).toContain(
      `${latest.window.observations} observations (sampled under load: 1 in 25 served rows read)`,
    );
  });

  it("has one table row per feature with PSI, corrected p-value, shares and verdict, drifted first", () => {
    const rows = issue.body.split("\n").filter((l) => l.startsWith("| `"));
    expect(rows).toHaveLength(8);
    expect(rows[0]).toMatch(/^\| `(x1|color)` \| input \| \d+\.\d{3} \| [\d.e-]+ \| .* \| 🔴 drift \|$/);
    const color = rows.find((r) => r.startsWith("| `color`"))!;
    expect(color).toContain("| — |"); // no out-of-range share for a categorical feature
    expect(color).toMatch(/\| (9|1[01])\.\d% \|/); // ~10% unseen
    expect(issue.body).toContain("unseen: `purple`");
  });

  it("charts PSI over the windows with the alert threshold", () => {
    const chart = issue.body.slice(issue.body.indexOf("```mermaid"), issue.body.lastIndexOf("```") + 3);
    expect(chart).toContain("xychart-beta");
    expect(chart).toContain('x-axis ["#0", "#1", "#2", "#3", "#4", "#5"]');
    const lines = chart.split("\n").filter((l) => l.trim().startsWith("line ["));
    expect(lines).toHaveLength(5); // 4 features + threshold
    expect(lines.at(-1)).toBe("  line [0.2, 0.2, 0.2, 0.2, 0.2, 0.2]");
    const x1 = lines[0]!
      .match(/\[(.*)\]/)![1]!
      .split(", ")
      .map(Number);
    expect(x1.slice(0, 3).every((v) => v < 0.2)).toBe(true);
    expect(x1.slice(3).every((v) => v > 0.5)).toBe(true);
  });

  it("renders exactly the example shown in docs/monitoring.md", async () => {
    // Regenerate the example in the docs with this setup if the renderer changes.
    let t = Date.UTC(2026, 10, 23, 13, 0, 0);
    const rng = seededRandom(21);
    const monitor = DriftMonitor.fromContract(SEVEN_FEATURES, {
      window: { kind: "time", duration_ms: 300_000 },
      clock: () => t,
    });
    const windows: DriftReport[] = [];
    while (windows.length < 8) {
      t += 1500;
      const row = drawRow(rng, windows.length >= 4 ? { mean: 1, newCategory: 0.1 } : {});
      const r = monitor.observe(row.inputs, row.outputs);
      if (r) windows.push(r);
    }
    const example = renderDriftIssue({
      environment: "production",
      model: "stockout-risk",
      version: "1.1.0",
      report: windows.at(-1)!,
      history: windows,
    });
    const docs = await readFile(join(packageRoot(), "docs", "monitoring.md"), "utf8");
    expect(docs).toContain(example.body);
    expect(docs).toContain(example.title);
  });
});

function run(observations: IssueObservation[], options: Partial<IssueLifecycleOptions> = {}) {
  let state = initialIssueState();
  const log: { i: number; action: IssueAction }[] = [];
  observations.forEach((o, i) => {
    const step = stepIssueLifecycle(state, o, options);
    state = step.state;
    for (const action of step.actions) log.push({ i, action });
  });
  return { state, log, types: log.map((l) => l.action.type) };
}

describe("issue lifecycle", () => {
  it("opens after K breaching windows, updates, escalates, closes after M healthy windows", () => {
    const seq: IssueObservation[] = [
      "alert",
      "ok",
      "alert",
      "alert",
      "alert",
      "critical",
      "alert",
      "ok",
      "ok",
      "ok",
    ];
    const { log, state } = run(seq, { open_after: 2, close_after: 3 });
    expect(log.map((l) => `${l.i}:${l.action.type}`)).toEqual([
      "3:open",
      "4:update",
      "5:comment",
      "5:update",
      "6:update",
      "7:update",
      "8:update",
      "9:close",
    ]);
    expect(log.find((l) => l.action.type === "comment")?.action).toMatchObject({
      from: "alert",
      to: "critical",
    });
    expect(state.open).toBe(false);
  });

  it("does not open on warnings or lose its streaks on windows with too few samples", () => {
    expect(run(["warning", "warning", "warning"]).types).toEqual([]);
    expect(run(["alert", "insufficient", "alert"]).types).toEqual(["open"]);
    expect(run(["alert", "alert", "ok", "insufficient", "ok", "ok"]).types).toEqual([
      "open",
      "update",
      "update",
      "close",
    ]);
  });

  it("never flaps on alternating windows", () => {
    const alternating = Array.from(
      { length: 100 },
      (_, i) => (i % 2 === 0 ? "alert" : "ok") as IssueObservation,
    );
    expect(run(alternating).types).toEqual([]);
    // Once open, alternating windows never close it.
    const { types } = run(["critical", "critical", ...alternating]);
    expect(types.filter((t) => t === "open")).toHaveLength(1);
    expect(types).not.toContain("close");
  });

  const observation = fc.constantFrom<IssueObservation>("ok", "warning", "alert", "critical", "insufficient");
  it("property: opens and closes alternate, each after K breaching / M healthy windows in a row", () => {
    fc.assert(
      fc.property(
        fc.array(observation, { maxLength: 200 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        (seq, K, M) => {
          const { log } = run(seq, { open_after: K, close_after: M });
          const decisive = seq.map((o, i) => ({ o, i })).filter((x) => x.o !== "insufficient");
          let open = false;
          for (const { i, action } of log) {
            if (action.type === "open" || action.type === "close") {
              expect(action.type === "open").toBe(!open);
              open = !open;
              const upTo = decisive.filter((x) => x.i <= i);
              const last = upTo.slice(action.type === "open" ? -K : -M).map((x) => x.o);
              const breach = (o: IssueObservation) => o === "alert" || o === "critical";
              expect(last).toHaveLength(action.type === "open" ? K : M);
              expect(last.every((o) => (action.type === "open" ? breach(o) : !breach(o)))).toBe(true);
            }
            if (action.type === "update" || action.type === "comment") expect(open).toBe(true);
          }
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });

  it("property: escalation comments only when severity rises above the highest since opening", () => {
    fc.assert(
      fc.property(fc.array(observation, { maxLength: 100 }), (seq) => {
        const { log } = run(seq);
        let highest = -1;
        const rank = { ok: 0, warning: 1, alert: 2, critical: 3 } as const;
        for (const { action } of log) {
          if (action.type === "open") highest = rank[action.severity];
          if (action.type === "comment") {
            expect(rank[action.to]).toBeGreaterThan(highest);
            highest = rank[action.to];
          }
        }
      }),
      { numRuns: 300, seed: 8 },
    );
  });
});
