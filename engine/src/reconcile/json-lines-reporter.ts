import { appendFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import type { DeploymentReporter, DeploymentState, IssueReporter } from "./ports.js";

export type ReportLine =
  | {
      at: string;
      type: "issue";
      action: "ensure";
      fingerprint: string;
      title: string;
      body: string;
      labels: string[];
    }
  | { at: string; type: "issue"; action: "close"; fingerprint: string; comment?: string }
  | {
      at: string;
      type: "deployment";
      environment: string;
      sha: string;
      state: DeploymentState;
      description: string;
    };

/**
 * Reports issues and deployment statuses as JSON lines in a file (`<state>/reports.jsonl`): the reporter
 * used when no forge is configured, and an audit trail that tools can tail.
 */
export class JsonLinesReporter implements DeploymentReporter, IssueReporter {
  constructor(
    readonly path: string,
    private readonly clock: () => number = Date.now,
  ) {}

  async ensureIssue(spec: {
    fingerprint: string;
    title: string;
    body: string;
    labels?: string[];
  }): Promise<void> {
    await this.write({ at: this.now(), type: "issue", action: "ensure", ...spec, labels: spec.labels ?? [] });
  }

  async closeIssue(fingerprint: string, comment?: string): Promise<void> {
    const line: ReportLine = { at: this.now(), type: "issue", action: "close", fingerprint };
    if (comment !== undefined) line.comment = comment;
    await this.write(line);
  }

  async reportDeployment(report: {
    environment: string;
    sha: string;
    state: DeploymentState;
    description: string;
  }): Promise<void> {
    await this.write({ at: this.now(), type: "deployment", ...report });
  }

  private async write(line: ReportLine): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    await appendFile(this.path, `${JSON.stringify(line)}\n`);
  }

  private now(): string {
    return new Date(this.clock()).toISOString();
  }
}
