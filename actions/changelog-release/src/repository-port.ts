import type { GitHubClient } from '@shipshape/github';
import { readRepositoryText, statusOf, toApiError } from '@shipshape/github';
import type { Release } from './github-port';

export interface PullRequest {
  number: number;
  html_url: string;
  title: string;
  body: string | null;
}

/** GitHub's comparison of two commits, reduced to what the modes decide on. */
export interface Comparison {
  status: 'ahead' | 'behind' | 'identical' | 'diverged';
  /** Commits the head has that the base lacks. */
  aheadBy: number;
  behindBy: number;
}

export interface RepositoryFile {
  text: string;
  /** The blob sha: the contents API's PUT needs it to replace the file. */
  sha: string;
}

export interface TagRef {
  name: string;
  /** The commit of a lightweight tag; for an annotated tag, the tag object (`type` says which). */
  sha: string;
  type: string;
}

export class RefExistsError extends Error {}
export class PullExistsError extends Error {}

/** The repository calls of the lifecycle modes: the Latest release, commits, files, refs, pull requests. */
export interface RepositoryPort {
  /** The release holding the Latest badge, if any. */
  latestRelease(): Promise<Release | undefined>;
  /** The commit a ref names (`tags/v1.3.0`, a branch, a sha), peeling annotated tags; undefined when none. */
  commitOf(ref: string): Promise<string | undefined>;
  /**
   * Whether the token has push access (GET /repos/{owner}/{repo} `permissions.push`); undefined when the answer does
   * not say. Without it the releases list hides drafts.
   */
  canPush(): Promise<boolean | undefined>;
  defaultBranch(): Promise<string>;
  /** The branch's head commit, or undefined when the branch does not exist. */
  branchHead(branch: string): Promise<string | undefined>;
  getFile(path: string, ref: string): Promise<RepositoryFile | undefined>;
  /** One commit on `branch` that sets the file; `sha` is the blob it replaces (none for a new file). Returns it. */
  putFile(change: { path: string; branch: string; text: string; message: string; sha?: string }): Promise<string>;
  listTags(): Promise<TagRef[]>;
  /** Creates `refs/...`; RefExistsError when it exists. */
  createRef(ref: string, sha: string): Promise<void>;
  /** Moves `heads/...` or `tags/...`; `force` allows a move that is not a fast-forward. */
  updateRef(ref: string, sha: string, force: boolean): Promise<void>;
  /** Deletes `heads/...`; a ref already gone is fine. */
  deleteRef(ref: string): Promise<void>;
  /** base...head, or undefined when either does not exist. */
  compare(base: string, head: string): Promise<Comparison | undefined>;
  findOpenPull(head: string, base: string): Promise<PullRequest | undefined>;
  /** PullExistsError when an open pull request head → base exists already (a concurrent run). */
  createPull(fields: { head: string; base: string; title: string; body: string }): Promise<PullRequest>;
  updatePull(number: number, fields: { title?: string; body?: string }): Promise<PullRequest>;
}

const CONTENTS_WRITE = 'contents: write';
const PULLS_WRITE = 'pull-requests: write';

function messageOf(error: unknown): string {
  const data = (error as { response?: { data?: { message?: unknown; errors?: { message?: unknown }[] } } } | null)
    ?.response?.data;
  const parts = [data?.message, ...(data?.errors ?? []).map((e) => e.message)].filter(
    (part): part is string => typeof part === 'string',
  );
  return parts.join(' ');
}

export function githubRepositoryPort(octokit: GitHubClient, owner: string, repo: string): RepositoryPort {
  return {
    async latestRelease() {
      // https://docs.github.com/rest/releases/releases#get-the-latest-release: the release marked Latest (make_latest),
      // else the newest published full release; 404 when there is none.
      const route = 'GET /repos/{owner}/{repo}/releases/latest';
      try {
        return (await octokit.request(route, { owner, repo })).data as Release;
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw toApiError(route, error, 'contents: read');
      }
    },
    async commitOf(ref) {
      // https://docs.github.com/rest/commits/commits#get-a-commit: `ref` is a sha, `heads/BRANCH` or `tags/TAG`, and
      // the answer is the commit (an annotated tag is peeled). One file per page: only the sha is read.
      const route = 'GET /repos/{owner}/{repo}/commits/{ref}';
      try {
        return (await octokit.request(route, { owner, repo, ref, per_page: 1 })).data.sha;
      } catch (error) {
        if (statusOf(error) === 404 || statusOf(error) === 422) return undefined;
        throw toApiError(route, error, 'contents: read');
      }
    },
    async canPush() {
      const route = 'GET /repos/{owner}/{repo}';
      try {
        const { data } = await octokit.request(route, { owner, repo });
        return data.permissions?.push;
      } catch (error) {
        throw toApiError(route, error, 'contents: read');
      }
    },
    async defaultBranch() {
      const route = 'GET /repos/{owner}/{repo}';
      try {
        return (await octokit.request(route, { owner, repo })).data.default_branch;
      } catch (error) {
        throw toApiError(route, error, 'contents: read');
      }
    },
    async branchHead(branch) {
      const route = 'GET /repos/{owner}/{repo}/git/ref/{ref}';
      try {
        return (await octokit.request(route, { owner, repo, ref: `heads/${branch}` })).data.object.sha;
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw toApiError(route, error, 'contents: read');
      }
    },
    async getFile(path, ref) {
      // https://docs.github.com/rest/repos/contents#get-repository-content: a file answers its blob `sha` and, up to
      // 1 MB, its base64 `content`; a larger one (`encoding: "none"`) is read again in the raw media type.
      const route = 'GET /repos/{owner}/{repo}/contents/{path}';
      let data: unknown;
      try {
        data = (await octokit.request(route, { owner, repo, path, ref })).data;
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw toApiError(route, error, 'contents: read');
      }
      const file = data as { type?: string; sha?: string; content?: string; encoding?: string };
      if (Array.isArray(data) || file.type !== 'file' || typeof file.sha !== 'string') return undefined;
      if (file.encoding === 'base64' && typeof file.content === 'string') {
        return { text: Buffer.from(file.content, 'base64').toString('utf8'), sha: file.sha };
      }
      const text = await readRepositoryText(octokit, owner, repo, path, ref);
      return text === undefined ? undefined : { text, sha: file.sha };
    },
    async putFile({ path, branch, text, message, sha }) {
      // https://docs.github.com/rest/repos/contents#create-or-update-file-contents: `content` in base64, `branch`
      // (default: the default branch), and `sha`, "Required if you are updating a file": the blob being replaced. A
      // stale sha is 409: the file changed on the branch since it was read.
      const route = 'PUT /repos/{owner}/{repo}/contents/{path}';
      const content = Buffer.from(text, 'utf8').toString('base64');
      try {
        const res = await octokit.request(route, {
          owner,
          repo,
          path,
          branch,
          message,
          content,
          ...(sha ? { sha } : {}),
        });
        return res.data.commit.sha ?? '';
      } catch (error) {
        throw toApiError(route, error, CONTENTS_WRITE);
      }
    },
    async listTags() {
      // https://docs.github.com/rest/git/refs#list-matching-references: every ref under refs/tags in one answer.
      const route = 'GET /repos/{owner}/{repo}/git/matching-refs/{ref}';
      try {
        const res = await octokit.request(route, { owner, repo, ref: 'tags/' });
        return res.data
          .filter((r) => r.ref.startsWith('refs/tags/'))
          .map((r) => ({ name: r.ref.slice('refs/tags/'.length), sha: r.object.sha, type: r.object.type }));
      } catch (error) {
        throw toApiError(route, error, 'contents: read');
      }
    },
    async createRef(ref, sha) {
      // https://docs.github.com/rest/git/refs#create-a-reference: `ref` fully qualified; an existing ref is 422
      // "Reference already exists".
      const route = 'POST /repos/{owner}/{repo}/git/refs';
      try {
        await octokit.request(route, { owner, repo, ref: `refs/${ref}`, sha });
      } catch (error) {
        if (statusOf(error) === 422 && /already exists/i.test(messageOf(error))) throw new RefExistsError(ref);
        throw toApiError(route, error, CONTENTS_WRITE);
      }
    },
    async updateRef(ref, sha, force) {
      // https://docs.github.com/rest/git/refs#update-a-reference: without `force: true` only a fast-forward is taken.
      const route = 'PATCH /repos/{owner}/{repo}/git/refs/{ref}';
      try {
        await octokit.request(route, { owner, repo, ref, sha, force });
      } catch (error) {
        throw toApiError(route, error, CONTENTS_WRITE);
      }
    },
    async deleteRef(ref) {
      const route = 'DELETE /repos/{owner}/{repo}/git/refs/{ref}';
      try {
        await octokit.request(route, { owner, repo, ref });
      } catch (error) {
        // A ref that does not exist is 422 "Reference does not exist": already gone is what was wanted.
        if (statusOf(error) === 422 || statusOf(error) === 404) return;
        throw toApiError(route, error, CONTENTS_WRITE);
      }
    },
    async compare(base, head) {
      // https://docs.github.com/rest/commits/commits#compare-two-commits: `BASE...HEAD`; `ahead_by` counts the
      // commits of head that base lacks. One commit per page: only the counts are read.
      const route = 'GET /repos/{owner}/{repo}/compare/{basehead}';
      try {
        const { data } = await octokit.request(route, { owner, repo, basehead: `${base}...${head}`, per_page: 1 });
        return { status: data.status, aheadBy: data.ahead_by, behindBy: data.behind_by };
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw toApiError(route, error, 'contents: read');
      }
    },
    async findOpenPull(head, base) {
      // https://docs.github.com/rest/pulls/pulls#list-pull-requests: `head` filters by "user:ref-name" (the owner of
      // the repository the branch is in), `base` by the base branch name.
      const route = 'GET /repos/{owner}/{repo}/pulls';
      try {
        const res = await octokit.request(route, { owner, repo, head: `${owner}:${head}`, base, state: 'open' });
        return res.data[0] as PullRequest | undefined;
      } catch (error) {
        throw toApiError(route, error, 'pull-requests: read');
      }
    },
    async createPull(fields) {
      // https://docs.github.com/rest/pulls/pulls#create-a-pull-request: a second open pull request for the same head
      // and base is 422 "A pull request already exists for owner:branch.".
      const route = 'POST /repos/{owner}/{repo}/pulls';
      try {
        return (await octokit.request(route, { owner, repo, ...fields })).data as PullRequest;
      } catch (error) {
        if (statusOf(error) === 422 && /already exists/i.test(messageOf(error))) throw new PullExistsError(fields.head);
        throw toApiError(route, error, PULLS_WRITE);
      }
    },
    async updatePull(number, fields) {
      const route = 'PATCH /repos/{owner}/{repo}/pulls/{pull_number}';
      try {
        return (await octokit.request(route, { owner, repo, pull_number: number, ...fields })).data as PullRequest;
      } catch (error) {
        throw toApiError(route, error, PULLS_WRITE);
      }
    },
  };
}
