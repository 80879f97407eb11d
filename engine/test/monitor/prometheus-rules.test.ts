import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { main } from "../../src/cli/main.js";
import type { CliIo } from "../../src/cli/command.js";
import { buildRuleGroup, renderPrometheusRules } from "../../src/monitor/rules/prometheus-rules.js";
import type { Slo } from "../../src/registry/types.js";
import { packageRoot } from "../../src/shared/project-paths.js";

const run = promisify(execFile);

/** Real promtool: $MODELGATE_PROMTOOL or `promtool` on PATH (scripts/setup-promtool.sh installs it). */
const promtool = process.env.MODELGATE_PROMTOOL ?? "promtool";

async function promtoolRun(args: string[], cwd: string): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout, stderr } = await run(promtool, args, { cwd });
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (e.code === "ENOENT") {
      throw new Error(
        `promtool not found (${promtool}); run scripts/setup-promtool.sh or set MODELGATE_PROMTOOL`,
      );
    }
    return { ok: false, output: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}

function captureIo(cwd: string): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd, env: {} };
}

const fraudSlo = `name: fraud
window: 30d
objectives:
  latency: { quantile: 0.99, threshold_ms: 50, target: 0.99 }
  availability: { target: 0.999 }
  error_rate: { max: 0.01 }
  quality: { metric: accuracy, min: 0.8, window: 7d, min_samples: 200 }
  drift: { psi_warn: 0.1, psi_alert: 0.25 }
retrain_after_days: 1
`;

const template = join(packageRoot(), "registry-repo-template");

describe("Prometheus rules from SLOs", () => {
  let dir: string;
  let rulesFile: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "modelgate-rules-"));
    await mkdir(join(dir, "out"));
    rulesFile = join(dir, "out", "rules.yaml");
    const slo = parse(fraudSlo) as Slo;
    await writeFile(rulesFile, renderPrometheusRules([{ model: "fraud", slo }]));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes burn-rate alerts with severity labels and thresholds factor × budget", async () => {
    const doc = parse(await readFile(rulesFile, "utf8")) as {
      groups: {
        name: string;
        rules: { alert?: string; record?: string; expr: string; labels?: Record<string, string> }[];
      }[];
    };
    expect(doc.groups.map((g) => g.name)).toEqual(["modelgate-fraud"]);
    const rules = doc.groups[0]!.rules;
    const page = rules.find(
      (r) => r.alert === "ModelgateAvailabilityBudgetBurn" && r.labels?.long_window === "1h",
    );
    expect(page?.labels).toMatchObject({
      severity: "page",
      short_window: "5m",
      model: "fraud",
      slo: "fraud",
    });
    expect(page?.expr).toContain('modelgate:availability_error_ratio:rate1h{model="fraud"} >= 0.0144');
    expect(page?.expr).toContain('modelgate:availability_error_ratio:rate5m{model="fraud"} >= 0.0144');
    // The minimum-traffic guard (default 20 requests in each window).
    expect(page?.expr).toContain('modelgate:inference_requests:rate1h{model="fraud"} * 3600 >= 20');
    expect(page?.expr).toContain('modelgate:inference_requests:rate5m{model="fraud"} * 300 >= 20');
    const ticket = rules.find(
      (r) => r.alert === "ModelgateErrorRateBudgetBurn" && r.labels?.severity === "ticket",
    );
    expect(ticket?.expr).toContain(':rate3d{model="fraud"} >= 0.01');
    expect(rules.filter((r) => r.record).map((r) => r.record)).toContain(
      "modelgate:request_error_ratio:rate6h",
    );
    expect(rules.find((r) => r.alert === "ModelgateRetrainOverdue")?.expr).toBe(
      'time() - modelgate_model_trained_timestamp_seconds{model="fraud"} > 86400',
    );
    expect(rules.find((r) => r.alert === "ModelgateFeatureDrift")?.expr).toContain(">= 0.25");
  });

  it("passes promtool check rules", async () => {
    const r = await promtoolRun(["check", "rules", rulesFile], dir);
    expect(r.output).toContain("SUCCESS");
    expect(r.ok).toBe(true);
  });

  it("passes promtool unit tests: page firing and not, multiwindow reset, quality floor, drift, retrain overdue", async () => {
    const generated = parse(await readFile(rulesFile, "utf8")) as {
      groups: {
        rules: { alert?: string; labels?: Record<string, string>; annotations?: Record<string, string> }[];
      }[];
    };
    /** The generated annotations of the rule whose labels match, with {{ $labels.x }} filled in. */
    const withAnnotations = (expLabels: Record<string, string>) => {
      const rule = generated.groups[0]!.rules.find(
        (r) =>
          r.alert === expLabels.alertname &&
          Object.entries(r.labels ?? {}).every(([k, v]) => expLabels[k] === v),
      );
      if (!rule?.annotations) throw new Error(`no generated rule for ${JSON.stringify(expLabels)}`);
      const exp_annotations = Object.fromEntries(
        Object.entries(rule.annotations).map(([k, v]) => [
          k,
          v.replace(/\{\{ \$labels\.(\w+) \}\}/g, (_m, name: string) => expLabels[name] ?? ""),
        ]),
      );
      const { alertname: _alertname, ...exp_labels } = expLabels;
      return { exp_labels, exp_annotations };
    };
    const availability = (long: string, short: string, severity: string) =>
      withAnnotations({
        alertname: "ModelgateAvailabilityBudgetBurn",
        severity,
        model: "fraud",
        slo: "fraud",
        objective: "availability",
        long_window: long,
        short_window: short,
      });
    const requests = (status: string, values: string) => ({
      series: `modelgate_inference_requests_total{model="fraud",version="1.0.0",status="${status}"}`,
      values,
    });
    const tests = {
      rule_files: ["rules.yaml"],
      evaluation_interval: "1m",
      tests: [
        {
          name: "2% 5xx for an hour pages on both page windows (20x) and tickets",
          interval: "1m",
          input_series: [requests("200", "0+980x70"), requests("503", "0+20x70")],
          alert_rule_test: [
            {
              eval_time: "65m",
              alertname: "ModelgateAvailabilityBudgetBurn",
              exp_alerts: [
                availability("1h", "5m", "page"),
                availability("6h", "30m", "page"),
                availability("3d", "6h", "ticket"),
              ],
            },
          ],
        },
        {
          name: "0.5% 5xx (5x) does not page, only tickets",
          interval: "1m",
          input_series: [requests("200", "0+995x70"), requests("500", "0+5x70")],
          alert_rule_test: [
            {
              eval_time: "65m",
              alertname: "ModelgateAvailabilityBudgetBurn",
              exp_alerts: [availability("3d", "6h", "ticket")],
            },
          ],
        },
        {
          name: "errors stop: the 1h/5m page resets after the short window although the 1h rate is still high",
          interval: "1m",
          input_series: [requests("200", "0+980x60 58800+1000x30"), requests("503", "0+20x60 1200+0x30")],
          alert_rule_test: [
            {
              eval_time: "75m",
              alertname: "ModelgateAvailabilityBudgetBurn",
              exp_alerts: [availability("6h", "30m", "page"), availability("3d", "6h", "ticket")],
            },
          ],
        },
        {
          name: "low traffic: 1 request a minute, half 5xx (500x): no 1h/5m page with 5 requests in 5m",
          interval: "1m",
          // 5 requests per 5m window (< 20): the fast page stays silent although the ratio is 50%. The 30m
          // window holds 30 and the 6h one 65, so the slower page and the ticket fire.
          input_series: [requests("200", "0+0.5x70"), requests("503", "0+0.5x70")],
          alert_rule_test: [
            {
              eval_time: "65m",
              alertname: "ModelgateAvailabilityBudgetBurn",
              exp_alerts: [availability("6h", "30m", "page"), availability("3d", "6h", "ticket")],
            },
          ],
        },
        {
          name: "no traffic, no alert",
          interval: "1m",
          input_series: [requests("200", "0+0x70")],
          alert_rule_test: [
            { eval_time: "65m", alertname: "ModelgateAvailabilityBudgetBurn", exp_alerts: [] },
          ],
        },
        {
          name: "accuracy below its floor for 15 minutes",
          interval: "1m",
          input_series: [
            { series: 'modelgate_model_quality{model="fraud",metric="accuracy"}', values: "0.7x40" },
          ],
          alert_rule_test: [
            { eval_time: "10m", alertname: "ModelgateModelQuality", exp_alerts: [] },
            {
              eval_time: "20m",
              alertname: "ModelgateModelQuality",
              exp_alerts: [
                withAnnotations({
                  alertname: "ModelgateModelQuality",
                  severity: "ticket",
                  model: "fraud",
                  slo: "fraud",
                  objective: "quality",
                  metric: "accuracy",
                }),
              ],
            },
          ],
        },
        {
          name: "accuracy above its floor",
          interval: "1m",
          input_series: [
            { series: 'modelgate_model_quality{model="fraud",metric="accuracy"}', values: "0.85x40" },
          ],
          alert_rule_test: [{ eval_time: "30m", alertname: "ModelgateModelQuality", exp_alerts: [] }],
        },
        {
          name: "feature drift above psi_alert for 30 minutes",
          interval: "1m",
          input_series: [
            {
              series: 'modelgate_feature_psi{model="fraud",version="1.0.0",feature="amount"}',
              values: "0.3x40",
            },
            {
              series: 'modelgate_feature_psi{model="fraud",version="1.0.0",feature="country"}',
              values: "0.05x40",
            },
          ],
          alert_rule_test: [
            {
              eval_time: "35m",
              alertname: "ModelgateFeatureDrift",
              exp_alerts: [
                withAnnotations({
                  alertname: "ModelgateFeatureDrift",
                  severity: "ticket",
                  model: "fraud",
                  slo: "fraud",
                  objective: "drift",
                  version: "1.0.0",
                  feature: "amount",
                }),
              ],
            },
          ],
        },
      ],
    };
    // Retrain overdue needs a day of series: evaluated every 10 minutes to keep promtool quick.
    const slow = {
      rule_files: ["rules.yaml"],
      evaluation_interval: "10m",
      tests: [
        {
          name: "retrain overdue after retrain_after_days (1 day)",
          interval: "10m",
          input_series: [
            {
              series: 'modelgate_model_trained_timestamp_seconds{model="fraud",version="1.0.0"}',
              values: "0x150",
            },
            {
              series: 'modelgate_model_trained_timestamp_seconds{model="fraud",version="1.1.0"}',
              values: "3600x150",
            },
          ],
          alert_rule_test: [
            { eval_time: "1420m", alertname: "ModelgateRetrainOverdue", exp_alerts: [] },
            {
              eval_time: "1460m",
              alertname: "ModelgateRetrainOverdue",
              exp_alerts: [
                withAnnotations({
                  alertname: "ModelgateRetrainOverdue",
                  severity: "ticket",
                  model: "fraud",
                  slo: "fraud",
                  objective: "retrain",
                  version: "1.0.0",
                }),
              ],
            },
          ],
        },
      ],
    };
    await writeFile(join(dir, "out", "rules.test.yaml"), JSON.stringify(tests, null, 2));
    await writeFile(join(dir, "out", "retrain.test.yaml"), JSON.stringify(slow, null, 2));
    const r = await promtoolRun(["test", "rules", "rules.test.yaml", "retrain.test.yaml"], join(dir, "out"));
    expect(r.output).toContain("SUCCESS");
    expect(r.output).not.toContain("FAILED");
    expect(r.ok).toBe(true);
  });

  it("uses the SLO's burn-rate rules and skips what the SLO does not define", () => {
    const slo: Slo = {
      name: "lean",
      window: "28d",
      objectives: { availability: { target: 0.99 } },
      alerting: { burn_rates: [{ severity: "ticket", long_window: "2h", short_window: "10m", factor: 3 }] },
    };
    const group = buildRuleGroup({ model: "lean", slo });
    expect(group.rules.filter((r) => r.record).map((r) => r.record)).toEqual([
      "modelgate:inference_requests:rate10m",
      "modelgate:inference_requests:rate2h",
      "modelgate:availability_error_ratio:rate10m",
      "modelgate:availability_error_ratio:rate2h",
    ]);
    // min_events: 0 drops the guard and its recording rules.
    const unguarded = buildRuleGroup({
      model: "lean",
      slo: { ...slo, alerting: { ...slo.alerting, min_events: 0 } as NonNullable<Slo["alerting"]> },
    });
    expect(unguarded.rules.some((r) => r.record?.startsWith("modelgate:inference_requests"))).toBe(false);
    expect(unguarded.rules.find((r) => r.alert)?.expr).not.toContain("inference_requests");
    expect(group.rules.map((r) => r.alert).filter(Boolean)).toEqual([
      "ModelgateAvailabilityBudgetBurn",
      "ModelgateFeatureDrift",
    ]);
    expect(group.rules.find((r) => r.alert)?.expr).toContain(">= 0.03");
    expect(renderPrometheusRules([{ model: "lean", slo }])).toMatch(/^# Generated by `modelgate slo rules`/);
  });

  it("modelgate slo rules writes promtool-valid rules for every model of the template registry", async () => {
    const io = captureIo(dir);
    expect(await main(["slo", "rules", "--repo", template, "--out", "out/template.yaml"], io)).toBe(0);
    expect(io.err.join("")).toContain("wrote rules for 3 model(s)");
    const doc = parse(await readFile(join(dir, "out", "template.yaml"), "utf8")) as {
      groups: { name: string }[];
    };
    expect(doc.groups.map((g) => g.name)).toEqual([
      "modelgate-basket-anomaly",
      "modelgate-demand-forecast",
      "modelgate-stockout-risk",
    ]);
    const r = await promtoolRun(["check", "rules", join(dir, "out", "template.yaml")], dir);
    expect(r.ok).toBe(true);
    const stdout = captureIo(dir);
    expect(await main(["slo", "rules", "--repo", template], stdout)).toBe(0);
    expect(stdout.out.join("")).toContain("alert: ModelgateAvailabilityBudgetBurn");
  });

  it("writes nothing for an invalid registry (exit 1) and rejects an unknown subcommand (exit 2)", async () => {
    const broken = await mkdtemp(join(tmpdir(), "modelgate-rules-broken-"));
    try {
      await cp(template, broken, { recursive: true });
      const card = join(broken, "models", "stockout-risk", "model.yaml");
      await writeFile(card, (await readFile(card, "utf8")).replace("slo: stockout-risk", "slo: missing-slo"));
      const io = captureIo(broken);
      expect(await main(["slo", "rules", "--out", "rules.yaml"], io)).toBe(1);
      expect(io.err.join("")).toContain("models/stockout-risk/model.yaml");
      expect(io.err.join("")).toContain("no rules written");
      await expect(readFile(join(broken, "rules.yaml"))).rejects.toThrow();
      expect(await main(["slo", "frobnicate"], io)).toBe(2);
    } finally {
      await rm(broken, { recursive: true, force: true });
    }
  });
});
