import {
  ForgeConflictError,
  ForgeError,
  ForgeNotFoundError,
  ForgePermissionDeniedError,
  ForgeRateLimitedError,
  ForgeTransientError,
} from "../errors.js";

interface OctokitLikeError {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

/** What a call was doing, for messages: `"publish the check run"`, and the permission it needs. */
export interface CallContext {
  action: string;
  /** The GitHub App / fine-grained token permission the call needs, e.g. `checks: write`. */
  permission: string;
  repository: string;
}

function header(error: OctokitLikeError, name: string): string | undefined {
  const value = error.response?.headers?.[name];
  return value === undefined ? undefined : String(value);
}

/** `checks=write,pull_requests=read` (GitHub's x-accepted-github-permissions) → `checks: write, pull_requests: read`. */
function acceptedPermissions(value: string | undefined): string | undefined {
  if (!value) return undefined;
  return value
    .split(/[;,]/)
    .map((p) => p.trim().replace("=", ": "))
    .filter(Boolean)
    .join(" or ");
}

/** Translates an Octokit/network error into a ForgeError; everything GitHubForge throws passes through here. */
export function translateGitHubError(error: unknown, context: CallContext): ForgeError {
  if (error instanceof ForgeError) return error;
  const e = (error ?? {}) as OctokitLikeError;
  const status = typeof e.status === "number" ? e.status : undefined;
  const detail = e.message ?? String(error);
  const where = `GitHub (${context.repository}): could not ${context.action}`;
  if (status === undefined || status === 0) {
    return new ForgeTransientError(`${where}: ${detail}`, { cause: error });
  }
  if (status === 401) {
    return new ForgePermissionDeniedError(
      `${where}: the credentials were rejected (401 ${detail}); check that the token or the App's private key is valid and not expired`,
      undefined,
      { cause: error },
    );
  }
  const rateLimited =
    status === 429 ||
    (status === 403 && (/rate limit/i.test(detail) || header(e, "x-ratelimit-remaining") === "0"));
  if (rateLimited) {
    const retryAfter = Number(header(e, "retry-after"));
    return new ForgeRateLimitedError(
      `${where}: GitHub's rate limit was exceeded and retries ran out (${detail})`,
      Number.isFinite(retryAfter) ? retryAfter : undefined,
      { cause: error },
    );
  }
  if (status === 403) {
    const permission = acceptedPermissions(header(e, "x-accepted-github-permissions")) ?? context.permission;
    return new ForgePermissionDeniedError(
      `${where}: permission denied (403 ${detail}). The token or GitHub App needs the '${permission}' permission on ${context.repository}`,
      permission,
      { cause: error },
    );
  }
  if (status === 404) {
    return new ForgeNotFoundError(
      `${where}: not found (404). It does not exist, or the credentials cannot see it (needs '${context.permission}')`,
      { cause: error },
    );
  }
  if (status === 409 || status === 422) {
    return new ForgeConflictError(`${where}: ${status} ${detail}`, { cause: error });
  }
  if (status >= 500) {
    return new ForgeTransientError(`${where}: GitHub answered ${status} after retries (${detail})`, {
      cause: error,
    });
  }
  return new ForgeConflictError(`${where}: ${status} ${detail}`, { cause: error });
}
