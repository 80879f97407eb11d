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
import { classifyPath, CONFIG_FILE, type FileRole } from "./layout.js";
import type { Existence } from "./cross-checks.js";

/** The JSON form stored in the cache (see TreeIndex.toJSON). */
export interface TreeIndexData {
  format: typeof FORMAT;
  config: boolean;
  cards: string[];
  versions: Record<string, string[]>;
  contracts: string[];
  slos: string[];
  environments: string[];
  waivers: string[];
  /** Every path that is not a registry document (CODEOWNERS, policies, artifacts, misplaced files). */
  other: string[];
  symlinks: string[];
}

const FORMAT = 1;
type DocRole = Extract<FileRole, { stem: string }>;
const isDocRole = (role: FileRole): role is DocRole => "stem" in role;
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
  private readonly existence: Existence & { waivers: Set<string> } = {
    models: new Set(),
    versions: new Map(),
    contracts: new Set(),
    slos: new Set(),
    environments: new Set(),
    waivers: new Set(),
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
    const strings = (list: unknown): list is string[] =>
      Array.isArray(list) && list.every((s) => typeof s === "string");
    if (
      data.format !== FORMAT ||
      typeof data.config !== "boolean" ||
      typeof data.versions !== "object" ||
      data.versions === null ||
      ![
        data.cards,
        data.contracts,
        data.slos,
        data.environments,
        data.waivers,
        data.other,
        data.symlinks,
      ].every(strings)
    )
      return undefined;
    const index = new TreeIndex();
    const e = index.existence;
    index.config = data.config;
    for (const m of data.cards!) e.models.add(m);
    let versions = 0;
    for (const [model, list] of Object.entries(data.versions)) {
      if (!strings(list)) return undefined;
      e.versions.set(model, new Set(list));
      versions += list.length;
    }
    for (const c of data.contracts!) e.contracts.add(c);
    for (const s of data.slos!) e.slos.add(s);
    for (const n of data.environments!) e.environments.add(n);
    for (const w of data.waivers!) e.waivers.add(w);
    for (const p of data.other!) index.other.add(p);
    for (const l of data.symlinks!) index.links.add(l);
    index.documents =
      (data.config ? 1 : 0) +
      e.models.size +
      versions +
      e.contracts.size +
      e.slos.size +
      e.environments.size +
      e.waivers.size;
    return index;
  }

  toJSON(): TreeIndexData {
    const e = this.existence;
    return {
      format: FORMAT,
      config: this.config,
      cards: [...e.models],
      versions: Object.fromEntries([...e.versions].map(([m, set]) => [m, [...set]])),
      contracts: [...e.contracts],
      slos: [...e.slos],
      environments: [...e.environments],
      waivers: [...e.waivers],
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
    if (!isDocRole(role)) return this.other.has(path);
    return this.hasDocument(role);
  }

  /** Whether `path` is a registry document in the tree (its role by path). */
  hasDocument(role: DocRole): boolean {
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
    for (const [m, set] of this.existence.versions)
      for (const v of set) yield documentPath("model-version", v, m);
    for (const c of this.existence.contracts) yield documentPath("contract", c);
    for (const s of this.existence.slos) yield documentPath("slo", s);
    yield* this.environmentPaths();
    yield* this.waiverPaths();
  }

  private add(path: string, link: boolean): void {
    if (link) this.links.add(path);
    const role = classifyPath(path);
    if (!isDocRole(role)) {
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
      case "model-version": {
        const set = e.versions.get(role.model!);
        if (set) set.add(role.stem);
        else e.versions.set(role.model!, new Set([role.stem]));
        break;
      }
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
    if (!isDocRole(role)) {
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
      case "model-version": {
        const set = e.versions.get(role.model!);
        set?.delete(role.stem);
        if (set?.size === 0) e.versions.delete(role.model!);
        break;
      }
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
