import type { CheckResult } from "../check.js";
import { formatJson } from "./json.js";
import { formatJunit } from "./junit.js";
import { formatMarkdown } from "./markdown.js";
import { formatSarif } from "./sarif.js";
import { formatText } from "./text.js";

export const DECISION_FORMATS = ["text", "json", "sarif", "junit", "markdown"] as const;
export type DecisionFormat = (typeof DECISION_FORMATS)[number];

export function formatDecision(result: CheckResult, format: DecisionFormat): string {
  switch (format) {
    case "json":
      return formatJson(result);
    case "sarif":
      return formatSarif(result);
    case "junit":
      return formatJunit(result);
    case "markdown":
      return formatMarkdown(result);
    case "text":
      return formatText(result);
  }
}

export { formatJson, formatJunit, formatMarkdown, formatSarif, formatText };
