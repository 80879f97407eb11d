import { cp, mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { CliIo } from "../../src/cli/command.js";
import { runServe } from "../../src/cli/commands/serve.js";
import { statusCommand, type StatusReport } from "../../src/cli/commands/status.js";
import { collect, LocalForge } from "../../src/forge/index.js";
import { eventually } from "../daemon/http-helpers.js";
import { createTempGitRepo, templateDir, type TempGitRepo } from "../helpers/temp-git.js";
import { demandRequest, demandRows, postJson } from "../monitor/runtime/helpers.js";

/**
 * `modelgate serve` with its monitor (on by default) and without (`--no-monitor`): a real serve process
 * loop in-process on the template registry in a temp git repo, real HTTP, real ONNX sessions.
 */
let repo: TempGitRepo;
let work: string;

interface Served {
  url: string;
  out: string[];
  stop(): Promise<number>;
}

async function serve(args: string[], cwd = work): Promise<Served> {
  const out: string[] = [];
  const controller = new AbortController();
  const io: CliIo = { stdout: (t) => out.push(t), stderr: () => {}, cwd, env: {} };
  const running = runServe(
    [
      "--repo",
      repo.dir,
      "--env",
      "production",
      "--port",
      "0",
      "--workers",
      "1",
      "--cache",
      join(work, "cache"),
      ...args,
    ],
    io,
    controller.signal,
  );
  const url = await eventually(
    async () => {
      const early = await Promise.race([running, new Promise((r) => setTimeout(() => r(undefined), 20))]);
      if (typeof early === "number") throw new Error(`serve exited with ${early}: ${out.join("")}`);
      return /http:\/\/127\.0\.0\.1:\d+/.exec(out.join(""))?.[0];
    },
    60_000,
    "serve listening",
  );
  return {
    url,
    out,
    stop: () => {
      controller.abort();
      return running;
    },
  };
}

beforeAll(async () => {
  repo = await createTempGitRepo({ fromTemplate: true, prefix: "modelgate-serve-monitor-" });
  await repo.commit("template registry");
  work = await mkdtemp(join(tmpdir(), "modelgate-serve-monitor-work-"));
});
afterAll(async () => {
  await repo?.cleanup();
  await rm(work, { recursive: true, force: true });
});

test("serve watches what it serves: snapshot, budgets.json, an SLO issue on the local forge, feedback", async () => {
  const served = await serve(["--monitor-interval", "1s"]);
  try {
    const infer = `${served.url}/v2/models/demand-forecast/infer`;
    const rows = demandRows(30, 3);
    for (const [i, row] of rows.entries()) {
      expect((await postJson(infer, demandRequest([row], `order-${i}`))).status).toBe(200);
    }
    // Requests the contract rejects (400) burn the error-rate budget at 100×: a page.
    for (let i = 0; i < 30; i += 1) {
      expect(
        (await postJson(infer, { inputs: [{ name: "price", datatype: "FP32", shape: [1], data: [1] }] }))
          .status,
      ).toBe(400);
    }
    expect(
      (await postJson(`${served.url}/v2/models/demand-forecast/feedback`, { id: "order-1", value: 7 }))
        .status,
    ).toBe(202);

    // Default state folder .modelgate/production (under the working directory); budgets.json beside it.
    const stateDir = join(work, ".modelgate", "production");
    const forge = new LocalForge({ repo: repo.dir });
    const issue = await eventually(
      async () =>
        (await collect(forge.listIssues())).find(
          (i) => i.fingerprint === "production/demand-forecast/1.0.0/slo",
        ),
      20_000,
      "an SLO issue",
    );
    expect(issue.labels).toEqual(expect.arrayContaining(["slo", "severity:critical"]));
    const budgets = JSON.parse(await readFile(join(work, ".modelgate", "budgets.json"), "utf8")) as {
      environments: Record<
        string,
        Record<string, { objectives: { error_rate: { total: number; bad: number } } }>
      >;
    };
    expect(budgets.environments.production!["demand-forecast"]!.objectives.error_rate).toMatchObject({
      total: 60,
      bad: 30,
    });

    const out: string[] = [];
    const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => out.push(t), cwd: work, env: {} };
    expect(
      await statusCommand.run(
        ["--env", "production", "--repo", repo.dir, "--state", stateDir, "--format", "json"],
        io,
      ),
    ).toBe(0);
    const report = JSON.parse(out.join("")) as StatusReport;
    const demand = report.environments[0]!.models.find((m) => m.model === "demand-forecast")!;
    expect(demand.versions[0]!.requests).toBe(60);
    expect(report.issues.map((i) => i.fingerprint)).toContain("production/demand-forecast/1.0.0/slo");
    await stat(join(stateDir, "environments", "production", "monitor.json"));
  } finally {
    expect(await served.stop()).toBe(0);
  }
});

test("--no-monitor serves without it: feedback answers 501 and no state is written", async () => {
  const state = join(work, "off");
  await expect(
    runServe(["--repo", repo.dir, "--env", "production", "--no-monitor", "--state", state], {
      stdout: () => {},
      stderr: () => {},
      cwd: work,
      env: {},
    }),
  ).rejects.toThrow(/--state configures the monitor; drop it or --no-monitor/);
  const cwd = await mkdtemp(join(tmpdir(), "modelgate-serve-no-monitor-"));
  const served = await serve(["--no-monitor"], cwd);
  try {
    expect(served.out.join("")).toContain("(monitor off)");
    const infer = `${served.url}/v2/models/demand-forecast/infer`;
    expect((await postJson(infer, demandRequest(demandRows(1, 4), "x"))).status).toBe(200);
    expect(
      (await postJson(`${served.url}/v2/models/demand-forecast/feedback`, { id: "x", value: 1 })).status,
    ).toBe(501);
  } finally {
    expect(await served.stop()).toBe(0);
  }
});

test("usage errors name the flag and the fix", async () => {
  const io: CliIo = { stdout: () => {}, stderr: () => {}, cwd: work, env: {} };
  const base = ["--repo", repo.dir, "--env", "production"];
  await expect(runServe([...base, "--monitor-interval", "10"], io)).rejects.toThrow(
    /--monitor-interval must be a duration of at least 1s, like 10s or 1m \(got 10\)/,
  );
  await expect(runServe([...base, "--forge", "github"], io)).rejects.toThrow(/--forge must be local or none/);
  const plain = await mkdtemp(join(tmpdir(), "modelgate-not-a-repo-"));
  await cp(templateDir, plain, { recursive: true });
  try {
    await expect(runServe(["--repo", plain, "--env", "production", "--forge", "local"], io)).rejects.toThrow(
      /--forge local needs --repo to be a git repository/,
    );
  } finally {
    await rm(plain, { recursive: true, force: true });
  }
});
