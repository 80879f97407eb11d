export { ANNOTATIONS_PER_REQUEST, GitHubForge, ISSUE_LABEL } from "./github-forge.js";
export type { GitHubForgeOptions } from "./github-forge.js";
export { createGitHubClient, silentLogger } from "./octokit.js";
export type { GitHubAuth, GitHubClientOptions, GitHubLogger, ModelgateOctokit } from "./octokit.js";
export { translateGitHubError } from "./errors.js";
export { pullRequestFromEvent, runActionCheck, setOutputs } from "./action.js";
export type { ActionCheckOptions, ActionCheckOutcome } from "./action.js";
