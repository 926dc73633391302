import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import {
  messageTexts,
  startSlackEmulator,
  type SlackEmulator,
  type SlackFault,
} from '@shipshape/testing/slack-emulator';
import type { RunOptions } from '@shipshape/testing/runner';
import {
  DISGUISED_MARKDOWN_LINK,
  HOSTILE_MIXED,
  HTML_HOSTILE,
  SLACK_HOSTILE,
  concurrentCases,
  expectMaskedFirst,
  expectNoInjectedCommands,
  expectNoSlackInjection,
  expectOnlyDeclaredOutputs,
  expectSecretsHidden,
  expectSummaryEscaped,
  hostileBlock,
  runSecure,
  type SecureRun,
} from './support';
import { DISGUISED, linksIn } from '../unit/slack/disguised-link-variants';

/**
 * deploy-notify's committed bundle against the Slack emulator with hostile release notes, version, actor and reason:
 * workflow commands, Slack mentions (live and entity-encoded) and disguised links. Both transports (bot token and
 * incoming webhook) and every template. Only the `mention` inputs may ping; the token and webhook URL are masked
 * before anything else is printed and never shown, including when Slack fails.
 */

const ACTION = 'deploy-notify';
const CHANNEL = 'C0SECURITY';
const ONCALL = 'C0ONCALL';
const BOT_TOKEN = 'xoxb-1234567890-securitysuite-abcdefABCDEF';

/** Release notes as a changelog section would carry them: Markdown, mentions, disguised links and command lines. */
const HOSTILE_NOTES = [
  '## Features',
  '',
  `- **Faster** deploys ${SLACK_HOSTILE}`,
  `- [bank](https://evil.example) and <https://evil.example|https://good.example>`,
  `- ${HTML_HOSTILE}`,
  hostileBlock('\n'),
  '',
  '```',
  SLACK_HOSTILE,
  '```',
  '',
  `> ${SLACK_HOSTILE}`,
  '',
  HOSTILE_MIXED,
].join('\n');

/** One-line hostile values for version, actor and reason (they reach headers, fields and the fallback text). */
const HOSTILE_ONE_LINE = `1.2.3 ${SLACK_HOSTILE} ${HTML_HOSTILE} %0A::warning::pwned`;
const HOSTILE_MULTI_LINE = `1.2.3\n::error::fake pwned\r\n::add-mask::pwned\r<!channel>\n&lt;!here&gt;`;

interface Lab {
  slack: SlackEmulator;
  notify(inputs: RunOptions['inputs'], extra?: Partial<RunOptions>): Promise<SecureRun>;
  workspace: string;
}

async function withSlack(test: (lab: Lab) => Promise<void>): Promise<void> {
  const slack = await startSlackEmulator({ channels: [CHANNEL, ONCALL], token: BOT_TOKEN });
  try {
    const workspace = mkdtempSync(join(tmpdir(), 'security-notify-'));
    const notify = (inputs: RunOptions['inputs'], extra: Partial<RunOptions> = {}) =>
      runSecure({
        action: ACTION,
        repository: 'octo-org/notified',
        runId: 6161,
        workspace,
        timeoutMs: 30_000,
        ...extra,
        inputs,
      });
    await test({ slack, notify, workspace });
  } finally {
    await slack.close();
  }
}

const bot = (slack: SlackEmulator): Record<string, string> => ({
  token: slack.token,
  channel: CHANNEL,
  'api-url': slack.apiUrl,
});

/**
 * What `${{ github.token }}` expands to in the harness: deploy-notify's `github-token` (the failure alert reads the
 * shipped pull requests with it) is a secret like the Slack credentials.
 */
const GITHUB_TOKEN = 'ghs_testtoken000000000000000000000000';

/** The checks every run must pass. */
function expectSafe(run: SecureRun, slackSecrets: string[]): void {
  const secrets = [...slackSecrets, GITHUB_TOKEN];
  expect(run.result.timedOut).toBe(false);
  expectNoInjectedCommands(run.result, { masks: secrets });
  expectOnlyDeclaredOutputs(ACTION, run);
  expectMaskedFirst(run.result, secrets);
  expectSecretsHidden(run.result, secrets);
  expectSummaryEscaped(run.result.summary);
}

const hostileActor = {
  GITHUB_ACTOR: `octocat ${SLACK_HOSTILE}`,
  GITHUB_TRIGGERING_ACTOR: `<!channel>\n::error::fake pwned <@U123>`,
};

describe('deploy-notify: hostile notes, version, actor and reason reach neither a live mention nor a command', () => {
  const lifecycle =
    (transport: 'bot' | 'webhook', version: string) =>
    async ({ slack, notify }: Lab) => {
      const url = transport === 'webhook' ? slack.webhookUrl(CHANNEL) : '';
      const secret = transport === 'webhook' ? url : slack.token;
      const base = transport === 'webhook' ? { 'webhook-url': url } : bot(slack);
      const common = {
        version,
        environment: 'production',
        reason: HOSTILE_ONE_LINE,
        mention: 'here',
        'mention-on-failure': '<!subteam^S0ONCALL>',
      };
      const started = await notify(
        { ...base, ...common, status: 'started', notes: HOSTILE_NOTES },
        { env: hostileActor },
      );
      expect(started.result.exitCode).toBe(0);
      expectSafe(started, [secret]);
      const ts = started.result.outputs['message-ts'] ?? '';
      const failed = await notify(
        {
          ...base,
          ...common,
          status: 'failed',
          notes: HOSTILE_NOTES,
          ...(transport === 'bot' ? { 'message-ts': ts, 'channel-on-failure': ONCALL } : {}),
        },
        { env: hostileActor },
      );
      expect(failed.result.exitCode).toBe(0);
      expectSafe(failed, [secret]);
      const all = [...slack.allMessages(CHANNEL), ...slack.allMessages(ONCALL)];
      expect(all.length).toBeGreaterThanOrEqual(2);
      // The hostile text did reach Slack, as text: something of the notes arrived, defused.
      expect(all.flatMap((m) => messageTexts(m)).join('\n')).toMatch(/Faster/);
      expectNoSlackInjection(slack, [CHANNEL, ONCALL], ['<!here>', '<!subteam^S0ONCALL>']);
      expect(slack.violations).toEqual([]);
    };

  concurrentCases([
    ['bot token, one-line hostile version: started → failed', () => withSlack(lifecycle('bot', HOSTILE_ONE_LINE))],
    ['bot token, multi-line hostile version: started → failed', () => withSlack(lifecycle('bot', HOSTILE_MULTI_LINE))],
    ['webhook, one-line hostile version: started → failed', () => withSlack(lifecycle('webhook', HOSTILE_ONE_LINE))],
    [
      'webhook, multi-line hostile version: started → failed',
      () => withSlack(lifecycle('webhook', HOSTILE_MULTI_LINE)),
    ],
    [
      'notes from a file (notes-file) with CRLF and lone CR',
      () =>
        withSlack(async ({ slack, notify, workspace }) => {
          writeFileSync(join(workspace, 'NOTES.md'), `${HOSTILE_NOTES.replace(/\n/g, '\r\n')}\r${hostileBlock('\r')}`);
          const run = await notify(
            { ...bot(slack), status: 'succeeded', version: '1.2.3', 'notes-file': 'NOTES.md' },
            { env: hostileActor },
          );
          expect(run.result.exitCode).toBe(0);
          expectSafe(run, [slack.token]);
          expectNoSlackInjection(slack, [CHANNEL]);
        }),
    ],
    [
      'freeze → unfreeze with a hostile reason',
      () =>
        withSlack(async ({ slack, notify }) => {
          const freeze = await notify({
            ...bot(slack),
            template: 'freeze',
            reason: `${HOSTILE_MULTI_LINE} ${SLACK_HOSTILE}`,
            mention: 'channel',
          });
          expect(freeze.result.exitCode).toBe(0);
          expectSafe(freeze, [slack.token]);
          const unfreeze = await notify({
            ...bot(slack),
            template: 'unfreeze',
            reason: SLACK_HOSTILE,
            'message-ts': freeze.result.outputs['message-ts'] ?? '',
          });
          expect(unfreeze.result.exitCode).toBe(0);
          expectSafe(unfreeze, [slack.token]);
          expectNoSlackInjection(slack, [CHANNEL], ['<!channel>']);
        }),
    ],
    [
      'a custom template whose placeholders are filled with hostile values',
      () =>
        withSlack(async ({ slack, notify }) => {
          const url = slack.webhookUrl(CHANNEL);
          const template =
            'Shipping **{version}** to {environment} by {actor}: {reason} ([release]({release_url}), [run]({run_url}))';
          const run = await notify(
            {
              'webhook-url': url,
              status: 'started',
              template,
              version: HOSTILE_ONE_LINE,
              environment: 'prod <!here>',
              reason: HOSTILE_MULTI_LINE,
              'release-url': 'https://evil.example|https://github.com',
            },
            { env: hostileActor },
          );
          expectSafe(run, [url]);
          expectNoSlackInjection(slack, [CHANNEL]);
        }),
    ],
  ]);
});

describe('deploy-notify: a Markdown link whose label is another URL', () => {
  // `[https://good.example](https://evil.example)` in the notes must not become `<https://evil.example/|https://good.example>`:
  // packages/slack/src/mrkdwn.ts shows both addresses instead.
  it('is not rendered as a link that shows one URL and opens another', async () => {
    await withSlack(async ({ slack, notify }) => {
      const run = await notify({
        ...bot(slack),
        status: 'succeeded',
        version: '1.2.3',
        notes: `- Docs moved: ${DISGUISED_MARKDOWN_LINK}`,
      });
      expect(run.result.exitCode).toBe(0);
      expect(
        slack
          .allMessages(CHANNEL)
          .flatMap((m) => messageTexts(m))
          .join('\n'),
      ).toMatch(/evil\.example/);
      expectNoSlackInjection(slack, [CHANNEL]);
    });
  });
});

describe('deploy-notify: disguised links, every variant (issue 15, item 5)', () => {
  // Zero-width characters, soft hyphens, look-alike letters and dots, trailing dots, spaces around the dot, nested
  // autolinks, mailto labels: none may leave a link whose label reads as an address other than its target.
  it('shows each real target as itself, through the bundle, in the thread and under a webhook message', async () => {
    await withSlack(async ({ slack, notify }) => {
      const notes = DISGUISED.map((v) => `- ${v.name}: ${v.markdown}`).join('\n');
      const viaBot = await notify({ ...bot(slack), status: 'succeeded', version: '1.2.3', notes });
      expect(viaBot.result.exitCode).toBe(0);
      const viaWebhook = await notify({
        'webhook-url': slack.webhookUrl(CHANNEL),
        status: 'succeeded',
        version: '1.2.3',
        notes,
      });
      expect(viaWebhook.result.exitCode).toBe(0);
      const texts = slack.allMessages(CHANNEL).flatMap((m) => messageTexts(m));
      const links = texts.flatMap((t) => linksIn(t));
      for (const variant of DISGUISED) {
        const labelled = links.filter((l) => l.target === variant.target && l.label !== undefined);
        expect({ variant: variant.name, labelled }).toEqual({ variant: variant.name, labelled: [] });
        expect({
          variant: variant.name,
          shown: links.some((l) => l.target === variant.target && l.label === undefined),
        }).toEqual({ variant: variant.name, shown: true });
      }
      expectNoSlackInjection(slack, [CHANNEL]);
    });
  });
});

describe('deploy-notify: template and link syntax (issue 15, item 12)', () => {
  it('a `|` or `>` in a placeholder value inside a template link takes over neither the URL nor the label', async () => {
    await withSlack(async ({ slack, notify }) => {
      const template =
        'Docs: [notes for {version}](https://docs.example/releases/{version}) and [{reason}](https://docs.example/why)';
      const run = await notify({
        'webhook-url': slack.webhookUrl(CHANNEL),
        status: 'started',
        template,
        version: '1.0|https://good.example',
        reason: 'x>https://good.example|y',
      });
      expect(run.result.exitCode).toBe(0);
      const links = slack
        .allMessages(CHANNEL)
        .flatMap((m) => messageTexts(m))
        .flatMap((t) => linksIn(t));
      // The value stays inside the URL, percent-encoded: the link opens the docs page it was meant to open.
      expect(links.filter((l) => l.target.startsWith('https://docs.example/releases/')).map((l) => l.target)).toEqual([
        'https://docs.example/releases/v1.0%7Chttps%3A%2F%2Fgood.example',
      ]);
      // Labels that now read as another address (both values carry https://good.example) are shown next to the real target.
      expect(links.filter((l) => l.target.startsWith('https://docs.example/') && l.label !== undefined)).toEqual([]);
      expect(links.some((l) => l.target === 'https://docs.example/why')).toBe(true);
      expectNoSlackInjection(slack, [CHANNEL]);
    });
  });
});

describe('deploy-notify: the token and the webhook URL when Slack fails', () => {
  const botFaults: [string, SlackFault][] = [
    ['ok:false invalid_auth', { error: 'invalid_auth' }],
    ['ok:false channel_not_found', { error: 'channel_not_found' }],
    ['HTTP 400', { status: 400, error: 'invalid_arguments' }],
    ['every request 503', { status: 503, times: Infinity }],
  ];
  const webhookFaults: [string, SlackFault][] = [
    ['404 no_service', { error: 'no_service', status: 404 }],
    ['403 invalid_token', { error: 'invalid_token', status: 403 }],
    ['400 invalid_payload', { error: 'invalid_payload' }],
    ['every request 500', { status: 500, times: Infinity }],
  ];

  concurrentCases([
    ...botFaults.map(
      ([name, fault]) =>
        [
          `bot token, ${name}, fail-on-error: the error names the call, never the token`,
          () =>
            withSlack(async ({ slack, notify }) => {
              slack.fault('chat.postMessage', fault);
              const run = await notify({
                ...bot(slack),
                status: 'started',
                version: '1.2.3',
                'fail-on-error': 'true',
                timeout: '2',
              });
              expect(run.result.exitCode).toBe(1);
              expect(run.result.failure).toMatch(/chat\.postMessage/);
              expectSafe(run, [slack.token]);
            }),
        ] as const,
    ),
    ...webhookFaults.map(
      ([name, fault]) =>
        [
          `webhook, ${name}, fail-on-error: the error never shows the URL or its secret path`,
          () =>
            withSlack(async ({ slack, notify }) => {
              slack.fault('webhook', fault);
              const url = slack.webhookUrl(CHANNEL);
              const run = await notify({
                'webhook-url': url,
                status: 'started',
                version: '1.2.3',
                'fail-on-error': 'true',
                timeout: '2',
              });
              expect(run.result.exitCode).toBe(1);
              expect(run.result.failure).toBeDefined();
              expectSafe(run, [url]);
            }),
        ] as const,
    ),
    ...[404, 500].map(
      (status) =>
        [
          `webhook, an endpoint answering ${status} with the request path ("Cannot POST /services/T…/B…/…"): the secret path is never shown`,
          () =>
            withSlack(async ({ slack, notify }) => {
              slack.fault('webhook', { status, echoPath: true, times: Infinity });
              const url = slack.webhookUrl(CHANNEL);
              const run = await notify({
                'webhook-url': url,
                status: 'started',
                version: '1.2.3',
                'fail-on-error': 'true',
                timeout: '2',
              });
              expect(run.result.exitCode).toBe(1);
              expect(run.result.failure).toMatch(/incoming webhook failed \(HTTP \d+\)/);
              expectSafe(run, [url]);
            }),
        ] as const,
    ),
    [
      'webhook URL with a tab inside its secret (URL parsing strips it): the normalised URL is masked too, and never shown',
      () =>
        withSlack(async ({ slack, notify }) => {
          const url = slack.webhookUrl(CHANNEL);
          const withTab = `${url.slice(0, -6)}\t${url.slice(-6)}`;
          slack.fault('webhook', { status: 404, echoPath: true, times: Infinity });
          const run = await notify({
            'webhook-url': withTab,
            status: 'started',
            version: '1.2.3',
            'fail-on-error': 'true',
            timeout: '2',
          });
          expect(run.result.exitCode).toBe(1);
          // The emulator saw the normalised path: the tab was stripped before the request.
          expect(slack.requests[0]?.path).toBe(new URL(url).pathname);
          expectSafe(run, [withTab, url]);
        }),
    ],
    [
      'webhook, connection refused (nothing listens), without fail-on-error: a warning that never shows the URL',
      () =>
        withSlack(async ({ notify }) => {
          const url = 'http://127.0.0.1:9/services/T0SECRET01/B0SECRET02/abcdefghijklmnopqrstuvwx';
          const run = await notify({ 'webhook-url': url, status: 'started', version: '1.2.3', timeout: '2' });
          expect(run.result.exitCode).toBe(0);
          expect(run.result.annotations.some((a) => a.level === 'warning')).toBe(true);
          expectSafe(run, [url]);
        }),
    ],
    [
      'bot token, Slack API unreachable: a warning that never shows the token',
      () =>
        withSlack(async ({ notify }) => {
          const token = 'xoxb-9999999999-unreachable-ZYXWVUTSRQPO';
          const run = await notify({
            token,
            channel: CHANNEL,
            'api-url': 'http://127.0.0.1:9/api/',
            status: 'started',
            version: '1.2.3',
            timeout: '2',
          });
          expect(run.result.exitCode).toBe(0);
          expectSafe(run, [token]);
        }),
    ],
    [
      'an invalid input next to the secret: the error names the input, the secret is masked first and never shown',
      () =>
        withSlack(async ({ slack, notify }) => {
          const url = slack.webhookUrl(CHANNEL);
          const run = await notify({ 'webhook-url': url, status: 'exploded', version: '1.2.3' });
          expect(run.result.exitCode).toBe(1);
          expect(run.result.failure).toMatch(/status/);
          expectSafe(run, [url]);
        }),
    ],
  ]);
});
