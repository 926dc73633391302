import { describe, expect, it } from '@jest/globals';
import { FakeClock, InputError, MemoryLogger, NotFoundError } from '@shipshape/kit';
import { annotateRelease } from '../../../actions/changelog-release/src/annotate';
import type { AnnotateSettings } from '../../../actions/changelog-release/src/inputs';
import { resolveRollback } from '../../../actions/changelog-release/src/rollback';
import {
  annotatedBody,
  isRolledBack,
  noteText,
  reasonAsText,
} from '../../../actions/changelog-release/src/rollback-note';
import { DEFAULT_TAG_PATTERN } from '../../../actions/changelog-release/src/tag';
import { FakeRepository } from './fake-lifecycle-port';

const choice = (over: Partial<AnnotateSettings> = {}): AnnotateSettings => ({
  mode: 'annotate',
  token: 't',
  tag: undefined,
  rollbackTo: undefined,
  tagPattern: DEFAULT_TAG_PATTERN,
  reason: undefined,
  runId: undefined,
  ...over,
});

/** v1.2.0, v1.3.0, v1.10.0 (created before v1.3.0: order by semver, not by list position), v2.0.0-rc.1, a draft. */
function repository(): FakeRepository {
  const repo = new FakeRepository();
  repo.addRelease('v1.2.0', { sha: repo.commit('main', { a: '1' }) });
  repo.addRelease('v1.10.0', { sha: repo.commit('main', { a: '10' }) });
  repo.addRelease('v1.3.0', { sha: repo.commit('main', { a: '3' }) });
  repo.addRelease('v2.0.0-rc.1', { prerelease: true });
  repo.addRelease('v2.0.0', { draft: true });
  repo.addRelease('nightly');
  return repo;
}

describe('resolveRollback', () => {
  it('defaults to the highest published full release, and the one before it by semver', async () => {
    const repo = repository();
    const plan = await resolveRollback(choice(), repo, new MemoryLogger());
    expect([plan.failed.tag_name, plan.failedVersion]).toEqual(['v1.10.0', '1.10.0']);
    expect([plan.target.tag_name, plan.targetVersion]).toEqual(['v1.3.0', '1.3.0']);
    expect(plan.targetSha).toBe(repo.refs.get('tags/v1.3.0'));
    expect(repo.writes).toEqual([]);
  });

  it('a draft whose tag exists went out (its smoke tests failed before publishing): it is the failed release', async () => {
    const repo = repository();
    // release.yml drafts, deploys, and publishes only after verification: the draft of v2.0.0 has its tag.
    repo.refs.set('tags/v2.0.0', repo.commit('main', { a: '20' }));
    const plan = await resolveRollback(choice(), repo, new MemoryLogger());
    expect([plan.failed.tag_name, plan.failed.draft, plan.target.tag_name]).toEqual(['v2.0.0', true, 'v1.10.0']);
    // Named, the draft is accepted as the failed release too; as a target it is refused.
    const named = await resolveRollback(choice({ tag: 'v2.0.0' }), repo, new MemoryLogger());
    expect(named.target.tag_name).toBe('v1.10.0');
    await expect(
      resolveRollback(choice({ tag: 'v1.10.0', rollbackTo: 'v2.0.0' }), repo, new MemoryLogger()),
    ).rejects.toThrow(/rollback-to.*draft/s);
  });

  it('takes the failed tag and the target from the inputs; a version names its release', async () => {
    const repo = repository();
    const plan = await resolveRollback(choice({ tag: 'v1.3.0', rollbackTo: '1.2.0' }), repo, new MemoryLogger());
    expect([plan.failed.tag_name, plan.target.tag_name]).toEqual(['v1.3.0', 'v1.2.0']);
  });

  it('skips a release that was itself rolled back when it picks the default target', async () => {
    const repo = repository();
    const bad = repo.releases.find((r) => r.tag_name === 'v1.3.0');
    if (!bad) throw new Error('seed');
    bad.body = annotatedBody(
      bad.body,
      { targetTag: 'v1.2.0', targetUrl: 'u', date: '2026-01-01', reason: 'x', runId: undefined },
      1000,
    );
    const plan = await resolveRollback(choice(), repo, new MemoryLogger());
    expect(plan.target.tag_name).toBe('v1.2.0');
  });

  /** v1.4.0; v1.5.0, a draft with its tag, rolled back to v1.4.0 by run 123; v1.4.1, the hotfix shipped after. */
  function afterRollback(): FakeRepository {
    const repo = new FakeRepository();
    repo.addRelease('v1.4.0', { sha: repo.commit('main', { a: '140' }) });
    const broken = repo.addRelease('v1.5.0', { draft: true });
    repo.refs.set('tags/v1.5.0', repo.commit('main', { a: '150' }));
    broken.body = annotatedBody(
      broken.body,
      { targetTag: 'v1.4.0', targetUrl: 'u', date: '2026-12-05', reason: 'x', runId: '123' },
      1000,
    );
    repo.addRelease('v1.4.1', { sha: repo.commit('main', { a: '141' }) });
    return repo;
  }

  it('the default failed release skips a release already rolled back (by another run)', async () => {
    const plan = await resolveRollback(choice({ runId: '456' }), afterRollback(), new MemoryLogger());
    expect([plan.failed.tag_name, plan.target.tag_name]).toEqual(['v1.4.1', 'v1.4.0']);
    const withoutRun = await resolveRollback(choice(), afterRollback(), new MemoryLogger());
    expect([withoutRun.failed.tag_name, withoutRun.target.tag_name]).toEqual(['v1.4.1', 'v1.4.0']);
  });

  it('a re-run of the run that marked the release resolves the same pair: failed, and the marked target', async () => {
    const repo = afterRollback();
    // v1.4.1 is newer than the marked target: only the marker says v1.4.0 was this run's target.
    const plan = await resolveRollback(choice({ runId: '123' }), repo, new MemoryLogger());
    expect([plan.failed.tag_name, plan.target.tag_name]).toEqual(['v1.5.0', 'v1.4.0']);
    expect(plan.targetSha).toBe(repo.refs.get('tags/v1.4.0'));
  });

  it('a marker without run= (written before run ids) still reads as rolled back', async () => {
    const repo = afterRollback();
    const broken = repo.releases.find((r) => r.tag_name === 'v1.5.0');
    if (!broken) throw new Error('seed');
    broken.body = '<!-- shipshape:rolled-back to=v1.4.0 on=2026-12-05 -->\n> [!CAUTION]\n> Rolled back.\n\nNotes';
    expect(isRolledBack(broken.body)).toBe(true);
    const plan = await resolveRollback(choice({ runId: '123' }), repo, new MemoryLogger());
    expect(plan.failed.tag_name).toBe('v1.4.1');
  });

  it('a marker anywhere but the first line (copied from a changelog) is not a rollback note', async () => {
    const repo = repository();
    const target = repo.releases.find((r) => r.tag_name === 'v1.3.0');
    if (!target) throw new Error('seed');
    const forged = '## Fixed\n\n<!-- shipshape:rolled-back to=x on=2020-01-01 -->\n> quoted line\n\n- a';
    target.body = forged;
    expect(isRolledBack(forged)).toBe(false);
    const plan = await resolveRollback(choice(), repo, new MemoryLogger());
    expect(plan.target.tag_name).toBe('v1.3.0');
    const note = { targetTag: 'v1.2.0', targetUrl: 'u', date: '2026-12-05', reason: undefined, runId: undefined };
    expect(annotatedBody(forged, note, 125_000)).toBe(`${noteText(note)}\n\n${forged}`);
  });

  it('no draft in the list and a token without push access: a warning says drafts are hidden', async () => {
    const repo = repository();
    repo.releases.splice(
      repo.releases.findIndex((r) => r.draft),
      1,
    );
    repo.pushAccess = false;
    const log = new MemoryLogger();
    const plan = await resolveRollback(choice(), repo, log);
    expect(plan.failed.tag_name).toBe('v1.10.0');
    expect(log.text('warning')).toMatch(/cannot see draft releases.*contents: write/);
    repo.pushAccess = true;
    const quiet = new MemoryLogger();
    await resolveRollback(choice(), repo, quiet);
    expect(quiet.text('warning')).toBe('');
  });

  it('a target that is not a published release is an InputError naming rollback-to', async () => {
    const repo = repository();
    const log = new MemoryLogger();
    await expect(resolveRollback(choice({ rollbackTo: 'v9.9.9' }), repo, log)).rejects.toThrow(
      `Input 'rollback-to' is invalid: expected the tag of a published release (no release has this tag), got "v9.9.9".`,
    );
    await expect(resolveRollback(choice({ rollbackTo: 'v2.0.0' }), repo, log)).rejects.toThrow(
      /Input 'rollback-to' is invalid: expected the tag of a published release \(v2\.0\.0 is a draft\)/,
    );
    await expect(resolveRollback(choice({ rollbackTo: 'v1.10.0' }), repo, log)).rejects.toThrow(
      /expected a release other than the failed one \(v1\.10\.0\)/,
    );
    await expect(resolveRollback(choice({ rollbackTo: 'nightly' }), repo, log)).rejects.toThrow(
      /expected a release whose tag matches the tag-pattern/,
    );
    await expect(resolveRollback(choice({ tag: 'v0.0.1' }), repo, log)).rejects.toBeInstanceOf(InputError);
  });

  it('no earlier release, or no release at all, is a clear error', async () => {
    const repo = repository();
    await expect(resolveRollback(choice({ tag: 'v1.2.0' }), repo, new MemoryLogger())).rejects.toThrow(
      'No published release before "v1.2.0" to roll back to (none with a lower version that was not rolled back itself); pass `rollback-to`.',
    );
    await expect(resolveRollback(choice(), new FakeRepository(), new MemoryLogger())).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('a higher target is allowed with a warning (rolling "back" to a newer patch)', async () => {
    const repo = repository();
    const log = new MemoryLogger();
    const plan = await resolveRollback(choice({ tag: 'v1.3.0', rollbackTo: 'v1.10.0' }), repo, log);
    expect(plan.target.tag_name).toBe('v1.10.0');
    expect(log.text('warning')).toContain('is a higher version than the failed release v1.3.0');
  });

  it('package tags roll back within their package', async () => {
    const repo = new FakeRepository();
    repo.addRelease('web@1.0.0');
    repo.addRelease('api@1.5.0');
    repo.addRelease('web@1.1.0');
    const plan = await resolveRollback(choice({ tag: 'web@1.1.0' }), repo, new MemoryLogger());
    expect(plan.target.tag_name).toBe('web@1.0.0');
  });
});

describe('the rollback note', () => {
  it('shows the reason as text: no link, mention, reference, HTML or second line, and bounded', () => {
    const hostile = '<img src=x> @team see #12 [x](https://evil.example) ``code`` \n## heading\u202e';
    const text = reasonAsText(hostile);
    expect(text).toBe('```<img src=x> @team see #12 [x](https://evil.example) ``code`` ## heading```');
    expect(reasonAsText('x'.repeat(2000)).length).toBeLessThanOrEqual(502);
  });

  it('replaces an earlier note instead of stacking, keeps its date for the same target, and keeps the notes', () => {
    const note = {
      targetTag: 'v1.3.0',
      targetUrl: 'https://x/v1.3.0',
      date: '2026-12-05',
      reason: 'db',
      runId: undefined,
    };
    const once = annotatedBody('## Fixed\r\n\r\n- a', note, 125_000);
    expect(once).toBe(
      '<!-- shipshape:rolled-back to=v1.3.0 on=2026-12-05 -->\n> [!CAUTION]\n' +
        '> Rolled back to [v1.3.0](https://x/v1.3.0) on 2026-12-05: `db`\n\n## Fixed\n\n- a',
    );
    expect(isRolledBack(once)).toBe(true);
    expect(annotatedBody(once, { ...note, date: '2026-12-09' }, 125_000)).toBe(once);
    const other = annotatedBody(once, { ...note, targetTag: 'v1.2.0', date: '2026-12-09' }, 125_000);
    expect(other.match(/shipshape:rolled-back/g)).toHaveLength(1);
    expect(other).toContain('on=2026-12-09');
    expect(other.endsWith('## Fixed\n\n- a')).toBe(true);
    expect(annotatedBody(null, { ...note, reason: undefined }, 125_000)).toMatch(/on 2026-12-05\.$/);
  });

  it('records the run that wrote it, and a later run for the same target keeps the date', () => {
    const note = { targetTag: 'v1.3.0', targetUrl: 'u', date: '2026-12-05', reason: undefined, runId: '123' };
    const once = annotatedBody('Notes', note, 125_000);
    expect(once.split('\n')[0]).toBe('<!-- shipshape:rolled-back to=v1.3.0 on=2026-12-05 run=123 -->');
    const later = annotatedBody(once, { ...note, date: '2026-12-09', runId: '124' }, 125_000);
    expect(later.split('\n')[0]).toBe('<!-- shipshape:rolled-back to=v1.3.0 on=2026-12-05 run=124 -->');
    expect(later.endsWith('\n\nNotes')).toBe(true);
  });

  it('cuts long notes to fit the limit with the note on top', () => {
    const body = annotatedBody(
      'y'.repeat(500),
      { targetTag: 'v1', targetUrl: 'u', date: '2026-01-01', reason: 'r', runId: undefined },
      300,
    );
    expect(body.length).toBeLessThanOrEqual(300);
    expect(body).toMatch(/^<!-- shipshape:rolled-back/);
    expect(body).toMatch(/cut to fit/);
  });
});

describe('annotateRelease', () => {
  it('prepends the note, moves the Latest badge to the target, and a re-run writes nothing', async () => {
    const repo = repository();
    repo.latestId = repo.releases.find((r) => r.tag_name === 'v1.10.0')?.id;
    const clock = new FakeClock(Date.parse('2026-12-05T10:00:00Z'));
    const settings = choice({ reason: 'checkout 500s', runId: '77' });
    const first = await annotateRelease(settings, repo, clock, new MemoryLogger());
    expect(first.result).toBe('updated');
    expect(first.latestMoved).toBe(true);
    expect(first.release.body).toMatch(/^<!-- shipshape:rolled-back to=v1\.3\.0 on=2026-12-05 run=77 -->/);
    expect(first.release.body).toContain('Notes of v1.10.0');
    expect(repo.latestId).toBe(first.plan.target.id);
    expect(repo.writes).toHaveLength(2);

    clock.advance(86_400_000);
    const again = await annotateRelease(settings, repo, clock, new MemoryLogger());
    expect(again.result).toBe('unchanged');
    expect(again.latestMoved).toBe(false);
    expect(repo.writes).toHaveLength(2);
  });

  it('leaves the badge where it is when the failed release did not hold it, or the target cannot take it', async () => {
    const repo = repository();
    const newest = repo.releases.find((r) => r.tag_name === 'v1.10.0');
    repo.latestId = repo.releases.find((r) => r.tag_name === 'v1.2.0')?.id;
    // One run (5) annotates, then again with another target: its own mark keeps v1.10.0 the failed release.
    const result = await annotateRelease(choice({ runId: '5' }), repo, new FakeClock(), new MemoryLogger());
    expect(result.latestMoved).toBe(false);
    expect(repo.writes).toEqual([`update release ${newest?.id} body`]);

    repo.latestId = newest?.id;
    const log = new MemoryLogger();
    const toRc = await annotateRelease(choice({ rollbackTo: 'v2.0.0-rc.1', runId: '5' }), repo, new FakeClock(), log);
    expect(toRc.latestMoved).toBe(false);
    expect(log.text('warning')).toMatch(/pre-release, which GitHub cannot mark Latest/);
  });
});
