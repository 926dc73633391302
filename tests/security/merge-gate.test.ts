import { describe, expect } from '@jest/globals';
import { startGitHubEmulator, type GitHubEmulator } from '@shipshape/testing/github-emulator';
import { webhookExample } from '@shipshape/testing/webhooks';
import {
  HOSTILE_MIXED,
  HTML_HOSTILE,
  concurrentCases,
  expectMaskedFirst,
  expectNoInjectedCommands,
  expectOnlyDeclaredOutputs,
  expectSecretsHidden,
  expectSummaryEscaped,
  hostileBlock,
  liveMarkdownNodes,
  runSecure,
} from './support';

/**
 * merge-gate's committed bundle fed a hostile pull request: title, body, branch names, labels and the merger's login
 * carry workflow commands, heredoc delimiters and HTML. GitHub refuses `:`, `[` and spaces in branch names
 * (git check-ref-format), but the gate escapes them anyway: the payload is data, not a promise.
 */

const ACTION = 'merge-gate';
const TOKEN = 'ghs_securitysuitetoken0000000000000000';
const REPO = 'octo-org/hostile-gate';

interface Case {
  action: string;
  pr: Record<string, unknown>;
  inputs: Record<string, string>;
  /** What the gate must still decide with the hostile text in place. */
  allowed: 'true' | 'false';
}

async function withGitHub(test: (github: GitHubEmulator) => Promise<void>): Promise<void> {
  const github = await startGitHubEmulator();
  try {
    await test(github);
    github.assertNoViolations();
  } finally {
    await github.close();
  }
}

function payloadFor(c: Case): Record<string, unknown> {
  const payload = webhookExample<Record<string, unknown> & { pull_request: Record<string, unknown> }>(
    'pull_request',
    c.action === 'closed' ? 'closed' : 'opened',
  );
  payload.action = c.action;
  Object.assign(payload.pull_request, { number: 5, ...c.pr });
  return payload;
}

const hostile = hostileBlock('\n');
const cases: [string, Case][] = [
  [
    'a WIP title and body carrying commands',
    {
      action: 'opened',
      pr: { title: `WIP: ${hostile}`, body: `Work in progress, do not merge\n${HOSTILE_MIXED}` },
      inputs: { wip: 'true', 'change-requests': 'off' },
      allowed: 'false',
    },
  ],
  [
    'branch names carrying commands and HTML, refused by a base rule',
    {
      action: 'opened',
      pr: {
        base: { ref: `master` },
        head: { ref: `feature/${HTML_HOSTILE}\n::error::fake pwned\r##[warning]pwned`, sha: 'a'.repeat(40) },
      },
      inputs: { 'base-rules': 'master: develop', 'change-requests': 'off' },
      allowed: 'false',
    },
  ],
  [
    'a hostile label outside the window (the override label does not match it)',
    {
      action: 'labeled',
      pr: { labels: [{ name: `::add-mask::pwned ${HTML_HOSTILE}` }] },
      inputs: {
        window: 'daily 00:00-24:00 UTC',
        blackout: new Date().toISOString().slice(0, 10),
        'override-label': 'out-of-band',
        'change-requests': 'off',
      },
      allowed: 'false',
    },
  ],
  [
    'a merge by a hostile login, reported after the merge',
    {
      action: 'closed',
      pr: {
        merged: true,
        state: 'closed',
        user: { login: 'dave' },
        merged_by: { login: `${HTML_HOSTILE}\n::error::fake pwned` },
      },
      inputs: { 'author-merges': 'true' },
      allowed: 'false',
    },
  ],
];

describe('merge-gate: hostile PR text', () => {
  concurrentCases(
    cases.map(([name, c]) => [
      `${name}: no injected workflow command, only declared outputs, token hidden, summary escaped`,
      () =>
        withGitHub(async (github) => {
          github.repo(REPO);
          const run = await runSecure({
            action: ACTION,
            apiUrl: github.url,
            repository: REPO,
            token: TOKEN,
            event: { name: 'pull_request', payload: payloadFor(c) },
            inputs: c.inputs,
          });
          expect(run.result.timedOut).toBe(false);
          expect(run.result.exitCode === 0 || run.result.exitCode === 1).toBe(true);
          expect(run.result.outputs.allowed).toBe(c.allowed);
          expectNoInjectedCommands(run.result, { masks: [TOKEN] });
          expectOnlyDeclaredOutputs(ACTION, run);
          expectMaskedFirst(run.result, [TOKEN]);
          expectSecretsHidden(run.result, [TOKEN]);
          expectSummaryEscaped(run.result.summary);
        }),
    ]),
  );
});

/** Markdown a reason or a branch name could carry: links, an image (a tracking pixel), autolinks, emphasis, HTML. */
const MARKDOWN_HOSTILE =
  '[Approved by CTO](https://evil.example/a) ![](https://evil.example/p.png) www.evil.example security@evil.example **bold** _em_ ~~gone~~ <b>html</b>';

describe('merge-gate: Markdown in an override reason or a branch name never renders (summary and comment)', () => {
  concurrentCases([
    [
      'a window override reason and a head branch full of Markdown: the summary shows them as text',
      () =>
        withGitHub(async (github) => {
          github.repo(REPO);
          const c: Case = {
            action: 'opened',
            pr: { base: { ref: 'master' }, head: { ref: `feature/${MARKDOWN_HOSTILE}`, sha: 'b'.repeat(40) } },
            inputs: {
              window: 'daily 00:00-24:00 UTC',
              blackout: new Date().toISOString().slice(0, 10),
              'override-reason': MARKDOWN_HOSTILE,
              'base-rules': 'master: develop',
              'change-requests': 'off',
            },
            allowed: 'false',
          };
          const run = await runSecure({
            action: ACTION,
            apiUrl: github.url,
            repository: REPO,
            token: TOKEN,
            event: { name: 'pull_request', payload: payloadFor(c) },
            inputs: c.inputs,
          });
          expect(run.result.outputs.allowed).toBe('false');
          expect(run.result.summary).toContain('Approved by');
          // The gate's own structure: the **blocks** verdict cells.
          expect(liveMarkdownNodes(run.result.summary, /\*\*blocks\*\*/g)).toEqual([]);
        }),
    ],
  ]);
});
