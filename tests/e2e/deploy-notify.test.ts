import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mentionsIn, messageTexts, startSlackEmulator, type SlackEmulator } from '@shipshape/testing/slack-emulator';
import { parseWorkflowCommands, runActionBundle, type RunOptions, type RunResult } from '@shipshape/testing/runner';

/**
 * deploy-notify's committed bundle against the Slack emulator: one message per deploy (bot token), a new
 * message per status (webhook), freeze → unfreeze, re-runs, and Slack's faults (429, 5xx, ok:false, 4xx).
 */

let slack: SlackEmulator;
let channelCounter = 0;

beforeAll(async () => {
  slack = await startSlackEmulator({ channels: ['C0DEPLOYS', 'C0ONCALL'] });
});
afterEach(() => {
  slack.clearFaults();
});
afterAll(() => slack.close());

function newChannel(): string {
  const id = `C0CHAN${String(++channelCounter).padStart(4, '0')}`;
  slack.addChannel(id);
  return id;
}

const HOSTILE_NOTES = [
  '## Features',
  '',
  '- **Faster** deploys <!channel> and <!here> and <@U123ABC> and <!subteam^S1|@x>',
  '- Tom & Jerry <https://evil|https://bank> [bank](https://evil.example)',
  '::error::injected',
  '::add-mask::nothing',
  '',
  '```',
  'echo "<!channel>"',
  '```',
].join('\n');

function notify(inputs: RunOptions['inputs'], extra: Partial<RunOptions> = {}): Promise<RunResult> {
  return runActionBundle({
    action: 'deploy-notify',
    repository: 'octo-org/octo-repo',
    runId: 4242,
    timeoutMs: 30_000,
    ...extra,
    inputs,
  });
}

function bot(channel: string): Record<string, string> {
  return { token: slack.token, channel, 'api-url': slack.apiUrl };
}

/** The log without the mask registrations themselves (the only place a secret may appear). */
const unmasked = (stdout: string): string => stdout.replace(/^::add-mask::.*$/gm, '');

function expectNoPings(texts: string[]): void {
  for (const text of texts) expect(mentionsIn(text)).toEqual([]);
}

/** Workflow commands the action printed: only the ones it meant (masks, warnings, debug), never from the notes. */
function expectOnlyOwnCommands(result: RunResult): void {
  for (const c of parseWorkflowCommands(result.stdout)) {
    expect(['add-mask', 'warning', 'error', 'debug', 'notice']).toContain(c.command);
    expect(c.message).not.toMatch(/^injected|^nothing$/);
  }
}

describe('deploy-notify with a bot token', () => {
  it('started → succeeded edits one message, threads the notes and reports the elapsed time', async () => {
    const channel = newChannel();
    const started = await notify({
      ...bot(channel),
      status: 'started',
      version: '1.2.3',
      environment: 'production',
      notes: HOSTILE_NOTES,
      'release-url': 'https://github.com/octo-org/octo-repo/releases/tag/v1.2.3',
    });
    expect(started.exitCode).toBe(0);
    const ts = started.outputs['message-ts'] ?? '';
    expect(ts).toMatch(/^\d+\.\d{6}$/);
    expect(started.outputs.channel).toBe(channel);
    expect(started.outputs.permalink).toMatch(/^https:\/\/emulated\.slack\.com\/archives\//);
    expect(started.masks).toContain(slack.token);
    expect(unmasked(started.stdout)).not.toContain(slack.token.slice(5));
    expectOnlyOwnCommands(started);
    expect(slack.messages(channel)).toHaveLength(1);
    const notes = slack.replies(channel, ts);
    expect(notes).toHaveLength(1);
    expect(messageTexts(notes[0] ?? { text: '' }).join('\n')).toContain('*Faster* deploys &lt;!channel&gt;');
    expectNoPings(slack.allMessages(channel).flatMap((m) => messageTexts(m)));
    expect(started.summary).toContain('Deploying v1.2.3 to production');

    const succeeded = await notify({
      ...bot(channel),
      status: 'succeeded',
      'message-ts': ts,
      version: '1.2.3',
      environment: 'production',
    });
    expect(succeeded.exitCode).toBe(0);
    expect(succeeded.outputs['message-ts']).toBe(ts);
    const shown = slack.messages(channel);
    expect(shown).toHaveLength(1);
    const message = shown[0];
    expect(message?.edits).toHaveLength(1);
    expect(message?.text).toMatch(/Deployed v1\.2\.3 to production after \d+s/);
    expect(JSON.stringify(message?.blocks)).toContain('*Elapsed*');
    // The notes are not posted twice; no mentions were asked for, so nothing else is in the thread.
    expect(slack.replies(channel, ts)).toHaveLength(1);
    expect(slack.violations).toEqual([]);
  });

  it('a failure edits the message and broadcasts an alert that pings on-call, and alerts another channel', async () => {
    const channel = newChannel();
    const started = await notify({
      ...bot(channel),
      status: 'started',
      version: '2.0.0',
      mention: '@here',
      'mention-on-failure': '<!subteam^S0ONCALL>',
    });
    const ts = started.outputs['message-ts'] ?? '';
    expect(mentionsIn(slack.message(channel, ts)?.text ?? '')).toEqual(['<!here>']);
    const failed = await notify({
      ...bot(channel),
      status: 'auto',
      'job-status': 'failure',
      'message-ts': ts,
      version: '2.0.0',
      mention: '@here',
      'mention-on-failure': '<!subteam^S0ONCALL>',
      'channel-on-failure': 'C0ONCALL',
    });
    expect(failed.exitCode).toBe(0);
    expect(slack.message(channel, ts)?.text).toMatch(/Deploy v2\.0\.0 to production failed/);
    const broadcast = slack.replies(channel, ts).filter((m) => m.reply_broadcast);
    expect(broadcast).toHaveLength(1);
    expect(mentionsIn(broadcast[0]?.text ?? '')).toEqual(['<!subteam^S0ONCALL>']);
    const oncall = slack.messages('C0ONCALL').filter((m) => (m.text ?? '').includes('v2.0.0'));
    expect(oncall).toHaveLength(1);
    // A re-run of the failure step posts neither another alert nor another on-call message.
    await notify({
      ...bot(channel),
      status: 'failed',
      'message-ts': ts,
      version: '2.0.0',
      'mention-on-failure': '<!subteam^S0ONCALL>',
      'channel-on-failure': 'C0ONCALL',
    });
    expect(slack.replies(channel, ts).filter((m) => m.reply_broadcast)).toHaveLength(1);
    expect(slack.messages('C0ONCALL').filter((m) => (m.text ?? '').includes('v2.0.0'))).toHaveLength(1);
  });

  it('a re-run of the started step (no message-ts) finds its message instead of posting a second one', async () => {
    const channel = newChannel();
    const first = await notify(
      { ...bot(channel), status: 'started', version: '3.0.0', notes: '- one\n- two' },
      { runId: 777 },
    );
    const again = await notify(
      { ...bot(channel), status: 'started', version: '3.0.0', notes: '- one\n- two' },
      { runId: 777, runAttempt: 2 },
    );
    expect(again.exitCode).toBe(0);
    expect(again.outputs['message-ts']).toBe(first.outputs['message-ts']);
    expect(slack.messages(channel)).toHaveLength(1);
    expect(slack.replies(channel, first.outputs['message-ts'] ?? '')).toHaveLength(1);
    // Another run (another deploy) does post its own message.
    await notify({ ...bot(channel), status: 'started', version: '3.0.1' }, { runId: 778 });
    expect(slack.messages(channel)).toHaveLength(2);
  });

  it('waits out a 429 (Retry-After) and posts exactly once', async () => {
    const channel = newChannel();
    slack.fault('chat.postMessage', { status: 429, retryAfter: 1 });
    const result = await notify({ ...bot(channel), status: 'started', version: '1.0.0' });
    expect(result.exitCode).toBe(0);
    expect(slack.messages(channel)).toHaveLength(1);
    expect(
      result.annotations
        .filter((a) => a.level === 'warning')
        .map((a) => a.message)
        .join('\n'),
    ).toMatch(/chat\.postMessage failed \(HTTP 429\): ratelimited.*retrying in 1 s/);
  });

  it('a 500 after Slack stored the post does not duplicate it: the retry finds the message first', async () => {
    const channel = newChannel();
    slack.fault('chat.postMessage', { status: 500, afterApply: true });
    const result = await notify({ ...bot(channel), status: 'started', version: '1.0.1' }, { runId: 9100 });
    expect(result.exitCode).toBe(0);
    expect(slack.messages(channel)).toHaveLength(1);
    expect(result.outputs['message-ts']).toBe(slack.messages(channel)[0]?.ts);
    expect(result.stdout).toMatch(/did reach Slack; not posting it again/);
  });

  it("reports Slack's ok:false with the error code and what to do, as a warning (fail-on-error false)", async () => {
    const result = await notify({
      token: slack.token,
      channel: 'C0MISSING0',
      'api-url': slack.apiUrl,
      status: 'started',
      version: '1.0.0',
    });
    expect(result.exitCode).toBe(0);
    const warning = result.annotations.find((a) => a.level === 'warning' && /not delivered/.test(a.message));
    expect(warning?.message).toMatch(/channel_not_found.*invite the bot/);
    expect(result.summary).toContain('Not delivered');
  });

  it('fails the step with fail-on-error: true', async () => {
    const result = await notify({
      token: 'xoxb-wrong-token',
      channel: 'C0DEPLOYS',
      'api-url': slack.apiUrl,
      status: 'started',
      'fail-on-error': true,
    });
    expect(result.exitCode).toBe(1);
    expect(result.failure).toMatch(/invalid_auth.*Bot User OAuth Token/);
    expect(result.masks).toContain('xoxb-wrong-token');
  });

  it('freeze → unfreeze: the freeze message is edited to lifted and "resume merging" is broadcast from its thread', async () => {
    const channel = newChannel();
    const freeze = await notify({
      ...bot(channel),
      template: 'freeze',
      reason: 'Hotfix <!channel> for the login outage',
      mention: 'here',
    });
    expect(freeze.exitCode).toBe(0);
    const ts = freeze.outputs['message-ts'] ?? '';
    const posted = slack.message(channel, ts);
    expect(posted?.text).toContain('please hold off on merging anything until further notice');
    expect(mentionsIn(messageTexts(posted ?? { text: '' }).join('\n'))).toEqual(['<!here>', '<!here>']);
    expect(JSON.stringify(posted?.blocks)).toContain('Hotfix &lt;!channel&gt; for the login outage');
    expect(JSON.stringify(posted?.blocks)).toContain('*Requested by:* octocat');

    // Without message-ts: the newest freeze of this repository and environment still on is found.
    const unfreeze = await notify({ ...bot(channel), template: 'unfreeze' }, { runId: 5000 });
    expect(unfreeze.exitCode).toBe(0);
    expect(unfreeze.outputs['message-ts']).toBe(ts);
    expect(slack.message(channel, ts)?.text).toContain('Merge freeze lifted');
    const replies = slack.replies(channel, ts);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.reply_broadcast).toBe(true);
    expect(replies[0]?.text).toContain('you may resume merging');
    // Running the unfreeze step again with the ts does not broadcast twice.
    await notify({ ...bot(channel), template: 'unfreeze', 'message-ts': ts });
    expect(slack.replies(channel, ts)).toHaveLength(1);
  });
});

describe('deploy-notify with an incoming webhook', () => {
  it('posts a new message per status, with the notes under it, escaped', async () => {
    const channel = newChannel();
    const url = slack.webhookUrl(channel);
    const started = await notify({ 'webhook-url': url, status: 'started', version: '1.2.3', notes: HOSTILE_NOTES });
    expect(started.exitCode).toBe(0);
    expect(started.masks).toContain(url);
    expect(unmasked(started.stdout)).not.toContain(url);
    expect(started.outputs['message-ts']).toBeUndefined();
    expectOnlyOwnCommands(started);
    const done = await notify({ 'webhook-url': url, status: 'auto', 'job-status': 'success', version: '1.2.3' });
    expect(done.exitCode).toBe(0);
    const shown = slack.messages(channel);
    expect(shown.map((m) => m.text)).toEqual([
      expect.stringContaining('Deploying v1.2.3'),
      expect.stringContaining('Deployed v1.2.3'),
    ]);
    expect(shown[0]?.unfurl_links).toBe(false);
    expectNoPings(shown.flatMap((m) => messageTexts(m)));
    // `<https://evil|https://bank>` is not a valid URL (a `|` in the host): it stays inert text, never a forged link.
    expect(JSON.stringify(shown[0]?.blocks)).toContain(
      'Tom &amp; Jerry https://evil|https://bank <https://evil.example/|bank>',
    );
    expect(JSON.stringify(shown[0]?.blocks)).not.toContain('<https://evil|');
    expect(slack.violations).toEqual([]);
  });

  it('a failure also alerts the failure channel through webhook-url-on-failure; a success does not', async () => {
    const channel = newChannel();
    const oncall = newChannel();
    const url = slack.webhookUrl(channel);
    const onFailure = slack.webhookUrl(oncall);
    const inputs = {
      'webhook-url': url,
      'webhook-url-on-failure': onFailure,
      version: '5.0.0',
      notes: HOSTILE_NOTES,
      mention: 'here',
      'mention-on-failure': '<!subteam^S0ONCALL>',
    };
    const failed = await notify({ ...inputs, status: 'auto', 'job-status': 'failure' });
    expect(failed.exitCode).toBe(0);
    expect(failed.masks).toEqual(expect.arrayContaining([url, onFailure]));
    expect(unmasked(failed.stdout)).not.toContain(url);
    expect(unmasked(failed.stdout)).not.toContain(onFailure);
    expect(failed.stdout).toContain('Posted the failed alert through the failure webhook.');
    const [main] = slack.messages(channel);
    expect(main?.text).toMatch(/^<!subteam\^S0ONCALL> .*Deploy v5\.0\.0 to production failed/);
    expect(JSON.stringify(main?.blocks)).toContain('*Faster* deploys &lt;!channel&gt;');
    const alerts = slack.messages(oncall);
    expect(alerts).toHaveLength(1);
    expect(mentionsIn(messageTexts(alerts[0] ?? { text: '' }).join('\n'))).toEqual([
      '<!subteam^S0ONCALL>',
      '<!subteam^S0ONCALL>',
    ]);
    expect(JSON.stringify(alerts[0]?.blocks)).not.toContain('Faster'); // an alert with links, not the notes again
    expect(failed.summary).toContain('Posted the failed alert through the failure webhook.');

    const rolledBack = await notify({ ...inputs, status: 'rolled-back' });
    expect(rolledBack.exitCode).toBe(0);
    expect(slack.messages(oncall)).toHaveLength(2);
    const succeeded = await notify({ ...inputs, status: 'succeeded' });
    expect(succeeded.exitCode).toBe(0);
    expect(slack.messages(channel)).toHaveLength(3);
    expect(slack.messages(oncall)).toHaveLength(2);
    expect(slack.violations).toEqual([]);
  });

  it('a failure webhook that Slack rejects is a warning; the main message is still delivered', async () => {
    const channel = newChannel();
    const nowhere = `${slack.webhookUrl(channel).replace(/\/[^/]+$/, '')}/nowhere-secret`;
    const result = await notify({
      'webhook-url': slack.webhookUrl(channel),
      'webhook-url-on-failure': nowhere,
      status: 'failed',
      version: '5.0.1',
    });
    expect(result.exitCode).toBe(0);
    expect(slack.messages(channel)).toHaveLength(1);
    const warning = result.annotations.find((a) => a.level === 'warning' && /failure webhook/.test(a.message));
    expect(warning?.message).toMatch(/^Slack: alert through the failure webhook: .*HTTP 404\): no_service/);
    expect(result.masks).toContain(nowhere);
    expect(unmasked(result.stdout)).not.toContain('nowhere-secret');
    expect(result.summary).not.toContain('nowhere-secret');
  });

  it('renders a custom template with escaped placeholder values', async () => {
    const channel = newChannel();
    const result = await notify({
      'webhook-url': slack.webhookUrl(channel),
      status: 'started',
      version: '4.0.0',
      template: 'Shipping **{version}** to {environment} — {reason} ([run]({run_url}))',
      reason: '<!channel> & friends',
    });
    expect(result.exitCode).toBe(0);
    const body = JSON.stringify(slack.messages(channel)[0]?.blocks);
    expect(body).toContain(
      'Shipping *v4.0.0* to production — &lt;!channel&gt; &amp; friends (<https://github.com/octo-org/octo-repo/actions/runs/4242|run>)',
    );
    expectNoPings(slack.messages(channel).flatMap((m) => messageTexts(m)));
  });

  it('cuts notes that do not fit into one message and links the full release', async () => {
    const channel = newChannel();
    const dir = mkdtempSync(join(tmpdir(), 'notify-notes-'));
    // Sections separated by rules: every rule is a divider block, so 60 short sections overflow 50 blocks.
    const big = Array.from({ length: 60 }, (_, i) => `## Section ${i}\n\n- change ${i}\n\n---\n`).join('\n');
    writeFileSync(join(dir, 'NOTES.md'), big);
    const result = await notify(
      {
        'webhook-url': slack.webhookUrl(channel),
        status: 'succeeded',
        version: '9.9.9',
        'notes-file': 'NOTES.md',
        'release-url': 'https://github.com/o/r/releases/tag/v9.9.9',
      },
      { workspace: dir },
    );
    expect(result.exitCode).toBe(0);
    const message = slack.messages(channel)[0];
    expect(message?.blocks?.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(message?.blocks)).toContain(
      '<https://github.com/o/r/releases/tag/v9.9.9|the full release notes>',
    );
    expect(slack.violations).toEqual([]);
  });

  it('a 500 ends in a warning after one attempt (webhooks are at most once), and the step succeeds', async () => {
    const channel = newChannel();
    slack.fault('webhook', { status: 500, times: Infinity });
    const before = slack.count('webhook');
    const result = await notify({ 'webhook-url': slack.webhookUrl(channel), status: 'started', timeout: 2 });
    expect(result.exitCode).toBe(0);
    const warning = result.annotations.find((a) => /not delivered/.test(a.message));
    expect(warning?.message).toMatch(
      /HTTP 500.*the message may have been posted: an incoming webhook is posted at most once/,
    );
    expect(slack.count('webhook') - before).toBe(1);
  });

  it('a webhook that never answers is abandoned after its request timeout, once', async () => {
    const channel = newChannel();
    slack.fault('webhook', { delayMs: 5000 });
    const before = slack.count('webhook');
    const result = await notify({ 'webhook-url': slack.webhookUrl(channel), status: 'started', timeout: 1 });
    expect(result.exitCode).toBe(0);
    expect(result.annotations.find((a) => /not delivered/.test(a.message))?.message).toMatch(
      /connection failed: no answer within 1000 ms; the message may have been posted/,
    );
    expect(slack.count('webhook') - before).toBe(1);
  });

  it('invalid_blocks is reported with the code and how to inspect the payload; 4xx is not retried', async () => {
    const channel = newChannel();
    slack.fault('webhook', { error: 'invalid_blocks' });
    const url = slack.webhookUrl(channel);
    const before = slack.count('webhook');
    const result = await notify({ 'webhook-url': url, status: 'started', 'fail-on-error': true });
    expect(result.exitCode).toBe(1);
    expect(result.failure).toMatch(
      /HTTP 400\): invalid_blocks — Slack rejected the Block Kit layout: run `shipshape notify render/,
    );
    expect(slack.count('webhook') - before).toBe(1);
    expect(unmasked(result.stdout)).not.toContain(url);
  });

  it('rejects bad input with a message naming the input, without printing the secret', async () => {
    const result = await notify({ 'webhook-url': 'not a url secret-value', status: 'started' });
    expect(result.exitCode).toBe(1);
    expect(result.failure).toMatch(/Input 'webhook-url' is invalid/);
    expect(unmasked(result.stdout)).not.toContain('secret-value');
    const bad = await notify({ 'webhook-url': slack.webhookUrl(), status: 'done' });
    expect(bad.failure).toMatch(/Input 'status' is invalid: expected one of 'started'/);
  });
});

/**
 * Characters of text in a message's blocks, counted as Slack counts them for msg_blocks_too_long: every `text` field.
 */
function blocksText(blocks: unknown[] | undefined): number {
  let total = 0;
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === 'object') {
      for (const [key, value] of Object.entries(v)) {
        if (key === 'text' && typeof value === 'string') total += value.length;
        else visit(value);
      }
    }
  };
  visit(blocks);
  return total;
}

/**
 * About 200 KB of release notes: paragraphs that fill sections to the brim. Passed as a file (an environment variable
 * that large cannot be spawned).
 */
const LARGE_NOTES = Array.from(
  { length: 400 },
  (_, i) => `- Change ${i}: ${'the deploy now waits for the staging smoke tests before it starts; '.repeat(7)}`,
).join('\n');
function largeNotesWorkspace(): string {
  const workspace = mkdtempSync(join(tmpdir(), 'notify-large-'));
  writeFileSync(join(workspace, 'NOTES.md'), LARGE_NOTES);
  return workspace;
}

describe("deploy-notify with notes larger than Slack's total text per message", () => {
  // Slack refuses a message whose blocks hold too much text in total (msg_blocks_too_long; see the emulator's
  // BLOCK_KIT_LIMITS.totalText and its sources): the notes are split by a budget of 10,000 characters per message.
  it('with a bot token, the notes go into thread replies that Slack accepts, each within 10,000 characters', async () => {
    const channel = newChannel();
    const result = await notify(
      { ...bot(channel), status: 'started', version: '7.0.0', 'notes-file': 'NOTES.md' },
      { workspace: largeNotesWorkspace() },
    );
    expect(result.exitCode).toBe(0);
    expect(result.annotations.filter((a) => a.level === 'warning')).toEqual([]);
    const [main] = slack.messages(channel);
    const replies = slack.replies(channel, main?.ts ?? '');
    expect(replies.length).toBeGreaterThan(5);
    for (const reply of replies) expect(blocksText(reply.blocks)).toBeLessThanOrEqual(10_000);
    expect(replies.map((r) => JSON.stringify(r.blocks)).join('')).toContain('Change 399');
  });

  it('with a webhook, the one message Slack accepts keeps within 10,000 characters and links to the rest', async () => {
    const channel = newChannel();
    const result = await notify(
      {
        'webhook-url': slack.webhookUrl(channel),
        status: 'started',
        version: '7.0.0',
        'notes-file': 'NOTES.md',
        'release-url': 'https://github.com/octo-org/octo-repo/releases/tag/v7.0.0',
      },
      { workspace: largeNotesWorkspace() },
    );
    expect(result.exitCode).toBe(0);
    expect(result.annotations.filter((a) => a.level === 'warning')).toEqual([]);
    const messages = slack.messages(channel);
    expect(messages).toHaveLength(1);
    expect(blocksText(messages[0]?.blocks)).toBeLessThanOrEqual(10_000);
    expect(JSON.stringify(messages[0]?.blocks)).toContain('The notes are longer than one Slack message');
  });
});

describe('deploy-notify re-runs in a busy channel', () => {
  // A re-run without message-ts finds its first attempt's message in conversations.history. Slack pages the history
  // (https://docs.slack.dev/apis/web-api/pagination): a channel busier than one page since the deploy started must not
  // make the re-run post a second message.
  it('finds the message of its first attempt behind 450 newer messages (three pages) and edits it', async () => {
    const channel = newChannel();
    const started = await notify({ ...bot(channel), status: 'started', version: '8.0.0' });
    expect(started.exitCode).toBe(0);
    const ts = started.outputs['message-ts'] ?? '';
    for (let i = 0; i < 450; i++) slack.addMessage(channel, { text: `chatter ${i}` });
    const rerun = await notify({ ...bot(channel), status: 'succeeded', version: '8.0.0' }, { runAttempt: 2 });
    expect(rerun.exitCode).toBe(0);
    expect(rerun.outputs['message-ts']).toBe(ts);
    expect(slack.message(channel, ts)?.edits).toHaveLength(1);
    expect(slack.messages(channel).filter((m) => m.metadata !== undefined)).toHaveLength(1);
    expect(
      slack.requests.filter(
        (r) => r.method === 'conversations.history' && (r.body as { channel?: string }).channel === channel,
      ).length,
    ).toBeGreaterThanOrEqual(3);
  });
  it('as a non-Marketplace app created after 2025-05-29 (history at 1 request per minute), the re-run warns that it may post twice', async () => {
    // https://docs.slack.dev/changelog/2025/05/29/rate-limit-changes-for-non-marketplace-apps: conversations.history at
    // Tier 1 (1 request per minute, 15 messages a page) for such apps; internal customer-built apps are not affected.
    const limited = await startSlackEmulator({ channels: ['C0LIMITED'], nonMarketplaceApp: true });
    try {
      const inputs = {
        token: limited.token,
        channel: 'C0LIMITED',
        'api-url': limited.apiUrl,
        version: '8.1.0',
        timeout: '5',
      };
      const started = await notify({ ...inputs, status: 'started' });
      expect(started.exitCode).toBe(0);
      const rerun = await notify({ ...inputs, status: 'succeeded' }, { runAttempt: 2 });
      expect(rerun.exitCode).toBe(0);
      const warning = rerun.annotations.find(
        (a) => a.level === 'warning' && /Could not look for an earlier message/.test(a.message),
      );
      expect(warning?.message).toMatch(
        /conversations\.history failed \(HTTP 429\).*use an internal app.*a re-run may post a second message/,
      );
      expect(limited.messages('C0LIMITED')).toHaveLength(2);
    } finally {
      await limited.close();
    }
  });
});
