import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";
import type { ModelCard, Slo } from "../../registry/types.js";
import type { SloBinding } from "./prometheus-rules.js";

/** A problem reading SLOs, naming the file. */
export interface SloSourceProblem {
  file: string;
  message: string;
}

export interface SloBindings {
  bindings: SloBinding[];
  /** SLO files no model card refers to (they produce no rules). */
  unused: string[];
  problems: SloSourceProblem[];
}

/**
 * Reads `slos/*.yaml` and `models/<m>/model.yaml` from a registry folder and pairs every model with
 * the SLO its card names. A small internal reader (plain YAML, shape checks only for the fields the
 * rules use); the registry loader's full validation is the place for everything else.
 */
export async function readSloBindings(repoDir: string): Promise<SloBindings> {
  const problems: SloSourceProblem[] = [];
  const slos = new Map<string, Slo>();
  for (const file of await listYaml(join(repoDir, "slos"))) {
    const rel = `slos/${file}`;
    const doc = await readYaml(join(repoDir, rel), rel, problems);
    if (doc === undefined) continue;
    const slo = doc as Slo;
    const issue = checkSlo(slo);
    if (issue) problems.push({ file: rel, message: issue });
    else slos.set(slo.name, slo);
  }
  const bindings: SloBinding[] = [];
  const used = new Set<string>();
  for (const model of await listDirs(join(repoDir, "models"))) {
    const rel = `models/${model}/model.yaml`;
    const card = (await readYaml(join(repoDir, rel), rel, problems, true)) as ModelCard | undefined;
    if (!card?.slo) continue;
    const slo = slos.get(card.slo);
    if (!slo) {
      problems.push({
        file: rel,
        message: `slo '${card.slo}' has no file slos/${card.slo}.yaml (or it is invalid)`,
      });
      continue;
    }
    used.add(slo.name);
    bindings.push({ model: card.name ?? model, slo });
  }
  const unused = [...slos.keys()].filter((n) => !used.has(n)).sort();
  return { bindings, unused, problems };
}

function checkSlo(slo: Slo): string | undefined {
  if (!slo || typeof slo !== "object") return "not a mapping";
  if (typeof slo.name !== "string") return "`name` is missing";
  if (typeof slo.window !== "string") return "`window` is missing (e.g. 30d)";
  if (!slo.objectives || typeof slo.objectives !== "object") return "`objectives` is missing";
  for (const r of slo.alerting?.burn_rates ?? []) {
    if (
      typeof r.factor !== "number" ||
      typeof r.long_window !== "string" ||
      typeof r.short_window !== "string"
    ) {
      return "each `alerting.burn_rates` entry needs severity, long_window, short_window and factor";
    }
  }
  return undefined;
}

async function readYaml(
  path: string,
  rel: string,
  problems: SloSourceProblem[],
  optional = false,
): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if (!optional || (error as NodeJS.ErrnoException).code !== "ENOENT") {
      problems.push({ file: rel, message: (error as Error).message });
    }
    return undefined;
  }
  try {
    return parse(text);
  } catch (error) {
    problems.push({ file: rel, message: `invalid YAML: ${(error as Error).message.split("\n")[0]}` });
    return undefined;
  }
}

async function listYaml(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((f) => f.endsWith(".yaml") || f.endsWith(".yml")).sort();
  } catch {
    return [];
  }
}

async function listDirs(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
}
