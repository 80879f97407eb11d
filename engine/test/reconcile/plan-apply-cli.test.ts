import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { createAdderRegistry, type AdderRegistry } from "./helpers/registry-fixture.js";
import { captureIo } from "../helpers/capture-io.js";

describe("modelgate plan / apply (in-process)", () => {
  let registry: AdderRegistry;
  let state: string;
  beforeAll(async () => {
    registry = await createAdderRegistry();
    await registry.addVersion(1);
    await registry.addVersion(2);
    await registry.setTraffic({ "1.0.0": 100 });
    await registry.repo.commit("serve 1.0.0");
    state = await mkdtemp(join(tmpdir(), "modelgate-cli-state-"));
  });
  afterAll(async () => {
    await registry.repo.cleanup();
    await rm(state, { recursive: true, force: true });
  });

  it("plans from the main branch, applies, then plans nothing against the state folder", async () => {
    const plan = captureIo(registry.repo.dir);
    expect(await main(["plan", "--env", "production"], plan)).toBe(1);
    expect(plan.out()).toMatch(
      /1\. load adder 1\.0\.0 .*\n {2}2\. shift adder traffic: none → 1\.0\.0=100\n\(against an empty engine\)/,
    );

    const apply = captureIo(registry.repo.dir);
    expect(await main(["apply", "--env", "production", "--state", state], apply)).toBe(0);
    expect(apply.out()).toMatch(/production at [0-9a-f]{12}: applied/);

    await registry.setTraffic({ "1.0.0": 50, "2.0.0": 50 });
    await registry.repo.commit("canary 2.0.0 at 50%");
    const next = captureIo(registry.repo.dir);
    expect(await main(["plan", "--env", "production", "--state", state, "--format", "json"], next)).toBe(1);
    const parsed = JSON.parse(next.out()) as { steps: { action: string }[] };
    expect(parsed.steps.map((s) => s.action)).toEqual(["load", "shift-traffic"]);
  });

  it("exits 1 with the reason when the main branch cannot be applied", async () => {
    await registry.addVersion(3, { file: "mixed.onnx" });
    await registry.setTraffic({ "3.0.0": 100 });
    await registry.repo.commit("a version whose signature breaks the contract");
    const io = captureIo(registry.repo.dir);
    expect(await main(["apply", "--env", "production"], io)).toBe(1);
    expect(io.out()).toContain("failed — ContractMismatch");
  });

  it.each([
    [["plan"], "--env ENV is required"],
    [["apply", "--repo", "."], "--env ENV is required"],
    [["rollback", "--model", "adder"], "--env ENV is required"],
    [["plan", "--env", "production", "--daemon", "http://127.0.0.1:9", "--state", "s"], "not both"],
    [["apply", "--env", "production", "--daemon", "http://127.0.0.1:9", "--state", "s"], "not both"],
    [["plan", "--env", "production", "--format", "yaml"], "--format must be one of text, json"],
    [
      ["rollback", "--env", "production", "--model", "adder", "--format", "xml"],
      "--format must be one of text, json",
    ],
  ])("%j is a usage error (exit 2): %s", async (argv, message) => {
    const io = captureIo(registry.repo.dir);
    expect(await main(argv, io)).toBe(2);
    expect(io.err()).toContain(message);
  });
});
