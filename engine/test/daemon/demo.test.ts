import { describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/command.js";
import { runDemo } from "../../src/cli/commands/demo.js";

describe("modelgate demo", () => {
  it("proposes, is denied, gets approvals, merges, deploys and answers from the new version; --keep waits until stopped", async () => {
    let text = "";
    const controller = new AbortController();
    const io: CliIo = {
      stdout: (t) => {
        text += t;
        if (t.includes("Ctrl-C")) setTimeout(() => controller.abort(), 10);
      },
      stderr: (t) => (text += t),
      cwd: process.cwd(),
      env: {},
    };
    expect(await runDemo(["--keep"], io, controller.signal), text).toBe(0);
    expect(text).toMatch(/\[4\/7\] The policy check denies it[\s\S]*DENIED[\s\S]*missing approval/);
    expect(text).toMatch(/\[5\/7\][\s\S]*ALLOWED/);
    expect(text).toMatch(/merged #1 .* by dave/);
    expect(text).toMatch(/HTTP 200: model_version 1\.1\.0/);
    expect(text).toContain("20 more predictions: 20 × 1.1.0");
    expect(text).toMatch(/deployed from change request #1, approved by carol, dave/);
    expect(text).toMatch(/curl -s http:\/\/127\.0\.0\.1:\d+\/status/);
    expect(text).toContain("Cleaning up.");
  });
});
