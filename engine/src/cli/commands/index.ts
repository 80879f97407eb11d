import type { Command } from "../command.js";
import { checkCommand } from "./check.js";
import { initCommand } from "./init.js";
import { policyCommand } from "./policy.js";
import { serveCommand } from "./serve.js";
import { sloCommand } from "./slo.js";
import { validateCommand } from "./validate.js";

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
];
