import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startGitHubEmulator, type EmulatedRepository, type GitHubEmulator } from '@shipshape/testing/github-emulator';
import { parseWorkflowCommands, runActionBundle, type RunOptions, type RunResult } from '@shipshape/testing/runner';
import { mentionsIn, messageTexts, startSlackEmulator, type SlackEmulator } from '@shipshape/testing/slack-emulator';

/**
 * deploy-notify's committed bundle through a release's lifecycle, against the Slack and GitHub emulators: started →
 * deployed → verified in one message; smoke-failed with the fix-forward-or-roll-back choice and the shipped pull
 * requests' rollback strategies (compare since...sha, then each commit's pull requests); rolled-back posted by another
 * run into the release's thread (thread-version); re-runs that post nothing new.
 */

const COMPARE = 'GET /repos/{owner}/{repo}/compare/{basehead}';
const COMMIT_PULLS = 'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls';
const REPOSITORY = 'octo-org/shop';

let slack: SlackEmulator;
let github: GitHubEmulator;
let repo: EmulatedRepository;
/** v1.0.0 published; two pull requests merged since (one with a hostile description); v1.1.0 at main's head. */
let shipped: { released: string; head: string; prA: number; prB: number };
let channelCounter = 0;

const HOSTILE_STRATEGY = [
  '<!channel> roll back now <https://evil.example|https://github.com/octo-org/shop/pull/1>',
  'Then `<!channel>` and <https://evil|x> & `<@U0BOSS>`',
  '::error::pwned',
  `${'z'.repeat(100 * 1024)}`,
].join('\n');

beforeAll(async () => {
  slack = await startSlackEmulator({ channels: ['C0ONCALL'] });
  github = await startGitHubEmulator({ validateResponses: true });
  repo = github.repo(REPOSITORY);
  repo.addRelease({ tag_name: 'v1.0.0' });
  const released = repo.head('main');
  repo.commit({ branch: 'feat-a', files: { 'a.txt': 'a\n' }, message: 'Cache the cart' });
  const a = repo.addPullRequest({
    title: 'Cache the cart',
    head: { ref: 'feat-a' },
    body: [
      '## Solution',
      'Cache it.',
      '## Roll-out plan',
      '**Deployment assistants**: @alice',
      '## Rollback strategy',
      'Revert the PR, then run `make flush-cart-cache`.',
    ].join('\n'),
  });
  repo.mergePullRequest(a.number);
  repo.commit({ branch: 'feat-b', files: { 'b.txt': 'b\n' }, message: 'Evil' });
  const b = repo.addPullRequest({
    title: 'Harmless <!here> | tweak',
    head: { ref: 'feat-b' },
    body: `## Rollback strategy\n\n${HOSTILE_STRATEGY}\n\n## Deployment assistants\n\n<@U0BOSS>`,
  });
  repo.mergePullRequest(b.number);
  // The tag pushed; its release still a draft until verified (release.yml), so v1.0.0 stays the latest published.
  repo.tag('v1.1.0');
  repo.addRelease({ tag_name: 'v1.1.0', draft: true });
  shipped = { released, head: repo.head('main'), prA: a.number, prB: b.number };
});

afterAll(async () => {
  await slack.close();
  await github.close();
});

function newChannel(): string {
  const id = `C0LIFE${String(++channelCounter).padStart(4, '0')}`;
  slack.addChannel(id);
  return id;
}

function notify(channel: string, inputs: RunOptions['inputs'], extra: Partial<RunOptions> = {}): Promise<RunResult> {
  return runActionBundle({
    action: 'deploy-notify',
    repository: REPOSITORY,
    apiUrl: github.url,
    sha: shipped.head,
    runId: 5000,
    timeoutMs: 30_000,
    ...extra,
    inputs: { token: slack.token, channel, 'api-url': slack.apiUrl, environment: 'production', ...inputs },
  });
}

const texts = (m: { text?: string; blocks?: unknown[] } | undefined): string =>
  m === undefined ? '' : messageTexts(m).join('\n');

/** Workflow commands the action printed: only its own (masks, warnings, debug), never one from a description. */
function expectOnlyOwnCommands(result: RunResult): void {
  for (const c of parseWorkflowCommands(result.stdout)) {
    expect(['add-mask', 'warning', 'error', 'debug', 'notice']).toContain(c.command);
    expect(c.message).not.toContain('pwned');
  }
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('deploy-notify through the release lifecycle (bundle against the emulators)', () => {
  it('started → deployed → verified update one message; a re-run of verified posts nothing new', async () => {
    const channel = newChannel();
    const started = await notify(channel, { status: 'started', version: '1.1.0' }, { runId: 5101 });
    const ts = started.outputs['message-ts'] ?? '';
    expect(started.outputs['posted-at']).toMatch(ISO);
    const deployed = await notify(channel, { status: 'deployed', version: '1.1.0', 'message-ts': ts }, { runId: 5101 });
    expect(deployed.exitCode).toBe(0);
    expect(slack.message(channel, ts)?.text).toMatch(/^🟡 Deployed v1\.1\.0 to production, not yet verified after/);
    expect(Date.parse(deployed.outputs['posted-at'] ?? '')).toBeGreaterThanOrEqual(
      Date.parse(started.outputs['posted-at'] ?? ''),
    );
    const verified = await notify(channel, { status: 'verified', version: '1.1.0', 'message-ts': ts }, { runId: 5101 });
    expect(verified.outputs['message-ts']).toBe(ts);
    expect(verified.outputs['posted-at']).toMatch(ISO);
    expect(slack.messages(channel)).toHaveLength(1);
    expect(slack.message(channel, ts)?.edits).toHaveLength(2);
    expect(slack.message(channel, ts)?.text).toMatch(/^🟢 Verified v1\.1\.0 in production after/);
    expect(slack.replies(channel, ts)).toHaveLength(0);
    // Success statuses ask GitHub nothing.
    expect(github.count(COMPARE)).toBe(0);

    // A re-run (a new attempt, message-ts from the step's own lookup) finds the message and adds nothing.
    const rerun = await notify(channel, { status: 'verified', version: '1.1.0' }, { runId: 5101, runAttempt: 2 });
    expect(rerun.exitCode).toBe(0);
    expect(rerun.outputs['message-ts']).toBe(ts);
    expect(slack.messages(channel)).toHaveLength(1);
    expect(slack.replies(channel, ts)).toHaveLength(0);
    expect(slack.violations).toEqual([]);
  });

  it('smoke-failed spells out the choice and quotes both pull requests’ plans, escaped and bounded', async () => {
    const channel = newChannel();
    const started = await notify(channel, { status: 'started', version: '1.1.0' }, { runId: 5202 });
    const ts = started.outputs['message-ts'] ?? '';
    const comparesBefore = github.count(COMPARE);
    const failed = await notify(
      channel,
      {
        status: 'smoke-failed',
        version: '1.1.0',
        'message-ts': ts,
        'mention-on-failure': '<!subteam^S0ONCALL>',
        'channel-on-failure': 'C0ONCALL',
      },
      { runId: 5202 },
    );
    expect(failed.exitCode).toBe(0);
    expect(failed.annotations.filter((a) => a.level !== 'notice')).toEqual([]);
    expectOnlyOwnCommands(failed);
    const main = texts(slack.message(channel, ts));
    expect(main).toContain('🔥 Smoke tests failed after deploying v1.1.0 to production');
    expect(main).toContain('Either fix forward: ship a hotfix release with the fix. Or roll back: run the rollback');

    // compare v1.0.0 (the latest published release)...GITHUB_SHA, then one commit → pulls per commit.
    expect(github.count(COMPARE) - comparesBefore).toBe(1);
    expect(github.requests.filter((r) => r.route === COMPARE).at(-1)?.url).toContain(`v1.0.0...${shipped.head}`);
    expect(github.count(COMMIT_PULLS)).toBeGreaterThanOrEqual(2);

    const [alert] = slack.replies(channel, ts).filter((m) => m.reply_broadcast);
    const alertText = texts(alert);
    expect(alertText).toContain('What now?');
    expect(alertText).toContain(`|#${shipped.prA} Cache the cart>`);
    expect(alertText).toContain('>Revert the PR, then run make flush-cart-cache.');
    expect(alertText).toContain('_Deployment assistants_\n>@alice');
    // The hostile description: escaped (no ping, no disguised link), the workflow command inert, the 100 KB cut.
    expect(alertText).toContain(`|#${shipped.prB} Harmless &lt;!here&gt; | tweak>`);
    // plan-lint's reading drops what GitHub does not show (`<!channel>` reads as HTML); what is shown is escaped.
    expect(alertText).toContain('>roll back now\n');
    expect(alertText).toContain('>Then &lt;!channel&gt; and https://evil|x &amp; &lt;@U0BOSS&gt;');
    expect(alertText).not.toMatch(/<https:\/\/evil/);
    expect(alertText).toContain('>::error::pwned');
    expect(alertText).toContain('(cut: the rest is in the pull request)');
    expect(alertText.length).toBeLessThan(25_000);
    expect(new Set(mentionsIn(alertText))).toEqual(new Set(['<!subteam^S0ONCALL>']));
    const oncall = slack.messages('C0ONCALL').filter((m) => texts(m).includes(`#${shipped.prB} Harmless`));
    expect(oncall).toHaveLength(1);
    expect(new Set(mentionsIn(texts(oncall[0])))).toEqual(new Set(['<!subteam^S0ONCALL>']));
    expect(slack.violations).toEqual([]);
    github.assertNoViolations();
  });

  it('a GitHub failure while reading the plans is a warning: the alert still goes out, saying so', async () => {
    const channel = newChannel();
    const failed = await notify(
      channel,
      { status: 'failed', version: '1.1.0', since: 'v0.0.0-missing' },
      { runId: 5303 },
    );
    expect(failed.exitCode).toBe(0);
    const warnings = failed.annotations.filter((a) => a.level === 'warning').map((a) => a.message);
    expect(warnings.join('\n')).toMatch(/Rollback plans not quoted: .*compare.*404/);
    const [message] = slack.messages(channel);
    expect(texts(message)).toContain('The rollback plans could not be read from GitHub (see the workflow run).');
    expect(texts(message)).toContain('What now?');
  });

  it('thread-version: a rollback run finds the release message another run posted, and a re-run adds nothing', async () => {
    const channel = newChannel();
    const release = await notify(channel, { status: 'started', version: '1.1.0' }, { runId: 5404 });
    const ts = release.outputs['message-ts'] ?? '';
    // Other messages since: another environment's deploy of the same version, and chatter.
    await notify(channel, { status: 'started', version: '1.1.0', environment: 'staging' }, { runId: 5405 });
    slack.addMessage(channel, { text: 'is prod ok?' });

    const rollbackInputs = {
      status: 'rolled-back',
      'thread-version': '1.1.0',
      version: '1.1.0',
      reason: 'checkout errors',
      since: 'v1.0.0',
      sha: 'v1.1.0',
      'mention-on-failure': '<!subteam^S0ONCALL>',
    };
    const rollback = await notify(channel, rollbackInputs, { runId: 6001, sha: shipped.released });
    expect(rollback.exitCode).toBe(0);
    expect(rollback.outputs['message-ts']).toBe(ts);
    expect(rollback.outputs['posted-at']).toMatch(ISO);
    expect(rollback.stdout).toContain('Found the deploy message of 1.1.0');
    const top = (): unknown[] => slack.messages(channel).filter((m) => m.thread_ts === undefined);
    expect(top()).toHaveLength(3);
    const edited = slack.message(channel, ts);
    expect(edited?.text).toMatch(/^↩️ Deploy v1\.1\.0 to production rolled back/);
    expect(edited?.metadata?.event_payload).toMatchObject({ run_id: '5404', status: 'rolled-back', version: '1.1.0' });
    const replies = slack.replies(channel, ts).filter((m) => m.reply_broadcast);
    expect(replies).toHaveLength(1);
    expect(texts(replies[0])).toContain('*Reason:* checkout errors');
    expect(texts(replies[0])).toContain(`#${shipped.prA} Cache the cart`);
    expect(github.requests.filter((r) => r.route === COMPARE).at(-1)?.url).toContain('v1.0.0...v1.1.0');

    // The rollback workflow re-run: same message, no second reply.
    const again = await notify(channel, rollbackInputs, { runId: 6001, runAttempt: 2, sha: shipped.released });
    expect(again.exitCode).toBe(0);
    expect(again.outputs['message-ts']).toBe(ts);
    expect(top()).toHaveLength(3);
    expect(slack.replies(channel, ts).filter((m) => m.reply_broadcast)).toHaveLength(1);
    expect(slack.violations).toEqual([]);
  });

  it('thread-version: a newer message with the same metadata that another app posted is not adopted', async () => {
    const channel = newChannel();
    const release = await notify(channel, { status: 'started', version: '1.1.0' }, { runId: 5406 });
    const ts = release.outputs['message-ts'] ?? '';
    const metadata = slack.message(channel, ts)?.metadata;
    expect(metadata?.event_payload).toMatchObject({ version: '1.1.0', environment: 'production' });
    const impostor = slack.addMessage(channel, {
      text: 'Deploy v1.1.0 to production',
      metadata,
      poster: { bot_id: 'B0OTHERAPP', app_id: 'A0OTHERAPP' },
    });
    const authBefore = slack.count('auth.test');
    const rollback = await notify(
      channel,
      { status: 'rolled-back', 'thread-version': '1.1.0', version: '1.1.0', 'rollback-plans': 'false' },
      { runId: 6003 },
    );
    expect(rollback.exitCode).toBe(0);
    expect(rollback.outputs['message-ts']).toBe(ts);
    expect(slack.message(channel, impostor.ts)?.edits).toEqual([]);
    expect(slack.replies(channel, impostor.ts)).toEqual([]);
    expect(slack.message(channel, ts)?.metadata?.event_payload).toMatchObject({ status: 'rolled-back' });
    expect(rollback.annotations.map((a) => a.message).join('\n')).toContain(
      `Skipped message ${impostor.ts} in ${channel}: its metadata names the deploy of 1.1.0, but another app posted it.`,
    );
    expect(slack.count('auth.test') - authBefore).toBe(1);
    expect(slack.violations).toEqual([]);
  });

  it('thread-version of a version never announced: a warning and a new message', async () => {
    const channel = newChannel();
    const result = await notify(
      channel,
      { status: 'rolled-back', 'thread-version': '0.9.0', version: '0.9.0', 'rollback-plans': 'false' },
      { runId: 6002 },
    );
    expect(result.exitCode).toBe(0);
    expect(result.annotations.map((a) => a.message).join('\n')).toMatch(
      /No deploy message of 0\.9\.0 for production in C0LIFE\d+ in the last 30 days: posting a new message\./,
    );
    expect(slack.messages(channel)).toHaveLength(1);
    expect(result.outputs['message-ts']).toBe(slack.messages(channel)[0]?.ts);
  });
});
