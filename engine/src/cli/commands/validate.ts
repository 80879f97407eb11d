import { resolve } from "node:path";
import {
  DEFAULT_MAX_FILE_BYTES,
  formatDiagnostics,
  loadRegistry,
  openFolderSource,
  openGitSource,
  toJson,
  type RegistrySource,
} from "../../registry/index.js";
import { ExitCode, parseCommandArgs, pickFormat, UsageError, type CliIo, type Command } from "../command.js";

const help = `Usage: modelgate validate [DIR] [--rev REV] [--format text|json] [--max-file-bytes N]

Validates a registry repo: every file against its JSON Schema, then references between files
(models, versions, contracts, SLOs, environments), traffic weights, baselines and artifact URIs.
Reports every problem with file, line, column and a hint.

Arguments:
  DIR                 the registry repo (default: the current folder)

Options:
  --rev REV           validate the tree of a git revision (commit, branch, tag) instead of the working folder
  --format FMT        text (default) or json:
                      { "ok", "errors": [{ file, line, column, pointer, message, hint?, code }], "warnings" }
  --max-file-bytes N  refuse registry files bigger than N bytes (default 1048576 = 1 MiB)
  -h, --help          show this help

Exit codes: 0 valid, 1 findings, 2 usage error or the revision/folder cannot be read.

Examples:
  modelgate validate                          # the working folder
  modelgate validate registry-repo-template
  modelgate validate . --rev origin/main      # what is committed on origin/main
  modelgate validate --rev HEAD~1 --format json
`;

export const validateCommand: Command = {
  name: "validate",
  summary: "validate a registry repo (working folder or a git revision)",
  help,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(argv, {
      rev: { type: "string" },
      format: { type: "string" },
      "max-file-bytes": { type: "string" },
    });
    if (positionals.length > 1) throw new UsageError(`expected at most one DIR, got ${positionals.length}`);
    const format = pickFormat(values.format, ["text", "json"] as const, "text");
    const dir = resolve(io.cwd, positionals[0] ?? ".");
    const limit = values["max-file-bytes"];
    const maxFileBytes = limit === undefined ? DEFAULT_MAX_FILE_BYTES : Number(limit);
    if (!Number.isSafeInteger(maxFileBytes) || maxFileBytes <= 0) {
      throw new UsageError(`--max-file-bytes must be a positive integer (got ${limit})`);
    }
    const source: RegistrySource =
      values.rev !== undefined
        ? await openGitSource(dir, values.rev, { maxFileBytes })
        : await openFolderSource(dir, { maxFileBytes });
    const result = await loadRegistry(source, { maxFileBytes });
    const errors = result.ok ? [] : result.errors;
    if (format === "json") {
      io.stdout(
        `${JSON.stringify({ ok: result.ok, errors: errors.map(toJson), warnings: result.warnings.map(toJson) }, null, 2)}\n`,
      );
    } else {
      if (errors.length > 0) io.stdout(`${formatDiagnostics(errors, "text")}\n`);
      if (result.warnings.length > 0)
        io.stdout(`${formatDiagnostics(result.warnings, "text", { severity: "warning" })}\n`);
      if (result.ok) {
        const { models, environments } = result.state;
        const versions = Object.values(models).reduce((n, m) => n + Object.keys(m.versions).length, 0);
        io.stdout(
          `✓ registry valid: ${plural(Object.keys(models).length, "model")}, ${plural(versions, "version")}, ${plural(Object.keys(environments).length, "environment")}` +
            `${result.warnings.length > 0 ? ` (${plural(result.warnings.length, "warning")})` : ""} — ${source.description}\n`,
        );
      } else {
        const files = new Set(errors.map((e) => e.file)).size;
        io.stdout(
          `✗ registry invalid: ${plural(errors.length, "error")} in ${plural(files, "file")} — ${source.description}\n`,
        );
      }
    }
    if (io.env.MODELGATE_REPORT_RSS === "1")
      io.stderr(`modelgate: peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB\n`);
    return result.ok ? ExitCode.ok : ExitCode.findings;
  },
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
