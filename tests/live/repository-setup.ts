import type { ContractTarget } from './target';

/**
 * Setup through the REST API, the same calls against GitHub and the emulator. Each helper registers the undo of
 * what it created the moment it exists. Commit statuses are the exception: GitHub has no endpoint to delete one
 * (https://docs.github.com/rest/commits/statuses lists create and list only), so scenarios give theirs a context
 * starting with the run prefix and leave them.
 */

interface ApiError {
  status?: number;
  response?: { data?: { message?: string } };
}

const statusOf = (error: unknown): number | undefined => (error as ApiError | null)?.status;
const messageOf = (error: unknown): string | undefined => (error as ApiError | null)?.response?.data?.message;

export interface BranchHead {
  branch: string;
  sha: string;
}

/** The default branch and the commit it points at now. */
export async function defaultBranchHead(t: ContractTarget): Promise<BranchHead> {
  const { data: repo } = await t.github.request('GET /repos/{owner}/{repo}', { owner: t.owner, repo: t.repo });
  const branch = String((repo as { default_branch: string }).default_branch);
  return { branch, sha: await refSha(t, `heads/${branch}`) };
}

/** The sha a ref (`heads/x`, `tags/x`, `shipshape/freeze/x`) points at, or undefined when it does not exist. */
export async function findRef(t: ContractTarget, ref: string): Promise<string | undefined> {
  try {
    const { data } = await t.github.request('GET /repos/{owner}/{repo}/git/ref/{ref}', {
      owner: t.owner,
      repo: t.repo,
      ref,
    });
    return (data as { object: { sha: string } }).object.sha;
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

async function refSha(t: ContractTarget, ref: string): Promise<string> {
  const sha = await findRef(t, ref);
  if (sha === undefined) throw new Error(`live contract: ${t.repository} has no ref refs/${ref}`);
  return sha;
}

/**
 * Deletes a ref; one already gone is fine (GitHub answers 422 "Reference does not exist", as the emulator does:
 * packages/testing/src/github/handlers.ts deleteRef).
 */
export async function deleteRef(t: ContractTarget, ref: string): Promise<void> {
  try {
    await t.github.request('DELETE /repos/{owner}/{repo}/git/refs/{ref}', { owner: t.owner, repo: t.repo, ref });
  } catch (error) {
    if ((statusOf(error) === 422 && messageOf(error) === 'Reference does not exist') || statusOf(error) === 404) return;
    throw error;
  }
}

/** Registers the deletion of a ref someone else (an action) will create, before it runs. */
export function removeRefAfterwards(t: ContractTarget, ref: string): void {
  t.cleanup.add(`ref refs/${ref}`, () => deleteRef(t, ref));
}

/** Creates refs/<ref> at `sha` (e.g. `tags/<prefix>-v1.2.3`, `heads/<prefix>-base`) and registers its deletion. */
export async function createRef(t: ContractTarget, ref: string, sha: string): Promise<void> {
  if (!ref.includes(t.prefix))
    throw new Error(`live contract: refs/${ref} is not named with the run prefix ${t.prefix}`);
  await t.github.request('POST /repos/{owner}/{repo}/git/refs', {
    owner: t.owner,
    repo: t.repo,
    ref: `refs/${ref}`,
    sha,
  });
  removeRefAfterwards(t, ref);
}

/** One commit on `branch` that adds `path` (PUT …/contents/{path}); returns the new head sha. */
export async function commitFile(
  t: ContractTarget,
  branch: string,
  path: string,
  text: string,
  message: string,
): Promise<string> {
  const { data } = await t.github.request('PUT /repos/{owner}/{repo}/contents/{path}', {
    owner: t.owner,
    repo: t.repo,
    path,
    branch,
    message,
    content: Buffer.from(text, 'utf8').toString('base64'),
  });
  return String((data as { commit: { sha: string } }).commit.sha);
}

export interface OpenedPullRequest {
  number: number;
  headSha: string;
  /** The pull request as the API returns it: what a pull_request event carries. */
  data: Record<string, unknown>;
}

/** Opens a pull request from `head` to `base` and registers closing it (a pull request cannot be deleted). */
export async function openPullRequest(
  t: ContractTarget,
  fields: { head: string; base: string; title: string; body: string },
): Promise<OpenedPullRequest> {
  const { data } = await t.github.request('POST /repos/{owner}/{repo}/pulls', {
    owner: t.owner,
    repo: t.repo,
    ...fields,
  });
  const pr = data as unknown as Record<string, unknown> & { number: number; head: { sha: string } };
  t.cleanup.add(`pull request #${pr.number} (closed, not deletable)`, async () => {
    await t.github.request('PATCH /repos/{owner}/{repo}/pulls/{pull_number}', {
      owner: t.owner,
      repo: t.repo,
      pull_number: pr.number,
      state: 'closed',
    });
  });
  return { number: pr.number, headSha: pr.head.sha, data: pr };
}

/** Sets a commit status whose context carries the run prefix. */
export async function setStatus(
  t: ContractTarget,
  sha: string,
  fields: { context: string; state: 'success' | 'failure' | 'pending' | 'error'; description: string },
): Promise<void> {
  if (!fields.context.startsWith(t.prefix))
    throw new Error(`live contract: status context ${fields.context} does not start with the run prefix ${t.prefix}`);
  await t.github.request('POST /repos/{owner}/{repo}/statuses/{sha}', { owner: t.owner, repo: t.repo, sha, ...fields });
}

/** Every status posted for `sha` with `context`, newest first. */
export async function statusesFor(
  t: ContractTarget,
  sha: string,
  context: string,
): Promise<{ state: string; description: string | null }[]> {
  const all = await t.github.paginate('GET /repos/{owner}/{repo}/commits/{ref}/statuses', {
    owner: t.owner,
    repo: t.repo,
    ref: sha,
    per_page: 100,
  });
  return (all as { context: string; state: string; description: string | null }[]).filter((s) => s.context === context);
}

interface ReleaseSummary {
  id: number;
  tag_name: string;
  draft: boolean;
  prerelease: boolean;
  body: string | null;
  name: string | null;
}

/** Every release of the repository (drafts included: the token can push). */
export async function listReleases(t: ContractTarget): Promise<ReleaseSummary[]> {
  return (await t.github.paginate('GET /repos/{owner}/{repo}/releases', {
    owner: t.owner,
    repo: t.repo,
    per_page: 100,
  })) as ReleaseSummary[];
}

/** Registers, before an action runs, the deletion of every release it may make for `tag` (drafts have no tag yet). */
export function removeReleasesAfterwards(t: ContractTarget, tag: string): void {
  t.cleanup.add(`releases of ${tag}`, async () => {
    for (const release of await listReleases(t)) {
      if (release.tag_name !== tag) continue;
      await t.github.request('DELETE /repos/{owner}/{repo}/releases/{release_id}', {
        owner: t.owner,
        repo: t.repo,
        release_id: release.id,
      });
    }
  });
}

export interface ScratchPullRequest extends OpenedPullRequest {
  /** `<prefix>-base`: a branch of this run at the default branch's head, the pull request's base. */
  base: string;
  baseSha: string;
  /** `<prefix>-topic`: one commit ahead of base. */
  head: string;
}

/**
 * A pull request of this run's own: branch `<prefix>-base` at the default branch's head, branch `<prefix>-topic`
 * with one commit adding `live-contract/<prefix>.md`, and the pull request from topic to base. Basing it on a branch
 * of its own keeps the scenarios (a merge freeze marks every open PR to its branch) away from the repository's
 * other pull requests. Cleanup closes the pull request, then deletes both branches.
 */
export async function openScratchPullRequest(
  t: ContractTarget,
  fields: { title: string; body: string },
): Promise<ScratchPullRequest> {
  const { sha } = await defaultBranchHead(t);
  const base = `${t.prefix}-base`;
  const head = `${t.prefix}-topic`;
  await createRef(t, `heads/${base}`, sha);
  await createRef(t, `heads/${head}`, sha);
  await commitFile(
    t,
    head,
    `live-contract/${t.prefix}.md`,
    `Written by the shipshape live contract, run ${t.prefix}.\n`,
    `Live contract ${t.prefix}`,
  );
  const pr = await openPullRequest(t, { head, base, ...fields });
  return { ...pr, base, baseSha: sha, head };
}
