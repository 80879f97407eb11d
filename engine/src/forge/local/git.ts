import { spawn } from "node:child_process";
import { ForgeConflictError, ForgeNotFoundError } from "../errors.js";

export interface GitResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs git in one repository; failures become ForgeErrors (the local adapter's edge). */
export class GitRunner {
  constructor(
    readonly dir: string,
    private readonly baseEnv: NodeJS.ProcessEnv = process.env,
  ) {}

  /** Runs git and returns stdout; a non-zero exit throws (NotFound for unknown revisions). */
  async run(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
    const result = await this.exec(args, options);
    if (result.code !== 0) throw translateGitFailure(args, result);
    return result.stdout;
  }

  /** Runs git and returns the exit code with the output, without throwing on a non-zero exit. */
  exec(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<GitResult> {
    return new Promise((resolve, reject) => {
      const child = spawn("git", args, {
        cwd: this.dir,
        env: { ...this.baseEnv, GIT_TERMINAL_PROMPT: "0", ...options.env },
        stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout?.on("data", (chunk: Buffer) => out.push(chunk));
      child.stderr?.on("data", (chunk: Buffer) => err.push(chunk));
      child.on("error", reject);
      child.on("close", (code) =>
        resolve({
          stdout: Buffer.concat(out).toString("utf8"),
          stderr: Buffer.concat(err).toString("utf8"),
          code: code ?? 1,
        }),
      );
      if (child.stdin) {
        child.stdin.on("error", () => undefined); // git may exit before reading all input; its exit code tells
        child.stdin.end(options.input);
      }
    });
  }

  /** The sha a revision names, or undefined when it names nothing. */
  async resolve(rev: string): Promise<string | undefined> {
    const result = await this.exec(["rev-parse", "--verify", "--quiet", `${rev}^{commit}`]);
    return result.code === 0 ? result.stdout.trim() : undefined;
  }

  /** A file's content at a revision, or undefined when the file is not there. */
  async show(rev: string, path: string): Promise<string | undefined> {
    const result = await this.exec(["show", `${rev}:${path}`]);
    return result.code === 0 ? result.stdout : undefined;
  }
}

function translateGitFailure(args: string[], result: GitResult): Error {
  const message = `git ${args.join(" ")} failed (exit ${result.code}): ${result.stderr.trim() || result.stdout.trim()}`;
  if (
    /unknown revision|not a valid object name|bad revision|invalid reference|does not exist/i.test(
      result.stderr,
    )
  ) {
    return new ForgeNotFoundError(message);
  }
  return new ForgeConflictError(message);
}
