import type { Command } from "../command.js";
import { actionCommand } from "./action.js";
import { applyCommand } from "./apply.js";
import { checkCommand } from "./check.js";
import { demoCommand } from "./demo.js";
import { initCommand } from "./init.js";
import { issuesCommand } from "./issues.js";
import { mergeCommand } from "./merge.js";
import { planCommand } from "./plan.js";
import { policyCommand } from "./policy.js";
import { proposeCommand } from "./propose.js";
import { reviewCommand } from "./review.js";
import { rollbackCommand } from "./rollback.js";
import { runCommand } from "./run.js";
import { serveCommand } from "./serve.js";
import { sloCommand } from "./slo.js";
import { statusCommand } from "./status.js";
import { validateCommand } from "./validate.js";
import { webhookCommand } from "./webhook.js";

/**
 * Every CLI command, in the order `modelgate --help` lists them.
 * Add a command by writing `commands/<name>.ts` (exporting a `Command`) and listing it here.
 */
export const commands: readonly Command[] = [
  initCommand,
  validateCommand,
  checkCommand,
  policyCommand,
  sloCommand,
  serveCommand,
  planCommand,
  applyCommand,
  runCommand,
  rollbackCommand,
  demoCommand,
  proposeCommand,
  reviewCommand,
  mergeCommand,
  issuesCommand,
  statusCommand,
  actionCommand,
  webhookCommand,
];
