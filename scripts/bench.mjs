#!/usr/bin/env node
// Runs every benchmark in bench/ (or those whose name contains an argument) one after another, against
// the compiled engine in dist/. Each benchmark prints its own numbers and comparisons.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const filters = process.argv.slice(2);
const build = spawnSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 2);

const benches = readdirSync(join(root, "bench"))
  .filter((f) => f.endsWith(".bench.mjs"))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
let failed = 0;
for (const file of benches) {
  console.log(`\n=== ${file}`);
  const result = spawnSync(process.execPath, ["--expose-gc", join(root, "bench", file)], {
    cwd: root,
    stdio: "inherit",
  });
  if (result.status !== 0) {
    failed += 1;
    console.log(`!!! ${file} exited with ${result.status}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
