/**
 * The arguments `plan`, `apply` and `rollback` share: one environment of a registry repo, the branch
 * that holds desired state, and a text or JSON report. One definition, so the three agree on names,
 * defaults and error messages.
 */
import { pickFormat, UsageError, type OptionSpec } from "./command.js";

export const environmentOptions = {
  env: { type: "string" },
  repo: { type: "string" },
  branch: { type: "string" },
  format: { type: "string" },
} as const satisfies OptionSpec;

/** `--daemon URL` and `--state DIR`: two sources of actual state, of which one may be given. */
export const daemonOrStateOptions = {
  daemon: { type: "string" },
  state: { type: "string" },
} as const satisfies OptionSpec;

export interface EnvironmentTarget {
  environment: string;
  /** As given (default "."), relative to the command's working folder. */
  repo: string;
  branch: string;
  format: "text" | "json";
}

/** Checks and defaults the shared options (parsed with `environmentOptions` spread into a command's own). */
export function environmentTarget(values: {
  env?: string;
  repo?: string;
  branch?: string;
  format?: string;
}): EnvironmentTarget {
  if (!values.env) throw new UsageError("--env ENV is required");
  return {
    environment: values.env,
    repo: values.repo ?? ".",
    branch: values.branch ?? "main",
    format: pickFormat(values.format, ["text", "json"] as const, "text"),
  };
}

export function assertDaemonOrState(values: { daemon?: string; state?: string }): void {
  if (values.daemon && values.state) throw new UsageError("give --daemon or --state, not both");
}
