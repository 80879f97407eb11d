import { createAppAuth } from "@octokit/auth-app";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";

/** The one composed Octokit class: REST + retry (5xx, network) + throttling (primary and secondary rate limits). */
const ComposedOctokit = Octokit.plugin(retry, throttling);
/** What the forge uses of the composed client (the REST methods and pagination). */
export type ModelgateOctokit = Octokit;

export type GitHubAuth =
  | { kind: "token"; token: string }
  | { kind: "app"; appId: number | string; privateKey: string; installationId?: number };

export interface GitHubLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: GitHubLogger = { debug() {}, info() {}, warn() {}, error() {} };

export interface GitHubClientOptions {
  auth: GitHubAuth;
  /** REST API root: `https://api.github.com` (default) or `https://ghes.example.com/api/v3`. */
  baseUrl?: string;
  /** Retries of one request for 5xx, network errors and rate limits (default 3). */
  retries?: number;
  /** Longest wait (seconds) modelgate accepts for a primary rate limit reset before giving up (default 900). */
  maxRateLimitWaitSeconds?: number;
  /**
   * Timing knobs, for tests: `retryAfterBaseMs` scales every retry wait (1000 = seconds as GitHub says;
   * 0 = retry at once); `spaceWrites: false` drops Octokit's one-write-per-second spacing.
   */
  timing?: { retryAfterBaseMs?: number; spaceWrites?: boolean };
  log?: GitHubLogger;
  userAgent?: string;
}

/** A Bottleneck.Group stand-in that runs jobs at once (used only when writes need no spacing). */
const immediateGroup = {
  key: () => ({
    schedule: (_options: unknown, job: (...args: unknown[]) => unknown, ...args: unknown[]) =>
      Promise.resolve(job(...args)),
  }),
};

/** Creates the Octokit client for a token or a GitHub App installation. */
export function createGitHubClient(options: GitHubClientOptions): ModelgateOctokit {
  const log = options.log ?? silentLogger;
  const retries = options.retries ?? 3;
  const base = options.timing?.retryAfterBaseMs ?? 1000;
  const maxWait = options.maxRateLimitWaitSeconds ?? 900;
  const immediate = options.timing?.spaceWrites === false ? immediateGroup : undefined;
  const authOptions =
    options.auth.kind === "token"
      ? { auth: options.auth.token }
      : {
          authStrategy: createAppAuth,
          auth: {
            appId: options.auth.appId,
            privateKey: options.auth.privateKey,
            ...(options.auth.installationId === undefined
              ? {}
              : { installationId: options.auth.installationId }),
          },
        };
  return new ComposedOctokit({
    ...authOptions,
    baseUrl: (options.baseUrl ?? "https://api.github.com").replace(/\/+$/, ""),
    userAgent: options.userAgent ?? "modelgate",
    log: {
      debug: (m: string) => log.debug(m),
      info: (m: string) => log.info(m),
      warn: (m: string) => log.warn(m),
      error: (m: string) => log.error(m),
    },
    retry: { retries, retryAfterBaseValue: base },
    throttle: {
      retryAfterBaseValue: base,
      ...(immediate ? { write: immediate, notifications: immediate, search: immediate } : {}),
      onRateLimit: (
        retryAfter: number,
        request: { method: string; url: string },
        _octokit: unknown,
        retryCount: number,
      ) => {
        const retrying = retryCount < retries && retryAfter <= maxWait;
        log.warn(
          `GitHub rate limit hit on ${request.method} ${request.url}; ${retrying ? `retrying in ${retryAfter}s` : "giving up"}`,
        );
        return retrying;
      },
      onSecondaryRateLimit: (
        retryAfter: number,
        request: { method: string; url: string },
        _octokit: unknown,
        retryCount: number,
      ) => {
        const retrying = retryCount < retries;
        log.warn(
          `GitHub secondary rate limit on ${request.method} ${request.url}; ${retrying ? `retrying in ${retryAfter}s` : "giving up"}`,
        );
        return retrying;
      },
    } as never,
  });
}
