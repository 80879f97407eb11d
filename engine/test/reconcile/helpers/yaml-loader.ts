// A minimal registry loader for reconcile tests until the registry module's `loadRegistry` lands:
// parses the files the reconciler reads, with no schema validation. Broken YAML is an invalid registry.
import { parse } from "yaml";
import type { LoadResult, RegistrySource, RegistryState, Sourced } from "../../../src/registry/types.js";

export async function loadRegistryForTests(source: RegistrySource): Promise<LoadResult> {
  const files = await source.listFiles();
  const errors: {
    file: string;
    line: number;
    column: number;
    pointer: string;
    message: string;
    code: string;
  }[] = [];
  const read = async <T>(file: string): Promise<Sourced<T> | undefined> => {
    try {
      const data = parse((await source.readFile(file)).toString("utf8")) as T;
      if (data === null || typeof data !== "object") throw new Error("not a mapping");
      return { file, data, positions: { locate: () => ({ line: 1, column: 1 }) } };
    } catch (error) {
      errors.push({
        file,
        line: 1,
        column: 1,
        pointer: "",
        message: (error as Error).message.split("\n")[0]!,
        code: "yaml-syntax",
      });
      return undefined;
    }
  };
  const config = await read<RegistryState["config"]["data"]>("modelgate.yaml");
  const state: RegistryState = {
    revision: source.revision,
    config: config ?? {
      file: "modelgate.yaml",
      data: { name: "x", environments: [] },
      positions: { locate: () => ({ line: 1, column: 1 }) },
    },
    models: {},
    contracts: {},
    slos: {},
    environments: {},
    waivers: {},
    codeowners: [],
    policies: [],
  };
  for (const file of files) {
    let m: RegExpExecArray | null;
    if ((m = /^environments\/([^/]+)\.yaml$/.exec(file))) {
      const env = await read<RegistryState["environments"][string]["data"]>(file);
      if (env) state.environments[m[1]!] = env;
    } else if ((m = /^contracts\/([^/]+)\.yaml$/.exec(file))) {
      const contract = await read<RegistryState["contracts"][string]["data"]>(file);
      if (contract) state.contracts[m[1]!] = contract;
    } else if ((m = /^models\/([^/]+)\/model\.yaml$/.exec(file))) {
      const card = await read<RegistryState["models"][string]["card"]["data"]>(file);
      if (card) state.models[m[1]!] = { card, versions: state.models[m[1]!]?.versions ?? {} };
    }
  }
  for (const file of files) {
    const m = /^models\/([^/]+)\/versions\/([^/]+)\.yaml$/.exec(file);
    if (!m) continue;
    const version = await read<RegistryState["models"][string]["versions"][string]["data"]>(file);
    const entry = state.models[m[1]!];
    if (version && entry) entry.versions[m[2]!] = version;
  }
  if (errors.length > 0) return { ok: false, errors, warnings: [], state };
  return { ok: true, state, warnings: [] };
}
