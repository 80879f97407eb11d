import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cachedRoot: string | undefined;

/**
 * The installed package's root (where package.json, schemas/, policies/ and the template live).
 * Found by walking up from this module, so it works from engine/src (tests) and from dist/ (the CLI).
 */
export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, "package.json");
    if (existsSync(candidate)) {
      const parsed = JSON.parse(readFileSync(candidate, "utf8")) as { name?: string };
      if (parsed.name === "modelgate") return (cachedRoot = dir);
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error("cannot find the modelgate package root (package.json)");
    dir = parent;
  }
}

export function packageVersion(): string {
  const parsed = JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as {
    version?: string;
  };
  return parsed.version ?? "0.0.0";
}
