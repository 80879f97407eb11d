import { createHmac } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  BoundedSet,
  createWebhookReceiver,
  type WebhookEvent,
  type WebhookReceiver,
} from "../../src/webhook/index.js";

const SECRET = "It's a Secret to Everybody";

function sign(body: string, secret = SECRET): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

describe("webhook receiver", () => {
  let receiver: WebhookReceiver;
  let url: string;
  let events: WebhookEvent[];

  beforeEach(async () => {
    events = [];
    receiver = createWebhookReceiver({
      secret: SECRET,
      handler: (e) => void events.push(e),
      rememberDeliveries: 2,
    });
    const address = await receiver.listen(0);
    url = `http://127.0.0.1:${address.port}/`;
  });
  afterEach(() => receiver.close());

  async function deliver(
    event: string,
    payload: unknown,
    options: { id?: string; signature?: string | null } = {},
  ): Promise<{ status: number; message: string }> {
    const body = JSON.stringify(payload);
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "x-github-event": event,
      "x-github-delivery": options.id ?? crypto.randomUUID(),
    };
    if (options.signature !== null) headers["x-hub-signature-256"] = options.signature ?? sign(body);
    const res = await fetch(url, { method: "POST", headers, body });
    const json = (await res.json()) as { message: string };
    await receiver.idle();
    return { status: res.status, message: json.message };
  }

  const pr = (action: string, number = 5) => ({
    action,
    number,
    pull_request: { number, head: { sha: "abc123" } },
    repository: { full_name: "acme/registry" },
  });

  it("accepts a signed pull_request delivery with 202 and calls the handler", async () => {
    expect(await deliver("pull_request", pr("synchronize"), { id: "d-1" })).toEqual({
      status: 202,
      message: "accepted",
    });
    expect(events).toMatchObject([
      {
        deliveryId: "d-1",
        name: "pull_request",
        action: "synchronize",
        repository: "acme/registry",
        pullRequest: 5,
        headSha: "abc123",
      },
    ]);
  });

  it("re-runs on review submitted and dismissed", async () => {
    await deliver("pull_request_review", { ...pr("submitted"), review: { state: "approved" } });
    await deliver("pull_request_review", { ...pr("dismissed"), review: { state: "dismissed" } });
    expect(events.map((e) => `${e.name}.${e.action}`)).toEqual([
      "pull_request_review.submitted",
      "pull_request_review.dismissed",
    ]);
  });

  it("rejects unsigned and badly signed deliveries with 401 and never calls the handler", async () => {
    expect((await deliver("pull_request", pr("opened"), { signature: null })).status).toBe(401);
    expect((await deliver("pull_request", pr("opened"), { signature: sign("other body") })).status).toBe(401);
    expect(
      (
        await deliver("pull_request", pr("opened"), {
          signature: sign(JSON.stringify(pr("opened")), "wrong"),
        })
      ).status,
    ).toBe(401);
    expect((await deliver("pull_request", pr("opened"), { signature: "sha256=zz" })).status).toBe(401);
    expect(events).toEqual([]);
  });

  it("processes a delivery id at most once", async () => {
    expect((await deliver("pull_request", pr("opened"), { id: "same" })).status).toBe(202);
    const again = await deliver("pull_request", pr("opened"), { id: "same" });
    expect(again.status).toBe(200);
    expect(again.message).toContain("already processed");
    expect(events).toHaveLength(1);
  });

  it("a badly signed replay does not use up the delivery id", async () => {
    expect((await deliver("pull_request", pr("opened"), { id: "x", signature: "sha256=00" })).status).toBe(
      401,
    );
    expect((await deliver("pull_request", pr("opened"), { id: "x" })).status).toBe(202);
  });

  it("ignores events and actions that do not change the check", async () => {
    expect(await deliver("pull_request", pr("closed"))).toEqual({
      status: 200,
      message: "ignored pull_request.closed",
    });
    expect((await deliver("issues", { action: "opened" })).status).toBe(200);
    expect((await deliver("ping", { zen: "hi" })).message).toBe("pong");
    expect(events).toEqual([]);
  });

  it("refuses other methods", async () => {
    expect((await fetch(url)).status).toBe(405);
  });
});

describe("webhook receiver: ordering and failures", () => {
  it("runs handlers of one pull request one after another, and survives a failing handler", async () => {
    const log: string[] = [];
    const errors: string[] = [];
    const receiver = createWebhookReceiver({
      secret: SECRET,
      log: { info() {}, error: (m) => errors.push(m) },
      handler: async (e) => {
        log.push(`start ${e.pullRequest} ${e.deliveryId}`);
        await new Promise((r) => setTimeout(r, 30));
        log.push(`end ${e.pullRequest} ${e.deliveryId}`);
        if (e.deliveryId === "a1") throw new Error("boom");
      },
    });
    const { port } = await receiver.listen(0);
    const send = (id: string, number: number): Promise<Response> => {
      const body = JSON.stringify({
        action: "synchronize",
        pull_request: { number },
        repository: { full_name: "acme/registry" },
      });
      return fetch(`http://127.0.0.1:${port}/`, {
        method: "POST",
        body,
        headers: {
          "x-github-event": "pull_request",
          "x-github-delivery": id,
          "x-hub-signature-256": sign(body),
        },
      });
    };
    const statuses = await Promise.all([send("a1", 1), send("a2", 1)]).then((r) => r.map((x) => x.status));
    await receiver.idle();
    await receiver.close();
    expect(statuses).toEqual([202, 202]);
    expect(log).toEqual(["start 1 a1", "end 1 a1", "start 1 a2", "end 1 a2"]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("boom");
  });
});

describe("BoundedSet", () => {
  it("forgets the oldest key first and refreshes a re-added one", () => {
    const set = new BoundedSet(2);
    set.add("a");
    set.add("b");
    set.add("a");
    set.add("c");
    expect([set.has("a"), set.has("b"), set.has("c"), set.size]).toEqual([true, false, true, 2]);
  });
});
