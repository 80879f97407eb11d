import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { BudgetStatus } from "./tracker.js";

/** `<state>/budgets.json`: what the policy gate reads as "error budget left". */
export interface BudgetSnapshot {
  version: 1;
  generated_at: string;
  /** environment → model → status */
  environments: Record<string, Record<string, BudgetStatus>>;
}

export const BUDGETS_FILE = "budgets.json";

export function buildBudgetSnapshot(statuses: readonly BudgetStatus[], nowMs: number): BudgetSnapshot {
  const environments: BudgetSnapshot["environments"] = {};
  const sorted = [...statuses].sort(
    (a, b) => a.environment.localeCompare(b.environment) || a.model.localeCompare(b.model),
  );
  for (const s of sorted) (environments[s.environment] ??= {})[s.model] = s;
  return { version: 1, generated_at: new Date(nowMs).toISOString(), environments };
}

/**
 * Writes the snapshot atomically: a temp file in the same folder, then rename, so a reader never sees
 * a half-written file. Non-finite numbers (which JSON cannot hold) are written as null.
 */
export async function writeBudgetSnapshot(stateDir: string, snapshot: BudgetSnapshot): Promise<string> {
  await mkdir(stateDir, { recursive: true });
  const target = join(stateDir, BUDGETS_FILE);
  const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
  const json = JSON.stringify(
    snapshot,
    (_k, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? null : v),
    2,
  );
  await writeFile(temp, `${json}\n`, "utf8");
  await rename(temp, target);
  return target;
}

/** Reads `<state>/budgets.json`; undefined when there is none yet. */
export async function readBudgetSnapshot(stateDir: string): Promise<BudgetSnapshot | undefined> {
  try {
    const parsed = JSON.parse(await readFile(join(stateDir, BUDGETS_FILE), "utf8")) as BudgetSnapshot;
    if (parsed.version !== 1) throw new Error(`unsupported budgets.json version ${String(parsed.version)}`);
    return parsed;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
