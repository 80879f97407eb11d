import { describe, expect, it } from "vitest";
import { TreeIndex } from "../../src/registry/tree-index.js";

const base = [
  "modelgate.yaml",
  "CODEOWNERS",
  "README.md",
  "policies/lineage.rego",
  "models/a/model.yaml",
  "models/a/versions/1.0.0.yaml",
  "models/a/versions/1.1.0.yaml",
  "models/a/README.md",
  "models/b/versions/1.0.0.yaml", // a version without a card
  "models/b/notes.yml", // misplaced
  "contracts/a.yaml",
  "slos/a.yaml",
  "environments/staging.yaml",
  "waivers/w1.yaml",
  "artifacts/a.onnx",
];
const links = ["docs/CODEOWNERS"];

/** A comparable form: every list, and every packed list of names ("\0" after each), sorted. */
const sorted = (index: TreeIndex): unknown =>
  JSON.parse(
    JSON.stringify(index.toJSON(), (_key, value: unknown) =>
      Array.isArray(value)
        ? [...(value as string[])].sort()
        : typeof value === "string" && (value === "" || value.endsWith("\0"))
          ? value.split("\0").slice(0, -1).sort()
          : value,
    ),
  );

describe("TreeIndex", () => {
  it("knows every listed path and nothing else", () => {
    const index = TreeIndex.fromListing([...base, ...links], links);
    for (const path of [...base, ...links]) expect(index.has(path), path).toBe(true);
    for (const path of ["models/b/model.yaml", "models/a/versions/2.0.0.yaml", "contracts/b.yaml", "x"])
      expect(index.has(path), path).toBe(false);
    expect(index.documentCount).toBe(9); // config, 1 card, 3 versions, contract, slo, environment, waiver
    expect(index.symlinks()).toEqual(links);
    expect(index.modelFiles("a").sort()).toEqual([
      "models/a/model.yaml",
      "models/a/versions/1.0.0.yaml",
      "models/a/versions/1.1.0.yaml",
    ]);
    expect(index.modelFiles("b")).toEqual(["models/b/versions/1.0.0.yaml"]);
    expect([...index.names.models]).toEqual(["a"]);
    expect([...index.names.versions.get("b")!]).toEqual(["1.0.0"]);
  });

  it("survives its JSON form", () => {
    const index = TreeIndex.fromListing([...base, ...links], links);
    const copy = TreeIndex.fromJSON(JSON.parse(JSON.stringify(index)));
    expect(copy).toBeDefined();
    expect(sorted(copy!)).toEqual(sorted(index));
    expect(copy!.documentCount).toBe(index.documentCount);
    expect(TreeIndex.fromJSON({ ...index.toJSON(), format: 99 })).toBeUndefined();
    expect(TreeIndex.fromJSON({ ...index.toJSON(), cards: [1] })).toBeUndefined();
    expect(TreeIndex.fromJSON({ ...index.toJSON(), cards: ["a"] })).toBeUndefined(); // format 1
    expect(TreeIndex.fromJSON({ ...index.toJSON(), cards: "a" })).toBeUndefined(); // not packed
    expect(TreeIndex.fromJSON(null)).toBeUndefined();
  });

  it("with a change applied equals the index of the head's listing", () => {
    const added: [string, boolean][] = [
      ["models/c/model.yaml", false],
      ["models/c/versions/1.0.0.yaml", false],
      ["models/a/versions/2.0.0.yaml", false],
      ["policies/extra.rego", true],
      ["environments/prod.yaml", false],
    ];
    const deleted = [
      "models/a/versions/1.0.0.yaml",
      "models/b/versions/1.0.0.yaml",
      "README.md",
      "docs/CODEOWNERS",
    ];
    const head = [...base, ...links].filter((p) => !deleted.includes(p)).concat(added.map(([p]) => p));
    const index = TreeIndex.fromListing([...base, ...links], links);
    index.apply(added, deleted);
    const expected = TreeIndex.fromListing(head, ["policies/extra.rego"]);
    expect(sorted(index)).toEqual(sorted(expected));
    expect(index.documentCount).toBe(expected.documentCount);
    expect(index.names.versions.get("b")).toBeUndefined(); // its last version went
  });

  it("finds paths under a folder, registry folders included", () => {
    const index = TreeIndex.fromListing(base);
    expect(index.anyUnder("artifacts/")).toBe(true);
    expect(index.anyUnder("models/a/versions/")).toBe(true);
    expect(index.anyUnder("models/c/")).toBe(false);
    expect(index.anyUnder(".modelgate/cache/registry-stamps/")).toBe(false);
  });

  it("read back from the cache, with a change applied, answers every question as the head's listing", () => {
    // 100 models: more lookups than the packed form answers before it builds a Set
    const models = Array.from({ length: 100 }, (_, i) => `m-${i}`);
    const paths = [
      "modelgate.yaml",
      "CODEOWNERS",
      ...models.flatMap((m) => [
        `models/${m}/model.yaml`,
        `models/${m}/versions/1.0.0.yaml`,
        `contracts/${m}.yaml`,
        `slos/${m}.yaml`,
      ]),
      "environments/staging.yaml",
      "waivers/w.yaml",
    ];
    const added: [string, boolean][] = [
      ["models/m-7/versions/2.0.0.yaml", false],
      ["models/new/model.yaml", false],
      ["models/m-3/model.yaml", false], // deleted and added back is not a change git reports; harmless
      ["contracts/new.yaml", false],
    ];
    const deleted = [
      "models/m-3/model.yaml",
      "models/m-9/versions/1.0.0.yaml",
      "slos/m-1.yaml",
      "waivers/w.yaml",
    ];
    const cached = TreeIndex.fromJSON(JSON.parse(JSON.stringify(TreeIndex.fromListing(paths))))!;
    cached.apply(added, deleted);
    const head = paths.filter((p) => !deleted.includes(p)).concat(added.map(([p]) => p));
    const expected = TreeIndex.fromListing(head);
    const asked = [...paths, ...added.map(([p]) => p), "models/m-7/versions/3.0.0.yaml", "slos/none.yaml"];
    for (const path of asked) expect([path, cached.has(path)]).toEqual([path, expected.has(path)]);
    for (const m of [...models, "new", "none"]) {
      expect([m, cached.names.models.has(m)]).toEqual([m, expected.names.models.has(m)]);
      expect([m, [...(cached.names.versions.get(m) ?? [])]]).toEqual([
        m,
        [...(expected.names.versions.get(m) ?? [])],
      ]);
      expect(cached.modelFiles(m).sort()).toEqual(expected.modelFiles(m).sort());
    }
    expect(cached.documentCount).toBe(expected.documentCount);
    expect(cached.waiverPaths()).toEqual([]);
    expect(sorted(cached)).toEqual(sorted(expected));
    expect(cached.anyUnder("models/m-9/versions/")).toBe(false);
    expect(cached.anyUnder("models/m-7/versions/")).toBe(true);
  });
});
