import { statusOf, toApiError } from './errors';
import type { GitHubClient } from './octokit';

/**
 * A file's text at a ref through the contents API (raw media type); undefined when the file does not exist there.
 * Any other failure names the call and the permission it needs.
 */
export async function readRepositoryText(
  octokit: GitHubClient,
  owner: string,
  repo: string,
  path: string,
  ref: string,
): Promise<string | undefined> {
  const route = 'GET /repos/{owner}/{repo}/contents/{path}';
  try {
    const res = await octokit.request(route, { owner, repo, path, ref, mediaType: { format: 'raw' } });
    return typeof res.data === 'string' ? res.data : undefined;
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw toApiError(route, error, 'contents: read');
  }
}
