import { resolve } from "node:path";
import { LocalForge, localApprovalStatus } from "../../forge/index.js";
import { ExitCode, parseCommandArgs, UsageError, type CliIo, type Command } from "../command.js";

const help = `Usage: modelgate propose BRANCH [--title T] [--body B] [--as AUTHOR] [--base BRANCH] [--label L]... [--repo DIR]

Proposes BRANCH as a change request against the main branch of a local registry repo (the embedded
local forge: no account, no network). The change request is recorded in <git-dir>/modelgate/; the work
tree is not touched. Proposing a branch that already has an open change request updates its title,
body and labels.

Options:
  --title T       title (default: the branch tip's commit subject)
  --body B        description
  --as AUTHOR     author (default: the branch tip's commit author)
  --base BRANCH   target branch (default: main_branch of modelgate.yaml, else main)
  --label L       a label (repeatable), e.g. --label emergency
  --repo DIR      the registry repo (default: the current folder)
  -h, --help      show this help

Example:
  modelgate propose promote-stockout-1.1.0 --title "Promote stockout-risk 1.1.0" --as alice
`;

export const proposeCommand: Command = {
  name: "propose",
  summary: "propose a branch as a change request (local forge)",
  help,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, {
      title: { type: "string" },
      body: { type: "string" },
      as: { type: "string" },
      base: { type: "string" },
      label: { type: "string", multiple: true },
      repo: { type: "string" },
    });
    const [branch, ...rest] = positionals;
    if (!branch) throw new UsageError("which branch? e.g. modelgate propose my-branch");
    if (rest.length > 0) throw new UsageError(`unexpected argument ${rest[0]}`);
    const forge = new LocalForge({ repo: resolve(io.cwd, values.repo ?? "."), env: io.env });
    const cr = await forge.propose({
      branch,
      ...(values.title !== undefined ? { title: values.title } : {}),
      ...(values.body !== undefined ? { body: values.body } : {}),
      ...(values.as !== undefined ? { author: values.as.replace(/^@/, "") } : {}),
      ...(values.base !== undefined ? { base: values.base } : {}),
      ...(values.label !== undefined ? { labels: values.label } : {}),
    });
    io.stdout(
      `change request #${cr.number}: ${cr.head.ref} -> ${cr.base.ref} by ${cr.author}: ${cr.title}\n`,
    );
    const status = await localApprovalStatus(forge, cr.number);
    for (const reason of status.reasons) io.stdout(`  needs: ${reason}\n`);
    return ExitCode.ok;
  },
};
