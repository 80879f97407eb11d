import { describe, expect, it } from "vitest";
import { main } from "../src/cli/main.js";
import type { CliIo } from "../src/cli/command.js";
import { commands } from "../src/cli/commands/index.js";

function captureIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd: process.cwd(), env: {} };
}

describe("modelgate CLI", () => {
  it("prints the version from package.json", async () => {
    const io = captureIo();
    expect(await main(["--version"], io)).toBe(0);
    expect(io.out.join("")).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it("lists commands in --help", async () => {
    const io = captureIo();
    expect(await main(["--help"], io)).toBe(0);
    expect(io.out.join("")).toContain("Usage: modelgate <command>");
  });

  it("rejects an unknown command with exit 2", async () => {
    const io = captureIo();
    expect(await main(["frobnicate"], io)).toBe(2);
    expect(io.err.join("")).toContain("unknown command 'frobnicate'");
  });

  it("lists each command with the summary its module declares, and every command has --help", async () => {
    for (const entry of commands) {
      const command = await entry.load();
      expect(command.name).toBe(entry.name);
      expect(command.summary).toBe(entry.summary);
      const io = captureIo();
      expect(await main([entry.name, "--help"], io)).toBe(0);
      expect(io.out.join("")).toMatch(/usage/i);
    }
  });
});
