// A tiny registry in a real git repo: model `adder` whose versions add 1, 2 or 3 (affine_<k>.onnx).
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { createTempGitRepo, projectRoot, type TempGitRepo } from "../../helpers/temp-git.js";

export const fixtureModels = join(projectRoot, "engine/test/fixtures/serving");

export interface AdderRegistry {
  repo: TempGitRepo;
  /** Adds version `<k>.0.0` with artifact affine_<k>.onnx (or `file` from the fixtures). */
  addVersion(k: number, options?: { file?: string; bytes?: Buffer; sha256?: string }): Promise<void>;
  /** Writes environments/<env>.yaml with the given weights (version -> weight). */
  setTraffic(
    weights: Record<string, number>,
    options?: { shadow?: { version: string; percent: number }; env?: string },
  ): Promise<void>;
}

export async function createAdderRegistry(options: { selfHeal?: boolean } = {}): Promise<AdderRegistry> {
  const repo = await createTempGitRepo({ prefix: "modelgate-reconcile-" });
  const reconcile =
    options.selfHeal === undefined ? "" : `reconcile: { self_heal: ${options.selfHeal}, interval: 5s }\n`;
  await repo.write(
    "modelgate.yaml",
    `name: test-models\nmain_branch: main\nenvironments:\n  - name: production\nartifacts: { allowed_stores: ["file:", "http://127.0.0.1"] }\n${reconcile}`,
  );
  await repo.write(
    "contracts/adder.yaml",
    [
      "name: adder",
      'version: "1.0.0"',
      "compatibility: BACKWARD",
      "inputs:",
      "  - { name: x, datatype: FP32, shape: [-1, 1] }",
      "outputs:",
      "  - { name: y, datatype: FP32, shape: [-1, 1] }",
      "",
    ].join("\n"),
  );
  await repo.write(
    "models/adder/model.yaml",
    "name: adder\nowner: '@team/ml'\ntask: regression\nrisk_tier: low\ncontract: adder\n",
  );
  const registry: AdderRegistry = {
    repo,
    async addVersion(k, opts = {}) {
      const bytes = opts.bytes ?? (await readFile(join(fixtureModels, opts.file ?? `affine_${k}.onnx`)));
      const sha = opts.sha256 ?? createHash("sha256").update(bytes).digest("hex");
      await repo.write(`artifacts/adder/${k}.0.0/model.onnx`, bytes);
      await repo.write(
        `models/adder/versions/${k}.0.0.yaml`,
        [
          `version: "${k}.0.0"`,
          "artifact:",
          `  uri: file:artifacts/adder/${k}.0.0/model.onnx`,
          `  sha256: "${sha}"`,
          `  size: ${bytes.length}`,
          "  format: onnx",
          "metrics: { mae: 0.1 }",
          "",
        ].join("\n"),
      );
    },
    async setTraffic(weights, opts = {}) {
      const lines = Object.entries(weights).map(
        ([v, w], i) => `      - { version: "${v}", weight: ${w}${i > 0 ? ", role: canary" : ""} }`,
      );
      const shadow = opts.shadow
        ? [`    shadow: { version: "${opts.shadow.version}", percent: ${opts.shadow.percent} }`]
        : [];
      const env = opts.env ?? "production";
      await repo.write(
        `environments/${env}.yaml`,
        [`name: ${env}`, "models:", "  adder:", "    traffic:", ...lines, ...shadow, ""].join("\n"),
      );
    },
  };
  return registry;
}
