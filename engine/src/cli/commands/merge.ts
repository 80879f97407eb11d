import { resolve } from "node:path";
import { LocalForge, localApprovalStatus } from "../../forge/index.js";
import { formatMarkdown, runCheck } from "../../gate/index.js";
import { ExitCode, parseCommandArgs, pickFormat, UsageError, type CliIo, type Command } from "../command.js";
import { checkChangeRequest } from "../pr-check.js";
import { gitRegistryLoader } from "./check.js";

const help = `Usage: modelgate merge BRANCH [--as NAME] [--repo DIR] [--format text|json] [--approvals-only]

Merges a change request of the local forge into its base branch with a --no-ff merge commit that names
the change request and who merged it — only when the policy check allows it (the same decision as
'modelgate check --pr BRANCH', published as the change request's check and summary), nobody's requested
changes stand, and it does not conflict. The work tree is only updated when the base branch is checked
out (like a checkout would).

With --approvals-only the policies are not evaluated; the merge then needs every changed path with code
owners approved by one of them (CODEOWNERS, teams from modelgate.yaml), at least one valid approval, two
when a changed model is risk_tier: high, and no reviewer requesting changes (see docs/approvals.md).

Options:
  --as NAME          who merges (default: git config user.name)
  --repo DIR         the registry repo (default: the current folder)
  --format FMT       text (default) or json
  --approvals-only   gate on approvals alone, without the policy decision
  --now RFC3339      the policy clock (default: now)
  -h, --help         show this help

Exit codes: 0 merged, 1 not allowed (missing approvals, changes requested, conflicts), 2 error.
`;

export const mergeCommand: Command = {
  name: "merge",
  summary: "merge an approved change request (local forge)",
  help,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, {
      as: { type: "string" },
      repo: { type: "string" },
      format: { type: "string" },
      "approvals-only": { type: "boolean" },
      now: { type: "string" },
    });
    const [branch, ...rest] = positionals;
    if (!branch) throw new UsageError("which branch? e.g. modelgate merge my-branch --as dave");
    if (rest.length > 0) throw new UsageError(`unexpected argument ${rest[0]}`);
    const format = pickFormat(values.format, ["text", "json"] as const, "text");
    const forge = new LocalForge({ repo: resolve(io.cwd, values.repo ?? "."), env: io.env });
    const by = (values.as ?? (await forge.configuredUser()))?.replace(/^@/, "");
    if (!by) throw new UsageError("who is merging? give --as NAME (or set git config user.name)");
    const now = values.now === undefined ? new Date() : new Date(values.now);
    if (Number.isNaN(now.getTime()))
      throw new UsageError(`--now must be an RFC 3339 time (got ${values.now})`);
    const status = await localApprovalStatus(forge, branch);
    const cr = status.changeRequest;
    let reasons = [...status.reasons];
    if (!values["approvals-only"] && cr.state === "open") {
      const repoDir = resolve(io.cwd, values.repo ?? ".");
      const checked = await checkChangeRequest({
        forge,
        id: cr.number,
        repoDir,
        now,
        env: io.env,
        runCheck,
        loadRegistry: gitRegistryLoader,
        formatMarkdown,
        publish: true,
      });
      const d = checked.result.decision;
      reasons = [
        ...cr.approvals.blocking.map(
          (b) => `${b.reviewer} requested changes; their approval is needed to unblock`,
        ),
        ...d.violations.map(
          (v) => `${v.rule}: ${v.message}${v.file ? ` (${v.file}${v.line ? `:${v.line}` : ""})` : ""}`,
        ),
        ...(d.allowed ? [] : d.approvals.missing.map((m) => `approval missing: ${m}`)),
      ];
      if (!d.allowed && reasons.length === 0) reasons.push("the policy check denied the change");
    }
    if (cr.state !== "open") reasons.unshift(`change request #${cr.number} is ${cr.state}`);
    if (cr.mergeable === "conflicting")
      reasons.push(`conflicts with ${cr.base.ref}; merge ${cr.base.ref} into ${cr.head.ref} first`);
    const report = {
      changeRequest: cr.number,
      branch: cr.head.ref,
      base: cr.base.ref,
      allowed: reasons.length === 0,
      reasons,
      approvals: cr.approvals,
      merged: undefined as undefined | { commit: string; by: string },
    };
    if (report.allowed) {
      const { commit } = await forge.merge(cr.number, { by });
      report.merged = { commit, by };
    }
    if (format === "json") io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    else if (report.merged) {
      io.stdout(
        `merged #${cr.number} (${cr.head.ref}) into ${cr.base.ref} as ${report.merged.commit.slice(0, 12)} by ${by}\n`,
      );
      io.stdout(`approved by: ${cr.approvals.valid.map((v) => v.reviewer).join(", ")}\n`);
    } else {
      io.stdout(`not merged: #${cr.number} (${cr.head.ref}) is not ready\n`);
      for (const reason of reasons) io.stdout(`  - ${reason}\n`);
    }
    return report.allowed ? ExitCode.ok : ExitCode.findings;
  },
};
