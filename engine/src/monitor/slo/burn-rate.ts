import type { BurnRateAlert, Slo } from "../../registry/types.js";

/** The Google SRE workbook's multiwindow multi-burn-rate set, used when an SLO lists none. */
export const DEFAULT_BURN_RATE_ALERTS: readonly BurnRateAlert[] = Object.freeze([
  { severity: "page", long_window: "1h", short_window: "5m", factor: 14.4 },
  { severity: "page", long_window: "6h", short_window: "30m", factor: 6 },
  { severity: "ticket", long_window: "3d", short_window: "6h", factor: 1 },
]);

/**
 * Fewest requests each window of a burn-rate alert must hold before the alert can fire. Below it one
 * event decides: at 3 requests, 1 error is a 33% error ratio, a 333× burn of a 99.9% budget. With 20, a
 * single error is at most 5%; the fast page (5 minutes) then needs 0.07 requests/s, and quieter models
 * fall through to the slower rules (30 minutes, 6 hours), whose windows collect 20 requests sooner.
 */
export const DEFAULT_MIN_EVENTS = 20;

/** `alerting.min_events` of an SLO, else the default. */
export function minEventsOf(slo: Slo): number {
  const value = slo.alerting?.min_events;
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : DEFAULT_MIN_EVENTS;
}

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

/** The minimum-traffic guard: requests per window, and how many each of an alert's windows needs. */
export interface TrafficGuard {
  /** Requests per alerting window, keyed like the burn rates ("1h", "5m", ...). */
  requests: Readonly<Record<string, number>>;
  min_events: number;
}

/**
 * Alerts whose burn rate is at or above `factor` over both the long and the short window. The long
 * window makes the alert significant; the short one makes it stop soon after the errors stop. With a
 * traffic guard, both windows must also hold at least `min_events` requests.
 */
export function evaluateBurnRateAlerts(
  objective: string,
  rules: readonly BurnRateAlert[],
  burnRates: Readonly<Record<string, number>>,
  guard?: TrafficGuard,
): FiringBurnRateAlert[] {
  const firing: FiringBurnRateAlert[] = [];
  const enough = (window: string): boolean => !guard || (guard.requests[window] ?? 0) >= guard.min_events;
  for (const rule of rules) {
    const long = burnRates[rule.long_window] ?? 0;
    const short = burnRates[rule.short_window] ?? 0;
    if (
      long >= rule.factor &&
      short >= rule.factor &&
      enough(rule.long_window) &&
      enough(rule.short_window)
    ) {
      firing.push({ ...rule, objective, burn_rate_long: long, burn_rate_short: short });
    }
  }
  return firing;
}
