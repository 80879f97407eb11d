import { stringify } from "yaml";
import type { BurnRateAlert, Slo } from "../../registry/types.js";
import { parseDuration } from "../../shared/duration.js";
import { DEFAULT_BURN_RATE_ALERTS, minEventsOf } from "../slo/burn-rate.js";

/** The serving layer's and the monitor's metric names the rules are written against. */
export const METRICS = {
  requests: "modelgate_inference_requests_total",
  duration: "modelgate_inference_duration_seconds",
  quality: "modelgate_model_quality",
  psi: "modelgate_feature_psi",
  trained: "modelgate_model_trained_timestamp_seconds",
} as const;

/** One model and the SLO its card names. */
export interface SloBinding {
  model: string;
  slo: Slo;
}

export interface PrometheusRule {
  record?: string;
  alert?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
export interface PrometheusRuleGroup {
  name: string;
  rules: PrometheusRule[];
}

/** Budgeted request SLIs: which responses count as errors. */
const REQUEST_SLIS = {
  availability: { status: "5..", record: "modelgate:availability_error_ratio", title: "Availability" },
  error_rate: { status: "[45]..", record: "modelgate:request_error_ratio", title: "ErrorRate" },
} as const;

/** Requests per second by model, per alerting window: the minimum-traffic guard reads it. */
export const REQUESTS_RECORD = "modelgate:inference_requests";

/** `rate5m`, `rate1h`, `rate3d`: the suffix of a recording rule for a window. */
export function rateSuffix(window: string): string {
  return `rate${window}`;
}

function num(x: number): string {
  return String(Number(x.toPrecision(12)));
}

function q(value: string): string {
  return JSON.stringify(value);
}

/**
 * Recording and alerting rules for one model's SLO. Annotations are static text apart from
 * `{{ $labels.* }}` (no `$value`), so they read the same in every notification and promtool unit tests
 * can state them exactly.
 */
export function buildRuleGroup(binding: SloBinding): PrometheusRuleGroup {
  const { model, slo } = binding;
  const sel = `model=${q(model)}`;
  const base = { model, slo: slo.name };
  const burnRules: readonly BurnRateAlert[] = slo.alerting?.burn_rates?.length
    ? slo.alerting.burn_rates
    : DEFAULT_BURN_RATE_ALERTS;
  const windows = [...new Set(burnRules.flatMap((r) => [r.short_window, r.long_window]))].sort(
    (a, b) => parseDuration(a) - parseDuration(b),
  );
  const rules: PrometheusRule[] = [];
  const objectives = slo.objectives;
  const slis: { key: keyof typeof REQUEST_SLIS; target: number }[] = [];
  if (objectives.availability) slis.push({ key: "availability", target: objectives.availability.target });
  if (objectives.error_rate) slis.push({ key: "error_rate", target: 1 - objectives.error_rate.max });

  const minEvents = minEventsOf(slo);
  if (slis.length > 0 && minEvents > 0) {
    for (const w of windows) {
      rules.push({
        record: `${REQUESTS_RECORD}:${rateSuffix(w)}`,
        expr: `sum by (model) (rate(${METRICS.requests}{${sel}}[${w}]))`,
        labels: { slo: slo.name },
      });
    }
  }
  /** `and` the window held at least min_events requests (rate × seconds ≈ requests in the window). */
  const traffic = (w: string): string =>
    minEvents > 0
      ? `\nand\n${REQUESTS_RECORD}:${rateSuffix(w)}{${sel}} * ${num(parseDuration(w) / 1000)} >= ${num(minEvents)}`
      : "";
  for (const { key } of slis) {
    const sli = REQUEST_SLIS[key];
    for (const w of windows) {
      rules.push({
        record: `${sli.record}:${rateSuffix(w)}`,
        expr:
          `sum by (model) (rate(${METRICS.requests}{${sel},status=~${q(sli.status)}}[${w}]))\n` +
          `/\nsum by (model) (rate(${METRICS.requests}{${sel}}[${w}]))`,
        labels: { slo: slo.name },
      });
    }
  }
  for (const { key, target } of slis) {
    const sli = REQUEST_SLIS[key];
    const budget = 1 - target;
    for (const r of burnRules) {
      const threshold = num(r.factor * budget);
      rules.push({
        alert: `Modelgate${sli.title}BudgetBurn`,
        expr:
          `${sli.record}:${rateSuffix(r.long_window)}{${sel}} >= ${threshold}\n` +
          `and\n${sli.record}:${rateSuffix(r.short_window)}{${sel}} >= ${threshold}` +
          traffic(r.long_window) +
          traffic(r.short_window),
        labels: {
          ...base,
          severity: r.severity,
          objective: key,
          long_window: r.long_window,
          short_window: r.short_window,
        },
        annotations: {
          summary: `${model}: ${key} error budget burning at ≥ ${r.factor}× over ${r.long_window} and ${r.short_window}`,
          description:
            `The ${key} SLO of ${model} (target ${num(target)} over ${slo.window}) has an error ratio of at least ` +
            `${threshold} over both ${r.long_window} and ${r.short_window}: ${r.factor}× the budget rate of ${num(budget)}. ` +
            `At that rate the ${slo.window} budget is gone within ${formatHours(parseDuration(slo.window) / r.factor)}.` +
            (minEvents > 0 ? ` (Only with at least ${num(minEvents)} requests in each window.)` : ""),
        },
      });
    }
  }
  if (objectives.latency) {
    const l = objectives.latency;
    const seconds = num(l.threshold_ms / 1000);
    rules.push({
      record: `modelgate:inference_duration_seconds:p${num(l.quantile * 100).replace(".", "_")}_rate5m`,
      expr: `histogram_quantile(${num(l.quantile)}, sum by (model, le) (rate(${METRICS.duration}_bucket{${sel}}[5m])))`,
      labels: { slo: slo.name },
    });
    rules.push({
      alert: "ModelgateLatencySlo",
      expr: `histogram_quantile(${num(l.quantile)}, sum by (model, le) (rate(${METRICS.duration}_bucket{${sel}}[5m]))) > ${seconds}`,
      for: "10m",
      labels: { ...base, severity: "ticket", objective: "latency" },
      annotations: {
        summary: `${model}: p${num(l.quantile * 100)} latency above ${l.threshold_ms} ms`,
        description: `The p${num(l.quantile * 100)} inference latency of ${model} over 5m has stayed above ${l.threshold_ms} ms for 10 minutes.`,
      },
    });
  }
  if (objectives.quality) {
    const qo = objectives.quality;
    const metricSel = `${sel},metric=${q(qo.metric)}`;
    const checks: [string, string, number][] = [];
    if (qo.min !== undefined) checks.push(["<", "below its floor", qo.min]);
    if (qo.max !== undefined) checks.push([">", "above its ceiling", qo.max]);
    for (const [op, words, bound] of checks) {
      rules.push({
        alert: "ModelgateModelQuality",
        expr: `${METRICS.quality}{${metricSel}} ${op} ${num(bound)}`,
        for: "15m",
        labels: { ...base, severity: "ticket", objective: "quality", metric: qo.metric },
        annotations: {
          summary: `${model}: ${qo.metric} ${words} (${num(bound)})`,
          description: `${qo.metric} of ${model} from ground-truth feedback over ${qo.window ?? "7d"} has been ${words} (${num(bound)}) for 15 minutes.`,
        },
      });
    }
  }
  const psiAlert = objectives.drift?.psi_alert ?? 0.2;
  rules.push({
    alert: "ModelgateFeatureDrift",
    expr: `${METRICS.psi}{${sel}} >= ${num(psiAlert)}`,
    for: "30m",
    labels: { ...base, severity: "ticket", objective: "drift" },
    annotations: {
      summary: `${model} {{ $labels.version }}: feature {{ $labels.feature }} drifted (PSI ≥ ${num(psiAlert)})`,
      description: `PSI of {{ $labels.feature }} against the contract baseline has been at least ${num(psiAlert)} for 30 minutes.`,
    },
  });
  if (slo.retrain_after_days !== undefined) {
    const days = slo.retrain_after_days;
    rules.push({
      alert: "ModelgateRetrainOverdue",
      expr: `time() - ${METRICS.trained}{${sel}} > ${num(days * 86400)}`,
      labels: { ...base, severity: "ticket", objective: "retrain" },
      annotations: {
        summary: `${model} {{ $labels.version }}: trained more than ${num(days)} days ago`,
        description: `${model} {{ $labels.version }} was trained more than ${num(days)} days ago; its SLO asks for retraining every ${num(days)} days.`,
      },
    });
  }
  return { name: `modelgate-${model}`, rules };
}

function formatHours(ms: number): string {
  const hours = ms / 3_600_000;
  return hours >= 48
    ? `${num(Number((hours / 24).toFixed(1)))} days`
    : `${num(Number(hours.toFixed(1)))} hours`;
}

/** The whole rule file, as YAML, for `prometheus --config` `rule_files` (models sorted by name). */
export function renderPrometheusRules(
  bindings: readonly SloBinding[],
  options: { source?: string } = {},
): string {
  const groups = [...bindings].sort((a, b) => a.model.localeCompare(b.model)).map(buildRuleGroup);
  const header = [
    "# Generated by `modelgate slo rules`; do not edit (regenerate from the SLO files instead).",
    ...(options.source ? [`# Source: ${options.source}`] : []),
    "",
  ].join("\n");
  return header + stringify({ groups }, { lineWidth: 0, blockQuote: "literal" });
}
