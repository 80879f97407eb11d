import { createHash } from "node:crypto";
import { constants, existsSync, readFileSync } from "node:fs";
import { access, mkdir, readFile, realpath, rename, stat, writeFile } from "node:fs/promises";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PolicyToolchainError } from "./errors.js";
import { execFileProcess, errnoCode, type ExecFileFn } from "./exec.js";

/** The OPA version modelgate is built and tested with; must equal the pin in tools/opa/go.mod. */
export const PINNED_OPA_VERSION = "1.22.2";

/** Where the binary came from, in resolution order. */
export type OpaSource = "env" | "path" | "project";

export interface OpaToolchain {
  /** Absolute (or as-given, for MODELGATE_OPA) path to the executable. */
  readonly path: string;
  /** What `opa version` reports, e.g. "1.22.2". */
  readonly version: string;
  readonly source: OpaSource;
  /** False when a user-supplied OPA differs from PINNED_OPA_VERSION (allowed; worth a warning). */
  readonly pinned: boolean;
}

export interface ResolveOpaOptions {
  /** Defaults to process.env; reads MODELGATE_OPA and PATH. */
  readonly env?: NodeJS.ProcessEnv;
  /** Folder holding `.tools/bin/opa`; defaults to the modelgate package root. */
  readonly projectRoot?: string;
  readonly exec?: ExecFileFn;
  readonly timeoutMs?: number;
  /**
   * Remembers `opa version` per binary (real path, device, inode, size, mtime and ctime) in
   * `<cacheDir>/opa-version/`, so a check whose bundle is cached starts no OPA process. Ignored with
   * an injected `exec` (tests that fake OPA must see their fake's answer).
   */
  readonly cacheDir?: string;
}

const FIX_HINT =
  "run `npm ci` (which runs scripts/setup-opa.sh) or `bash scripts/setup-opa.sh` to build it, " +
  "or set MODELGATE_OPA to an opa binary";

/**
 * Finds the OPA binary: $MODELGATE_OPA, else `opa` on PATH, else `<project>/.tools/bin/opa`;
 * then asks it for its version. Resolve once and pass the result to `compilePolicyBundle`.
 */
export async function resolveOpa(options: ResolveOpaOptions = {}): Promise<OpaToolchain> {
  const env = options.env ?? process.env;
  const exec = options.exec ?? execFileProcess;
  const candidate = await locateOpa(env, options.projectRoot ?? findProjectRoot());
  const memo =
    options.cacheDir !== undefined && options.exec === undefined
      ? await versionMemo(candidate.path, options.cacheDir)
      : undefined;
  let version = memo ? await readMemo(memo) : undefined;
  if (version === undefined) {
    version = await readOpaVersion(candidate.path, candidate.source, exec, options.timeoutMs ?? 30_000);
    if (memo) await writeMemo(memo, version);
  }
  return { ...candidate, version, pinned: version === PINNED_OPA_VERSION };
}

/**
 * Where the version of the binary at `path` is remembered: named by everything that changes when the
 * file is replaced or rewritten (ctime cannot be set back by a user), so a stale entry is never read.
 */
async function versionMemo(path: string, cacheDir: string): Promise<string | undefined> {
  try {
    const real = await realpath(path);
    const s = await stat(real, { bigint: true });
    const identity = [real, s.dev, s.ino, s.size, s.mtimeNs, s.ctimeNs].join("\0");
    return join(cacheDir, "opa-version", `${createHash("sha256").update(identity).digest("hex")}.txt`);
  } catch {
    return undefined; // no memo: ask the binary
  }
}

async function readMemo(file: string): Promise<string | undefined> {
  try {
    const text = (await readFile(file, "utf8")).trim();
    return /^\S+$/.test(text) ? text : undefined;
  } catch {
    return undefined;
  }
}

async function writeMemo(file: string, version: string): Promise<void> {
  try {
    await mkdir(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, `${version}\n`);
    await rename(tmp, file);
  } catch {
    // an unwritable cache only costs the next run an `opa version`
  }
}

async function locateOpa(
  env: NodeJS.ProcessEnv,
  projectRoot: string | undefined,
): Promise<{ path: string; source: OpaSource }> {
  const fromEnv = env["MODELGATE_OPA"];
  if (fromEnv !== undefined && fromEnv !== "") {
    if (!(await isExecutableFile(fromEnv))) {
      throw new PolicyToolchainError(
        "opa_unusable",
        `MODELGATE_OPA=${fromEnv} is not an executable file; point it at an opa binary, ` +
          "or unset it and run `npm ci` (or `bash scripts/setup-opa.sh`) to build the pinned one",
      );
    }
    return { path: fromEnv, source: "env" };
  }
  for (const dir of (env["PATH"] ?? "").split(delimiter)) {
    if (dir === "") continue;
    const path = join(dir, "opa");
    if (await isExecutableFile(path)) return { path, source: "path" };
  }
  if (projectRoot !== undefined) {
    const path = join(projectRoot, ".tools", "bin", "opa");
    if (await isExecutableFile(path)) return { path, source: "project" };
  }
  const looked = projectRoot === undefined ? "" : `, ${join(projectRoot, ".tools", "bin", "opa")}`;
  throw new PolicyToolchainError(
    "opa_not_found",
    `OPA not found (looked at MODELGATE_OPA, opa on PATH${looked}); ${FIX_HINT}`,
  );
}

async function readOpaVersion(
  path: string,
  source: OpaSource,
  exec: ExecFileFn,
  timeoutMs: number,
): Promise<string> {
  let result;
  try {
    result = await exec(path, ["version"], { timeoutMs });
  } catch (error) {
    throw new PolicyToolchainError(
      "opa_unusable",
      `${path} (from ${describeSource(source)}) could not be run (${errnoCode(error) ?? String(error)}); ${FIX_HINT}`,
      { cause: error },
    );
  }
  const match = /^Version:\s*(\S+)/m.exec(result.stdout);
  if (result.exitCode !== 0 || match?.[1] === undefined) {
    throw new PolicyToolchainError(
      "opa_unusable",
      `\`${path} version\` (from ${describeSource(source)}) did not report a version (exit ${result.exitCode}): ${firstLine(result.stderr || result.stdout)}; ${FIX_HINT}`,
    );
  }
  return match[1];
}

function describeSource(source: OpaSource): string {
  return source === "env" ? "MODELGATE_OPA" : source === "path" ? "PATH" : ".tools/bin";
}

function firstLine(text: string): string {
  return text.trim().split("\n")[0] ?? "";
}

async function isExecutableFile(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * The modelgate package root (the folder whose package.json is named "modelgate"), found by walking up
 * from this module; works from engine/src (tests) and dist/ (installed) alike.
 */
export function findProjectRoot(from: string = dirname(fileURLToPath(import.meta.url))): string | undefined {
  let dir = from;
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      try {
        const parsed: unknown = JSON.parse(readFileSync(manifest, "utf8"));
        if (
          typeof parsed === "object" &&
          parsed !== null &&
          "name" in parsed &&
          parsed.name === "modelgate"
        ) {
          return dir;
        }
      } catch {
        // unreadable manifest: keep walking
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
