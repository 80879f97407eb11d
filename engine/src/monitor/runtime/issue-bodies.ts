import type { QualityStatus } from "../slo/quality.js";
import type { BudgetStatus } from "../slo/tracker.js";
import type { IssueSeverity } from "../issues/lifecycle.js";
import { issueMarker, type IssueDraft } from "../issues/render.js";

/** What one issue is about; `canary` adds the canary analysis to the monitor's own kinds. */
export type RuntimeIssueKind = "drift" | "slo" | "quality" | "retrain" | "canary";

/** `env/model/version/kind`, the identity the forge keeps in a hidden marker. */
export function runtimeFingerprint(
  environment: string,
  model: string,
  version: string,
  kind: RuntimeIssueKind,
): string {
  return `${environment}/${model}/${version}/${kind}`;
}

export interface IssueContext {
  environment: string;
  model: string;
  version: string;
  severity: IssueSeverity;
  now: number;
}

function labels(kind: RuntimeIssueKind, c: IssueContext): string[] {
  return ["modelgate", kind, `severity:${c.severity}`, `model:${c.model}`, `env:${c.environment}`];
}

function footer(fingerprint: string, what: string): string[] {
  return [
    "",
    `<sub>Opened by modelgate's monitor (${what}); updated while the problem lasts and closed after enough healthy windows.</sub>`,
    "",
    issueMarker(fingerprint),
  ];
}

function pct(x: number): string {
  return `${(x * 100).toFixed(2)}%`;
}
function num(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(4))) : String(x);
}
function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Error budget / burn-rate issue body from a version's SLO status. */
export function renderSloIssue(c: IssueContext, status: BudgetStatus): IssueDraft {
  const fingerprint = runtimeFingerprint(c.environment, c.model, c.version, "slo");
  const lines = [
    `## SLO burn: \`${c.model}\` ${c.version} in \`${c.environment}\``,
    "",
    `**Severity: ${c.severity}** — SLO \`${status.slo}\` over ${status.window}: ${pct(Math.max(0, status.remaining_ratio))} of the error budget left` +
      `${status.exhausted ? " (**exhausted**)" : ""}. Evaluated ${iso(c.now)}.`,
    "",
    "| objective | target | requests | bad | error ratio | budget left | burn rates |",
    "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
  ];
  for (const o of Object.values(status.objectives)) {
    const rates = Object.entries(o.burn_rates)
      .map(([w, r]) => `${w}: ${num(r)}`)
      .join(", ");
    lines.push(
      `| ${o.objective} | ${pct(o.target)} | ${o.total} | ${o.bad} | ${pct(o.error_ratio)} | ${pct(Math.max(0, o.remaining_ratio))} | ${rates} |`,
    );
  }
  if (status.alerts.length > 0) {
    lines.push("", "### Firing burn-rate alerts", "");
    for (const a of status.alerts) {
      lines.push(
        `- **${a.severity}** ${a.objective}: burn rate ${num(a.burn_rate_long)} over ${a.long_window} and ${num(a.burn_rate_short)} over ${a.short_window} (≥ ${a.factor})`,
      );
    }
  }
  lines.push(...footer(fingerprint, "SLO burn rates"));
  return {
    fingerprint,
    title: `SLO burn: ${c.model} ${c.version} in ${c.environment} (${c.severity})`,
    body: lines.join("\n"),
    labels: labels("slo", c),
  };
}

/** Model-quality issue body from ground-truth feedback. */
export function renderQualityIssue(c: IssueContext, q: QualityStatus, window: string): IssueDraft {
  const fingerprint = runtimeFingerprint(c.environment, c.model, c.version, "quality");
  const bound =
    q.min !== undefined && q.max !== undefined
      ? `within [${q.min}, ${q.max}]`
      : q.min !== undefined
        ? `≥ ${q.min}`
        : `≤ ${q.max ?? "?"}`;
  const lines = [
    `## Model quality: \`${c.model}\` ${c.version} in \`${c.environment}\``,
    "",
    `**${q.metric} = ${q.value === null ? "n/a" : num(q.value)}**, the SLO asks ${bound}; ${q.samples} labelled predictions over ${window} ` +
      `(at least ${q.min_samples} needed). ${q.pending_predictions} predictions wait for ground truth; ${q.unmatched_feedback} feedback records matched none.`,
    "",
    `Evaluated ${iso(c.now)}. Ground truth arrives through \`POST /v2/models/${c.model}/feedback\`.`,
    ...footer(fingerprint, "quality from ground truth"),
  ];
  return {
    fingerprint,
    title: `Quality: ${c.model} ${c.version} in ${c.environment} (${q.metric} ${q.value === null ? "n/a" : num(q.value)})`,
    body: lines.join("\n"),
    labels: labels("quality", c),
  };
}

/** Retrain-overdue issue body. */
export function renderRetrainIssue(c: IssueContext, trainedAt: string, days: number): IssueDraft {
  const fingerprint = runtimeFingerprint(c.environment, c.model, c.version, "retrain");
  const age = Math.floor((c.now - Date.parse(trainedAt)) / 86_400_000);
  const lines = [
    `## Retrain overdue: \`${c.model}\` ${c.version} in \`${c.environment}\``,
    "",
    `This version was trained at ${trainedAt} (**${age} days ago**); its SLO asks for retraining every ${days} days (\`retrain_after_days\`).`,
    "",
    "Register a retrained version and promote it through a pull request; this issue closes once the serving version is younger than the limit.",
    ...footer(fingerprint, "retrain check"),
  ];
  return {
    fingerprint,
    title: `Retrain overdue: ${c.model} ${c.version} in ${c.environment} (${age} days)`,
    body: lines.join("\n"),
    labels: labels("retrain", c),
  };
}

export interface CanaryFinding {
  check: "error_rate" | "latency" | "drift" | "shadow_disagreement";
  message: string;
}

/** Canary-abort (or shadow-disagreement) issue body. */
export function renderCanaryIssue(
  c: IssueContext,
  input: {
    stable: string | undefined;
    findings: CanaryFinding[];
    aborted: boolean;
    revertPullRequest?: { number: number; url?: string };
  },
): IssueDraft {
  const fingerprint = runtimeFingerprint(c.environment, c.model, c.version, "canary");
  const lines = [
    `## Canary ${input.aborted ? "aborted" : "unhealthy"}: \`${c.model}\` ${c.version} in \`${c.environment}\``,
    "",
    input.aborted
      ? `The monitor set the canary's weight to **0** at ${iso(c.now)}: all traffic goes to the stable version${input.stable ? ` ${input.stable}` : ""}. ` +
        "This is a live change outside Git; the reconciler reports it as drift and keeps it until the main branch moves."
      : `Compared with ${input.stable ? `stable ${input.stable}` : "the serving version"}, the candidate is significantly worse (${iso(c.now)}).`,
    "",
    "### Findings",
    "",
    ...input.findings.map((f) => `- **${f.check}**: ${f.message}`),
  ];
  if (input.revertPullRequest) {
    lines.push(
      "",
      `Revert proposed in change request #${input.revertPullRequest.number}${input.revertPullRequest.url ? ` (${input.revertPullRequest.url})` : ""}: merge it to make Git agree.`,
    );
  }
  lines.push(...footer(fingerprint, "canary analysis"));
  return {
    fingerprint,
    title: `Canary ${input.aborted ? "aborted" : "unhealthy"}: ${c.model} ${c.version} in ${c.environment}`,
    body: lines.join("\n"),
    labels: labels("canary", c),
  };
}
