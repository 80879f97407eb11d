/**
 * The scoped head load (registry/scoped-load.ts, used by `modelgate check` by default) must give the
 * verdict of a full load for any change: the same `ok`, the same diagnostics, the same decision. Each
 * case below is a change on the template registry, checked both ways.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gitRegistryLoader } from "../../src/cli/commands/check.js";
import { runCheck, type CheckResult, type RegistryLoader } from "../../src/gate/index.js";
import { splitModelBlocks } from "../../src/gate/base-state.js";
import {
  loadRegistry,
  loadRegistryScoped,
  openGitSource,
  type ChangeStatus,
  type LoadResult,
  type RegistryDiagnostic,
} from "../../src/registry/index.js";
import { createTempGitRepo, type TempGitRepo } from "../helpers/temp-git.js";
import { branch, replaceIn } from "./cli-harness.js";

let repo: TempGitRepo;
let stamps: string;
// Its own cache: other test files check template-based repos in parallel, and a stamp they write for the
// same base tree would turn this file's expected stamp misses into hits.
let cacheHome: string;

beforeAll(async () => {
  repo = await createTempGitRepo({ fromTemplate: true });
  stamps = await mkdtemp(join(tmpdir(), "modelgate-stamps-"));
  cacheHome = await mkdtemp(join(tmpdir(), "modelgate-scoped-cache-"));
  // A base with errors in files the changes below do not touch: they must still be reported.
  await branch(repo, "broken", async () => {
    await replaceIn(repo, "slos/basket-anomaly.yaml", /name: basket-anomaly/, "name: basket-anomalous");
    await repo.write(
      "waivers/old.yaml",
      "rule: weights-sum\nreason: x\napproved_by: carol\nexpires: 2027-01-01T00:00:00Z\nscope: { model: ghost }\n",
    );
    await repo.write("models/ghost/versions/1.0.0.yaml", "version: 1.0.0\n");
    await replaceIn(
      repo,
      "models/basket-anomaly/versions/1.0.0.yaml",
      /uri: file:artifacts\/basket-anomaly\/1\.0\.0\/model\.onnx/,
      "uri: file:artifacts/basket-anomaly/1.0.0/moved.onnx",
    );
  });
}, 60_000);

afterAll(async () => {
  await repo?.cleanup();
  await rm(stamps, { recursive: true, force: true });
  await rm(cacheHome, { recursive: true, force: true });
});

const newVersion = async (): Promise<void> => {
  const text = (await repo.git("show", "main:models/stockout-risk/versions/1.1.0.yaml")).replace(
    /version: "1\.1\.0"\nparent: "1\.0\.0"/,
    'version: "1.2.0"\nparent: "1.1.0"',
  );
  await repo.write("models/stockout-risk/versions/1.2.0.yaml", `${text}\n`);
  await replaceIn(
    repo,
    "environments/staging.yaml",
    /stockout-risk:\n {4}traffic:\n {6}- \{ version: 1\.1\.0, weight: 100 \}/,
    "stockout-risk:\n    traffic:\n      - { version: 1.2.0, weight: 100 }",
  );
};

/** name, edit, base branch, expected head load ("scoped" or "full") */
const cases: [string, () => Promise<void>, string, "scoped" | "full"][] = [
  ["a new version promoted to staging", newVersion, "main", "scoped"],
  [
    "a production canary",
    () =>
      replaceIn(
        repo,
        "environments/production.yaml",
        /demand-forecast:\n {4}traffic:\n {6}- \{ version: 1\.0\.0, weight: 100 \}/,
        "demand-forecast:\n    traffic:\n      - { version: 1.0.0, weight: 90 }\n      - { version: 1.1.0, weight: 10, role: canary }",
      ),
    "main",
    "scoped",
  ],
  [
    "a schema error in a changed version (unknown key)",
    async () => {
      await newVersion();
      await replaceIn(repo, "models/stockout-risk/versions/1.2.0.yaml", "metrics:", "metricz:");
    },
    "main",
    "scoped",
  ],
  [
    "traffic weights that do not sum to 100",
    () =>
      replaceIn(
        repo,
        "environments/staging.yaml",
        /basket-anomaly:\n {4}traffic:\n {6}- \{ version: 1\.0\.0, weight: 100 \}/,
        "basket-anomaly:\n    traffic:\n      - { version: 1.0.0, weight: 90 }",
      ),
    "main",
    "scoped",
  ],
  ["a YAML syntax error", () => repo.write("slos/stockout-risk.yaml", "name: [unclosed\n"), "main", "scoped"],
  [
    "a deleted contract a card names (dangling reference)",
    () => repo.remove("contracts/basket-anomaly.yaml"),
    "main",
    "scoped",
  ],
  ["a deleted SLO a card names", () => repo.remove("slos/stockout-risk.yaml"), "main", "scoped"],
  [
    "a deleted version production serves",
    () => repo.remove("models/stockout-risk/versions/1.0.0.yaml"),
    "main",
    "scoped",
  ],
  [
    "a renamed model folder",
    () => repo.git("mv", "models/demand-forecast", "models/demand-fc").then(() => undefined),
    "main",
    "scoped",
  ],
  [
    "an edited contract (unchanged cards name it)",
    async () => {
      await replaceIn(repo, "contracts/stockout-risk.yaml", 'version: "1.0.0"', 'version: "1.1.0"');
      await replaceIn(
        repo,
        "contracts/stockout-risk.yaml",
        /(name: on_hand_units[\s\S]*?max: )5000/,
        "$11000",
      );
    },
    "main",
    "scoped",
  ],
  [
    "a new model with its contract, SLO and a staging entry",
    async () => {
      for (const [from, to] of [
        ["models/basket-anomaly/model.yaml", "models/basket-2/model.yaml"],
        ["models/basket-anomaly/versions/1.0.0.yaml", "models/basket-2/versions/1.0.0.yaml"],
        ["contracts/basket-anomaly.yaml", "contracts/basket-2.yaml"],
        ["slos/basket-anomaly.yaml", "slos/basket-2.yaml"],
      ] as const)
        await repo.write(to, (await repo.git("show", `main:${from}`)).replace(/basket-anomaly/g, "basket-2"));
      await replaceIn(
        repo,
        "environments/staging.yaml",
        /validation: log\n/,
        "validation: log\n  basket-2:\n    traffic:\n      - { version: 1.0.0, weight: 100 }\n",
      );
    },
    "main",
    "scoped",
  ],
  [
    "a waiver written in the change",
    () =>
      repo.write(
        "waivers/w-1.yaml",
        "rule: contract-compatibility\nreason: Accepted.\napproved_by: carol\nexpires: 2027-01-01T00:00:00Z\n",
      ),
    "main",
    "scoped",
  ],
  [
    "a team added in modelgate.yaml",
    () => replaceIn(repo, "modelgate.yaml", "teams:\n", "teams:\n  retail/new: [nina]\n"),
    "main",
    "scoped",
  ],
  [
    "a misplaced .yml file and a non-UTF-8 file",
    async () => {
      await repo.write("slos/extra.yml", "name: extra\n");
      await repo.write("contracts/bad.yaml", Buffer.from([0x6e, 0x3a, 0x20, 0xff, 0xfe, 0x0a]));
    },
    "main",
    "scoped",
  ],
  ["a new version on a base with errors elsewhere", newVersion, "broken", "scoped"],
  [
    "the missing artifact of a base version added",
    async () => {
      await repo.write(
        "artifacts/basket-anomaly/1.0.0/moved.onnx",
        await repo.git("show", "main:artifacts/basket-anomaly/1.0.0/model.onnx"),
      );
    },
    "broken",
    "scoped",
  ],
  [
    "two models' entries change in one environment file",
    async () => {
      await replaceIn(
        repo,
        "environments/staging.yaml",
        "validation: reject\n  stockout-risk",
        "validation: log\n  stockout-risk",
      );
      await replaceIn(
        repo,
        "environments/staging.yaml",
        /basket-anomaly:\n {4}traffic:\n {6}- \{ version: 1\.0\.0, weight: 100 \}/,
        "basket-anomaly:\n    traffic:\n      - { version: 9.9.9, weight: 100 }",
      );
    },
    "main",
    "scoped",
  ],
  [
    "one model's entry changes with a schema error inside it",
    () => replaceIn(repo, "environments/production.yaml", "role: canary }", "role: canery }"),
    "main",
    "scoped",
  ],
  [
    "a non-model top-level key changes (the whole file is parsed)",
    () =>
      replaceIn(repo, "environments/staging.yaml", "validation: log\n", "validation: log\nnotes: moved\n"),
    "main",
    "scoped",
  ],
  [
    "a top-level key and a model's entry change",
    async () => {
      await replaceIn(repo, "environments/staging.yaml", "name: staging\n", "name: stage\n");
      await replaceIn(
        repo,
        "environments/staging.yaml",
        "validation: reject\n  stockout-risk",
        "validation: log\n  stockout-risk",
      );
    },
    "main",
    "scoped",
  ],
  [
    "a YAML anchor in a changed environment file (falls back to the full load)",
    () =>
      replaceIn(
        repo,
        "environments/staging.yaml",
        /stockout-risk:\n {4}traffic:\n {6}- \{ version: 1\.1\.0, weight: 100 \}/,
        "stockout-risk:\n    traffic: &t\n      - { version: 1.0.0, weight: 100 }",
      ),
    "main",
    "full",
  ],
  [
    "a deleted artifact (falls back to the full load)",
    () => repo.remove("artifacts/stockout-risk/1.0.0/model.onnx"),
    "main",
    "full",
  ],
  [
    "a new environment declared (falls back to the full load)",
    async () => {
      await replaceIn(
        repo,
        "modelgate.yaml",
        "    protected: true\n",
        "    protected: true\n  - name: dev\n",
      );
      await repo.write("environments/dev.yaml", "name: dev\nmodels: {}\n");
    },
    "main",
    "full",
  ],
];

/** Cases whose changed environment files are parsed with only some entries (CheckScope.partial). */
const partialFiles: Record<string, string[]> = {
  "a new version promoted to staging": ["environments/staging.yaml"],
  "a production canary": ["environments/production.yaml"],
  "a schema error in a changed version (unknown key)": ["environments/staging.yaml"],
  "traffic weights that do not sum to 100": ["environments/staging.yaml"],
  "two models' entries change in one environment file": ["environments/staging.yaml"],
  "one model's entry changes with a schema error inside it": ["environments/production.yaml"],
  "a top-level key and a model's entry change": ["environments/staging.yaml"],
  "a new version on a base with errors elsewhere": ["environments/staging.yaml"],
};

/** What loadHeadScoped passes: per modified environment file, the entries whose text differs. */
async function environmentEntries(
  base: string,
  head: string,
  changes: ReadonlyMap<string, ChangeStatus>,
): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  for (const [file, status] of changes) {
    if (status !== "M" || !file.startsWith("environments/")) continue;
    const [b, a] = [
      splitModelBlocks(await repo.git("show", `${base}:${file}`)),
      splitModelBlocks(await repo.git("show", `${head}:${file}`)),
    ];
    if (!b || !a) continue;
    const names = new Set([...b.blocks.keys(), ...a.blocks.keys()]);
    out.set(file, new Set([...names].filter((m) => b.blocks.get(m) !== a.blocks.get(m))));
  }
  return out;
}

const key = (d: RegistryDiagnostic): string =>
  `${d.file}:${d.line}:${d.column} ${d.code} ${d.message} ${d.hint ?? ""}`;
const diagnostics = (r: LoadResult): { ok: boolean; errors: string[]; warnings: string[] } => ({
  ok: r.ok,
  errors: (r.ok ? [] : r.errors).map(key).sort(),
  warnings: r.warnings.map(key).sort(),
});

/** The loader without its source: runCheck then loads the head in full (today's path). */
const fullLoader: RegistryLoader = (repoDir, commit, options) => gitRegistryLoader(repoDir, commit, options);

async function check(base: string, head: string, loader: RegistryLoader): Promise<CheckResult> {
  return runCheck({
    repoDir: repo.dir,
    base,
    head,
    loadRegistry: loader,
    now: new Date("2026-11-23T00:00:00Z"),
    env: { XDG_CACHE_HOME: cacheHome },
    cacheDir: join(cacheHome, "modelgate"),
    author: "frank",
    approvals: [
      { reviewer: "dave", state: "APPROVED", teams: [], commit: head },
      { reviewer: "carol", state: "APPROVED", teams: [], commit: head },
    ],
  });
}

describe("scoped head load gives the verdict of the full load", () => {
  it.each(cases)("%s", async (name, edit, base, expected) => {
    const head = await branch(repo, `case-${cases.findIndex((c) => c[0] === name)}`, edit, base);

    // Registry level: the same ok and diagnostics.
    const baseFull = await loadRegistry(await openGitSource(repo.dir, base));
    const full = await loadRegistry(await openGitSource(repo.dir, head));
    const changes = new Map<string, ChangeStatus>();
    const raw = (await repo.git("diff", "--name-status", "-z", "--no-renames", base, head)).split("\0");
    for (let i = 0; i + 1 < raw.length; i += 2) changes.set(raw[i + 1]!, raw[i] as ChangeStatus);
    const scoped = await loadRegistryScoped(await openGitSource(repo.dir, head), {
      changes,
      base: {
        errors: baseFull.ok ? [] : baseFull.errors,
        warnings: baseFull.warnings,
        config: baseFull.state!.config.data,
      },
      environmentEntries: await environmentEntries(base, head, changes),
    });
    if (expected === "scoped" || scoped.result) {
      expect(scoped.scope.mode).toBe("scoped");
      expect(diagnostics(scoped.result!)).toEqual(diagnostics(full));
      expect(scoped.scope.parsed).toBeLessThan(scoped.scope.listed + 1);
      expect(scoped.scope.partial).toEqual(partialFiles[name]);
    }

    // Gate level: the same decision and policy input, first with no stamp of base, then with one.
    const reference = await check(base, head, fullLoader);
    expect(reference.scope.head).toBe("full");
    await rm(join(cacheHome, "modelgate", "registry-stamps"), { recursive: true, force: true });
    for (const stamp of ["miss", "hit"]) {
      const result = await check(base, head, gitRegistryLoader);
      expect(result.scope.head).toBe(expected);
      if (expected === "scoped") expect(result.scope.base_stamp).toBe(stamp);
      expect(result.scope.partial).toEqual(partialFiles[name]);
      expect(result.decision).toEqual(reference.decision);
      // `owners` resolves the owner references of the documents loaded: fewer when scoped.
      const { owners: _a, ...input } = result.input;
      const { owners: _b, ...expectedInput } = reference.input;
      expect(JSON.parse(JSON.stringify(input))).toEqual(JSON.parse(JSON.stringify(expectedInput)));
      expect(result.changeSet).toEqual(reference.changeSet);
    }
  });

  it("ignores a base stamp that the change itself commits into the repository's cache folder", async () => {
    const forged = await branch(repo, "forged-stamp", async () => {
      await newVersion();
      await repo.write(".modelgate/cache/registry-stamps/forged.json", "{}");
    });
    const run = (head: string): Promise<CheckResult> =>
      runCheck({
        repoDir: repo.dir,
        base: "main",
        head,
        loadRegistry: gitRegistryLoader,
        now: new Date("2026-11-23T00:00:00Z"),
        env: { XDG_CACHE_HOME: cacheHome },
        cacheDir: join(repo.dir, ".modelgate", "cache"),
        author: "frank",
      });
    for (let i = 0; i < 2; i++) expect((await run(forged)).scope).toMatchObject({ base_stamp: "miss" });
    // Control: a change without files there uses the stamp written next to the repository.
    const plain = await repo.git("rev-parse", "case-0");
    await run(plain);
    expect((await run(plain)).scope).toMatchObject({ head: "scoped", base_stamp: "hit" });
  });

  it("covers valid and invalid verdicts", async () => {
    // Sanity of the table: some cases pass and some fail the registry check at head.
    const results = await Promise.all(
      ["case-0", "case-3", "case-5"].map(async (b) =>
        loadRegistry(await openGitSource(repo.dir, b)).then((r) => r.ok),
      ),
    );
    expect(results).toEqual([true, false, false]);
  });
});
