import { blobSha, diffTrees } from './git';
import type { Handler } from './handler';
import * as shape from './shapes';
import { GitHubApiError } from './state';

/**
 * Routes that author a change the way a person (or the live contract's setup, tests/live) does through the API:
 * commit a file to a branch, open a pull request from it, edit or close the pull request. The actions never call
 * them; the live contract calls them against GitHub and against this emulator alike, so both paths are the same code.
 */

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * PUT /repos/{owner}/{repo}/contents/{path}: one commit on `branch` (default: the default branch) that sets the file.
 * https://docs.github.com/rest/repos/contents#create-or-update-file-contents: `content` is base64, `sha` is
 * "Required if you are updating a file"; 201 for a new file, 200 for an update. A missing `sha` for an existing file
 * is 422 `"sha" wasn't supplied`, a stale one 409 (both seen against GitHub, xorbitsai/xagent#2403). A branch that
 * does not exist is not documented; the emulator answers 404 as for any missing resource.
 */
export const putContents: Handler = ({ repo, params, body, shape: ctx }) => {
  const path = String(params.path).replace(/^\/+|\/+$/g, '');
  const branch = str(body.branch) ?? repo.default_branch;
  const head = repo.refs.get(`refs/heads/${branch}`);
  if (!head) throw new GitHubApiError(404, `Branch ${branch} not found`);
  const current = repo.commits.get(head)?.tree.get(path);
  const given = str(body.sha);
  if (current !== undefined && given === undefined)
    throw new GitHubApiError(422, 'Invalid request.\n\n"sha" wasn\'t supplied.');
  if (current !== undefined && given !== blobSha(current))
    throw new GitHubApiError(409, `${path} does not match ${given ?? ''}`);
  const text = Buffer.from(String(body.content), 'base64').toString('utf8');
  const sha = repo.commit({ branch, files: { [path]: text }, message: String(body.message) });
  const record = repo.commits.get(sha);
  if (!record) throw new Error(`github-emulator: commit ${sha} vanished`);
  return { status: current === undefined ? 201 : 200, body: shape.fileCommit(ctx, repo, record, path, branch, text) };
};

/**
 * POST /repos/{owner}/{repo}/pulls from a branch of the same repository.
 * https://docs.github.com/rest/pulls/pulls#create-a-pull-request. GitHub refuses with 422 and a `custom` error a
 * second open pull request for the same head and base ("A pull request already exists for owner:branch.",
 * gm3dmo/the-power#175) and a head with nothing to merge ("No commits between main and main", tgymnich/fork-sync#112).
 */
export const createPull: Handler = ({ repo, body, actor, shape: ctx }) => {
  const title = str(body.title);
  const head = str(body.head) ?? '';
  const base = str(body.base) ?? '';
  if (title === undefined)
    throw new GitHubApiError(422, 'Validation Failed', [
      { resource: 'PullRequest', code: 'missing_field', field: 'title' },
    ]);
  const headRef = head.includes(':') ? head.slice(head.indexOf(':') + 1) : head;
  const headSha = repo.refs.get(`refs/heads/${headRef}`);
  const baseSha = repo.refs.get(`refs/heads/${base}`);
  if (!headSha)
    throw new GitHubApiError(422, 'Validation Failed', [{ resource: 'PullRequest', code: 'invalid', field: 'head' }]);
  if (!baseSha)
    throw new GitHubApiError(422, 'Validation Failed', [{ resource: 'PullRequest', code: 'invalid', field: 'base' }]);
  const open = [...repo.pullRequests.values()].find(
    (pr) => pr.state === 'open' && pr.head.ref === headRef && pr.base === base,
  );
  if (open)
    throw new GitHubApiError(422, 'Validation Failed', [
      {
        resource: 'PullRequest',
        code: 'custom',
        message: `A pull request already exists for ${repo.owner}:${headRef}.`,
      },
    ]);
  if (headSha === baseSha || repo.isAncestor(headSha, baseSha)) {
    throw new GitHubApiError(422, 'Validation Failed', [
      { resource: 'PullRequest', code: 'custom', message: `No commits between ${base} and ${headRef}` },
    ]);
  }
  const before = repo.commits.get(baseSha)?.tree ?? new Map<string, string>();
  const after = repo.commits.get(headSha)?.tree ?? new Map<string, string>();
  const pr = repo.addPullRequest({
    title,
    body: str(body.body) ?? null,
    draft: body.draft === true,
    user: actor,
    base,
    head: { ref: headRef, sha: headSha },
    files: diffTrees(before, after).map((change) => ({
      filename: change.filename,
      status: change.status,
      additions: change.additions,
      deletions: change.deletions,
    })),
  });
  return { status: 201, body: shape.pullRequest(ctx, repo, pr, true) };
};

/** PATCH /repos/{owner}/{repo}/pulls/{pull_number}: title, body, state (open or closed) and base. */
export const updatePull: Handler = ({ repo, params, body, now, shape: ctx }) => {
  const pr = repo.pullRequest(Number(params.pull_number));
  if (!pr) throw new GitHubApiError(404, 'Not Found');
  const base = str(body.base);
  if (base !== undefined && !repo.refs.has(`refs/heads/${base}`)) {
    throw new GitHubApiError(422, 'Validation Failed', [{ resource: 'PullRequest', code: 'invalid', field: 'base' }]);
  }
  const time = now();
  if (str(body.title) !== undefined) pr.title = String(body.title);
  if (str(body.body) !== undefined) pr.body = String(body.body);
  if (base !== undefined) pr.base = base;
  if (body.state === 'closed' && pr.state === 'open') {
    pr.state = 'closed';
    pr.closed_at = time;
  } else if (body.state === 'open' && pr.state === 'closed' && !pr.merged) {
    pr.state = 'open';
    pr.closed_at = null;
  }
  pr.updated_at = time;
  return { status: 200, body: shape.pullRequest(ctx, repo, pr, true) };
};
