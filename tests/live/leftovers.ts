import { listReleases } from './repository-setup';
import type { ContractTarget } from './target';

/**
 * What a run left behind, read through the API after cleanup: refs under heads/, tags/ and shipshape/freeze/ named
 * with the run prefix, releases of its tags, and its pull requests still open. Empty when cleanup removed exactly
 * what the run created (statuses aside: they cannot be deleted).
 */
export async function leftovers(t: ContractTarget): Promise<string[]> {
  const found: string[] = [];
  for (const namespace of ['heads', 'tags', 'shipshape/freeze']) {
    const refs = await t.github.paginate('GET /repos/{owner}/{repo}/git/matching-refs/{ref}', {
      owner: t.owner,
      repo: t.repo,
      ref: `${namespace}/${t.prefix}`,
    });
    found.push(...(refs as { ref: string }[]).map((r) => `ref ${r.ref}`));
  }
  for (const release of await listReleases(t))
    if (release.tag_name.startsWith(t.prefix)) found.push(`release ${release.id} (${release.tag_name})`);
  const open = await t.github.paginate('GET /repos/{owner}/{repo}/pulls', {
    owner: t.owner,
    repo: t.repo,
    state: 'open',
    per_page: 100,
  });
  for (const pr of open as { number: number; head: { ref: string } }[])
    if (pr.head.ref.startsWith(t.prefix)) found.push(`open pull request #${pr.number}`);
  return found;
}
