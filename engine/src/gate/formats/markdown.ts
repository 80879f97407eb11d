import type { CheckResult } from "../check.js";
import type { Finding } from "../decision.js";
import { short, where } from "./shared.js";

const cell = (text: string | number | undefined): string =>
  String(text ?? "")
    .replace(/\|/g, "\\|")
    .replace(/\r?\n/g, " ");

const signed = (x: number): string => (x > 0 ? `+${x}` : String(x));

function findingsTable(findings: Finding[]): string[] {
  const rows = ["| Rule | Where | Problem | What to do |", "| --- | --- | --- | --- |"];
  for (const f of findings)
    rows.push(`| \`${cell(f.rule)}\` | ${cell(where(f))} | ${cell(f.message)} | ${cell(f.remediation)} |`);
  return rows;
}

function traffic(
  side: {
    traffic: { version: string; weight: number; role?: string }[];
    shadow?: { version: string; percent: number };
  } | null,
): string {
  if (!side) return "—";
  const parts = side.traffic.map(
    (t) => `${t.version} ${t.weight}%${t.role && t.role !== "stable" ? ` (${t.role})` : ""}`,
  );
  if (side.shadow) parts.push(`shadow ${side.shadow.version} ${side.shadow.percent}%`);
  return parts.join(", ");
}

/** The PR summary comment: verdict, violations, metrics, contracts, traffic, approvals. */
export function formatMarkdown(result: CheckResult): string {
  const d = result.decision;
  const cs = result.changeSet;
  const out: string[] = [];
  out.push(`## modelgate: ${d.allowed ? "✅ allowed" : "❌ denied"}`);
  out.push(
    "",
    `${d.violations.length} violation${d.violations.length === 1 ? "" : "s"}, ${d.warnings.length} warning${d.warnings.length === 1 ? "" : "s"} · ` +
      `\`${short(result.base)}\` → \`${short(result.head)}\``,
  );
  if (d.violations.length > 0) out.push("", "### Violations", "", ...findingsTable(d.violations));
  if (d.warnings.length > 0) out.push("", "### Warnings", "", ...findingsTable(d.warnings));
  if (d.waived.length > 0) {
    out.push("", "### Waived", "", "| Rule | Where | Problem | Waiver |", "| --- | --- | --- | --- |");
    for (const f of d.waived)
      out.push(
        `| \`${cell(f.rule)}\` | ${cell(where(f))} | ${cell(f.message)} | ${cell(f.waivers?.join(", "))} |`,
      );
  }

  const metricRows = cs.placements.flatMap((p) =>
    p.metric_deltas.map(
      (m) =>
        `| ${cell(p.model)} | ${cell(p.environment)} | ${cell(p.version)} (${p.role}) | ${cell(p.current_stable)} | ${cell(m.metric)} | ${m.proposed} | ${m.current} | ${signed(m.delta)}${m.regression > 0 ? " ⚠️" : ""} |`,
    ),
  );
  if (metricRows.length > 0) {
    out.push(
      "",
      "### Metrics (proposed vs serving)",
      "",
      "| Model | Environment | Proposed | Serving | Metric | Proposed value | Serving value | Δ |",
      "| --- | --- | --- | --- | --- | --- | --- | --- |",
      ...metricRows,
    );
  }

  if (cs.contracts.length > 0) {
    out.push(
      "",
      "### Contract changes",
      "",
      "| Contract | Mode | Version | Field | Change | Verdict |",
      "| --- | --- | --- | --- | --- | --- |",
    );
    for (const c of cs.contracts) {
      const version = `${c.from_version ?? "—"} → ${c.to_version ?? "—"}${c.version_bump ? ` (${c.version_bump})` : ""}`;
      if (c.field_changes.length === 0) {
        out.push(
          `| ${cell(c.name)} | ${cell(c.mode)} | ${cell(version)} | — | ${c.kind} | ${c.compatible ? "compatible" : "**breaking**"} |`,
        );
      }
      for (const f of c.field_changes) {
        out.push(
          `| ${cell(c.name)} | ${cell(c.mode)} | ${cell(version)} | ${f.direction} \`${cell(f.field)}\` | ${cell(f.change)}: ${cell(f.detail)} | ${f.compatible ? "compatible" : "**breaking**"} |`,
        );
      }
      for (const tr of c.transitive ?? []) {
        if (!tr.compatible)
          out.push(
            `| ${cell(c.name)} | ${cell(c.mode)} | vs ${cell(tr.against_version)} | — | ${tr.breaking.length} breaking | **breaking** |`,
          );
      }
    }
  }

  if (cs.traffic.length > 0) {
    out.push("", "### Traffic", "", "| Environment | Model | Before | After |", "| --- | --- | --- | --- |");
    for (const tr of cs.traffic)
      out.push(
        `| ${cell(tr.environment)} | ${cell(tr.model)} | ${cell(traffic(tr.before))} | ${cell(traffic(tr.after))} |`,
      );
  }

  if (d.approvals.required.length > 0) {
    out.push("", "### Approvals", "", "| Required | Needed | Given | |", "| --- | --- | --- | --- |");
    for (const r of d.approvals.required) {
      out.push(
        `| ${cell(r.description)} | ${r.min} | ${cell(r.given.join(", ") || "—")} | ${r.satisfied ? "✅" : "❌"} |`,
      );
    }
  }
  if (d.overrides.length > 0) {
    out.push("", "### Enforcement overrides", "");
    for (const o of d.overrides) out.push(`- \`${o.rule}\`: ${o.default} → ${o.configured} (${where(o)})`);
  }
  out.push(
    "",
    `<sub>policy bundle \`${result.bundle.hash.slice(0, 16)}\` · OPA ${result.bundle.opaVersion}</sub>`,
  );
  return `${out.join("\n")}\n`;
}
