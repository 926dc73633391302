import { describe, expect, it } from '@jest/globals';
import { FakeClock, MemoryLogger } from '@shipshape/kit';
import type { CommitPull, ShippedPullsPort } from '../../../actions/deploy-notify/src/github-port';
import { readPlanSections } from '../../../actions/deploy-notify/src/plan-sections';
import {
  findRollbackPlans,
  MAX_COMMITS,
  MAX_PULLS,
  PLAN_BUDGET_MS,
} from '../../../actions/deploy-notify/src/rollback-plans';

/** The shipped pull requests' plans: compare, commit → pulls, each description read with plan-lint's reading. */

const PRESET_BODY = [
  '## Solution',
  'Cache the cart.',
  '## Roll-out plan',
  '**Deployment risks**: low',
  '**Deployment assistants**: @alice, @bob',
  '## Verification plan',
  'Watch the dashboard.',
  '## Rollback strategy',
  'Revert this PR.',
  '',
  '- then flush the cache',
  '## Notes',
  'Nothing else.',
].join('\n');

function pull(number: number, body: string | null, merged = true): CommitPull {
  return {
    number,
    title: `PR ${number}`,
    body,
    html_url: `https://github.com/o/r/pull/${number}`,
    merged_at: merged ? '2026-01-01T00:00:00Z' : null,
  };
}

class FakeGitHub implements ShippedPullsPort {
  readonly calls: string[] = [];
  latest: string | undefined = 'v1.0.0';
  commits: string[] = [];
  pulls = new Map<string, CommitPull[]>();
  failing: string | undefined;
  /** Time each commit → pulls request takes (a slow GitHub). */
  constructor(
    private readonly clock = new FakeClock(),
    private readonly perRequestMs = 0,
  ) {}

  async latestReleaseTag(): Promise<string | undefined> {
    this.calls.push('latest');
    if (this.failing === 'latest') throw new Error('GET /repos/{owner}/{repo}/releases/latest failed (HTTP 500)');
    return this.latest;
  }
  async compare(base: string, head: string, max: number) {
    this.calls.push(`compare ${base}...${head}`);
    if (this.failing === 'compare') throw new Error('GET /repos/{owner}/{repo}/compare/{basehead} failed (HTTP 404)');
    return { total: this.commits.length, shas: this.commits.slice(0, max) };
  }
  async pullsOfCommit(sha: string): Promise<CommitPull[]> {
    this.calls.push(`pulls ${sha}`);
    await this.clock.sleep(this.perRequestMs);
    return this.pulls.get(sha) ?? [];
  }
}

const deps = (clock = new FakeClock()) => ({
  log: new MemoryLogger(),
  clock,
  readSections: async () => readPlanSections,
});

describe('readPlanSections (plan-lint reading)', () => {
  it('finds the Rollback strategy section and the Deployment assistants field of the built-in template', () => {
    expect(readPlanSections(PRESET_BODY)).toEqual([
      { name: 'Rollback strategy', lines: ['Revert this PR.', 'then flush the cache'] },
      { name: 'Deployment assistants', lines: ['@alice, @bob'] },
    ]);
  });

  it('matches names as plan-lint does (case, punctuation, emoji), bold bullets included; code fences are content', () => {
    const body = [
      '### 🔙 ROLLBACK-STRATEGY:',
      'Flip the flag off.',
      '',
      '- **deployment assistants**: @carol',
      '',
      '```',
      '## Rollback strategy',
      '```',
    ].join('\n');
    expect(readPlanSections(body)).toEqual([
      { name: 'Rollback strategy', lines: ['Flip the flag off.'] },
      { name: 'Deployment assistants', lines: expect.arrayContaining(['@carol']) as unknown as string[] },
    ]);
    expect(readPlanSections(null)).toEqual([]);
    expect(readPlanSections('## Rollback\nno')).toEqual([]);
  });
});

describe('findRollbackPlans', () => {
  it('compares the latest release with the deployed commit and keeps each merged pull request once', async () => {
    const github = new FakeGitHub();
    github.commits = ['a1', 'b2', 'c3'];
    github.pulls.set('a1', [pull(1, PRESET_BODY)]);
    github.pulls.set('b2', [pull(1, PRESET_BODY), pull(7, 'open one', false)]);
    github.pulls.set('c3', [pull(2, 'No plan here.')]);
    const { plans, warning } = await findRollbackPlans(github, { since: undefined, sha: 'f00' }, deps());
    expect(warning).toBeUndefined();
    expect(github.calls.slice(0, 2)).toEqual(['latest', 'compare v1.0.0...f00']);
    expect(plans.pulls.map((p) => p.number)).toEqual([1, 2]);
    expect(plans.pulls[0]?.sections.map((s) => s.name)).toEqual(['Rollback strategy', 'Deployment assistants']);
    expect(plans.pulls[1]?.sections).toEqual([]);
    expect(plans.notes).toEqual([]);
  });

  it('uses `since` as given, and says when the commits or the pull requests were cut', async () => {
    const github = new FakeGitHub();
    github.commits = Array.from({ length: MAX_COMMITS + 30 }, (_, i) => `c${i}`);
    for (const [i, sha] of github.commits.entries()) github.pulls.set(sha, [pull(i + 1, null)]);
    const { plans } = await findRollbackPlans(github, { since: 'v0.9.0', sha: 'v1.0.0' }, deps());
    expect(github.calls).not.toContain('latest');
    expect(github.calls.filter((c) => c.startsWith('pulls '))).toHaveLength(MAX_COMMITS);
    expect(plans.pulls).toHaveLength(MAX_PULLS);
    expect(plans.notes).toEqual([
      `Only the first ${MAX_COMMITS} of ${MAX_COMMITS + 30} commits since v0.9.0 were read for pull requests.`,
      `Only the first ${MAX_PULLS} of ${MAX_COMMITS} pull requests were read.`,
    ]);
  });

  it('starts no commit → pulls request after PLAN_BUDGET_MS, and says how far it got', async () => {
    const clock = new FakeClock();
    const github = new FakeGitHub(clock, 7_000);
    github.commits = Array.from({ length: 50 }, (_, i) => `c${i}`);
    for (const [i, sha] of github.commits.entries()) github.pulls.set(sha, [pull(i + 1, null)]);
    const { plans } = await findRollbackPlans(github, { since: 'v1', sha: 'v2' }, deps(clock));
    const requests = github.calls.filter((c) => c.startsWith('pulls ')).length;
    expect(requests).toBeLessThan(50);
    // The fake clock adds each request's time in turn: at least the budget's worth of requests ran.
    expect(requests).toBeGreaterThanOrEqual(Math.floor(PLAN_BUDGET_MS / 7_000));
    // The requests spent the whole budget: no description is parsed after it (parsing counts against it too).
    expect(plans.pulls).toHaveLength(0);
    expect(plans.notes).toEqual([
      `Stopped after ${PLAN_BUDGET_MS / 1000} s: the pull requests of ${requests} of 50 commits were read.`,
      `Stopped after ${PLAN_BUDGET_MS / 1000} s: the descriptions of 0 of ${requests} pull requests were read.`,
    ]);
  });

  it('counts parsing against the same budget: no description is parsed once it is spent, and says how far it got', async () => {
    const clock = new FakeClock();
    // The commit → pulls requests take 20 s of the budget (the fake clock adds each request's time in turn); each
    // parse then takes 5 s, as a description at the parse limit would.
    const github = new FakeGitHub(clock, 1_000);
    github.commits = Array.from({ length: MAX_PULLS }, (_, i) => `c${i}`);
    for (const [i, sha] of github.commits.entries()) github.pulls.set(sha, [pull(i + 1, PRESET_BODY)]);
    const limits: number[] = [];
    const slowReading = async () => (body: string | null, timeoutMs: number) => {
      limits.push(timeoutMs);
      clock.advance(Math.min(5_000, timeoutMs));
      return readPlanSections(body);
    };
    const started = clock.now();
    const { plans } = await findRollbackPlans(
      github,
      { since: 'v1', sha: 'v2' },
      { ...deps(clock), readSections: slowReading },
    );
    const parses = (PLAN_BUDGET_MS - MAX_PULLS * 1_000) / 5_000;
    expect(parses).toBeLessThan(MAX_PULLS);
    // Each parse is given what is left of the budget (a parse caps it at its own limit), and none starts after it.
    expect(limits).toEqual(Array.from({ length: parses }, (_, i) => PLAN_BUDGET_MS - MAX_PULLS * 1_000 - 5_000 * i));
    expect(clock.now() - started).toBe(PLAN_BUDGET_MS);
    expect(plans.pulls).toHaveLength(parses);
    expect(plans.pulls.every((p) => p.sections.length === 2)).toBe(true);
    expect(plans.notes).toEqual([
      `Stopped after ${PLAN_BUDGET_MS / 1000} s: the descriptions of ${parses} of ${MAX_PULLS} pull requests were read.`,
    ]);
  });

  it('a GitHub failure is a warning and a note, never an exception; no release yet is a note', async () => {
    const github = new FakeGitHub();
    github.failing = 'compare';
    const failed = await findRollbackPlans(github, { since: undefined, sha: 'f00' }, deps());
    expect(failed.warning).toMatch(/^Rollback plans not quoted: GET .*compare.*404/);
    expect(failed.plans).toEqual({
      pulls: [],
      notes: ['The rollback plans could not be read from GitHub (see the workflow run).'],
    });
    const first = new FakeGitHub();
    first.latest = undefined;
    const none = await findRollbackPlans(first, { since: undefined, sha: 'f00' }, deps());
    expect(none.warning).toBeUndefined();
    expect(none.plans.notes).toEqual(['No earlier published release to compare with.']);
    expect(first.calls).toEqual(['latest']);
  });

  it('a description too complex to parse is a note for that pull request; the others are still quoted', async () => {
    const github = new FakeGitHub();
    github.commits = ['a1', 'b2'];
    github.pulls.set('a1', [pull(1, '>'.repeat(100_000))]);
    github.pulls.set('b2', [pull(2, PRESET_BODY)]);
    const { plans } = await findRollbackPlans(github, { since: 'v1', sha: 'v2' }, deps());
    expect(plans.pulls.map((p) => p.sections.length)).toEqual([0, 2]);
    expect(plans.notes.join('\n')).toMatch(/^The description of #1 could not be read: /);
  });
});
