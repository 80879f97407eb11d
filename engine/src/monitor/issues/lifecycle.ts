/**
 * The life of one issue (one fingerprint) as a pure state machine with hysteresis: it opens after K
 * consecutive breaching windows, closes after M consecutive healthy ones, and comments when the
 * severity rises above the highest it has had while open. Windows without enough data change nothing.
 * Feed it one observation per window; it returns the forge actions to take.
 */
export type IssueSeverity = "ok" | "warning" | "alert" | "critical";
export type IssueObservation = IssueSeverity | "insufficient";

const RANK: Record<IssueSeverity, number> = { ok: 0, warning: 1, alert: 2, critical: 3 };

export function severityRank(s: IssueSeverity): number {
  return RANK[s];
}

export interface IssueLifecycleOptions {
  /** K: consecutive breaching windows before the issue opens (default 2). */
  open_after: number;
  /** M: consecutive healthy windows before it closes (default 3). */
  close_after: number;
  /** Lowest severity that counts as breaching (default "alert"). */
  breach_at: IssueSeverity;
}

export const DEFAULT_ISSUE_LIFECYCLE: Readonly<IssueLifecycleOptions> = Object.freeze({
  open_after: 2,
  close_after: 3,
  breach_at: "alert",
});

export interface IssueLifecycleState {
  open: boolean;
  /** Highest severity since the issue opened (or of the current breaching streak while closed). */
  severity: IssueSeverity;
  breaching_streak: number;
  healthy_streak: number;
}

export type IssueAction =
  | { type: "open"; severity: IssueSeverity }
  | { type: "update"; severity: IssueSeverity }
  | { type: "comment"; reason: "escalated"; from: IssueSeverity; to: IssueSeverity }
  | { type: "close"; reason: "recovered" };

export function initialIssueState(): IssueLifecycleState {
  return { open: false, severity: "ok", breaching_streak: 0, healthy_streak: 0 };
}

export function stepIssueLifecycle(
  state: IssueLifecycleState,
  observed: IssueObservation,
  options: Partial<IssueLifecycleOptions> = {},
): { state: IssueLifecycleState; actions: IssueAction[] } {
  const o = { ...DEFAULT_ISSUE_LIFECYCLE, ...options };
  if (!(o.open_after >= 1) || !(o.close_after >= 1))
    throw new Error("open_after and close_after must be ≥ 1");
  if (observed === "insufficient") return { state, actions: [] };
  const breaching = RANK[observed] >= RANK[o.breach_at];
  if (!state.open) {
    if (!breaching) return { state: initialIssueState(), actions: [] };
    const streak = state.breaching_streak + 1;
    const severity = maxSeverity(state.breaching_streak > 0 ? state.severity : "ok", observed);
    if (streak < o.open_after) {
      return { state: { open: false, severity, breaching_streak: streak, healthy_streak: 0 }, actions: [] };
    }
    return {
      state: { open: true, severity, breaching_streak: streak, healthy_streak: 0 },
      actions: [{ type: "open", severity }],
    };
  }
  if (breaching) {
    const actions: IssueAction[] = [];
    let severity = state.severity;
    if (RANK[observed] > RANK[state.severity]) {
      actions.push({ type: "comment", reason: "escalated", from: state.severity, to: observed });
      severity = observed;
    }
    actions.push({ type: "update", severity });
    return {
      state: { open: true, severity, breaching_streak: state.breaching_streak + 1, healthy_streak: 0 },
      actions,
    };
  }
  const healthy = state.healthy_streak + 1;
  if (healthy >= o.close_after)
    return { state: initialIssueState(), actions: [{ type: "close", reason: "recovered" }] };
  return {
    state: { ...state, breaching_streak: 0, healthy_streak: healthy },
    actions: [{ type: "update", severity: state.severity }],
  };
}

function maxSeverity(a: IssueSeverity, b: IssueSeverity): IssueSeverity {
  return RANK[a] >= RANK[b] ? a : b;
}
