import type { GitHubClient } from '@shipshape/github';
import { readRepositoryText, statusOf, toApiError, validationCodes } from '@shipshape/github';
import { githubRepositoryPort, type RepositoryPort } from './repository-port';

export interface Release {
  id: number;
  tag_name: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  html_url: string;
  upload_url: string;
}

export interface ReleaseFields {
  tag_name: string;
  name: string;
  body?: string;
  draft: boolean;
  prerelease: boolean;
  /** Omitted for a draft: GitHub refuses "true" on a draft, and the badge is decided when the draft is published. */
  make_latest?: 'true' | 'false';
  target_commitish?: string;
  generate_release_notes?: boolean;
}

export class AlreadyExistsError extends Error {}

/** Every GitHub call changelog-release makes. */
export interface ReleasesPort {
  /** The first page of releases (newest first, drafts included: GET by tag cannot see drafts). */
  listFirstPage(): Promise<{ releases: Release[]; full: boolean }>;
  listAll(): Promise<Release[]>;
  create(fields: ReleaseFields): Promise<Release>;
  update(id: number, fields: Partial<ReleaseFields>): Promise<Release>;
  /**
   * Deletes a draft this run created (a duplicate from a race). Only for drafts: deleting an unpublished draft burns
   * nothing (the git tag stays), whereas deleting a published release burns its tag on repositories with immutable
   * releases.
   */
  deleteDraft(id: number): Promise<void>;
  readFile(path: string, ref: string): Promise<string | undefined>;
}

export const PAGE_SIZE = 100;

export function githubReleasesPort(octokit: GitHubClient, owner: string, repo: string): ReleasesPort {
  return {
    async listFirstPage() {
      const route = 'GET /repos/{owner}/{repo}/releases';
      try {
        const res = await octokit.request(route, { owner, repo, per_page: PAGE_SIZE });
        return { releases: res.data as Release[], full: res.data.length === PAGE_SIZE };
      } catch (error) {
        throw toApiError(route, error, 'contents: write');
      }
    },
    async listAll() {
      const route = 'GET /repos/{owner}/{repo}/releases';
      try {
        return (await octokit.paginate(route, { owner, repo, per_page: PAGE_SIZE })) as Release[];
      } catch (error) {
        throw toApiError(route, error, 'contents: write');
      }
    },
    async create(fields) {
      const route = 'POST /repos/{owner}/{repo}/releases';
      try {
        return (await octokit.request(route, { owner, repo, ...fields })).data as Release;
      } catch (error) {
        if (statusOf(error) === 422 && validationCodes(error).includes('already_exists')) {
          throw new AlreadyExistsError(fields.tag_name);
        }
        throw toApiError(route, error, 'contents: write');
      }
    },
    async update(id, fields) {
      const route = 'PATCH /repos/{owner}/{repo}/releases/{release_id}';
      try {
        return (await octokit.request(route, { owner, repo, release_id: id, ...fields })).data as Release;
      } catch (error) {
        throw toApiError(route, error, 'contents: write');
      }
    },
    async deleteDraft(id) {
      const route = 'DELETE /repos/{owner}/{repo}/releases/{release_id}';
      try {
        await octokit.request(route, { owner, repo, release_id: id });
      } catch (error) {
        // Already gone: the goal (no duplicate draft) holds.
        if (statusOf(error) === 404) return;
        throw toApiError(route, error, 'contents: write');
      }
    },
    readFile: (path, ref) => readRepositoryText(octokit, owner, repo, path, ref),
  };
}

/** The releases API and the repository calls the lifecycle modes make (prepare, merge-back, rollback, annotate). */
export interface LifecyclePort extends ReleasesPort, RepositoryPort {}

export function githubLifecyclePort(octokit: GitHubClient, owner: string, repo: string): LifecyclePort {
  return { ...githubReleasesPort(octokit, owner, repo), ...githubRepositoryPort(octokit, owner, repo) };
}
