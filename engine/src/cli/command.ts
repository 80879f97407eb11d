import { parseArgs, type ParseArgsConfig } from "node:util";

/** Where a command writes and what it sees. Injected so tests run commands in-process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

/** Exit codes used by every command: 0 ok, 1 findings (invalid, denied), 2 usage or internal error. */
export const ExitCode = { ok: 0, findings: 1, error: 2 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface Command {
  readonly name: string;
  /** One line for `modelgate --help`. */
  readonly summary: string;
  /** Full `--help` text: usage line, options, examples. */
  readonly help: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

/** A mistake in how the command was called; printed with a pointer to --help, exit 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

/** parseArgs with our error type, so a typo in a flag is a usage error and not a stack trace. */
export function parseCommandArgs<T extends OptionSpec>(
  argv: string[],
  options: T,
  allowPositionals = true,
): {
  values: ReturnType<typeof parseArgs<{ options: T; allowPositionals: true; strict: true }>>["values"];
  positionals: string[];
} {
  try {
    const parsed = parseArgs({ args: argv, options, allowPositionals, strict: true });
    return { values: parsed.values, positionals: parsed.positionals };
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Reads `--format` and checks it against the formats a command supports. */
export function pickFormat<F extends string>(value: unknown, allowed: readonly F[], fallback: F): F {
  if (value === undefined) return fallback;
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as F;
  throw new UsageError(`--format must be one of ${allowed.join(", ")} (got ${String(value)})`);
}
