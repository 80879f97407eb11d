#!/usr/bin/env node
// Extracts the GitHub REST operations modelgate's GitHub forge adapter uses from GitHub's published
// OpenAPI description, so that the forge contract tests can check every request the adapter sends
// (method, path template, parameters, request body schema) without shipping the 70 MB description.
//
// Usage (the description package is fetched into a temp folder, never added as a dependency):
//   tmp=$(mktemp -d) && (cd "$tmp" && npm pack @octokit/openapi@23.0.2 && tar xzf octokit-openapi-*.tgz)
//   node scripts/extract-github-openapi.mjs "$tmp/package/generated/api.github.com.deref.json"
//   npx prettier --write engine/test/forge/github/openapi-subset.json
import { readFileSync, writeFileSync } from "node:fs";

/** Every operation GitHubForge calls, as "METHOD /path/template". Keep in sync with engine/src/forge/github/. */
export const OPERATIONS = [
  "GET /repos/{owner}/{repo}/pulls/{pull_number}",
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/files",
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews",
  "GET /repos/{owner}/{repo}/pulls",
  "POST /repos/{owner}/{repo}/pulls",
  "GET /repos/{owner}/{repo}/contents/{path}",
  "GET /orgs/{org}/teams/{team_slug}",
  "GET /orgs/{org}/teams/{team_slug}/memberships/{username}",
  "POST /repos/{owner}/{repo}/check-runs",
  "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}",
  "GET /repos/{owner}/{repo}/issues/{issue_number}/comments",
  "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
  "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}",
  "GET /repos/{owner}/{repo}/issues",
  "POST /repos/{owner}/{repo}/issues",
  "PATCH /repos/{owner}/{repo}/issues/{issue_number}",
  "GET /repos/{owner}/{repo}/deployments",
  "POST /repos/{owner}/{repo}/deployments",
  "POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses",
  "GET /repos/{owner}/{repo}/installation",
  "POST /app/installations/{installation_id}/access_tokens",
  "GET /repos/{owner}/{repo}/git/ref/{ref}",
  "GET /repos/{owner}/{repo}/git/commits/{commit_sha}",
  "POST /repos/{owner}/{repo}/git/trees",
  "POST /repos/{owner}/{repo}/git/commits",
  "POST /repos/{owner}/{repo}/git/refs",
];

const DROP = new Set(["description", "examples", "example", "title", "externalDocs"]);

function strip(node) {
  if (Array.isArray(node)) return node.map(strip);
  if (node && typeof node === "object") {
    const out = {};
    for (const [key, value] of Object.entries(node)) {
      if (DROP.has(key) || key.startsWith("x-")) continue;
      out[key] = strip(value);
    }
    return out;
  }
  return node;
}

function main() {
  const [input, output = "engine/test/forge/github/openapi-subset.json"] = process.argv.slice(2);
  if (!input) {
    console.error("usage: extract-github-openapi.mjs <api.github.com.deref.json> [output.json]");
    process.exitCode = 2;
    return;
  }
  const description = JSON.parse(readFileSync(input, "utf8"));
  const operations = {};
  for (const key of OPERATIONS) {
    const [method, path] = key.split(" ");
    const operation = description.paths[path]?.[method.toLowerCase()];
    if (!operation) throw new Error(`${key} is not in ${input}`);
    const body = operation.requestBody?.content?.["application/json"]?.schema;
    operations[key] = {
      operationId: operation.operationId,
      parameters: (operation.parameters ?? []).map((p) => ({
        name: p.name,
        in: p.in,
        required: p.required === true,
        schema: strip(p.schema ?? {}),
      })),
      requestBody: body ? { required: operation.requestBody.required === true, schema: strip(body) } : null,
      responses: Object.keys(operation.responses ?? {}),
    };
  }
  const subset = {
    source: `GitHub REST API description ${description.info.version} (api.github.com, dereferenced), via @octokit/openapi`,
    generatedBy: "scripts/extract-github-openapi.mjs",
    operations,
  };
  writeFileSync(output, `${JSON.stringify(subset, null, 2)}\n`);
  console.log(`wrote ${Object.keys(operations).length} operations to ${output}`);
}

main();
