import type { DriftReport, FeatureDrift, FeatureVerdict } from "../drift/monitor.js";

/** What the forge's `ensureIssue` takes. */
export interface IssueDraft {
  fingerprint: string;
  title: string;
  body: string;
  labels: string[];
}

export type IssueKind = "drift" | "slo" | "quality" | "retrain";

/** `env/model/version/kind`: one issue per problem, so a re-run updates instead of duplicating. */
export function issueFingerprint(
  environment: string,
  model: string,
  version: string,
  kind: IssueKind,
): string {
  return `${environment}/${model}/${version}/${kind}`;
}

/** Hidden marker carried in the body: `<!-- modelgate:issue env/model/version/kind -->`. */
export function issueMarker(fingerprint: string): string {
  return `<!-- modelgate:issue ${fingerprint.replace(/--/g, "-\u200b-")} -->`;
}

const MARKER = /<!-- modelgate:issue (\S+) -->/;

/** The fingerprint of a body rendered here, if it has one. */
export function readIssueMarker(body: string): string | undefined {
  return MARKER.exec(body)?.[1];
}

export interface DriftIssueInput {
  environment: string;
  model: string;
  version: string;
  /** The latest closed window. */
  report: DriftReport;
  /** Earlier windows, oldest first (the latest may be included); the chart shows the last `chart_points`. */
  history?: readonly DriftReport[];
  /** Drift read one served row (or request) in this many (sampling under load); 1 or absent: all. */
  sampled_every?: number;
  /** Windows on the PSI chart (default 24). */
  chart_points?: number;
  /** Features on the chart (default 4: those that drifted most recently, by PSI). */
  chart_features?: number;
}

const VERDICT_ICON: Record<FeatureVerdict, string> = {
  drift: "🔴 drift",
  warn: "🟠 warn",
  ok: "🟢 ok",
  insufficient: "⚪ too few samples",
};

/** Markdown body for a drift issue: summary, per-feature table, PSI chart, reasons, hidden marker. */
export function renderDriftIssue(input: DriftIssueInput): IssueDraft {
  const { environment, model, version, report } = input;
  const fingerprint = issueFingerprint(environment, model, version, "drift");
  const t = report.thresholds;
  const inputs = report.features.filter((f) => f.role === "input" && f.verdict !== "insufficient");
  const lines: string[] = [];
  lines.push(`## Data drift: \`${model}\` ${version} in \`${environment}\``, "");
  lines.push(
    `**Status: ${report.status}** — ${report.drifted_inputs.length} of ${inputs.length} input features drifted ` +
      `(${pct(report.drifted_share)}; dataset drift at ${pct(t.dataset_share)}: **${report.dataset_drift ? "yes" : "no"}**); ` +
      `prediction drift: **${report.prediction_drift ? `yes (${report.drifted_outputs.map(code).join(", ")})` : "no"}**.`,
    "",
  );
  lines.push(
    `Window #${report.window.index} (${report.window.kind}): ${report.window.observations} observations` +
      (input.sampled_every && input.sampled_every > 1
        ? ` (sampled under load: 1 in ${input.sampled_every} served rows read)`
        : "") +
      ", " +
      `${iso(report.window.start_ms)} – ${iso(report.window.end_ms)}. p-values from a chi-square goodness-of-fit ` +
      `test against the contract baseline, ${correctionName(report.correction)} across ${report.features.length} features; ` +
      `drift = corrected p < ${t.p_value} and PSI ≥ ${t.psi_alert}, or more than ${pct(t.out_of_range_max)} out of range / ` +
      `${pct(t.unseen_max)} unseen.`,
    "",
  );
  lines.push("| feature | role | PSI | p-value (corrected) | out of range | unseen | verdict |");
  lines.push("| --- | --- | ---: | ---: | ---: | ---: | --- |");
  const order: Record<FeatureVerdict, number> = { drift: 0, warn: 1, ok: 2, insufficient: 3 };
  const rows = [...report.features].sort((a, b) => order[a.verdict] - order[b.verdict] || b.psi - a.psi);
  for (const f of rows) {
    lines.push(
      `| ${code(f.feature)} | ${f.role} | ${f.psi.toFixed(3)} | ${fmtP(f.p_value_corrected)} | ` +
        `${f.kind === "numerical" ? pct(f.out_of_range_share) : "—"} | ${f.kind === "categorical" ? pct(f.unseen_share) : "—"} | ` +
        `${VERDICT_ICON[f.verdict]} |`,
    );
  }
  lines.push("");
  const why = rows.filter((f) => f.verdict === "drift" || f.verdict === "warn");
  if (why.length > 0) {
    lines.push("### Why", "");
    for (const f of why) {
      const unseen = f.unseen_examples.length ? ` (unseen: ${f.unseen_examples.map(code).join(", ")})` : "";
      lines.push(`- ${code(f.feature)}: ${f.reasons.join("; ")}${unseen}`);
    }
    lines.push("");
  }
  const chart = renderPsiChart(input);
  if (chart) lines.push("### PSI over time", "", chart, "");
  lines.push(
    "<sub>Opened by modelgate's drift monitor; updated every window while the drift lasts and closed after " +
      "enough healthy windows. Thresholds come from the SLO's `objectives.drift`.</sub>",
    "",
    issueMarker(fingerprint),
  );
  return {
    fingerprint,
    title: `Drift: ${model} ${version} in ${environment} (${report.status}${report.dataset_drift ? ", dataset" : ""})`,
    body: lines.join("\n"),
    labels: ["modelgate", "drift", `severity:${report.status}`, `model:${model}`, `env:${environment}`],
  };
}

/**
 * A Mermaid `xychart-beta` of PSI per window for the features that matter most, plus the alert
 * threshold as a flat line (xychart has no legend, so the caption names the lines in order).
 */
export function renderPsiChart(input: DriftIssueInput): string | undefined {
  const points = input.chart_points ?? 24;
  const history = [...(input.history ?? [])];
  if (history.at(-1)?.window.index !== input.report.window.index) history.push(input.report);
  const shown = history.slice(-points);
  if (shown.length < 2) return undefined;
  const latest = new Map<string, FeatureDrift>(input.report.features.map((f) => [f.feature, f]));
  const drifted = new Set(
    shown.flatMap((r) => r.features.filter((f) => f.verdict === "drift").map((f) => f.feature)),
  );
  const features = [...latest.keys()]
    .sort(
      (a, b) =>
        Number(drifted.has(b)) - Number(drifted.has(a)) ||
        (latest.get(b)?.psi ?? 0) - (latest.get(a)?.psi ?? 0),
    )
    .slice(0, input.chart_features ?? 4);
  const threshold = input.report.thresholds.psi_alert;
  const series = features.map((name) =>
    shown.map((r) => round(r.features.find((f) => f.feature === name)?.psi ?? 0)),
  );
  const top = Math.max(threshold * 1.5, ...series.flat());
  const yMax = Math.ceil(top * 10) / 10;
  const out = [
    "```mermaid",
    "xychart-beta",
    `  title "PSI per window (alert at ${threshold})"`,
    `  x-axis [${shown.map((r) => `"#${r.window.index}"`).join(", ")}]`,
    `  y-axis "PSI" 0 --> ${yMax}`,
    ...series.map((s) => `  line [${s.join(", ")}]`),
    `  line [${shown.map(() => threshold).join(", ")}]`,
    "```",
    "",
    `<sub>Lines, in order: ${features.map(code).join(", ")}, alert threshold.</sub>`,
  ];
  return out.join("\n");
}

function code(s: string): string {
  return `\`${s.replace(/`/g, "'").replace(/\|/g, "\\|")}\``;
}
function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}
function fmtP(p: number): string {
  if (Number.isNaN(p)) return "—";
  return p < 1e-4 ? p.toExponential(1) : p.toFixed(4);
}
function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
function iso(ms: number): string {
  return new Date(ms).toISOString().replace(".000Z", "Z");
}
function correctionName(c: DriftReport["correction"]): string {
  return c === "bonferroni"
    ? "Bonferroni-corrected"
    : c === "benjamini-hochberg"
      ? "Benjamini–Hochberg-adjusted"
      : "uncorrected";
}
