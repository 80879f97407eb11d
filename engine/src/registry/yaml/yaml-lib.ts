/**
 * The `yaml` package, loaded on first use.
 *
 * Why: importing it costs about 30 ms (some 60 CommonJS modules), a tenth of a `modelgate check` on a
 * 10,000-model registry, which parses its files with the fast subset parser and usually needs `yaml`
 * for nothing else. Code on the check path reaches `yaml` only through here; `yaml` is CommonJS, so
 * `require` gives the same module instance an `import` would.
 */
import { createRequire } from "node:module";
import type * as Yaml from "yaml";

let lib: typeof Yaml | undefined;

export function yamlLib(): typeof Yaml {
  lib ??= createRequire(import.meta.url)("yaml") as typeof Yaml;
  return lib;
}
