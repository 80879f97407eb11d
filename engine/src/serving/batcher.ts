import { allocate, elementCount, type NumericData, type TensorData, type WireTensor } from "./tensors.js";
import type { BatchingSettings } from "./types.js";

type Run = (feeds: Record<string, WireTensor>) => Promise<Record<string, WireTensor>>;

interface Item {
  feeds: Record<string, WireTensor>;
  rows: number;
  resolve(outputs: Record<string, WireTensor>): void;
  reject(error: unknown): void;
}

/**
 * Dynamic batching for one model version. Requests that arrive in the same turn of the event loop leave
 * together at the end of that turn (no timer, so no added latency at low load). While `concurrency`
 * runs of this version are already in flight, requests keep queueing until a run finishes or
 * `maxBatchSize` rows are queued — or, when `maxQueueDelayMs` is set, that long has passed. Queued
 * requests are concatenated along the first (batch) dimension into one run, and the outputs are split
 * back by rows. Requests whose inner dimensions differ, or outputs without a batch dimension, fall back
 * to one run per request. When a merged run fails and `retryAlone` says the error may belong to one
 * request (ONNX Runtime rejected the inputs, not a dead worker), every request runs again on its own,
 * so that one bad request does not fail the others it was merged with.
 */
export class Batcher {
  private queue: Item[] = [];
  private queuedRows = 0;
  private timer: NodeJS.Timeout | undefined;
  private running = 0;
  private immediate: NodeJS.Immediate | undefined;

  constructor(
    private readonly runner: Run,
    private readonly settings: BatchingSettings,
    private readonly onRun: (rows: number) => void = () => {},
    /** Runs allowed in flight before requests start to queue (the worker count). */
    private readonly concurrency = 1,
    private readonly retryAlone: (error: unknown) => boolean = () => true,
  ) {}

  private readonly settle = (): void => {
    this.running -= 1;
    if (this.queue.length > 0 && this.running < this.concurrency) this.flush();
  };

  private run(feeds: Record<string, WireTensor>): Promise<Record<string, WireTensor>> {
    this.running += 1;
    // then(ok, fail) rather than finally(): one promise fewer per run on the request path.
    return this.runner(feeds).then(
      (outputs) => {
        this.settle();
        return outputs;
      },
      (error: unknown) => {
        this.settle();
        throw error;
      },
    );
  }

  get depth(): number {
    return this.queue.length;
  }

  submit(feeds: Record<string, WireTensor>, rows: number): Promise<Record<string, WireTensor>> {
    if (rows >= this.settings.maxBatchSize) {
      this.onRun(rows);
      return this.run(feeds);
    }
    return new Promise((resolve, reject) => {
      if (this.queue.length > 0 && this.queuedRows + rows > this.settings.maxBatchSize) this.flush();
      this.queue.push({ feeds, rows, resolve, reject });
      this.queuedRows += rows;
      if (this.queuedRows >= this.settings.maxBatchSize) this.flush();
      else if (this.running < this.concurrency) {
        if (!this.immediate) this.immediate = setImmediate(() => this.flush());
      } else if (this.settings.maxQueueDelayMs !== undefined) {
        this.timer ??= setTimeout(() => this.flush(), this.settings.maxQueueDelayMs);
      }
    });
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
    const items = this.queue;
    const rows = this.queuedRows;
    this.queue = [];
    this.queuedRows = 0;
    if (items.length === 0) return;
    if (items.length === 1 || !compatible(items)) {
      for (const item of items) this.runOne(item);
      return;
    }
    let merged: Record<string, WireTensor>;
    try {
      merged = concat(items, rows);
    } catch (error) {
      for (const item of items) item.reject(error);
      return;
    }
    this.onRun(rows);
    this.run(merged).then(
      (outputs) => {
        const parts = split(outputs, items, rows);
        if (!parts) {
          // An output without a per-row first dimension cannot be split: run each request alone.
          for (const item of items) this.runOne(item);
          return;
        }
        items.forEach((item, i) => item.resolve(parts[i]!));
      },
      (error: unknown) => {
        if (this.retryAlone(error)) for (const item of items) this.runOne(item);
        else for (const item of items) item.reject(error);
      },
    );
  }

  private runOne(item: Item): void {
    this.onRun(item.rows);
    this.run(item.feeds).then(item.resolve, item.reject);
  }
}

function compatible(items: Item[]): boolean {
  const first = items[0]!.feeds;
  const names = Object.keys(first);
  for (const item of items) {
    for (const name of names) {
      const a = first[name]!;
      const b = item.feeds[name];
      if (!b || b.datatype !== a.datatype || b.dims.length !== a.dims.length || a.dims.length === 0)
        return false;
      for (let d = 1; d < a.dims.length; d++) if (a.dims[d] !== b.dims[d]) return false;
    }
  }
  return true;
}

function concat(items: Item[], rows: number): Record<string, WireTensor> {
  const out: Record<string, WireTensor> = {};
  for (const name of Object.keys(items[0]!.feeds)) {
    const first = items[0]!.feeds[name]!;
    const dims = [rows, ...first.dims.slice(1)];
    const data = allocate(first.datatype, elementCount(dims));
    let offset = 0;
    for (const item of items) {
      const part = item.feeds[name]!.data;
      if (Array.isArray(data)) {
        for (let i = 0; i < part.length; i++) data[offset + i] = (part as string[])[i]!;
      } else {
        (data as Float64Array).set(part as Float64Array, offset);
      }
      offset += part.length;
    }
    out[name] = { datatype: first.datatype, dims, data };
  }
  return out;
}

function split(
  outputs: Record<string, WireTensor>,
  items: Item[],
  rows: number,
): Record<string, WireTensor>[] | undefined {
  const parts: Record<string, WireTensor>[] = items.map(() => ({}));
  for (const name of Object.keys(outputs)) {
    const t = outputs[name]!;
    if (t.dims.length === 0 || t.dims[0] !== rows) return undefined;
    const rowSize = elementCount(t.dims.slice(1));
    let row = 0;
    items.forEach((item, i) => {
      const start = row * rowSize;
      const end = (row + item.rows) * rowSize;
      const data: TensorData = Array.isArray(t.data)
        ? t.data.slice(start, end)
        : (t.data as NumericData).subarray(start, end); // a view: the run's buffer is not reused
      parts[i]![name] = { datatype: t.datatype, dims: [item.rows, ...t.dims.slice(1)], data };
      row += item.rows;
    });
  }
  return parts;
}
