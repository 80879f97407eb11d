/**
 * A head load scoped to what a change can affect (used by `modelgate check`; `modelgate validate` keeps
 * the whole-tree `loadRegistry`).
 *
 * Given the full load's diagnostics of the base tree (a cached stamp, see gate/check.ts) and the paths
 * that differ between base and head, only the documents whose diagnostics can differ are parsed and
 * validated; every other document keeps the base's diagnostics, which are the same at head because its
 * text and everything its checks read are the same. Existence cross-checks (a card's contract, an
 * environment's model and versions, a version's model card) read the head's path listing, never the
 * unchanged documents. What is parsed:
 *
 * - modelgate.yaml, the CODEOWNERS file, policies, every waiver (small; their checks read the config);
 * - every added or modified registry document;
 * - card and all versions of each model in `models` (the caller's touched models) and of each model
 *   with a changed path, with the contract and SLO their cards name;
 * - every model card when any contract or SLO file is added, modified or deleted (a card names its
 *   contract; contracts do not name their cards), and the models whose cards name a changed one;
 * - environment files that changed, that have errors at base, or — when a model card or version file
 *   is deleted — all of them (an entry may name what was deleted); additions cannot break an
 *   environment that was clean;
 * - version files with an `artifact-missing` error at base when a non-registry file is added.
 *
 * It gives up (returns a reason; the caller loads in full) where this reasoning does not hold: a
 * deleted non-registry file (it may be an artifact a version names), a registry document that is a
 * symbolic link, a head modelgate.yaml that fails its schema, or one whose `environments` or
 * `artifacts` differ from base (they feed the checks of every environment and version).
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { CODEOWNERS_PATHS } from "./codeowners.js";
import { crossCheck, type LoadedDocument } from "./cross-checks.js";
import { sortDiagnostics } from "./format.js";
import { classifyPath, CONFIG_FILE } from "./layout.js";
import { buildState, collectPoliciesAndCodeOwners, readAll, type LoadOptions } from "./load.js";
import { fileDiagnostic, isDocumentRole, readRegistryFile, type DocumentRole } from "./read-file.js";
import { schemasHash } from "./schemas.js";
import type { LoadResult, RegistryConfig, RegistryDiagnostic, RegistrySource } from "./types.js";
import { TreeIndex } from "./tree-index.js";
import { keepEntries, scanEnvironment, type EnvironmentScan } from "./yaml/environment-scan.js";

const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

export type ChangeStatus = "A" | "M" | "D";

export interface ScopedLoadOptions extends LoadOptions {
  /** Paths that differ between base and head (`git diff --name-status --no-renames`). */
  changes: ReadonlyMap<string, ChangeStatus>;
  /** The base tree's full-load diagnostics and its (valid) modelgate.yaml. */
  base: {
    errors: readonly RegistryDiagnostic[];
    warnings: readonly RegistryDiagnostic[];
    config: RegistryConfig;
  };
  /** Models to load whole besides those with changed paths (e.g. changed environment entries). */
  models?: ReadonlySet<string>;
  /**
   * For modified environment files: the models whose entry text differs from base, the caller having
   * checked that every other entry is textually the same (see gate/base-state.ts). Such a file is
   * parsed with only those entries and the loaded models' entries (the others blanked, so line numbers
   * hold) when the base had no diagnostics in it and no card, version, contract or SLO changes; the
   * top-level keys are always parsed.
   */
  environmentEntries?: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * Scans of environment files' head texts the caller made already, by path: used for a file whose
   * text read here is equal to the scan's (a scan depends on the text only), so a 670 KB file is not
   * scanned twice.
   */
  environmentScans?: ReadonlyMap<string, EnvironmentScan>;
  /**
   * The head's paths (see tree-index.ts); by default the source's listing. With an index the source
   * is only read from, never listed.
   */
  index?: TreeIndex;
}

export interface LoadScope {
  /** "scoped": diagnostics of unaffected files come from base; "full": the caller must load in full. */
  mode: "scoped" | "full";
  /** Why the scoped load gave up (mode "full"). */
  reason?: string;
  /** Registry files parsed and validated at head. */
  parsed: number;
  /** Registry files listed at head. */
  listed: number;
  /** Models whose card and versions were loaded (sorted). */
  models: string[];
  /** The registry files parsed at head (mode "scoped"). */
  files?: string[];
  /** Environment files of those parsed with only some model entries (see environmentEntries). */
  partial?: string[];
}

/**
 * An environment file's text with the `models:` entries not in `keep` blanked (every line kept, so
 * positions are those of the whole file), or undefined when the file is not in the plain block style
 * this relies on (anchors, aliases, merge keys, flow `models`, unusual indentation, repeated keys) or
 * no entry would be kept (yaml/environment-scan.ts says what the plain style is).
 */
export function keepModelEntries(
  text: string,
  keep: ReadonlySet<string>,
  known?: EnvironmentScan,
): string | undefined {
  const scan = known?.text === text ? known : scanEnvironment(text);
  return scan ? keepEntries(scan, keep) : undefined;
}

function giveUpWith(reason: string, listed: number): { scope: LoadScope } {
  return { scope: { mode: "full", reason, parsed: 0, listed, models: [] } };
}

export async function loadRegistryScoped(
  source: RegistrySource & { symlinks?: () => string[] },
  options: ScopedLoadOptions,
): Promise<{ result?: LoadResult; scope: LoadScope }> {
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  // The head's paths: the caller's index (the base's, with the change applied), else the listing.
  let index = options.index;
  if (!index) {
    if (!source.symlinks) return giveUpWith("the source cannot tell symbolic links", 0);
    index = TreeIndex.fromListing(await source.listFiles(), source.symlinks());
  }
  const tree = index;
  const giveUp = (reason: string): { scope: LoadScope } => giveUpWith(reason, tree.documentCount);
  for (const link of tree.symlinks()) {
    if (isDocumentRole(classifyPath(link))) return giveUp(`${link} is a symbolic link`);
  }
  const changes = options.changes;
  let cardsOrVersionsDeleted = false;
  let otherAdded = false;
  let contractsChanged = false;
  const changedContracts = new Set<string>();
  const changedSlos = new Set<string>();
  const models = new Set(options.models ?? []);
  for (const [path, status] of changes) {
    const role = classifyPath(path);
    if (role.kind === "other" || role.kind === "misplaced") {
      if (status === "D") return giveUp(`${path} was deleted (it may be an artifact a version names)`);
      if (status === "A") otherAdded = true;
      continue;
    }
    if (!isDocumentRole(role)) continue;
    if (role.kind === "model" || role.kind === "model-version") {
      models.add(role.model!);
      if (status === "D") cardsOrVersionsDeleted = true;
    }
    if (role.kind === "contract") changedContracts.add(role.stem);
    if (role.kind === "slo") changedSlos.add(role.stem);
    if (role.kind === "contract" || role.kind === "slo") contractsChanged = true;
  }
  const baseErrorFiles = new Set(options.base.errors.map((d) => d.file));
  const artifactMissing = new Set(
    options.base.errors.filter((d) => d.code === "artifact-missing").map((d) => d.file),
  );

  // The listing-level diagnostics (paths only: misplaced files), recomputed for every path that is not
  // a document.
  const errors: RegistryDiagnostic[] = [];
  const warnings: RegistryDiagnostic[] = [];
  const fresh = new Set<string>([CONFIG_FILE, ...CODEOWNERS_PATHS]); // files whose diagnostics are recomputed
  const policyFiles: string[] = [];
  for (const file of tree.otherPaths()) {
    const role = classifyPath(file);
    if (role.kind === "misplaced") {
      fresh.add(file);
      (role.error ? errors : warnings).push(
        fileDiagnostic(file, role.reason, role.error ? "wrong-extension" : "unexpected-file"),
      );
    } else if (role.kind === "policy") policyFiles.push(file);
  }
  // Round 1 reads what is always read, the changed documents, the touched models, and what they
  // affect: waivers; added or modified documents; the touched models' files; every card when a
  // contract or SLO changed; environment files with errors at base, or all of them when a card or
  // version was deleted; versions whose artifact was missing at base when another file was added.
  const wanted = new Set<string>([CONFIG_FILE]);
  const add = (file: string): void => {
    if (tree.has(file)) wanted.add(file);
  };
  for (const file of tree.waiverPaths()) add(file);
  for (const [file, status] of changes) {
    if ((status === "A" || status === "M") && isDocumentRole(classifyPath(file))) add(file);
  }
  for (const model of models) for (const file of tree.modelFiles(model)) add(file);
  if (contractsChanged) for (const file of tree.cardPaths()) add(file);
  for (const file of tree.environmentPaths()) {
    if (baseErrorFiles.has(file) || cardsOrVersionsDeleted) add(file);
  }
  if (otherAdded) {
    for (const file of artifactMissing) {
      if (classifyPath(file).kind === "model-version") add(file);
    }
  }
  const fileSet = { has: (path: string): boolean => tree.has(path) };
  const codeownersFile = CODEOWNERS_PATHS.find((p) => fileSet.has(p));
  for (const other of CODEOWNERS_PATHS) {
    if (other !== codeownersFile && fileSet.has(other))
      warnings.push(
        fileDiagnostic(
          other,
          `ignored: GitHub uses ${codeownersFile} first`,
          "codeowners-shadowed",
          "keep a single CODEOWNERS file",
        ),
      );
  }
  if (!fileSet.has(CONFIG_FILE)) return giveUp(`${CONFIG_FILE} is missing at head`);

  for (const file of policyFiles) wanted.add(file);
  if (codeownersFile) wanted.add(codeownersFile);

  // Modified environment files parsed with some entries only (see ScopedLoadOptions.environmentEntries):
  // the other entries are the same text as at base, where the file had no diagnostics, and an entry's
  // checks read only itself and the listing (deleted cards or versions, which could break an unchanged
  // entry, and contract changes, which add models in round 2, keep the whole file).
  const diagnosed = new Set([...options.base.errors, ...options.base.warnings].map((d) => d.file));
  const partial = new Map<string, ReadonlySet<string>>();
  if (!cardsOrVersionsDeleted && !contractsChanged) {
    for (const [file, entries] of options.environmentEntries ?? []) {
      if (changes.get(file) === "M" && !diagnosed.has(file))
        partial.set(file, new Set([...entries, ...models]));
    }
  }
  const partialFiles: string[] = [];

  const documents = new Map<string, LoadedDocument>();
  const texts = new Map<string, string>();
  const roleOf = (file: string): DocumentRole | undefined => {
    const role = classifyPath(file);
    return isDocumentRole(role) ? role : undefined;
  };
  const onFile = (file: string, content: Buffer | Error): void => {
    const role = roleOf(file);
    const keep = role?.kind === "environment" ? partial.get(file) : undefined;
    const prepare = keep
      ? (text: string): string => {
          const reduced = keepModelEntries(text, keep, options.environmentScans?.get(file));
          if (reduced === undefined) return text;
          partialFiles.push(file);
          return reduced;
        }
      : undefined;
    const read = readRegistryFile(file, content, role, {
      maxFileBytes,
      errors,
      warnings,
      ...(prepare ? { prepare } : {}),
    });
    if (!read) return;
    if ("document" in read) documents.set(file, read.document);
    else texts.set(file, read.text);
  };
  // A loaded model's contract and SLO are usually named after it: those files are read with this round
  // (one git process instead of two) and handed to onFile in round 2 only if its card names them.
  const guessed = new Set<string>();
  for (const model of models)
    for (const file of [`contracts/${model}.yaml`, `slos/${model}.yaml`])
      if (tree.has(file) && !wanted.has(file)) guessed.add(file);
  const early = new Map<string, Buffer | Error>();
  await readAll(source, [...wanted, ...guessed], (file, content) => {
    if (guessed.has(file)) early.set(file, content);
    else onFile(file, content);
  });

  const configDoc = documents.get(CONFIG_FILE);
  if (!configDoc?.valid) return giveUp(`${CONFIG_FILE} is not valid at head`);
  const config = configDoc.value as RegistryConfig;
  const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
  if (!same(config.environments, options.base.config.environments))
    return giveUp(`${CONFIG_FILE} declares other environments than base`);
  if (!same(config.artifacts, options.base.config.artifacts))
    return giveUp(`${CONFIG_FILE} changes the artifact settings`);

  // Round 2: models whose card names a changed contract or SLO; the contracts and SLOs of loaded cards.
  const more = new Set<string>();
  const modelsBefore = models.size; // all files of these are read already
  for (const doc of documents.values()) {
    if (doc.kind !== "model" || !doc.readable) continue;
    const card = doc.value as { contract?: unknown; slo?: unknown } | null;
    const contract = typeof card?.contract === "string" ? card.contract : undefined;
    const slo = typeof card?.slo === "string" ? card.slo : undefined;
    if ((contract && changedContracts.has(contract)) || (slo && changedSlos.has(slo))) models.add(doc.model!);
    if (!models.has(doc.model!)) continue;
    if (contract) more.add(`contracts/${contract}.yaml`);
    if (slo) more.add(`slos/${slo}.yaml`);
  }
  if (models.size > modelsBefore) {
    for (const model of models) for (const file of tree.modelFiles(model)) more.add(file);
  }
  const second = [...more].filter((f) => tree.has(f) && !documents.has(f) && !wanted.has(f));
  for (const file of second) {
    const content = early.get(file);
    if (content !== undefined) onFile(file, content);
  }
  const unread = second.filter((f) => !early.has(f));
  if (unread.length > 0) await readAll(source, unread, onFile);

  // Cross-checks: on the parsed documents, with existence from the whole listing; kept for parsed files.
  const parsed = [...documents.values()];
  for (const doc of parsed) fresh.add(doc.file);
  for (const file of texts.keys()) fresh.add(file);
  const cross = crossCheck(parsed, fileSet, tree.names);
  errors.push(...cross.errors.filter((d) => fresh.has(d.file)));
  warnings.push(...cross.warnings.filter((d) => fresh.has(d.file)));
  // Unaffected files: their diagnostics at base.
  const kept = (d: RegistryDiagnostic): boolean => {
    if (fresh.has(d.file)) return false;
    const role = roleOf(d.file);
    return role !== undefined && tree.hasDocument(role);
  };
  errors.push(...options.base.errors.filter(kept));
  warnings.push(...options.base.warnings.filter(kept));

  const { policies, codeowners } = collectPoliciesAndCodeOwners(texts, codeownersFile, warnings);
  parsed.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const state = buildState(source.revision, parsed, codeowners, policies);
  const scope: LoadScope = {
    mode: "scoped",
    parsed: parsed.length,
    listed: tree.documentCount,
    models: [...models].sort(),
    files: parsed.map((d) => d.file),
    ...(partialFiles.length > 0 ? { partial: partialFiles.sort() } : {}),
  };
  const sortedErrors = sortDiagnostics(errors);
  const sortedWarnings = sortDiagnostics(warnings);
  if (!state) return giveUp(`${CONFIG_FILE} is not valid at head`);
  if (sortedErrors.length === 0) return { result: { ok: true, state, warnings: sortedWarnings }, scope };
  return { result: { ok: false, errors: sortedErrors, warnings: sortedWarnings, state }, scope };
}

const STAMP_FORMAT = 1;
let fingerprints: Map<number, string> | undefined;

/**
 * What a full load's diagnostics depend on besides the tree: the schemas, this module's code (the
 * loader, cross-checks, YAML scanner) and the file size limit. A stamp of base diagnostics is reused
 * only under the same fingerprint.
 */
export function registryFingerprint(maxFileBytes: number = DEFAULT_MAX_FILE_BYTES): string {
  fingerprints ??= new Map();
  const known = fingerprints.get(maxFileBytes);
  if (known) return known;
  const hash = createHash("sha256");
  hash.update(`${STAMP_FORMAT}\n${maxFileBytes}\n${schemasHash()}\n`);
  const dir = dirname(fileURLToPath(import.meta.url));
  const entries = (readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => /\.(js|ts)$/.test(f) && !f.endsWith(".d.ts"))
    .sort();
  for (const file of entries) {
    hash.update(`${file}\n`);
    hash.update(readFileSync(join(dir, file)));
  }
  const digest = hash.digest("hex");
  fingerprints.set(maxFileBytes, digest);
  return digest;
}
