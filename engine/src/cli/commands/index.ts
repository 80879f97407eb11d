import type { Command } from "../command.js";
import { initCommand } from "./init.js";
import { validateCommand } from "./validate.js";

/**
 * Every CLI command, in the order `modelgate --help` lists them.
 * Add a command by writing `commands/<name>.ts` (exporting a `Command`) and listing it here.
 */
export const commands: readonly Command[] = [initCommand, validateCommand];
