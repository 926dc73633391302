/**
 * The permission each emulated route needs, after GitHub's "permissions required for fine-grained tokens / GitHub
 * Apps" tables, which also govern GITHUB_TOKEN. `restrictToken` models a workflow's `permissions:` block: scopes
 * it does not list are `none`, and `metadata: read` is always granted.
 *
 * Repository variables need the `variables` permission, which a workflow's `permissions:` block cannot grant: the
 * GITHUB_TOKEN never reads or writes them (a GitHub App or fine-grained token must). Listing `variables` in
 * restrictToken therefore models such a token, not GITHUB_TOKEN.
 */

/** Scopes of a workflow's `permissions:` block (plus `variables`, see above). */
export type TokenScope =
  | 'actions'
  | 'attestations'
  | 'checks'
  | 'contents'
  | 'deployments'
  | 'discussions'
  | 'id-token'
  | 'issues'
  | 'models'
  | 'packages'
  | 'pages'
  | 'pull-requests'
  | 'repository-projects'
  | 'security-events'
  | 'statuses'
  | 'variables';

export type TokenAccess = 'read' | 'write' | 'none';
export type TokenPermissions = Partial<Record<TokenScope, TokenAccess>>;

interface Requirement {
  /** Any one of these scopes at `access` (or write) suffices. */
  scopes: (TokenScope | 'metadata')[];
  access: 'read' | 'write';
}

const read = (...scopes: Requirement['scopes']): Requirement => ({ scopes, access: 'read' });
const write = (...scopes: Requirement['scopes']): Requirement => ({ scopes, access: 'write' });

export const ROUTE_PERMISSIONS: Record<string, Requirement> = {
  'GET /repos/{owner}/{repo}': read('metadata'),
  'GET /repos/{owner}/{repo}/contents/{path}': read('contents'),
  'GET /repos/{owner}/{repo}/commits/{ref}': read('contents'),
  'GET /repos/{owner}/{repo}/compare/{basehead}': read('contents'),
  'GET /repos/{owner}/{repo}/git/ref/{ref}': read('contents'),
  'GET /repos/{owner}/{repo}/git/matching-refs/{ref}': read('contents'),
  'POST /repos/{owner}/{repo}/git/refs': write('contents'),
  'PATCH /repos/{owner}/{repo}/git/refs/{ref}': write('contents'),
  'DELETE /repos/{owner}/{repo}/git/refs/{ref}': write('contents'),
  'GET /repos/{owner}/{repo}/releases': read('contents'),
  'POST /repos/{owner}/{repo}/releases': write('contents'),
  'GET /repos/{owner}/{repo}/releases/latest': read('contents'),
  'GET /repos/{owner}/{repo}/releases/tags/{tag}': read('contents'),
  'GET /repos/{owner}/{repo}/releases/{release_id}': read('contents'),
  'PATCH /repos/{owner}/{repo}/releases/{release_id}': write('contents'),
  'DELETE /repos/{owner}/{repo}/releases/{release_id}': write('contents'),
  'POST /repos/{owner}/{repo}/releases/generate-notes': write('contents'),
  'GET /repos/{owner}/{repo}/pulls': read('pull-requests'),
  'GET /repos/{owner}/{repo}/pulls/{pull_number}': read('pull-requests'),
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/files': read('pull-requests'),
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews': read('pull-requests'),
  'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls': read('pull-requests'),
  // Issue endpoints accept either scope: pull requests are issues too.
  // Listing and creating are issues' own: a pull-requests scope does not reach the repository's issue list.
  'GET /repos/{owner}/{repo}/issues': read('issues'),
  'POST /repos/{owner}/{repo}/issues': write('issues'),
  'PATCH /repos/{owner}/{repo}/issues/{issue_number}': write('issues', 'pull-requests'),
  'GET /repos/{owner}/{repo}/issues/{issue_number}': read('issues', 'pull-requests'),
  'GET /repos/{owner}/{repo}/issues/{issue_number}/comments': read('issues', 'pull-requests'),
  'POST /repos/{owner}/{repo}/issues/{issue_number}/comments': write('issues', 'pull-requests'),
  'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}': write('issues', 'pull-requests'),
  'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}': write('issues', 'pull-requests'),
  'GET /repos/{owner}/{repo}/issues/{issue_number}/labels': read('issues', 'pull-requests'),
  'POST /repos/{owner}/{repo}/statuses/{sha}': write('statuses'),
  'GET /repos/{owner}/{repo}/commits/{ref}/status': read('statuses'),
  'GET /repos/{owner}/{repo}/commits/{ref}/statuses': read('statuses'),
  'GET /repos/{owner}/{repo}/commits/{ref}/check-runs': read('checks'),
  'GET /repos/{owner}/{repo}/actions/workflows': read('actions'),
  'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}': read('actions'),
  'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs': read('actions'),
  'GET /repos/{owner}/{repo}/actions/runs': read('actions'),
  'GET /repos/{owner}/{repo}/actions/runs/{run_id}': read('actions'),
  'GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs': read('actions'),
  'GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals': read('actions'),
  'GET /repos/{owner}/{repo}/deployments': read('deployments'),
  'POST /repos/{owner}/{repo}/deployments': write('deployments'),
  'GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses': read('deployments'),
  'POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses': write('deployments'),
  'GET /repos/{owner}/{repo}/actions/variables': read('variables'),
  'POST /repos/{owner}/{repo}/actions/variables': write('variables'),
  'GET /repos/{owner}/{repo}/actions/variables/{name}': read('variables'),
  'PATCH /repos/{owner}/{repo}/actions/variables/{name}': write('variables'),
  'DELETE /repos/{owner}/{repo}/actions/variables/{name}': write('variables'),
};

/**
 * Undefined when the token may call the route; otherwise the value of GitHub's `X-Accepted-GitHub-Permissions`
 * header naming what it needed (e.g. `issues=write; pull_requests=write`).
 */
export function missingPermission(route: string, granted: TokenPermissions): string | undefined {
  const requirement = ROUTE_PERMISSIONS[route];
  if (!requirement) throw new Error(`github-emulator: no permission is mapped for ${route}`);
  const satisfied = requirement.scopes.some((scope) => {
    if (scope === 'metadata') return true;
    const access = granted[scope] ?? 'none';
    return access === 'write' || (access === 'read' && requirement.access === 'read');
  });
  if (satisfied) return undefined;
  return requirement.scopes.map((scope) => `${scope.replace('-', '_')}=${requirement.access}`).join('; ');
}
