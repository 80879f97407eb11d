import type { CliIo } from "../../src/cli/command.js";

/** A CliIo that records what a command prints, for running commands in-process in tests. */
export function captureIo(
  cwd: string = process.cwd(),
  env: NodeJS.ProcessEnv = {},
): CliIo & { out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    cwd,
    env,
    out: () => out.join(""),
    err: () => err.join(""),
  };
}
