import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhooks } from "@octokit/webhooks";

/** A delivery that asks for the check to run again. */
export interface WebhookEvent {
  /** `X-GitHub-Delivery`. */
  deliveryId: string;
  name: "pull_request" | "pull_request_review";
  action: string;
  /** `owner/repo`. */
  repository: string;
  pullRequest: number;
  headSha: string | undefined;
  payload: unknown;
}

export type WebhookHandler = (event: WebhookEvent) => Promise<void> | void;

export interface WebhookLogger {
  info(message: string): void;
  error(message: string): void;
}

export interface WebhookReceiverOptions {
  secret: string;
  handler: WebhookHandler;
  /** How many delivery ids to remember for de-duplication (default 1000). */
  rememberDeliveries?: number;
  /** Largest body accepted, in bytes (default 25 MiB, GitHub's cap). */
  maxBodyBytes?: number;
  log?: WebhookLogger;
}

/** The events and actions that re-run the check. */
export const TRIGGERS: Record<string, readonly string[]> = {
  pull_request: ["opened", "synchronize", "reopened", "labeled", "unlabeled", "edited"],
  pull_request_review: ["submitted", "dismissed", "edited"],
};

/** Remembers the most recent N keys; the oldest is forgotten first. */
export class BoundedSet {
  private readonly items = new Map<string, true>();
  constructor(private readonly capacity: number) {}
  has(key: string): boolean {
    return this.items.has(key);
  }
  add(key: string): void {
    this.items.delete(key);
    this.items.set(key, true);
    while (this.items.size > this.capacity) {
      const oldest = this.items.keys().next().value as string;
      this.items.delete(oldest);
    }
  }
  get size(): number {
    return this.items.size;
  }
}

export interface WebhookReceiver {
  readonly server: Server;
  listen(port: number, host?: string): Promise<AddressInfo>;
  /** Resolves when every handler started so far has finished. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A GitHub webhook receiver: verifies `X-Hub-Signature-256` with @octokit/webhooks, answers 401 to unsigned
 * or badly signed deliveries, handles each `X-GitHub-Delivery` at most once, answers 202 and then runs the
 * handler for pull_request / pull_request_review events that change what the check sees. Handlers for the
 * same pull request run one after another.
 */
export function createWebhookReceiver(options: WebhookReceiverOptions): WebhookReceiver {
  const webhooks = new Webhooks({ secret: options.secret });
  const seen = new BoundedSet(options.rememberDeliveries ?? 1000);
  const maxBody = options.maxBodyBytes ?? 25 * 1024 * 1024;
  const log = options.log ?? { info() {}, error() {} };
  const queues = new Map<string, Promise<void>>();
  const running = new Set<Promise<void>>();

  const reply = (res: ServerResponse, status: number, message: string): void => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify({ message }));
  };

  const enqueue = (event: WebhookEvent): void => {
    const key = `${event.repository}#${event.pullRequest}`;
    const previous = queues.get(key) ?? Promise.resolve();
    const next = previous.then(async () => {
      try {
        await options.handler(event);
      } catch (error) {
        log.error(`delivery ${event.deliveryId} (${event.name}.${event.action} ${key}): ${String(error)}`);
      }
    });
    queues.set(key, next);
    running.add(next);
    void next.finally(() => {
      running.delete(next);
      if (queues.get(key) === next) queues.delete(key);
    });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== "POST") return reply(res, 405, "POST GitHub webhook deliveries here");
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > maxBody) return reply(res, 413, "payload too large");
      chunks.push(chunk as Buffer);
    }
    const body = Buffer.concat(chunks).toString("utf8");
    const signature = req.headers["x-hub-signature-256"];
    if (typeof signature !== "string" || !signature) return reply(res, 401, "missing X-Hub-Signature-256");
    let valid = false;
    try {
      valid = await webhooks.verify(body, signature);
    } catch {
      valid = false;
    }
    if (!valid) return reply(res, 401, "signature does not match the secret");
    const deliveryId = req.headers["x-github-delivery"];
    const name = req.headers["x-github-event"];
    if (typeof deliveryId !== "string" || !deliveryId || typeof name !== "string") {
      return reply(res, 400, "missing X-GitHub-Delivery or X-GitHub-Event");
    }
    if (seen.has(deliveryId)) return reply(res, 200, `delivery ${deliveryId} was already processed`);
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return reply(res, 400, "body is not JSON");
    }
    seen.add(deliveryId);
    const action = typeof payload.action === "string" ? payload.action : "";
    if (name === "ping") return reply(res, 200, "pong");
    if (!TRIGGERS[name]?.includes(action)) return reply(res, 200, `ignored ${name}.${action}`);
    const pr = payload.pull_request as { number?: number; head?: { sha?: string } } | undefined;
    const repository = (payload.repository as { full_name?: string } | undefined)?.full_name ?? "";
    if (typeof pr?.number !== "number") return reply(res, 400, `${name} without pull_request.number`);
    enqueue({
      deliveryId,
      name: name as WebhookEvent["name"],
      action,
      repository,
      pullRequest: pr.number,
      headSha: pr.head?.sha,
      payload,
    });
    log.info(`accepted ${name}.${action} for ${repository}#${pr.number} (delivery ${deliveryId})`);
    return reply(res, 202, "accepted");
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error(`webhook request failed: ${String(error)}`);
      if (!res.headersSent) reply(res, 500, "internal error");
    });
  });

  return {
    server,
    listen: (port, host = "127.0.0.1") =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => resolve(server.address() as AddressInfo));
      }),
    idle: async () => {
      while (running.size > 0) await Promise.all([...running]);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
