import { appendFile, mkdir, open, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { writeFileAtomic } from "../shared/atomic-write.js";
import type { PlanStep } from "./plan.js";
import type { DesiredEnvironment } from "./ports.js";
import type { EnvironmentStatus } from "./status.js";

/** What the engine remembers about one environment across restarts (written atomically). */
export interface EnvironmentRecord {
  /** The last commit applied, with its full desired state, so a restart can serve it again before Git answers. */
  applied?: { revision: string; desired: DesiredEnvironment; appliedAt: string };
  /** The newest commit that failed, and why; a stalled one is not retried until a newer commit lands. */
  failed?: { revision: string; kind: string; reason: string; message: string; at: string };
  /** Fingerprints of issues opened and not yet closed. */
  openIssues?: string[];
  /** An emergency change applied outside Git (`rollback --now`): drift is reported, not healed, while main stays at `revision`. */
  hold?: { revision: string; reason: string; since: string; desired: DesiredEnvironment };
}

export interface HistoryEntry {
  at: string;
  environment: string;
  /** `deploy` for a new commit, `self-heal` when live drift was undone, `emergency` for `rollback --now`. */
  kind: "deploy" | "self-heal" | "emergency";
  revision: string;
  previousRevision?: string;
  subject?: string;
  author?: string;
  pullRequest?: number;
  approvedBy?: string[];
  durationMs: number;
  steps: PlanStep[];
}

/**
 * Files of one environment under the state folder:
 * `<state>/environments/<env>/record.json`, `<state>/environments/<env>/status.json`, and the shared
 * append-only `<state>/history.jsonl`.
 */
export class EnvironmentStore {
  /** Status writes done by this instance (tests assert a no-op reconcile writes nothing). */
  statusWrites = 0;
  historyWrites = 0;
  recordWrites = 0;

  constructor(
    readonly stateDir: string,
    readonly environment: string,
  ) {}

  get recordPath(): string {
    return join(this.stateDir, "environments", this.environment, "record.json");
  }
  get statusPath(): string {
    return join(this.stateDir, "environments", this.environment, "status.json");
  }
  get historyPath(): string {
    return join(this.stateDir, "history.jsonl");
  }

  async readRecord(): Promise<EnvironmentRecord> {
    return (await readJson<EnvironmentRecord>(this.recordPath)) ?? {};
  }

  async writeRecord(record: EnvironmentRecord): Promise<void> {
    this.recordWrites += 1;
    await writeFileAtomic(this.recordPath, `${JSON.stringify(record, null, 2)}\n`);
  }

  async readStatus(): Promise<EnvironmentStatus | undefined> {
    return readJson<EnvironmentStatus>(this.statusPath);
  }

  async writeStatus(status: EnvironmentStatus): Promise<void> {
    this.statusWrites += 1;
    await writeFileAtomic(this.statusPath, `${JSON.stringify(status, null, 2)}\n`);
  }

  /** Every history entry (all environments), oldest first; a torn last line (crash mid-append) is skipped. */
  async readHistory(): Promise<HistoryEntry[]> {
    let text: string;
    try {
      text = await readFile(this.historyPath, "utf8");
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
    const entries: HistoryEntry[] = [];
    for (const line of text.split("\n")) {
      if (!line.trim()) continue;
      try {
        entries.push(JSON.parse(line) as HistoryEntry);
      } catch {
        // A line cut short by kill -9 during append; the next append starts on a fresh line.
      }
    }
    return entries;
  }

  async appendHistory(entry: HistoryEntry): Promise<void> {
    this.historyWrites += 1;
    await mkdir(dirname(this.historyPath), { recursive: true });
    const prefix = (await endsWithoutNewline(this.historyPath)) ? "\n" : "";
    await appendFile(this.historyPath, `${prefix}${JSON.stringify(entry)}\n`);
    const handle = await open(this.historyPath, "r+");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}

async function endsWithoutNewline(path: string): Promise<boolean> {
  try {
    const handle = await open(path, "r");
    try {
      const { size } = await handle.stat();
      if (size === 0) return false;
      const buffer = Buffer.alloc(1);
      await handle.read(buffer, 0, 1, size - 1);
      return buffer[0] !== 0x0a;
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

async function readJson<T>(path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(path, "utf8")) as T;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

function isNotFound(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "ENOENT";
}
