import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { webhookExample } from '@shipshape/testing/webhooks';
import { closeTarget, openTarget } from './open-target';
import { createRef, defaultBranchHead, listReleases, removeReleasesAfterwards } from './repository-setup';
import { INJECTED, injectedCommands, runOnTarget, workspaceWith } from './run-on-target';
import type { ContractTarget } from './target';

/**
 * Live contract, changelog-release: a tag at the default branch's head, a workspace with CHANGELOG.md, a draft, then
 * the draft published, the body read back from the platform, and a re-run that changes nothing. Against GitHub
 * with `npm run test:live` and SHIPSHAPE_LIVE_REPO, against the emulator otherwise (tests/README.md, "Live contract").
 */

let t: ContractTarget | undefined;

beforeAll(async () => {
  t = await openTarget();
}, 120_000);
afterEach(() => t?.verifyTraffic());
afterAll(async () => {
  if (t) await closeTarget(t);
}, 300_000);

function target(): ContractTarget {
  if (!t) throw new Error('live contract: the target did not open (see beforeAll)');
  return t;
}

const changelog = (prefix: string): string =>
  [
    '# Changelog',
    '',
    '## [Unreleased]',
    '',
    '## [1.2.3] - 2026-12-04',
    '',
    '### Fixed',
    '',
    `- The live contract's release (${prefix}).`,
    '- Untrusted text stays text:',
    `::error::${INJECTED}`,
    `::add-mask::${INJECTED}`,
    '',
    '## [1.2.2] - 2026-11-01',
    '',
    '- Older.',
    '',
  ].join('\n');

interface ReleaseRead {
  id: number;
  draft: boolean;
  body: string | null;
  tag_name: string;
}

describe('live contract: changelog-release', () => {
  it('drafts the release of a new tag, publishes the draft with the changelog section as its body, and a re-run changes nothing', async () => {
    const t = target();
    const head = await defaultBranchHead(t);
    const tag = `${t.prefix}-v1.2.3`;
    await createRef(t, `tags/${tag}`, head.sha);
    removeReleasesAfterwards(t, tag);
    const workspace = workspaceWith({ 'CHANGELOG.md': changelog(t.prefix) });
    const payload = webhookExample<Record<string, unknown>>('push', undefined, (e) =>
      String(e.ref).startsWith('refs/tags/'),
    );
    payload.ref = `refs/tags/${tag}`;
    // The tag names this run; the version is read through the template. make-latest false: a scratch repository's
    // Latest release stays whatever it was.
    const inputs = { 'tag-pattern': `${t.prefix}-v{version}`, 'make-latest': 'false' };
    const release = (extra: Record<string, string>) =>
      runOnTarget(t, {
        action: 'changelog-release',
        workspace,
        sha: head.sha,
        ref: `refs/tags/${tag}`,
        event: { name: 'push', payload },
        inputs: { ...inputs, ...extra },
      });
    const read = async (id: string | undefined): Promise<ReleaseRead> =>
      (
        await t.github.request('GET /repos/{owner}/{repo}/releases/{release_id}', {
          owner: t.owner,
          repo: t.repo,
          release_id: Number(id),
        })
      ).data as ReleaseRead;

    const drafted = await release({ draft: 'true' });
    expect(drafted.failure).toBeUndefined();
    expect(drafted.exitCode).toBe(0);
    expect(drafted.outputs).toMatchObject({ result: 'created', version: '1.2.3', prerelease: 'false' });
    expect(drafted.outputs.notes).toContain(`- The live contract's release (${t.prefix}).`);
    expect(drafted.outputs.notes).not.toContain('Older.');
    expect(injectedCommands(drafted)).toEqual([]);
    const draft = await read(drafted.outputs['release-id']);
    expect(draft).toMatchObject({ draft: true, body: drafted.outputs.notes });

    const published = await release({ publish: 'true' });
    expect(published.failure).toBeUndefined();
    expect(published.exitCode).toBe(0);
    expect(published.outputs.result).toBe('updated');
    expect(published.outputs['release-id']).toBe(drafted.outputs['release-id']);
    expect(injectedCommands(published)).toEqual([]);
    // Published: the platform now shows it by its tag (drafts are not), with the section as its body.
    const byTag = (
      await t.github.request('GET /repos/{owner}/{repo}/releases/tags/{tag}', { owner: t.owner, repo: t.repo, tag })
    ).data as ReleaseRead;
    expect(byTag).toMatchObject({ id: draft.id, draft: false, tag_name: tag, body: published.outputs.notes });
    expect(byTag.body).toContain(`- The live contract's release (${t.prefix}).`);

    const writesBefore = t.emulators?.github.requests.filter((r) => r.method !== 'GET').length;
    const again = await release({ publish: 'true' });
    expect(again.exitCode).toBe(0);
    expect(again.outputs.result).toBe('unchanged');
    expect(again.outputs['release-id']).toBe(drafted.outputs['release-id']);
    expect((await listReleases(t)).filter((r) => r.tag_name === tag)).toHaveLength(1);
    expect(await read(again.outputs['release-id'])).toMatchObject({ draft: false, body: published.outputs.notes });
    // The emulator also sees the traffic: the re-run wrote nothing at all.
    if (t.emulators) expect(t.emulators.github.requests.filter((r) => r.method !== 'GET').length).toBe(writesBefore);
  }, 600_000);
});
