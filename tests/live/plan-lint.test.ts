import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { webhookExample } from '@shipshape/testing/webhooks';
import { closeTarget, openTarget } from './open-target';
import { openScratchPullRequest, type ScratchPullRequest } from './repository-setup';
import { INJECTED, injectedCommands, runOnTarget } from './run-on-target';
import type { ContractTarget } from './target';

/**
 * Live contract, plan-lint: a pull request of this run's own (a branch, a commit through the API, the pull request;
 * closed and both branches deleted afterwards), checked against the built-in preset, then its description edited
 * to drop the rollback plan and checked again. The event carries the pull request exactly as the API returned it.
 * Against GitHub with `npm run test:live` and SHIPSHAPE_LIVE_REPO, against the emulator otherwise.
 */

let t: ContractTarget | undefined;
let pr: ScratchPullRequest;

const FILLED = [
  '## Solution',
  '**Original issue and supporting materials**: none, a live contract run',
  '**Downsides**: None.',
  '## Roll-out plan',
  '**Deployment risks**: N/A',
  '**Deployment assistants**: nobody',
  '**Backing services related changes**: none',
  '**Backuping steps**: none needed',
  '**Deployment steps**:',
  '  1. [ ] nothing to deploy',
  '## Verification plan',
  'Read the summary.',
  `::error::${INJECTED}`,
  `::add-mask::${INJECTED}`,
  '## Rollback strategy',
  'Close the pull request.',
  '',
].join('\n');

const WITHOUT_ROLLBACK = FILLED.replace('## Rollback strategy\nClose the pull request.\n', '');

beforeAll(async () => {
  t = await openTarget();
  pr = await openScratchPullRequest(t, { title: `Live contract ${t.prefix}`, body: FILLED });
}, 180_000);
afterEach(() => t?.verifyTraffic());
afterAll(async () => {
  if (t) await closeTarget(t);
}, 300_000);

function target(): ContractTarget {
  if (!t) throw new Error('live contract: the target did not open (see beforeAll)');
  return t;
}

/**
 * A pull_request event: GitHub's published example, carrying the pull request and repository the API returns now.
 * An `edited` event says what changed (`changes.body.from`, the description before the edit), as GitHub's does.
 */
async function pullRequestEvent(
  t: ContractTarget,
  action: 'opened' | 'edited',
  bodyBefore?: string,
): Promise<{ name: string; payload: unknown }> {
  const payload = webhookExample<Record<string, unknown>>('pull_request', 'opened');
  const { data: pull } = await t.github.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', {
    owner: t.owner,
    repo: t.repo,
    pull_number: pr.number,
  });
  const { data: repository } = await t.github.request('GET /repos/{owner}/{repo}', { owner: t.owner, repo: t.repo });
  const changes = action === 'edited' ? { changes: { body: { from: bodyBefore ?? '' } } } : {};
  return {
    name: 'pull_request',
    payload: { ...payload, action, number: pr.number, pull_request: pull, repository, ...changes },
  };
}

describe('live contract: plan-lint', () => {
  it('passes the filled plan of a real pull request, then fails it once the rollback plan is edited out', async () => {
    const t = target();
    // The preset, not the repository's own template: a scratch repository may have any template, or none.
    const inputs = { preset: 'rollout-rollback' };

    const passing = await runOnTarget(t, {
      action: 'plan-lint',
      sha: pr.headSha,
      ref: `refs/pull/${pr.number}/merge`,
      inputs,
      event: await pullRequestEvent(t, 'opened'),
    });
    expect(passing.failure).toBeUndefined();
    expect(passing.exitCode).toBe(0);
    expect(passing.outputs.valid).toBe('true');
    expect(JSON.parse(passing.outputs.problems ?? '')).toEqual([]);
    expect(JSON.parse(passing.outputs.plan ?? '{}')['Rollback strategy']).toBe('Close the pull request.');
    expect(passing.summary).toContain(`Plan check for #${pr.number}: passed`);
    expect(injectedCommands(passing)).toEqual([]);

    await t.github.request('PATCH /repos/{owner}/{repo}/pulls/{pull_number}', {
      owner: t.owner,
      repo: t.repo,
      pull_number: pr.number,
      body: WITHOUT_ROLLBACK,
    });
    const failing = await runOnTarget(t, {
      action: 'plan-lint',
      sha: pr.headSha,
      ref: `refs/pull/${pr.number}/merge`,
      inputs,
      event: await pullRequestEvent(t, 'edited', FILLED),
    });
    expect(failing.exitCode).toBe(1);
    expect(failing.outputs.valid).toBe('false');
    expect(JSON.parse(failing.outputs.problems ?? '[]')).toEqual([
      expect.objectContaining({ section: 'Rollback strategy', code: 'missing' }),
    ]);
    expect(failing.failure).toMatch(/^Plan check failed: 1 problem: Rollback strategy \(missing\)/);
    expect(injectedCommands(failing)).toEqual([]);
  }, 300_000);
});
