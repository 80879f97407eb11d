import { describe, expect, it } from "vitest";
import { ReconcileError } from "../../src/reconcile/errors.js";
import type { ReconcileResult } from "../../src/reconcile/reconciler.js";
import { ReconcileScheduler, type Sleep } from "../../src/daemon/scheduler.js";

const ok: ReconcileResult = { environment: "e", outcome: "unchanged", steps: [], durationMs: 0 };

describe("ReconcileScheduler", () => {
  it("runs one pass at a time, coalesces wake-ups, and backs off with jitter after transient failures only", async () => {
    const sleeps: number[] = [];
    let release: (() => void) | undefined;
    const sleep: Sleep = (ms, signal) => {
      sleeps.push(ms);
      return new Promise((resolve) => {
        release = resolve;
        signal.addEventListener("abort", () => resolve(), { once: true });
      });
    };
    let running = 0;
    let maxRunning = 0;
    const results: ReconcileResult[] = [
      { ...ok, outcome: "failed", failure: new ReconcileError("transient", "GitFetchFailed", "x") },
      { ...ok, outcome: "failed", failure: new ReconcileError("transient", "GitFetchFailed", "x") },
      { ...ok, outcome: "failed", failure: new ReconcileError("stalled", "InvalidRegistry", "x") },
      ok,
    ];
    let passes = 0;
    let gate: Promise<void> = Promise.resolve();
    const scheduler = new ReconcileScheduler({
      intervalMs: 5000,
      backoffMs: 1000,
      random: () => 0.5,
      sleep,
      pass: async () => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        await gate;
        running -= 1;
        return results[passes++] ?? ok;
      },
    });
    scheduler.start();
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 5));
      release?.();
    }
    await new Promise((r) => setTimeout(r, 5));
    expect(sleeps).toEqual([750, 1500, 5000, 5000]); // 1 s and 2 s ceilings with equal jitter; a stalled failure waits the interval

    let open!: () => void;
    gate = new Promise((r) => (open = r));
    const before = scheduler.passCount;
    const waited = scheduler.reconcileNow();
    await new Promise((r) => setTimeout(r, 5));
    for (let i = 0; i < 5; i++) scheduler.wake(); // during a pass: coalesced into one more pass
    open();
    await waited;
    gate = Promise.resolve();
    await new Promise((r) => setTimeout(r, 20));
    expect(scheduler.passCount - before).toBe(2);
    expect(maxRunning).toBe(1);
    await scheduler.stop();
  });
});
