import type { ReconcileResult } from "../reconcile/reconciler.js";

export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });

export interface SchedulerOptions {
  /** One reconcile pass; must not throw (the reconciler reports failures in its result). */
  pass: () => Promise<ReconcileResult>;
  /** Time between passes when all is well (the poll interval). */
  intervalMs: number | (() => number);
  /** First retry delay after a transient failure (doubles per attempt, capped at `maxBackoffMs`). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Waits `ms` or until the signal aborts (a wake-up); injected so tests do not wait. */
  sleep?: Sleep;
  random?: () => number;
  onError?: (error: unknown) => void;
}

/**
 * Runs reconcile passes one at a time: at the poll interval, at once when woken (a push webhook), and after
 * a transient failure with exponential backoff and jitter. Wake-ups during a pass coalesce into one more
 * pass; a pass never starts from the event that woke it.
 */
export class ReconcileScheduler {
  private stopped = true;
  private loop: Promise<void> | undefined;
  private wakeController = new AbortController();
  private wakeRequested = false;
  private attempt = 0;
  private waiting: ((result: ReconcileResult) => void)[] = [];
  private passes = 0;
  private lastResult: ReconcileResult | undefined;
  private readonly sleep: Sleep;
  private readonly random: () => number;

  constructor(private readonly options: SchedulerOptions) {
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
  }

  get passCount(): number {
    return this.passes;
  }

  get last(): ReconcileResult | undefined {
    return this.lastResult;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = this.run();
  }

  /** Asks for a pass as soon as the current one (if any) ends; many calls make one pass. */
  wake(): void {
    this.wakeRequested = true;
    this.wakeController.abort();
  }

  /** Wakes the loop and resolves with the result of the next pass that starts after this call. */
  reconcileNow(): Promise<ReconcileResult> {
    const result = new Promise<ReconcileResult>((resolve) => this.waiting.push(resolve));
    this.wake();
    return result;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wakeController.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      this.wakeRequested = false;
      this.wakeController = new AbortController();
      const waiters = this.waiting;
      this.waiting = [];
      let result: ReconcileResult;
      try {
        result = await this.options.pass();
      } catch (error) {
        this.options.onError?.(error);
        result = { environment: "", outcome: "failed", steps: [], durationMs: 0 };
      }
      this.passes += 1;
      this.lastResult = result;
      for (const resolve of waiters) resolve(result);
      if (this.stopped) break;
      const retry =
        result.outcome === "failed" && (result.failure === undefined || result.failure.kind === "transient");
      const delay = retry ? this.backoff() : this.interval();
      if (!retry) this.attempt = 0;
      if (!this.wakeRequested) await this.sleep(delay, this.wakeController.signal);
    }
    for (const resolve of this.waiting)
      resolve(this.lastResult ?? { environment: "", outcome: "waiting", steps: [], durationMs: 0 });
    this.waiting = [];
  }

  private interval(): number {
    return typeof this.options.intervalMs === "function"
      ? this.options.intervalMs()
      : this.options.intervalMs;
  }

  /** Exponential backoff with "equal jitter": half fixed, half random, so many engines do not retry in step. */
  private backoff(): number {
    const base = this.options.backoffMs ?? 1000;
    const max = this.options.maxBackoffMs ?? 5 * 60_000;
    const ceiling = Math.min(max, base * 2 ** this.attempt);
    this.attempt += 1;
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }
}
