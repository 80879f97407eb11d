/**
 * The base revision, loaded only as far as the change set compares it. The head registry is loaded
 * and validated in full; from base we need the configuration, waivers, the changed files, every file of
 * a model the change touches (with its contract and SLO) and, for changed environment files, the
 * entries of those models. Unchanged environment files are the same at base and head, so the head's
 * documents are reused; for a changed environment file only the changed model entries are parsed.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { parse as parseYaml } from "yaml";
import type { Environment, LoadResult, RegistryState, Sourced } from "../registry/types.js";

const run = promisify(execFile);

export type ScopedLoader = (include: (path: string) => boolean) => Promise<LoadResult>;

const ALWAYS =
  /^(modelgate\.yaml|CODEOWNERS|\.github\/CODEOWNERS|docs\/CODEOWNERS|waivers\/.*|policies\/.*)$/;

async function show(repoDir: string, rev: string, path: string): Promise<string | undefined> {
  try {
    const { stdout } = await run("git", ["show", `${rev}:${path}`], {
      cwd: repoDir,
      maxBuffer: 512 * 1024 * 1024,
    });
    return stdout;
  } catch {
    return undefined;
  }
}

/**
 * Splits an environment file's `models:` block mapping into one text block per model, or undefined
 * when the file is not in the plain block style this relies on (then the caller parses it whole).
 */
export function splitModelBlocks(text: string): { header: string; blocks: Map<string, string> } | undefined {
  if (/(^|\s)[&*][A-Za-z0-9_-]+/.test(text) || text.includes("<<:")) return undefined; // anchors/aliases/merges
  const lines = text.split("\n");
  const start = lines.findIndex((l) => /^models:\s*(#.*)?$/.test(l));
  if (start === -1) return undefined;
  let indent: number | undefined;
  const blocks = new Map<string, string>();
  let current: { name: string; lines: string[] } | undefined;
  const header = [...lines.slice(0, start)];
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*(#.*)?$/.test(line)) {
      current?.lines.push(line);
      continue;
    }
    const lead = line.length - line.trimStart().length;
    if (lead === 0) {
      // back at the top level: another key after `models`
      header.push(...lines.slice(i));
      break;
    }
    indent ??= lead;
    if (lead === indent) {
      const key = /^\s*("([^"]+)"|'([^']+)'|([A-Za-z0-9_.-]+))\s*:\s*(#.*)?$/.exec(line);
      const name = key?.[2] ?? key?.[3] ?? key?.[4];
      if (name === undefined || blocks.has(name)) return undefined; // flow value on the key line, or odd YAML
      current = { name, lines: [line] };
      blocks.set(name, "");
    } else if (lead > indent && current) {
      current.lines.push(line);
    } else {
      return undefined;
    }
    if (current) blocks.set(current.name, current.lines.join("\n"));
  }
  return { header: header.join("\n"), blocks };
}

const wholeFile = { locate: () => ({ line: 1, column: 1 }) };

type Split = NonNullable<ReturnType<typeof splitModelBlocks>>;

/** Models whose entry differs between two splits of one environment file. */
function changedEntries(b: Split, a: Split): Set<string> {
  const out = new Set<string>();
  for (const name of new Set([...b.blocks.keys(), ...a.blocks.keys()])) {
    if (b.blocks.get(name) !== a.blocks.get(name)) out.add(name);
  }
  return out;
}

const EMPTY: Split = { header: "", blocks: new Map() };

export interface BaseStateResult {
  state: RegistryState | undefined;
  load: LoadResult;
  /** Models the change touches, as far as paths and environment entries tell. */
  touched: Set<string>;
}

export async function loadBaseState(options: {
  repoDir: string;
  base: string;
  head: string;
  headState: RegistryState;
  files: readonly string[];
  load: ScopedLoader;
}): Promise<BaseStateResult> {
  const { repoDir, base, head, headState, files } = options;
  const changed = new Set(files);
  const touched = new Set<string>();
  for (const file of files) {
    const m = /^models\/([^/]+)\//.exec(file);
    if (m?.[1]) touched.add(m[1]);
  }
  for (const [name, entry] of Object.entries(headState.models)) {
    const card = entry.card.data;
    if (changed.has(`contracts/${card.contract}.yaml`) || (card.slo && changed.has(`slos/${card.slo}.yaml`)))
      touched.add(name);
  }

  // Changed environment files: which model entries changed, and their base text.
  const envFiles = files.filter((f) => /^environments\/[^/]+\.ya?ml$/.test(f));
  const baseSplits = new Map<string, Split>();
  let unsplittable = false;
  for (const file of envFiles) {
    const [before, after] = await Promise.all([show(repoDir, base, file), show(repoDir, head, file)]);
    const b = before === undefined ? EMPTY : splitModelBlocks(before);
    const a = after === undefined ? EMPTY : splitModelBlocks(after);
    if (!b || !a) {
      unsplittable = true;
      continue;
    }
    if (before !== undefined) baseSplits.set(file, b); // added at head: nothing at base
    for (const m of changedEntries(b, a)) touched.add(m);
  }

  const extra = new Set<string>();
  for (const model of touched) {
    const card = headState.models[model]?.card.data;
    if (!card) continue;
    extra.add(`contracts/${card.contract}.yaml`);
    if (card.slo) extra.add(`slos/${card.slo}.yaml`);
  }
  // An environment file that is not plain block YAML is loaded whole (correct, slower).
  const include = (path: string): boolean =>
    ALWAYS.test(path) ||
    (unsplittable && path.startsWith("environments/")) ||
    (changed.has(path) && !path.startsWith("environments/")) ||
    extra.has(path) ||
    (path.startsWith("models/") && touched.has(path.split("/")[1] ?? ""));
  const load = await options.load(include);
  const state = load.state;
  if (!state || unsplittable) return { state, load, touched };

  // Environments: the head's documents, with changed model entries taken from base.
  const environments: Record<string, Sourced<Environment>> = {};
  const headByFile = new Map(Object.values(headState.environments).map((e) => [e.file, e]));
  for (const [name, doc] of Object.entries(headState.environments)) {
    if (!changed.has(doc.file)) environments[name] = doc;
  }
  for (const [file, split] of baseSplits) {
    const wanted = [...split.blocks].filter(([model]) => touched.has(model)).map(([, text]) => text);
    const parsed = (parseYaml(`${split.header}\nmodels:\n${wanted.join("\n")}\n`) ??
      {}) as Partial<Environment>;
    const headDoc = headByFile.get(file);
    const models: Environment["models"] = {};
    for (const [model, deployment] of Object.entries(headDoc?.data.models ?? {})) {
      if (!touched.has(model)) models[model] = deployment;
    }
    Object.assign(models, parsed.models ?? {});
    const name = typeof parsed.name === "string" ? parsed.name : (headDoc?.data.name ?? file);
    environments[name] = { file, data: { ...(headDoc?.data ?? {}), name, models }, positions: wholeFile };
  }
  return { state: { ...state, environments }, load, touched };
}

/**
 * Line lookup for environment files without building a full YAML position map (which costs about a
 * second for a 10,000-model environment file): scans the text for `/models/<m>`, `/models/<m>/traffic/<i>`
 * and `/models/<m>/shadow` (deeper pointers resolve to the nearest of these); unusual formatting goes
 * to the original positions.
 */
export function fastEnvironmentPositions(
  text: string,
  original: Sourced<unknown>["positions"],
): Sourced<unknown>["positions"] {
  let lines: string[] | undefined;
  let modelLines: Map<string, number> | undefined;
  const index = (): Map<string, number> | undefined => {
    if (modelLines) return modelLines;
    if (/(^|\s)[&*][A-Za-z0-9_-]+/.test(text) || text.includes("<<:")) return undefined;
    lines = text.split("\n");
    modelLines = new Map();
    const start = lines.findIndex((l) => /^models:\s*(#.*)?$/.test(l));
    let indent: number | undefined;
    for (let i = start + 1; i < lines.length; i++) {
      const line = lines[i]!;
      if (/^\s*(#.*)?$/.test(line)) continue;
      const lead = line.length - line.trimStart().length;
      if (lead === 0) break;
      indent ??= lead;
      if (lead < indent) return (modelLines = undefined);
      if (lead !== indent) continue;
      const key = /^\s*("([^"]+)"|'([^']+)'|([A-Za-z0-9_.-]+))\s*:/.exec(line);
      const name = key?.[2] ?? key?.[3] ?? key?.[4];
      if (name !== undefined) modelLines.set(name, i);
    }
    return modelLines;
  };
  return {
    locate(pointer: string) {
      // deeper pointers (e.g. /traffic/0/version) resolve to their item: the nearest parent line
      const m = /^\/models\/([^/]+)(?:\/(traffic)\/(\d+)|\/(shadow))?(?:\/[^/]+)*$/.exec(pointer);
      const map = m ? index() : undefined;
      const at = m && map ? map.get(m[1]!.replace(/~1/g, "/").replace(/~0/g, "~")) : undefined;
      if (!m || at === undefined || !lines) return original.locate(pointer);
      const keyLine = lines[at]!;
      const keyIndent = keyLine.length - keyLine.trimStart().length;
      let end = at + 1;
      while (end < lines.length) {
        const l = lines[end]!;
        if (!/^\s*(#.*)?$/.test(l) && l.length - l.trimStart().length <= keyIndent) break;
        end++;
      }
      const find = (re: RegExp): number | undefined => {
        for (let i = at + 1; i < end; i++) if (re.test(lines![i]!)) return i;
        return undefined;
      };
      if (m[4]) {
        const shadow = find(/^\s*shadow\s*:/);
        return shadow === undefined ? original.locate(pointer) : { line: shadow + 1, column: 1 };
      }
      if (m[2]) {
        const traffic = find(/^\s*traffic\s*:\s*(#.*)?$/);
        if (traffic === undefined) return original.locate(pointer);
        let item = -1;
        let itemIndent: number | undefined;
        for (let i = traffic + 1; i < end; i++) {
          const l = lines[i]!;
          if (/^\s*(#.*)?$/.test(l)) continue;
          const lead = l.length - l.trimStart().length;
          if (!l.trimStart().startsWith("- ")) {
            if (itemIndent === undefined || lead <= itemIndent) break;
            continue;
          }
          itemIndent ??= lead;
          if (lead !== itemIndent) continue;
          item++;
          if (item === Number(m[3])) return { line: i + 1, column: lead + 1 };
        }
        return original.locate(pointer);
      }
      return { line: at + 1, column: keyIndent + 1 };
    },
  };
}

/** Environment documents of a large registry with text-scanned positions (see fastEnvironmentPositions). */
export async function withFastEnvironmentPositions(
  repoDir: string,
  rev: string,
  state: RegistryState,
  minBytes = 64 * 1024,
): Promise<RegistryState> {
  const environments: Record<string, Sourced<Environment>> = {};
  for (const [name, doc] of Object.entries(state.environments)) {
    const text = await show(repoDir, rev, doc.file);
    environments[name] =
      text !== undefined && text.length >= minBytes
        ? { file: doc.file, data: doc.data, positions: fastEnvironmentPositions(text, doc.positions) }
        : doc;
  }
  return { ...state, environments };
}
