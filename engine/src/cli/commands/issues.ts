import { resolve } from "node:path";
import { collect, LocalForge } from "../../forge/index.js";
import { ExitCode, parseCommandArgs, pickFormat, UsageError, type CliIo, type Command } from "../command.js";

const help = `Usage: modelgate issues [--all] [--format text|json] [--repo DIR]

Lists the issues modelgate opened in the local forge (drift, SLO burn, state that no longer matches Git),
one per problem, identified by its fingerprint. Open ones only unless --all.

Options:
  --all          include closed issues
  --format FMT   text (default) or json
  --repo DIR     the registry repo (default: the current folder)
  -h, --help     show this help
`;

export const issuesCommand: Command = {
  name: "issues",
  summary: "list the issues modelgate opened (local forge)",
  help,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, {
      all: { type: "boolean" },
      format: { type: "string" },
      repo: { type: "string" },
    });
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
    const format = pickFormat(values.format, ["text", "json"] as const, "text");
    const forge = new LocalForge({ repo: resolve(io.cwd, values.repo ?? "."), env: io.env });
    const issues = await collect(forge.listIssues({ state: values.all ? "all" : "open" }));
    if (format === "json") {
      io.stdout(`${JSON.stringify(issues, null, 2)}\n`);
    } else if (issues.length === 0) {
      io.stdout(values.all ? "no issues\n" : "no open issues\n");
    } else {
      for (const issue of issues) {
        const labels = issue.labels.length > 0 ? ` [${issue.labels.join(", ")}]` : "";
        io.stdout(
          `#${issue.number} ${issue.state.padEnd(6)} ${issue.title}${labels}  (${issue.fingerprint})\n`,
        );
      }
    }
    return ExitCode.ok;
  },
};
