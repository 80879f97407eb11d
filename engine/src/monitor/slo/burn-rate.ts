import type { BurnRateAlert } from "../../registry/types.js";

/** The Google SRE workbook's multiwindow multi-burn-rate set, used when an SLO lists none. */
export const DEFAULT_BURN_RATE_ALERTS: readonly BurnRateAlert[] = Object.freeze([
  { severity: "page", long_window: "1h", short_window: "5m", factor: 14.4 },
  { severity: "page", long_window: "6h", short_window: "30m", factor: 6 },
  { severity: "ticket", long_window: "3d", short_window: "6h", factor: 1 },
]);

/** Error budget = 1 − objective; burn rate = observed error ratio / budget (1 = spends it exactly over the SLO window). */
export function burnRate(errorRatio: number, objective: number): number {
  const budget = 1 - objective;
  if (!(budget > 0)) throw new Error(`objective ${objective} leaves no error budget`);
  return errorRatio / budget;
}

/** Share of the budget left after `bad` of `total` events over the SLO window (negative when overspent). */
export function remainingBudgetRatio(bad: number, total: number, objective: number): number {
  if (total === 0) return 1;
  return 1 - bad / ((1 - objective) * total);
}

export interface FiringBurnRateAlert extends BurnRateAlert {
  objective: string;
  burn_rate_long: number;
  burn_rate_short: number;
}

/**
 * Alerts whose burn rate is at or above `factor` over both the long and the short window. The long
 * window makes the alert significant; the short one makes it stop soon after the errors stop.
 */
export function evaluateBurnRateAlerts(
  objective: string,
  rules: readonly BurnRateAlert[],
  burnRates: Readonly<Record<string, number>>,
): FiringBurnRateAlert[] {
  const firing: FiringBurnRateAlert[] = [];
  for (const rule of rules) {
    const long = burnRates[rule.long_window] ?? 0;
    const short = burnRates[rule.short_window] ?? 0;
    if (long >= rule.factor && short >= rule.factor) {
      firing.push({ ...rule, objective, burn_rate_long: long, burn_rate_short: short });
    }
  }
  return firing;
}
