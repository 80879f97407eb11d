/** Status of one environment, as Kubernetes-style conditions with a machine-readable reason and a message. */

export type ConditionType = "Ready" | "Reconciling" | "Stalled" | "Drifted";
export type ConditionStatus = "True" | "False" | "Unknown";

export interface Condition {
  type: ConditionType;
  status: ConditionStatus;
  reason: string;
  message: string;
  /** ISO 8601; changes only when `status` changes. */
  lastTransitionTime: string;
}

export interface EnvironmentStatus {
  environment: string;
  /** The main-branch tip the engine saw last. */
  observedRevision?: string;
  /** The commit whose desired state serves. */
  appliedRevision?: string;
  appliedAt?: string;
  /** Duration of the last apply (fetch → serving), ms. */
  lastApplyDurationMs?: number;
  conditions: Condition[];
  /** The commit that failed and why; cleared when a newer commit applies. */
  failure?: { revision: string; reason: string; message: string; kind: string };
  /** Differences between what serves and the applied commit, found outside a reconcile. */
  drift?: string[];
}

export function emptyStatus(environment: string): EnvironmentStatus {
  return { environment, conditions: [] };
}

export function getCondition(status: EnvironmentStatus, type: ConditionType): Condition | undefined {
  return status.conditions.find((c) => c.type === type);
}

/** Sets a condition, keeping its transition time when its status does not change. */
export function setCondition(
  status: EnvironmentStatus,
  type: ConditionType,
  value: ConditionStatus,
  reason: string,
  message: string,
  now: string,
): void {
  const existing = getCondition(status, type);
  const lastTransitionTime = existing && existing.status === value ? existing.lastTransitionTime : now;
  const next: Condition = { type, status: value, reason, message, lastTransitionTime };
  const order: ConditionType[] = ["Ready", "Reconciling", "Stalled", "Drifted"];
  status.conditions = [...status.conditions.filter((c) => c.type !== type), next].sort(
    (a, b) => order.indexOf(a.type) - order.indexOf(b.type),
  );
}
