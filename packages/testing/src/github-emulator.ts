/**
 * GitHub REST API emulator for end-to-end tests: an HTTP server on 127.0.0.1 with in-memory repositories, every
 * request validated against GitHub's OpenAPI description (fixtures/github-openapi.json), GitHub's documented quirks,
 * per-route faults and a record of the traffic. API: packages/testing/README.md.
 */
export {
  startGitHubEmulator,
  type GitHubEmulator,
  type GitHubEmulatorOptions,
  type GitHubFault,
  type RateLimitState,
  type RecordedRequest,
  type RequestListener,
} from './github/server';
export {
  EmulatedRepository,
  GITHUB_ACTIONS_APP,
  type AppRecord,
  type ApprovalRecord,
  type ApprovalSeed,
  type ApprovalState,
  type CheckRunRecord,
  type CheckRunSeed,
  type CommentRecord,
  type CommitSeed,
  type IssueRecord,
  type IssueSeed,
  type IssueStateReason,
  type JobSeed,
  type PullRequestFileSeed,
  type PullRequestRecord,
  type PullRequestSeed,
  type ReleaseRecord,
  type ReleaseSeed,
  type StatusRecord,
  type StatusSeed,
  type WorkflowRecord,
  type WorkflowRunRecord,
  type WorkflowRunSeed,
  type WorkflowSeed,
} from './github/state';
export { ROUTE_PERMISSIONS, type TokenAccess, type TokenPermissions, type TokenScope } from './github/permissions';
export { emulatedRoutes, fixtureVersion, validateResponse } from './github/openapi';
