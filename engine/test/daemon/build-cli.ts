// Tests that spawn the CLI as a child process need compiled JavaScript that matches the sources. Each test
// file builds its own copy (incremental, so reruns are quick) under .cache/, so a concurrent `npm run build`
// of dist/ by someone else cannot swap files under a running test.
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { projectRoot } from "../helpers/temp-git.js";

const run = promisify(execFile);

/** Compiles engine/src into `.cache/test-cli/<name>/` and returns a launcher equivalent to bin/modelgate.js. */
export async function buildCli(name: string): Promise<string> {
  const outDir = join(projectRoot, ".cache", "test-cli", name);
  // tsc emits even when some other module has a type error; the type check is `npx tsc --noEmit`'s job.
  await run(
    process.execPath,
    [
      join(projectRoot, "node_modules/typescript/bin/tsc"),
      "-p",
      "tsconfig.build.json",
      "--outDir",
      outDir,
      "--incremental",
      "--tsBuildInfoFile",
      join(outDir, ".tsbuildinfo"),
    ],
    { cwd: projectRoot },
  ).catch(() => undefined);
  const launcher = join(outDir, "modelgate.mjs");
  const bin = `import { main } from "./cli/main.js";\nmain(process.argv.slice(2)).then((code) => { process.exitCode = code; });\n`;
  await writeFile(launcher, bin);
  return launcher;
}
