/**
 * What the scoped load needs to know about the paths of a tree, without its listing: which registry
 * documents exist (by kind and name), every other path, and which paths are symbolic links.
 *
 * Why: listing a 10,000-model tree (`git ls-tree -r`, 50,000 paths) and classifying every path costs
 * more than the rest of a one-model check. The base tree's index is built once from its listing and
 * cached with its diagnostics (gate/base-state.ts); the head's is that index with the change's added
 * and deleted paths applied (`git diff --raw`), which is exactly the head's listing.
 *
 * A registry document's path is a function of its kind and names (classifyPath is one-to-one on
 * them), so the index stores names, not paths, for the 50,000 documents.
 */
import { classifyPath, CONFIG_FILE } from "./layout.js";
import type { Existence, NameSet } from "./cross-checks.js";
import { isDocumentRole, type DocumentRole } from "./read-file.js";

/**
 * The JSON form stored in the cache (see TreeIndex.toJSON). Document names are packed into one
 * string per kind, each name followed by "\0" (no path holds a NUL): parsing a few strings is ~20 times
 * cheaper than 50,000 array elements, and a check looks up a handful of names (see Names).
 */
export interface TreeIndexData {
  format: typeof FORMAT;
  config: boolean;
  cards: string;
  /** `<model>/<version stem>` per version file */
  versions: string;
  contracts: string;
  slos: string;
  environments: string;
  waivers: string;
  /** Every path that is not a registry document (CODEOWNERS, policies, artifacts, misplaced files). */
  other: string[];
  symlinks: string[];
}

const FORMAT = 2;

/** Lookups in the packed string before a Set is built instead (one lookup scans the whole string). */
const LOOKUPS_BEFORE_SET = 64;

/**
 * Names of one kind: the cached packed string (see TreeIndexData) with additions and removals on top.
 * Looked up with `includes` until LOOKUPS_BEFORE_SET lookups, then through a Set of the packed names:
 * a check asks about a few names, a registry with many diagnostics at base about many.
 */
class Names implements NameSet {
  private readonly added = new Set<string>();
  private readonly removed = new Set<string>();
  private packedSet: Set<string> | undefined;
  private lookups = 0;

  constructor(
    private readonly packed = "",
    private count = 0,
  ) {}

  static fromPacked(packed: string): Names {
    let count = 0;
    for (let i = packed.indexOf("\0"); i !== -1; i = packed.indexOf("\0", i + 1)) count++;
    return new Names(packed ? `\0${packed}` : "", count);
  }

  has(name: string): boolean {
    if (this.added.has(name)) return true;
    if (this.packed === "" || this.removed.has(name) || name.includes("\0")) return false;
    if (this.packedSet) return this.packedSet.has(name);
    if (++this.lookups > LOOKUPS_BEFORE_SET) {
      this.packedSet = new Set(this.packed.slice(1, -1).split("\0"));
      return this.packedSet.has(name);
    }
    return this.packed.includes(`\0${name}\0`);
  }

  add(name: string): boolean {
    if (this.has(name)) return false;
    if (!this.removed.delete(name)) this.added.add(name);
    this.count++;
    return true;
  }

  delete(name: string): boolean {
    if (!this.has(name)) return false;
    if (!this.added.delete(name)) this.removed.add(name);
    this.count--;
    return true;
  }

  get size(): number {
    return this.count;
  }

  *[Symbol.iterator](): Iterator<string> {
    if (this.packed !== "")
      for (const name of this.packed.slice(1, -1).split("\0")) if (!this.removed.has(name)) yield name;
    yield* this.added;
  }

  /** The packed form of the names (TreeIndexData). */
  pack(): string {
    let out = "";
    for (const name of this) out += `${name}\0`;
    return out;
  }
}

/**
 * Version stems per model: the packed `<model>/<stem>` string, a model's versions taken out of it
 * into its own Names the first time it is asked for.
 */
class VersionNames {
  private readonly models = new Map<string, Names>();

  constructor(private readonly packed = "") {}

  /** The model's versions, or undefined when it has none. */
  get(model: string): Names | undefined {
    const set = this.of(model);
    return set.size > 0 ? set : undefined;
  }

  /** The model's versions, empty when it has none (to add to). */
  of(model: string): Names {
    let set = this.models.get(model);
    if (!set) {
      set = new Names();
      const prefix = `\0${model}/`;
      if (this.packed !== "" && !model.includes("\0"))
        for (let i = this.packed.indexOf(prefix); i !== -1; i = this.packed.indexOf(prefix, i + 1)) {
          const start = i + prefix.length;
          set.add(this.packed.slice(start, this.packed.indexOf("\0", start)));
        }
      this.models.set(model, set);
    }
    return set;
  }

  /** Every model with versions and its stems. */
  *entries(): Iterable<[string, Iterable<string>]> {
    if (this.packed !== "") {
      const pending = new Map<string, string[]>();
      for (const entry of this.packed.slice(1, -1).split("\0")) {
        const slash = entry.indexOf("/");
        const model = entry.slice(0, slash);
        if (this.models.has(model)) continue;
        const list = pending.get(model);
        if (list) list.push(entry.slice(slash + 1));
        else pending.set(model, [entry.slice(slash + 1)]);
      }
      yield* pending;
    }
    for (const [model, set] of this.models) if (set.size > 0) yield [model, set];
  }
}

const REGISTRY_PREFIXES = ["models/", "contracts/", "slos/", "environments/", "waivers/"];

/** The path of a registry document from its kind and names (inverse of classifyPath). */
function documentPath(kind: string, stem: string, model?: string): string {
  switch (kind) {
    case "modelgate":
      return CONFIG_FILE;
    case "model":
      return `models/${stem}/model.yaml`;
    case "model-version":
      return `models/${model!}/versions/${stem}.yaml`;
    default:
      return `${kind === "contract" ? "contracts" : kind === "slo" ? "slos" : kind === "environment" ? "environments" : "waivers"}/${stem}.yaml`;
  }
}

export class TreeIndex {
  private config = false;
  private existence: {
    models: Names;
    versions: VersionNames;
    contracts: Names;
    slos: Names;
    environments: Names;
    waivers: Names;
  } = {
    models: new Names(),
    versions: new VersionNames(),
    contracts: new Names(),
    slos: new Names(),
    environments: new Names(),
    waivers: new Names(),
  };
  private readonly other = new Set<string>();
  private readonly links = new Set<string>();
  private documents = 0;

  /** From a full listing (paths) and the paths among them that are symbolic links. */
  static fromListing(paths: Iterable<string>, symlinks: Iterable<string> = []): TreeIndex {
    const index = new TreeIndex();
    for (const path of paths) index.add(path, false);
    for (const link of symlinks) index.links.add(link);
    return index;
  }

  /** From the cached JSON form; undefined when it is not one (then the caller lists the tree). */
  static fromJSON(value: unknown): TreeIndex | undefined {
    if (typeof value !== "object" || value === null) return undefined;
    const data = value as Partial<TreeIndexData>;
    const packed = [data.cards, data.versions, data.contracts, data.slos, data.environments, data.waivers];
    const lists = [data.other, data.symlinks];
    if (
      data.format !== FORMAT ||
      typeof data.config !== "boolean" ||
      !packed.every((p) => typeof p === "string" && (p === "" || p.endsWith("\0"))) ||
      !lists.every((list) => Array.isArray(list) && list.every((s) => typeof s === "string"))
    )
      return undefined;
    const index = new TreeIndex();
    index.config = data.config;
    const versions = data.versions!;
    index.existence = {
      models: Names.fromPacked(data.cards!),
      versions: new VersionNames(versions ? `\0${versions}` : ""),
      contracts: Names.fromPacked(data.contracts!),
      slos: Names.fromPacked(data.slos!),
      environments: Names.fromPacked(data.environments!),
      waivers: Names.fromPacked(data.waivers!),
    };
    for (const p of data.other!) index.other.add(p);
    for (const l of data.symlinks!) index.links.add(l);
    let versionCount = 0;
    for (let i = versions.indexOf("\0"); i !== -1; i = versions.indexOf("\0", i + 1)) versionCount++;
    const e = index.existence;
    index.documents =
      (data.config ? 1 : 0) +
      e.models.size +
      versionCount +
      e.contracts.size +
      e.slos.size +
      e.environments.size +
      e.waivers.size;
    return index;
  }

  toJSON(): TreeIndexData {
    const e = this.existence;
    let versions = "";
    for (const [model, stems] of e.versions.entries())
      for (const stem of stems) versions += `${model}/${stem}\0`;
    return {
      format: FORMAT,
      config: this.config,
      cards: e.models.pack(),
      versions,
      contracts: e.contracts.pack(),
      slos: e.slos.pack(),
      environments: e.environments.pack(),
      waivers: e.waivers.pack(),
      other: [...this.other],
      symlinks: [...this.links],
    };
  }

  /**
   * Applies a change: `added` paths (with whether each is a symbolic link) and `deleted` paths. A
   * modified path stays as it is (a change of kind, file to link, is a status the caller refuses).
   */
  apply(added: Iterable<[string, boolean]>, deleted: Iterable<string>): void {
    for (const path of deleted) {
      this.remove(path);
      this.links.delete(path);
    }
    for (const [path, link] of added) {
      this.add(path, link);
    }
  }

  /** Whether `path` is in the tree (blob or link). */
  has(path: string): boolean {
    const role = classifyPath(path);
    if (!isDocumentRole(role)) return this.other.has(path);
    return this.hasDocument(role);
  }

  /** Whether `path` is a registry document in the tree (its role by path). */
  hasDocument(role: DocumentRole): boolean {
    const e = this.existence;
    switch (role.kind) {
      case "modelgate":
        return this.config;
      case "model":
        return e.models.has(role.stem);
      case "model-version":
        return e.versions.get(role.model!)?.has(role.stem) ?? false;
      case "contract":
        return e.contracts.has(role.stem);
      case "slo":
        return e.slos.has(role.stem);
      case "environment":
        return e.environments.has(role.stem);
      case "waiver":
        return e.waivers.has(role.stem);
      default:
        return false;
    }
  }

  /** Registry documents in the tree (the listing's count of files with a document role). */
  get documentCount(): number {
    return this.documents;
  }

  /** The existence sets of the tree's documents (for crossCheck). Do not modify. */
  get names(): Existence {
    return this.existence;
  }

  /** Paths of symbolic links. */
  symlinks(): string[] {
    return [...this.links];
  }

  /** Paths that are not registry documents, in no particular order. */
  otherPaths(): Iterable<string> {
    return this.other;
  }

  /** Model card and version files of `model` present in the tree. */
  modelFiles(model: string): string[] {
    const out = this.existence.models.has(model) ? [documentPath("model", model)] : [];
    for (const v of this.existence.versions.get(model) ?? [])
      out.push(documentPath("model-version", v, model));
    return out;
  }

  /** Every model card path. */
  cardPaths(): string[] {
    return [...this.existence.models].map((m) => documentPath("model", m));
  }

  environmentPaths(): string[] {
    return [...this.existence.environments].map((n) => documentPath("environment", n));
  }

  waiverPaths(): string[] {
    return [...this.existence.waivers].map((n) => documentPath("waiver", n));
  }

  /** Whether any path lies under `folder` (ending in "/"). */
  anyUnder(folder: string): boolean {
    for (const path of this.other) if (path.startsWith(folder)) return true;
    if (folder === "" || REGISTRY_PREFIXES.some((p) => folder.startsWith(p) || p.startsWith(folder))) {
      for (const path of this.documentPaths()) if (path.startsWith(folder)) return true;
    }
    return false;
  }

  private *documentPaths(): Iterable<string> {
    if (this.config) yield CONFIG_FILE;
    for (const m of this.existence.models) yield documentPath("model", m);
    for (const [m, set] of this.existence.versions.entries())
      for (const v of set) yield documentPath("model-version", v, m);
    for (const c of this.existence.contracts) yield documentPath("contract", c);
    for (const s of this.existence.slos) yield documentPath("slo", s);
    yield* this.environmentPaths();
    yield* this.waiverPaths();
  }

  private add(path: string, link: boolean): void {
    if (link) this.links.add(path);
    const role = classifyPath(path);
    if (!isDocumentRole(role)) {
      this.other.add(path);
      return;
    }
    if (this.hasDocument(role)) return;
    this.documents += 1;
    const e = this.existence;
    switch (role.kind) {
      case "modelgate":
        this.config = true;
        break;
      case "model":
        e.models.add(role.stem);
        break;
      case "model-version":
        e.versions.of(role.model!).add(role.stem);
        break;
      case "contract":
        e.contracts.add(role.stem);
        break;
      case "slo":
        e.slos.add(role.stem);
        break;
      case "environment":
        e.environments.add(role.stem);
        break;
      default:
        e.waivers.add(role.stem);
        break;
    }
  }

  private remove(path: string): void {
    const role = classifyPath(path);
    if (!isDocumentRole(role)) {
      this.other.delete(path);
      return;
    }
    if (!this.hasDocument(role)) return;
    this.documents -= 1;
    const e = this.existence;
    switch (role.kind) {
      case "modelgate":
        this.config = false;
        break;
      case "model":
        e.models.delete(role.stem);
        break;
      case "model-version":
        e.versions.of(role.model!).delete(role.stem);
        break;
      case "contract":
        e.contracts.delete(role.stem);
        break;
      case "slo":
        e.slos.delete(role.stem);
        break;
      case "environment":
        e.environments.delete(role.stem);
        break;
      default:
        e.waivers.delete(role.stem);
        break;
    }
  }
}
