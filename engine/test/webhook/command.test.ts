import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";

async function run(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; err: string }> {
  const err: string[] = [];
  const code = await main(argv, {
    cwd: process.cwd(),
    env,
    stdout: () => undefined,
    stderr: (t) => err.push(t),
  });
  return { code, err: err.join("") };
}

describe("modelgate webhook", () => {
  it("refuses to start without a secret", async () => {
    const result = await run(["webhook", "--port", "0", "--secret-env", "HOOK_SECRET"]);
    expect(result.code).toBe(2);
    expect(result.err).toContain("the webhook secret is missing: set HOOK_SECRET");
  });

  it("needs a port", async () => {
    expect((await run(["webhook"], { MODELGATE_WEBHOOK_SECRET: "s" })).err).toContain("--port P is required");
  });
});
