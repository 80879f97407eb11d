import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HistoryEntry } from "../../src/reconcile/store.js";
import type { EnvironmentStatus } from "../../src/reconcile/status.js";
import { createAdderRegistry, type AdderRegistry } from "../reconcile/helpers/registry-fixture.js";
import { buildCli } from "./build-cli.js";
import { eventually, getJson, infer } from "./http-helpers.js";

interface Child {
  process: ChildProcess;
  url: Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output: () => string;
}

describe("kill -9 during apply, then restart (real child processes)", () => {
  let cli: string;
  let registry: AdderRegistry;
  let stateDir: string;

  const start = (crashAt?: string): Child => {
    const child = spawn(
      process.execPath,
      [
        cli,
        "run",
        "--repo",
        registry.repo.dir,
        "--env",
        "production",
        "--port",
        "0",
        "--interval",
        "100ms",
        "--state",
        stateDir,
        "--workers",
        "1",
      ],
      {
        env: { ...process.env, ...(crashAt ? { MODELGATE_TEST_CRASH_AT: crashAt } : {}) },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
    const url = new Promise<string>((resolve, reject) => {
      child.stdout!.on("data", () => {
        const match = /on (http:\/\/[0-9.]+:\d+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.once("exit", () => reject(new Error(`exited before listening:\n${out}`)));
    });
    url.catch(() => undefined);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once("exit", (code, signal) => resolve({ code, signal })),
    );
    return { process: child, url, exited, output: () => out };
  };

  const history = async (): Promise<HistoryEntry[]> =>
    (await readFile(join(stateDir, "history.jsonl"), "utf8").catch(() => ""))
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as HistoryEntry);

  beforeAll(async () => {
    cli = await buildCli("crash");
    registry = await createAdderRegistry();
    for (const k of [1, 2, 3]) await registry.addVersion(k);
    stateDir = await mkdtemp(join(tmpdir(), "modelgate-crash-"));
  }, 180_000);
  afterAll(async () => {
    await registry?.repo.cleanup();
    await rm(stateDir, { recursive: true, force: true });
  });

  const cases: { point: string; k: number; corruptCache?: boolean }[] = [
    { point: "after-fetch", k: 1, corruptCache: true },
    { point: "after-route", k: 2 },
    { point: "after-history", k: 3 },
    { point: "after-applied", k: 1 },
  ];

  for (const { point, k, corruptCache } of cases) {
    it(`converges after SIGKILL at ${point}`, async () => {
      await registry.setTraffic({ [`${k}.0.0`]: 100 });
      const commit = await registry.repo.commit(`serve ${k}.0.0 (crash at ${point})`);
      const crashing = start(point);
      const death = await crashing.exited;
      expect(death.signal, crashing.output()).toBe("SIGKILL");

      if (corruptCache) {
        // The crash left a verified artifact in the cache; change it on disk while nothing runs.
        const sha = (
          await readFile(join(registry.repo.dir, `models/adder/versions/${k}.0.0.yaml`), "utf8")
        ).match(/sha256: "([0-9a-f]{64})"/)![1]!;
        const path = join(stateDir, "cache", "sha256", sha);
        const size = (await readFile(path)).length;
        await writeFile(path, Buffer.alloc(size, 7));
      }

      const daemon = start();
      try {
        const url = await daemon.url;
        const status = await eventually(
          async () => {
            const body = await getJson<{ status: EnvironmentStatus }>(`${url}/status`);
            const ready = body.status.conditions.find((c) => c.type === "Ready");
            return body.status.appliedRevision === commit && ready?.status === "True"
              ? body.status
              : undefined;
          },
          20_000,
          `convergence after ${point}`,
        );
        expect(status.appliedRevision).toBe(commit);
        expect(await infer(url, "adder", 10)).toMatchObject({ status: 200, version: `${k}.0.0`, y: 10 + k });
        const lines = (await history()).filter((h) => h.revision === commit);
        expect(lines.map((h) => h.kind)).toEqual(["deploy"]);
      } finally {
        daemon.process.kill("SIGTERM");
        await daemon.exited;
      }
    });
  }
});
