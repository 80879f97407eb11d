import { readFile } from "node:fs/promises";
import { GateInputError } from "./errors.js";
import type { BudgetSnapshot } from "./input.js";

/** Default location of the monitor's snapshot inside a registry checkout. */
export const DEFAULT_BUDGETS_PATH = ".modelgate/budgets.json";

/**
 * Reads the monitor's error-budget snapshot (`{version: 1, environments: {env: {model: {remaining_ratio,
 * exhausted}}}}`) into model -> environment -> {remaining, exhausted}. Undefined when the file is absent
 * and `required` is false; a malformed file is an error (never "budget fine").
 */
export async function readBudgets(path: string, required = false): Promise<BudgetSnapshot | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" && !required) return undefined;
    throw new GateInputError(
      `cannot read budgets file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new GateInputError(`budgets file ${path} is not JSON: ${(error as Error).message}`);
  }
  const envs = (parsed as { version?: unknown; environments?: unknown } | null)?.environments;
  if ((parsed as { version?: unknown }).version !== 1 || typeof envs !== "object" || envs === null) {
    throw new GateInputError(`budgets file ${path}: expected {"version": 1, "environments": {...}}`);
  }
  const out: BudgetSnapshot = {};
  for (const [env, models] of Object.entries(envs as Record<string, unknown>)) {
    for (const [model, status] of Object.entries((models ?? {}) as Record<string, unknown>)) {
      const s = status as { remaining_ratio?: unknown; exhausted?: unknown };
      const remaining = typeof s.remaining_ratio === "number" ? s.remaining_ratio : 0;
      const exhausted = s.exhausted === true || remaining <= 0;
      (out[model] ??= {})[env] = { remaining, exhausted };
    }
  }
  return out;
}
