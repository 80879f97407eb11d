import type { CheckResult } from "../check.js";
import type { Finding } from "../decision.js";
import { where } from "./shared.js";

const xml = (s: string): string =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    // characters XML 1.0 cannot carry
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");

/** JUnit XML: one test case per rule; a rule with violations fails, warnings go to system-out. */
export function formatJunit(result: CheckResult): string {
  const d = result.decision;
  const ids = [
    ...new Set([...d.rules.map((r) => r.id), ...d.custom_rules, ...d.violations.map((v) => v.rule)]),
  ].sort();
  const byRule = (list: Finding[], id: string): Finding[] => list.filter((f) => f.rule === id);
  const cases: string[] = [];
  let failures = 0;
  for (const id of ids) {
    const violations = byRule(d.violations, id);
    const warnings = [...byRule(d.warnings, id), ...byRule(d.waived, id)];
    const body: string[] = [];
    if (violations.length > 0) {
      failures += 1;
      const text = violations.map((v) => `${where(v)}: ${v.message}\nfix: ${v.remediation}`).join("\n\n");
      body.push(
        `      <failure message="${xml(violations[0]!.message)}" type="${xml(id)}">${xml(text)}</failure>`,
      );
    }
    if (warnings.length > 0) {
      body.push(
        `      <system-out>${xml(warnings.map((w) => `${w.waivers ? "waived" : "warning"}: ${where(w)}: ${w.message}`).join("\n"))}</system-out>`,
      );
    }
    cases.push(
      body.length === 0
        ? `    <testcase classname="modelgate.policy" name="${xml(id)}"/>`
        : `    <testcase classname="modelgate.policy" name="${xml(id)}">\n${body.join("\n")}\n    </testcase>`,
    );
  }
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="modelgate" tests="${ids.length}" failures="${failures}" errors="0">`,
    `  <testsuite name="modelgate check ${xml(result.base.slice(0, 12))}..${xml(result.head.slice(0, 12))}" tests="${ids.length}" failures="${failures}" errors="0" skipped="0">`,
    ...cases,
    `  </testsuite>`,
    `</testsuites>`,
    "",
  ].join("\n");
}
