import { describe, expect, it } from '@jest/globals';
import { Inputs, mapInputSource } from '@shipshape/kit';
import { readSettings, runStartLowerBoundMs, secretInputs } from '../../../actions/deploy-notify/src/inputs';
import { webhookExample } from '@shipshape/testing/webhooks';

const files: Record<string, string> = { 'NOTES.md': '## Fixes\n\n- one\n' };
const read = (values: Record<string, string>) =>
  readSettings(new Inputs(mapInputSource({ status: 'auto', 'job-status': 'success', ...values })), {
    readFile: (p) => files[p],
  });
const WEBHOOK = { 'webhook-url': 'https://hooks.slack.com/services/T0/B0/secret' };
const BOT = { token: 'xoxb-123-abc', channel: 'C0123456789' };

describe('deploy-notify inputs', () => {
  it('reads a webhook transport with defaults', () => {
    const s = read(WEBHOOK);
    expect(s.transport).toEqual({ kind: 'webhook', url: WEBHOOK['webhook-url'], urlOnFailure: undefined });
    expect(s).toMatchObject({
      status: 'succeeded',
      environment: 'production',
      template: { kind: 'deploy' },
      failOnError: false,
      timeoutMs: 30_000,
      mentions: [],
    });
  });

  it('reads a failure webhook beside the webhook', () => {
    const onFailure = 'https://hooks.slack.com/services/T0/B9/oncall';
    expect(read({ ...WEBHOOK, 'webhook-url-on-failure': onFailure }).transport).toEqual({
      kind: 'webhook',
      url: WEBHOOK['webhook-url'],
      urlOnFailure: onFailure,
    });
  });

  it('reads a bot transport, mentions, notes from a file and a custom template', () => {
    const s = read({
      ...BOT,
      'channel-on-failure': 'C0ONCALL01',
      status: 'rolled-back',
      'message-ts': '1712345678.123456',
      mention: 'here',
      'mention-on-failure': '<!subteam^S0ONCALL>',
      'notes-file': 'NOTES.md',
      template: 'Deploying {version} — {reason}',
      timeout: '5',
    });
    expect(s.transport).toEqual({
      kind: 'bot',
      token: 'xoxb-123-abc',
      channel: 'C0123456789',
      channelOnFailure: 'C0ONCALL01',
      apiUrl: 'https://slack.com/api/',
    });
    expect(s).toMatchObject({
      status: 'rolled-back',
      messageTs: '1712345678.123456',
      mentions: ['<!here>'],
      mentionsOnFailure: ['<!subteam^S0ONCALL>'],
      notes: files['NOTES.md'],
      template: { kind: 'custom', text: 'Deploying {version} — {reason}' },
      timeoutMs: 5000,
    });
  });

  it('maps status: auto from the job status', () => {
    expect(read({ ...WEBHOOK, 'job-status': 'failure' }).status).toBe('failed');
    expect(read({ ...WEBHOOK, 'job-status': 'cancelled' }).status).toBe('cancelled');
    expect(() => read({ ...WEBHOOK, 'job-status': '' })).toThrow(
      /Input 'job-status' is invalid: expected the job status 'success', 'failure' or 'cancelled'/,
    );
  });

  it.each([
    [{}, /Input 'webhook-url' is required: expected an incoming-webhook URL, or a bot `token`/],
    [{ ...WEBHOOK, ...BOT }, /either `webhook-url` or `token` with `channel`, not both/],
    [{ 'webhook-url': 'hooks.slack.com/secret' }, /Input 'webhook-url' is invalid: .*not shown/],
    [
      { token: 'secret-token-value', channel: 'C0123456789' },
      /Input 'token' is invalid: expected a Slack bot token .*not shown/,
    ],
    [{ token: 'xoxb-1' }, /Input 'channel' is required/],
    [{ ...BOT, channel: '#deploys' }, /Input 'channel' is invalid: expected a channel ID .*"#deploys"/],
    [{ ...WEBHOOK, status: 'done' }, /Input 'status' is invalid: expected one of 'started', 'succeeded'/],
    [{ ...WEBHOOK, 'message-ts': '12.3' }, /Input 'message-ts' is invalid/],
    [{ ...WEBHOOK, mention: '@alice' }, /Input 'mention' is invalid: expected mentions .*"@alice"/],
    [
      { ...WEBHOOK, template: 'freez' },
      /Input 'template' is invalid: expected 'deploy', 'freeze', 'unfreeze', or the text of a custom template/,
    ],
    [{ ...WEBHOOK, notes: 'x', 'notes-file': 'NOTES.md' }, /either `notes` or `notes-file`/],
    [{ ...WEBHOOK, 'notes-file': 'MISSING.md' }, /Input 'notes-file' is invalid: expected the path of a Markdown file/],
    [{ ...WEBHOOK, 'release-url': 'javascript:alert(1)' }, /Input 'release-url' is invalid/],
    [{ ...WEBHOOK, timeout: '0' }, /Input 'timeout' is invalid: expected a whole number of seconds from 1 to 600/],
    [
      { ...WEBHOOK, 'webhook-url-on-failure': 'ftp://hooks.example/secret' },
      /Input 'webhook-url-on-failure' is invalid: expected an incoming-webhook URL .*not shown/,
    ],
    [
      { ...BOT, 'webhook-url-on-failure': WEBHOOK['webhook-url'] },
      /Input 'webhook-url-on-failure' is invalid: expected nothing with a bot `token`: use `channel-on-failure`/,
    ],
    [
      { 'webhook-url-on-failure': WEBHOOK['webhook-url'] },
      /Input 'webhook-url-on-failure' is invalid: expected a `webhook-url` too/,
    ],
    [
      { ...WEBHOOK, 'channel-on-failure': 'C0ONCALL01' },
      /Input 'channel-on-failure' is invalid: expected a channel ID with a bot `token` only; with `webhook-url`, the failure channel is `webhook-url-on-failure`/,
    ],
  ])('rejects bad input with a message naming the input (%#)', (...row) => {
    const [values, message] = row as [Record<string, string>, RegExp];
    expect(() => read(values)).toThrow(message);
  });

  it('never repeats a secret in an error', () => {
    const attempts: Record<string, string>[] = [
      { 'webhook-url': 'nope secret-value' },
      { token: 'secret-value', channel: 'C0123456789' },
      { ...WEBHOOK, 'webhook-url-on-failure': 'nope secret-value' },
      { ...BOT, 'webhook-url-on-failure': 'https://hooks.slack.com/services/secret-value' },
    ];
    for (const values of attempts) {
      let message = '';
      try {
        read(values);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/^Input '(webhook-url|token|webhook-url-on-failure)' is invalid/);
      expect(message).not.toContain('secret-value');
    }
  });

  it('lists the secrets to mask before validation, with the pieces that identify them on their own', () => {
    expect(secretInputs(new Inputs(mapInputSource({ ...WEBHOOK, token: ' xoxb-1 ' })))).toEqual([
      WEBHOOK['webhook-url'],
      '/services/T0/B0/secret',
      'T0/B0/secret',
      'xoxb-1',
    ]);
    const long = 'https://hooks.slack.com/services/T0123ABCD/B0456EFGH/abcdefghijklmnopqrstuvwx';
    expect(
      secretInputs(
        new Inputs(
          mapInputSource({
            'webhook-url': long,
            'webhook-url-on-failure': 'https://hooks.example/f',
            token: 'xoxb-1234567890-abcdefghij',
          }),
        ),
      ),
    ).toEqual([
      long,
      '/services/T0123ABCD/B0456EFGH/abcdefghijklmnopqrstuvwx',
      'T0123ABCD/B0456EFGH/abcdefghijklmnopqrstuvwx',
      'T0123ABCD',
      'B0456EFGH',
      'abcdefghijklmnopqrstuvwx',
      'https://hooks.example/f',
      'xoxb-1234567890-abcdefghij',
      '1234567890-abcdefghij',
    ]);
  });

  it('masks a webhook URL holding a tab both as given and as URL parsing normalises it (the tab removed)', () => {
    const withTab = 'https://hooks.slack.com/services/T0123ABCD/B0456EFGH/abcdefghijkl\tmnopqrstuvwx';
    const secrets = secretInputs(new Inputs(mapInputSource({ 'webhook-url': withTab })));
    expect(secrets).toContain(withTab);
    expect(secrets).toContain('https://hooks.slack.com/services/T0123ABCD/B0456EFGH/abcdefghijklmnopqrstuvwx');
    expect(secrets).toContain('abcdefghijklmnopqrstuvwx');
  });
});

describe('the run start bound for the history search', () => {
  it('reads the server-set time of the triggering event, from the real example payloads GitHub publishes', () => {
    const push = webhookExample<Record<string, { pushed_at?: number }>>('push');
    expect(runStartLowerBoundMs(push)).toBe((push.repository?.pushed_at ?? 0) * 1000);
    const release = webhookExample<{ release: { published_at: string } }>('release', 'published');
    expect(runStartLowerBoundMs(release)).toBe(Date.parse(release.release.published_at));
    const pr = webhookExample<{ pull_request: { updated_at: string } }>('pull_request', 'opened');
    expect(runStartLowerBoundMs(pr)).toBe(Date.parse(pr.pull_request.updated_at));
  });

  it('never reads a commit time (its author sets it) and gives undefined without a server time', () => {
    expect(runStartLowerBoundMs({ head_commit: { timestamp: '2030-01-01T00:00:00Z' } })).toBeUndefined();
    // A draft's created_at is its commit's date (GitHub's releases API docs), so a future-dated commit would move it.
    expect(
      runStartLowerBoundMs({ release: { published_at: null, created_at: '2030-01-01T00:00:00Z' } }),
    ).toBeUndefined();
    expect(runStartLowerBoundMs({ inputs: {} })).toBeUndefined();
    expect(runStartLowerBoundMs(null)).toBeUndefined();
    expect(runStartLowerBoundMs({ repository: { pushed_at: 'garbage' } })).toBeUndefined();
  });
});
