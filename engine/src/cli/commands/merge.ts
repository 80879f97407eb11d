import { resolve } from "node:path";
import { LocalForge, localApprovalStatus } from "../../forge/index.js";
import { ExitCode, parseCommandArgs, pickFormat, UsageError, type CliIo, type Command } from "../command.js";

const help = `Usage: modelgate merge BRANCH [--as NAME] [--repo DIR] [--format text|json]

Merges a change request of the local forge into its base branch with a --no-ff merge commit that names
the change request and who merged it — only when its approvals are satisfied: every changed path with
code owners approved by one of them (CODEOWNERS, teams from modelgate.yaml), at least one valid approval,
two when a changed model is risk_tier: high, and no reviewer requesting changes. The work tree is only
updated when the base branch is checked out (like a checkout would). Run 'modelgate check' for the full
policy decision.

Options:
  --as NAME        who merges (default: git config user.name)
  --repo DIR       the registry repo (default: the current folder)
  --format FMT     text (default) or json
  -h, --help       show this help

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
    });
    const [branch, ...rest] = positionals;
    if (!branch) throw new UsageError("which branch? e.g. modelgate merge my-branch --as dave");
    if (rest.length > 0) throw new UsageError(`unexpected argument ${rest[0]}`);
    const format = pickFormat(values.format, ["text", "json"] as const, "text");
    const forge = new LocalForge({ repo: resolve(io.cwd, values.repo ?? "."), env: io.env });
    const by = (values.as ?? (await forge.configuredUser()))?.replace(/^@/, "");
    if (!by) throw new UsageError("who is merging? give --as NAME (or set git config user.name)");
    const status = await localApprovalStatus(forge, branch);
    const cr = status.changeRequest;
    const reasons = [...status.reasons];
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
