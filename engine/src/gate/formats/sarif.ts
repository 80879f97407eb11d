import type { CheckResult } from "../check.js";
import type { Finding } from "../decision.js";
import { packageVersion } from "../../shared/project-paths.js";

const LEVEL: Record<string, "error" | "warning" | "note"> = {
  enforce: "error",
  warn: "warning",
  audit: "note",
};

/** SARIF 2.1.0 (GitHub code scanning): one result per violation, warning and audit finding. */
export function formatSarif(result: CheckResult): string {
  const d = result.decision;
  const findings: Finding[] = [...d.violations, ...d.warnings, ...d.audit];
  const ruleIds = [...new Set([...d.rules.map((r) => r.id), ...findings.map((f) => f.rule)])].sort();
  const meta = new Map(d.rules.map((r) => [r.id, r]));
  const remediation = new Map(findings.map((f) => [f.rule, f.remediation]));
  const rules = ruleIds.map((id) => {
    const m = meta.get(id);
    return {
      id,
      name: id,
      shortDescription: { text: m?.title ?? id },
      help: { text: remediation.get(id) || m?.title || id },
      defaultConfiguration: { level: LEVEL[m?.enforcement ?? "enforce"] ?? "error" },
      properties: { severity: m?.severity ?? "high" },
    };
  });
  const results = findings.map((f) => {
    const r: Record<string, unknown> = {
      ruleId: f.rule,
      ruleIndex: ruleIds.indexOf(f.rule),
      level: LEVEL[f.enforcement] ?? "error",
      message: { text: f.remediation ? `${f.message}. Fix: ${f.remediation}` : f.message },
    };
    if (f.file) {
      r["locations"] = [
        {
          physicalLocation: {
            artifactLocation: { uri: f.file },
            ...(f.line > 0 ? { region: { startLine: f.line } } : {}),
          },
        },
      ];
    }
    return r;
  });
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "modelgate",
            version: packageVersion(),
            informationUri: "https://modelgate.dev",
            rules,
          },
        },
        versionControlProvenance: [{ repositoryUri: "file:.", revisionId: result.head }],
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
