import { execFile } from "node:child_process";

export interface ExecOptions {
  readonly cwd?: string;
  readonly timeoutMs?: number;
  readonly env?: NodeJS.ProcessEnv;
}

/** A finished process. A non-zero exit is a result, not an exception. */
export interface ExecResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a program without a shell. Resolves with the exit code for any process that ran to completion;
 * rejects only when it could not start (ENOENT, EACCES) or was killed (timeout: `error.killed === true`).
 * Injected everywhere OPA is run, so tests can count or fake invocations.
 */
export type ExecFileFn = (
  file: string,
  args: readonly string[],
  options?: ExecOptions,
) => Promise<ExecResult>;

const MAX_OUTPUT_BYTES = 32 * 1024 * 1024;

export const execFileProcess: ExecFileFn = (file, args, options = {}) =>
  new Promise((resolve, reject) => {
    execFile(
      file,
      [...args],
      {
        cwd: options.cwd,
        env: options.env,
        timeout: options.timeoutMs ?? 0,
        maxBuffer: MAX_OUTPUT_BYTES,
        encoding: "utf8",
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        if (error === null) {
          resolve({ exitCode: 0, stdout, stderr });
        } else if (typeof error.code === "number" && !error.killed) {
          resolve({ exitCode: error.code, stdout, stderr });
        } else {
          reject(error);
        }
      },
    );
  });

/** True for the rejection `execFileProcess` gives when the timeout killed the child. */
export function isExecTimeout(error: unknown): boolean {
  return typeof error === "object" && error !== null && "killed" in error && error.killed === true;
}

/** The errno code (`ENOENT`, `EACCES`, ...) of a failed spawn or fs call, if any. */
export function errnoCode(error: unknown): string | undefined {
  if (typeof error === "object" && error !== null && "code" in error && typeof error.code === "string") {
    return error.code;
  }
  return undefined;
}
