import { CODEOWNERS_PATHS, parseCodeOwners } from "./codeowners.js";
import { crossCheck, type LoadedDocument } from "./cross-checks.js";
import { RegistryFileError } from "./errors.js";
import { sortDiagnostics } from "./format.js";
import { classifyPath, CONFIG_FILE, type FileRole } from "./layout.js";
import type { DocumentKind } from "./schemas.js";
import type {
  CodeOwnersRule,
  Contract,
  Environment,
  LoadResult,
  ModelCard,
  ModelEntry,
  ModelVersion,
  PolicySource,
  RegistryConfig,
  RegistryDiagnostic,
  RegistrySource,
  RegistryState,
  Slo,
  Sourced,
  Waiver,
} from "./types.js";
import { fileDiagnostic, isDocumentRole, readRegistryFile } from "./read-file.js";

export interface LoadOptions {
  /**
   * Largest registry file accepted, in bytes (default 1 MiB). Sources enforce their own limit when
   * reading; this one also covers sources that do not.
   */
  maxFileBytes?: number;
  /**
   * Run the cross-file checks (default true). The gate turns them off for the part of the base it
   * loads to compare against (never validated, and a partial tree would only report missing files).
   */
  crossCheck?: boolean;
}

const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;
const READ_CONCURRENCY = 32;

/**
 * Loads and validates a whole registry: reads every registry file of the source in one batch, parses
 * the YAML, validates each document against its JSON Schema, then cross-checks references between
 * documents. Collects every problem (never stops at the first), sorted by file, line and column.
 *
 * `state` holds the documents that passed their schema; it is present (also when `ok` is false)
 * whenever modelgate.yaml itself is valid.
 */
export async function loadRegistry(source: RegistrySource, options: LoadOptions = {}): Promise<LoadResult> {
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const errors: RegistryDiagnostic[] = [];
  const warnings: RegistryDiagnostic[] = [];
  const files = await source.listFiles();
  const fileSet = new Set(files);

  const roles = new Map<string, FileRole>();
  const toRead: string[] = [];
  for (const file of files) {
    const role = classifyPath(file);
    if (role.kind === "other") continue;
    if (role.kind === "misplaced") {
      (role.error ? errors : warnings).push(
        fileDiagnostic(file, role.reason, role.error ? "wrong-extension" : "unexpected-file"),
      );
      continue;
    }
    if (role.kind === "codeowners") continue; // read below: only the one GitHub would use
    roles.set(file, role);
    toRead.push(file);
  }
  const codeownersFile = CODEOWNERS_PATHS.find((p) => fileSet.has(p));
  if (codeownersFile) toRead.push(codeownersFile);
  for (const other of CODEOWNERS_PATHS) {
    if (other !== codeownersFile && fileSet.has(other)) {
      warnings.push(
        fileDiagnostic(
          other,
          `ignored: GitHub uses ${codeownersFile} first`,
          "codeowners-shadowed",
          "keep a single CODEOWNERS file",
        ),
      );
    }
  }
  if (!fileSet.has(CONFIG_FILE)) {
    errors.push(
      fileDiagnostic(
        CONFIG_FILE,
        `${CONFIG_FILE} not found at the root of ${source.description}`,
        "missing-file",
        "is this a registry repo? `modelgate init DIR` creates one",
      ),
    );
  }

  // Read, decode, parse and schema-validate each file as it arrives (git streams them from one process).
  const documents: LoadedDocument[] = [];
  const texts = new Map<string, string>(); // CODEOWNERS and policies
  const onFile = (file: string, content: Buffer | Error): void => {
    const role = roles.get(file);
    const read = readRegistryFile(file, content, role && isDocumentRole(role) ? role : undefined, {
      maxFileBytes,
      errors,
      warnings,
    });
    if (!read) return;
    if ("document" in read) documents.push(read.document);
    else texts.set(file, read.text);
  };
  await readAll(source, toRead, onFile);
  // Sources yield in any order; keep results independent of it.
  documents.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));

  const { policies, codeowners } = collectPoliciesAndCodeOwners(texts, codeownersFile, warnings);

  if (options.crossCheck !== false) {
    const cross = crossCheck(documents, fileSet);
    errors.push(...cross.errors);
    warnings.push(...cross.warnings);
  }

  const state = buildState(source.revision, documents, codeowners, policies);
  const sortedErrors = sortDiagnostics(errors);
  const sortedWarnings = sortDiagnostics(warnings);
  if (sortedErrors.length === 0 && state) return { ok: true, state, warnings: sortedWarnings };
  return state
    ? { ok: false, errors: sortedErrors, warnings: sortedWarnings, state }
    : { ok: false, errors: sortedErrors, warnings: sortedWarnings };
}

/** The repo's `policies/*.rego` (sorted by path) and its CODEOWNERS rules, from the texts read. */
export function collectPoliciesAndCodeOwners(
  texts: Iterable<[string, string]>,
  codeownersFile: string | undefined,
  warnings: RegistryDiagnostic[],
): { policies: PolicySource[]; codeowners: CodeOwnersRule[] } {
  const policies: PolicySource[] = [];
  let codeowners: CodeOwnersRule[] = [];
  for (const [file, text] of texts) {
    if (file.endsWith(".rego")) policies.push({ path: file, content: text });
    else if (file === codeownersFile) {
      const parsed = parseCodeOwners(file, text);
      codeowners = parsed.rules;
      warnings.push(...parsed.warnings);
    }
  }
  policies.sort((a, b) => (a.path < b.path ? -1 : 1));
  return { policies, codeowners };
}

export async function readAll(
  source: RegistrySource,
  paths: readonly string[],
  onFile: (path: string, content: Buffer | Error) => void,
): Promise<void> {
  if (source.readEach) return source.readEach(paths, onFile);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < paths.length) {
      const path = paths[next++]!;
      try {
        onFile(path, await source.readFile(path));
      } catch (error) {
        if (!(error instanceof RegistryFileError)) throw error;
        onFile(path, error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, paths.length) }, worker));
}

function sourced<T>(doc: LoadedDocument): Sourced<T> {
  return { file: doc.file, data: doc.value as T, positions: doc.positions! };
}

export function buildState(
  revision: string | undefined,
  documents: LoadedDocument[],
  codeowners: CodeOwnersRule[],
  policies: PolicySource[],
): RegistryState | undefined {
  const valid = documents.filter((d) => d.valid);
  const config = valid.find((d) => d.kind === "modelgate");
  if (!config) return undefined;
  const models: Record<string, ModelEntry> = {};
  for (const doc of valid)
    if (doc.kind === "model") models[doc.stem] = { card: sourced<ModelCard>(doc), versions: {} };
  const contracts: Record<string, Sourced<Contract>> = {};
  const slos: Record<string, Sourced<Slo>> = {};
  const environments: Record<string, Sourced<Environment>> = {};
  const waivers: Record<string, Sourced<Waiver>> = {};
  for (const doc of valid) {
    switch (doc.kind as DocumentKind) {
      case "model-version": {
        const entry = models[doc.model!];
        if (entry) entry.versions[doc.stem] = sourced<ModelVersion>(doc);
        break;
      }
      case "contract":
        contracts[doc.stem] = sourced<Contract>(doc);
        break;
      case "slo":
        slos[doc.stem] = sourced<Slo>(doc);
        break;
      case "environment":
        environments[doc.stem] = sourced<Environment>(doc);
        break;
      case "waiver":
        waivers[doc.stem] = sourced<Waiver>(doc);
        break;
      default:
        break;
    }
  }
  const state: RegistryState = {
    config: sourced<RegistryConfig>(config),
    models,
    contracts,
    slos,
    environments,
    waivers,
    codeowners,
    policies,
  };
  if (revision !== undefined) state.revision = revision;
  return state;
}
