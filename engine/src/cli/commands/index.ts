import type { Command } from "../command.js";

/**
 * Every CLI command, in the order `modelgate --help` lists them. Modules load lazily: `modelgate validate`
 * should not pay for importing ONNX Runtime, octokit and the serving stack. A test checks that each
 * summary here matches the one in the command's module.
 * Add a command by writing `commands/<name>.ts` (exporting a `Command`) and listing it here.
 */
export interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  load(): Promise<Command>;
}

export const commands: readonly CommandEntry[] = [
  {
    name: "init",
    summary: "create a new registry repo from the template",
    load: async () => (await import("./init.js")).initCommand,
  },
  {
    name: "validate",
    summary: "validate a registry repo (working folder or a git revision)",
    load: async () => (await import("./validate.js")).validateCommand,
  },
  {
    name: "check",
    summary: "evaluate the policies on a change (base..head) and print the decision",
    load: async () => (await import("./check.js")).checkCommand,
  },
  {
    name: "policy",
    summary: "build (compile + cache) or test the policy bundle",
    load: async () => (await import("./policy.js")).policyCommand,
  },
  {
    name: "slo",
    summary: "SLO tooling: generate Prometheus rules (slo rules)",
    load: async () => (await import("./slo.js")).sloCommand,
  },
  {
    name: "serve",
    summary: "serve an environment's models over the Open Inference Protocol (KServe V2)",
    load: async () => (await import("./serve.js")).serveCommand,
  },
  {
    name: "plan",
    summary: "show the steps that would bring an environment to the main branch",
    load: async () => (await import("./plan.js")).planCommand,
  },
  {
    name: "apply",
    summary: "reconcile an environment once (in-process, or a running daemon now)",
    load: async () => (await import("./apply.js")).applyCommand,
  },
  {
    name: "run",
    summary: "serve an environment and keep it reconciled with the main branch (daemon)",
    load: async () => (await import("./run.js")).runCommand,
  },
  {
    name: "rollback",
    summary: "propose (and with --now apply) a revert of a model's weights",
    load: async () => (await import("./rollback.js")).rollbackCommand,
  },
  {
    name: "demo",
    summary: "run the whole loop locally: propose, check, approve, merge, deploy, predict",
    load: async () => (await import("./demo.js")).demoCommand,
  },
  {
    name: "propose",
    summary: "propose a branch as a change request (local forge)",
    load: async () => (await import("./propose.js")).proposeCommand,
  },
  {
    name: "review",
    summary: "approve, request changes on, comment on or dismiss a review of a change request (local forge)",
    load: async () => (await import("./review.js")).reviewCommand,
  },
  {
    name: "merge",
    summary: "merge an approved change request (local forge)",
    load: async () => (await import("./merge.js")).mergeCommand,
  },
  {
    name: "issues",
    summary: "list the issues modelgate opened (local forge)",
    load: async () => (await import("./issues.js")).issuesCommand,
  },
  {
    name: "status",
    summary: "show environments, weights, SLO budgets, drift and open issues",
    load: async () => (await import("./status.js")).statusCommand,
  },
  {
    name: "action",
    summary: "run inside GitHub Actions: 'modelgate action check' checks the triggering pull request",
    load: async () => (await import("./action.js")).actionCommand,
  },
  {
    name: "webhook",
    summary: "receive GitHub webhooks and re-run the check of the pull request they concern",
    load: async () => (await import("./webhook.js")).webhookCommand,
  },
];
