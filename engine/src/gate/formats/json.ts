import type { CheckResult } from "../check.js";

/** The machine-readable decision (schemas/decision.schema.json) with the revisions and the change set. */
export function formatJson(result: CheckResult): string {
  const { decision } = result;
  return `${JSON.stringify(
    {
      ...decision,
      base: result.base,
      head: result.head,
      bundle: {
        hash: result.bundle.hash,
        cache_hit: result.bundle.fromCache,
        opa_version: result.bundle.opaVersion,
      },
      changes: result.changeSet,
    },
    null,
    2,
  )}\n`;
}
