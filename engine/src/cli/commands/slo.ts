import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import { ExitCode, parseCommandArgs, UsageError, type Command } from "../command.js";
import { readSloBindings } from "../../monitor/rules/slo-source.js";
import { formatDiagnostics } from "../../registry/index.js";
import { renderPrometheusRules } from "../../monitor/rules/prometheus-rules.js";

const help = `Usage: modelgate slo rules [--repo DIR] [--out FILE]

Loads and validates a registry repo, then writes Prometheus recording and alerting rules for the SLO
of every model card that names one:
error-ratio recording rules per alerting window, multiwindow multi-burn-rate alerts (severity page /
ticket), a latency quantile alert, model quality below its floor, feature drift (PSI) and
retrain overdue. Check them with 'promtool check rules FILE'. Exit 1 (nothing written) when the
registry is invalid.

Options:
  --repo DIR   registry repo folder (default: the current folder)
  --out FILE   write the rules here (default: standard output)

Examples:
  modelgate slo rules --repo registry-repo-template --out prometheus/modelgate-rules.yaml
`;

export const sloCommand: Command = {
  name: "slo",
  summary: "SLO tooling: generate Prometheus rules (slo rules)",
  help,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub !== "rules")
      throw new UsageError(
        sub ? `unknown subcommand '${sub}' (expected: rules)` : "missing subcommand (expected: rules)",
      );
    const { values } = parseCommandArgs(rest, { repo: { type: "string" }, out: { type: "string" } }, false);
    const repo = resolve(io.cwd, values.repo ?? ".");
    const read = await readSloBindings(repo);
    if (!read.ok) {
      io.stderr(`${formatDiagnostics(read.errors, "text")}\n`);
      io.stderr(
        "modelgate slo rules: the registry is invalid (see 'modelgate validate'); no rules written\n",
      );
      return ExitCode.findings;
    }
    const { bindings, unused } = read;
    for (const name of unused) {
      io.stderr(`slos/${name}.yaml: no model card names this SLO; no rules written for it\n`);
    }
    const yaml = renderPrometheusRules(bindings, { source: relative(io.cwd, repo) || "." });
    if (values.out) {
      const out = resolve(io.cwd, values.out);
      await mkdir(dirname(out), { recursive: true });
      const temp = `${out}.${process.pid}.tmp`;
      await writeFile(temp, yaml, "utf8");
      await rename(temp, out);
      io.stderr(`wrote rules for ${bindings.length} model(s) to ${relative(io.cwd, out)}\n`);
    } else io.stdout(yaml);
    return ExitCode.ok;
  },
};
