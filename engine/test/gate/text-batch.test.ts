import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBlobTexts } from "../../src/gate/text-batch.js";

describe("readBlobTexts", () => {
  let dir: string;
  let head: string;
  const git = (...args: string[]): string =>
    execFileSync("git", args, {
      cwd: dir,
      encoding: "utf8",
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: "t",
        GIT_AUTHOR_EMAIL: "t@t",
        GIT_COMMITTER_NAME: "t",
        GIT_COMMITTER_EMAIL: "t@t",
      },
    });
  const show = (name: string): string => git("show", name);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "modelgate-text-batch-"));
    git("init", "-q", "-b", "main");
    mkdirSync(join(dir, "environments"));
    writeFileSync(
      join(dir, "environments", "staging.yaml"),
      "name: staging\nmodels:\n  a:\n    traffic: []\n",
    );
    writeFileSync(join(dir, "environments", "empty.yaml"), "");
    // Not valid UTF-8 (a lone continuation byte) and no final newline: decoded as `git show` prints it.
    writeFileSync(
      join(dir, "environments", "odd.yaml"),
      Buffer.from([0x6e, 0x3a, 0x20, 0x80, 0xc3, 0xa9, 0x0a, 0x78]),
    );
    git("add", ".");
    git("commit", "-q", "-m", "one");
    head = git("rev-parse", "HEAD").trim();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reads each blob's text as git show prints it, in one answer per name", async () => {
    const names = ["staging", "empty", "odd"].map((f) => `${head}:environments/${f}.yaml`);
    const texts = await readBlobTexts(dir, names);
    expect([...texts.keys()]).toEqual(names);
    for (const name of names) {
      expect(texts.get(name)?.text).toBe(show(name));
      expect(texts.get(name)?.sha).toBe(git("rev-parse", name).trim());
    }
  });

  it("leaves out missing paths, trees and names a batch line cannot carry, and reads the others", async () => {
    const missing = `${head}:environments/nope.yaml`;
    const tree = `${head}:environments`;
    const newline = `${head}:environments/a\nb.yaml`;
    const ok = `${head}:environments/staging.yaml`;
    const texts = await readBlobTexts(dir, [missing, tree, newline, ok]);
    expect([...texts.keys()]).toEqual([ok]);
    expect(texts.get(ok)?.text).toBe(show(ok));
  });

  it("rejects when git cannot read the repository", async () => {
    await expect(readBlobTexts(join(dir, "no-such-folder"), [`${head}:x`])).rejects.toThrow();
  });
});
