import { describe, expect, test } from "vitest";
import { Batcher } from "../../src/serving/batcher.js";
import type { WireTensor } from "../../src/serving/tensors.js";

// The batcher on its own, with a runner that doubles `x` row by row and that the test controls: when a
// run starts, how long it takes, and which inputs make it fail (as ONNX Runtime would for a bad value).

type Feeds = Record<string, WireTensor>;
const feeds = (...values: number[]): Feeds => ({
  x: { datatype: "FP32", dims: [values.length, 1], data: Float32Array.from(values) },
});
const values = (out: Feeds): number[] => [...(out.y!.data as Float32Array)];

class Runner {
  readonly runs: number[][] = [];
  private releases: (() => void)[] = [];
  hold = false;
  failOn: number | undefined;
  error: (value: number) => unknown = (v) => new Error(`cannot score ${v}`);
  readonly run = (input: Feeds): Promise<Feeds> => {
    const xs = [...(input.x!.data as Float32Array)];
    this.runs.push(xs);
    const answer = (): Feeds => {
      if (this.failOn !== undefined && xs.includes(this.failOn)) throw this.error(this.failOn);
      return { y: { datatype: "FP32", dims: [xs.length, 1], data: Float32Array.from(xs, (v) => v * 2) } };
    };
    if (!this.hold) return Promise.resolve().then(answer);
    return new Promise<void>((resolve) => this.releases.push(resolve)).then(answer);
  };
  /** Lets the oldest held run finish. */
  release(): void {
    this.releases.shift()?.();
  }
}
const tick = (ms = 0): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe("Batcher", () => {
  test("requests of one event-loop turn leave as one run and get their own rows back", async () => {
    const runner = new Runner();
    const batcher = new Batcher(runner.run, { maxBatchSize: 32 });
    const outs = await Promise.all([batcher.submit(feeds(1), 1), batcher.submit(feeds(2, 3), 2)]);
    expect(runner.runs).toEqual([[1, 2, 3]]);
    expect(outs.map(values)).toEqual([[2], [4, 6]]);
    expect(outs[1]!.y!.dims).toEqual([2, 1]);
  });

  test("without max_queue_delay_ms, requests queued behind a busy run wait for it, however long it takes", async () => {
    const runner = new Runner();
    runner.hold = true;
    const batcher = new Batcher(runner.run, { maxBatchSize: 32 });
    const first = batcher.submit(feeds(1), 1);
    await tick(); // the first run leaves at the end of its turn
    expect(runner.runs).toEqual([[1]]);
    const later = [2, 3, 4].map((v) => batcher.submit(feeds(v), 1));
    await tick(30);
    expect(runner.runs).toEqual([[1]]); // still queued: no timer sends them early
    expect(batcher.depth).toBe(3);
    runner.release();
    await first;
    await tick();
    expect(runner.runs).toEqual([[1], [2, 3, 4]]);
    runner.release();
    expect((await Promise.all(later)).map(values)).toEqual([[4], [6], [8]]);
  });

  test("with max_queue_delay_ms, queued requests leave after the delay even while a run is in flight", async () => {
    const runner = new Runner();
    runner.hold = true;
    const batcher = new Batcher(runner.run, { maxBatchSize: 32, maxQueueDelayMs: 5 });
    const first = batcher.submit(feeds(1), 1);
    await tick();
    const later = [batcher.submit(feeds(2), 1), batcher.submit(feeds(3), 1)];
    await tick(40);
    expect(runner.runs).toEqual([[1], [2, 3]]);
    runner.release();
    runner.release();
    expect(values(await first)).toEqual([2]);
    expect((await Promise.all(later)).map(values)).toEqual([[4], [6]]);
  });

  test("a full batch leaves at once, and no run exceeds max_batch_size rows", async () => {
    const runner = new Runner();
    runner.hold = true;
    const batcher = new Batcher(runner.run, { maxBatchSize: 3 });
    const first = batcher.submit(feeds(0), 1);
    await tick();
    const queued = [1, 2, 3, 4, 5].map((v) => batcher.submit(feeds(v), 1));
    // three rows fill a batch, which leaves although the first run is still in flight
    expect(runner.runs).toEqual([[0], [1, 2, 3]]);
    runner.release();
    runner.release();
    await first;
    await tick();
    expect(runner.runs).toEqual([[0], [1, 2, 3], [4, 5]]);
    runner.release();
    expect((await Promise.all(queued)).map(values)).toEqual([[2], [4], [6], [8], [10]]);
  });

  test("when a merged run fails, each request runs alone: only the bad one fails", async () => {
    const runner = new Runner();
    runner.failOn = 13;
    const seen: number[] = [];
    const batcher = new Batcher(runner.run, { maxBatchSize: 32 }, (rows) => seen.push(rows));
    const results = await Promise.allSettled([1, 13, 3].map((v) => batcher.submit(feeds(v), 1)));
    expect(runner.runs).toEqual([[1, 13, 3], [1], [13], [3]]);
    expect(seen).toEqual([3, 1, 1, 1]);
    expect(results[0]).toEqual({ status: "fulfilled", value: expect.anything() });
    expect(values((results[0] as PromiseFulfilledResult<Feeds>).value)).toEqual([2]);
    expect(results[1]).toMatchObject({ status: "rejected", reason: { message: "cannot score 13" } });
    expect(values((results[2] as PromiseFulfilledResult<Feeds>).value)).toEqual([6]);
  });

  test("an error that is nobody's fault in particular fails the whole batch without retries", async () => {
    const runner = new Runner();
    runner.failOn = 2;
    runner.error = () => new Error("worker is gone");
    const batcher = new Batcher(
      runner.run,
      { maxBatchSize: 32 },
      () => {},
      1,
      (error) => (error as Error).message !== "worker is gone",
    );
    const results = await Promise.allSettled([1, 2].map((v) => batcher.submit(feeds(v), 1)));
    expect(runner.runs).toEqual([[1, 2]]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
  });

  test("requests whose inner dimensions differ run one by one", async () => {
    const runner = new Runner();
    const batcher = new Batcher(runner.run, { maxBatchSize: 32 });
    const wide: Feeds = { x: { datatype: "FP32", dims: [1, 2], data: Float32Array.from([5, 6]) } };
    const outs = await Promise.all([batcher.submit(feeds(1), 1), batcher.submit(wide, 1)]);
    expect(runner.runs).toEqual([[1], [5, 6]]);
    expect(outs.map(values)).toEqual([[2], [10, 12]]);
  });
});
