import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPullRequestCheckHandler } from "../../src/cli/commands/webhook.js";
import { createWebhookReceiver, type WebhookReceiver } from "../../src/webhook/index.js";
import { FakeGitHub } from "../forge/github/fake-github.js";
import { sharedCacheHome } from "../gate/cli-harness.js";
import { createTempGitRepo, type TempGitRepo } from "../helpers/temp-git.js";

const SECRET = "webhook-secret";

/** A signed delivery to a real receiver re-runs the check and publishes it on the (fake) GitHub. */
describe("webhook → check → GitHub", () => {
  let repo: TempGitRepo;
  let fake: FakeGitHub;
  let receiver: WebhookReceiver;
  let url: string;
  const errors: string[] = [];

  beforeAll(async () => {
    repo = await createTempGitRepo({ fromTemplate: true, prefix: "modelgate-webhook-" });
    const baseSha = await repo.head();
    await repo.git("checkout", "--quiet", "-b", "tweak");
    const card = await repo.git("show", "HEAD:models/demand-forecast/model.yaml");
    await repo.write(
      "models/demand-forecast/model.yaml",
      card.replace(/^description: .*$/m, "description: Daily units."),
    );
    const headSha = await repo.commit("tweak");
    fake = await new FakeGitHub().start();
    fake.contents.set(`${baseSha}:CODEOWNERS`, await repo.git("show", `${baseSha}:CODEOWNERS`));
    fake.addPull({
      number: 3,
      title: "tweak",
      user: "bob",
      base: { ref: "main", sha: baseSha },
      head: { ref: "tweak", sha: headSha },
      files: [{ filename: "models/demand-forecast/model.yaml", status: "modified" }],
    });
    receiver = createWebhookReceiver({
      secret: SECRET,
      log: { info() {}, error: (m) => errors.push(m) },
      handler: createPullRequestCheckHandler({
        repoDir: repo.dir,
        env: {
          PATH: process.env.PATH,
          XDG_CACHE_HOME: sharedCacheHome,
          GITHUB_TOKEN: "test-token",
          GITHUB_API_URL: fake.url,
          MODELGATE_GITHUB_RETRY_BASE_MS: "0",
        },
        log: { info() {} },
        now: () => new Date("2026-11-23T00:00:00Z"),
      }),
    });
    url = `http://127.0.0.1:${(await receiver.listen(0)).port}/`;
  });
  afterAll(async () => {
    await receiver.close();
    await fake.stop();
    await repo.cleanup();
  });

  it("publishes one check run per delivery and keeps one summary comment", async () => {
    const post = async (id: string): Promise<number> => {
      const body = JSON.stringify({
        action: "synchronize",
        pull_request: { number: 3, head: { sha: "x" } },
        repository: { full_name: `${fake.owner}/${fake.repo}` },
      });
      const res = await fetch(url, {
        method: "POST",
        body,
        headers: {
          "x-github-event": "pull_request",
          "x-github-delivery": id,
          "x-hub-signature-256": `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`,
        },
      });
      await receiver.idle();
      return res.status;
    };
    expect(await post("one")).toBe(202);
    expect(await post("one")).toBe(200);
    expect(await post("two")).toBe(202);
    expect(errors).toEqual([]);
    fake.assertClean();
    expect(fake.checkRuns.map((r) => [r.name, r.conclusion])).toEqual([
      ["modelgate", "failure"],
      ["modelgate", "failure"],
    ]);
    expect(fake.comments.filter((c) => c.issue_number === 3)).toHaveLength(1);
  });
});
