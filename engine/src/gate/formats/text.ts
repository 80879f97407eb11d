import type { CheckResult } from "../check.js";
import type { Finding } from "../decision.js";
import { short, where } from "./shared.js";

function finding(f: Finding, mark: string): string[] {
  const loc = where(f);
  const lines = [`  ${mark} [${f.rule}] ${loc ? `${loc}: ` : ""}${f.message}`];
  if (f.remediation) lines.push(`      fix: ${f.remediation}`);
  if (f.waivers) lines.push(`      waived by: ${f.waivers.join(", ")}`);
  return lines;
}

export function formatText(result: CheckResult): string {
  const d = result.decision;
  const out: string[] = [];
  out.push(
    `modelgate check ${short(result.base)}..${short(result.head)}: ${d.allowed ? "ALLOWED" : "DENIED"} ` +
      `(${d.violations.length} violation${d.violations.length === 1 ? "" : "s"}, ${d.warnings.length} warning${d.warnings.length === 1 ? "" : "s"})`,
  );
  if (d.violations.length > 0) {
    out.push("", "Violations:");
    for (const f of d.violations) out.push(...finding(f, "✗"));
  }
  if (d.warnings.length > 0) {
    out.push("", "Warnings:");
    for (const f of d.warnings) out.push(...finding(f, "!"));
  }
  if (d.waived.length > 0) {
    out.push("", "Waived:");
    for (const f of d.waived) out.push(...finding(f, "~"));
  }
  if (d.approvals.required.length > 0) {
    out.push("", `Approvals (given: ${d.approvals.given.join(", ") || "none"}):`);
    for (const r of d.approvals.required) {
      out.push(
        `  ${r.satisfied ? "✓" : "✗"} ${r.description}: ${r.given.length}/${r.min}${r.given.length ? ` (${r.given.join(", ")})` : ""}`,
      );
    }
  }
  if (d.overrides.length > 0) {
    out.push("", "Enforcement overrides (modelgate.yaml):");
    for (const o of d.overrides) out.push(`  ${o.rule}: ${o.default} -> ${o.configured} (${where(o)})`);
  }
  out.push(
    "",
    `policy bundle ${result.bundle.hash.slice(0, 16)} (${result.bundle.fromCache ? "cached" : "compiled"}, OPA ${result.bundle.opaVersion})`,
  );
  return `${out.join("\n")}\n`;
}
