import { ExitCode, UsageError, type CliIo } from "./command.js";
import { commands } from "./commands/index.js";
import { packageVersion } from "../shared/project-paths.js";

function topLevelHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length), 8);
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    "modelgate — policy-as-code GitOps for machine-learning models",
    "",
    "Usage: modelgate <command> [options]",
    "",
    "Commands:",
    ...lines,
    "",
    "Options:",
    "  -h, --help     show help (also: modelgate <command> --help)",
    "  -v, --version  print the version",
    "",
    "Exit codes: 0 ok, 1 findings (invalid registry, denied change), 2 usage or internal error.",
    "",
  ].join("\n");
}

export function defaultIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
  };
}

/** Runs the CLI and returns the exit code; never throws. */
export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === "-h" || first === "--help" || first === "help") {
    if (first === "help" && rest[0]) return main([rest[0], "--help"], io);
    io.stdout(topLevelHelp());
    return first === undefined ? ExitCode.error : ExitCode.ok;
  }
  if (first === "-v" || first === "--version") {
    io.stdout(`${packageVersion()}\n`);
    return ExitCode.ok;
  }
  const entry = commands.find((c) => c.name === first);
  if (!entry) {
    io.stderr(`modelgate: unknown command '${first}'. Run 'modelgate --help' for the list.\n`);
    return ExitCode.error;
  }
  const command = await entry.load();
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout(command.help.endsWith("\n") ? command.help : `${command.help}\n`);
    return ExitCode.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(
        `modelgate ${command.name}: ${error.message}\nRun 'modelgate ${command.name} --help' for usage.\n`,
      );
      return ExitCode.error;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`modelgate ${command.name}: ${message}\n`);
    if (io.env.MODELGATE_DEBUG && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    return ExitCode.error;
  }
}
