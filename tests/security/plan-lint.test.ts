import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  runSecure,
  type SecureRun,
} from './support';

/**
 * plan-lint's committed bundle fed a hostile PR: title and body carry workflow commands, heredoc delimiters and
 * HTML. The PR is read live from the GitHub emulator (the payload's copy is stale, as the action must not trust it).
 */

const ACTION = 'plan-lint';
const TOKEN = 'ghs_securitysuitetoken0000000000000000';

const plan = (hostile: string, eol: string): string =>
  [
    '## Solution',
    '**Original issue and supporting materials**: #12',
    `**Downsides**: ${hostile}`,
    '## Roll-out plan',
    '**Deployment risks**: N/A',
    '**Deployment assistants**: @ops',
    '**Backing services related changes**: none',
    '**Backuping steps**: snapshot the orders table',
    '**Deployment steps**:',
    '  1. [ ] run the migration',
    '## Verification plan',
    hostile,
    '## Rollback strategy',
    'Revert the merge and redeploy.',
    hostile,
    '',
  ].join(eol);

interface Case {
  title: string;
  body: string;
  draft?: boolean;
  inputs?: Record<string, string>;
}

async function lintHostile(github: GitHubEmulator, c: Case): Promise<SecureRun> {
  github
    .repo('octo-org/hostile-plan')
    .addPullRequest({ number: 5, title: c.title, body: c.body, draft: c.draft ?? false });
  return lintAgain(github, c);
}

/** Runs the bundle on PR #5 as it is now in the emulator (`c` only shapes the event payload). */
async function lintAgain(github: GitHubEmulator, c: Case): Promise<SecureRun> {
  const repo = 'octo-org/hostile-plan';
  const payload = webhookExample<Record<string, unknown> & { pull_request: Record<string, unknown> }>(
    'pull_request',
    'opened',
  );
  payload.number = 5;
  payload.pull_request.number = 5;
  payload.pull_request.title = c.title;
  payload.pull_request.body = c.body;
  return runSecure({
    action: ACTION,
    apiUrl: github.url,
    repository: repo,
    token: TOKEN,
    workspace: mkdtempSync(join(tmpdir(), 'security-plan-')),
    event: { name: 'pull_request', payload },
    inputs: { comment: 'true', ...c.inputs },
  });
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

const cases: [string, Case][] = [
  [
    'a filled plan whose sections carry command lines (LF)',
    { title: 'Export orders', body: plan(hostileBlock('\n'), '\n') },
  ],
  [
    'a filled plan whose sections carry command lines (CRLF)',
    { title: 'Export orders', body: plan(hostileBlock('\r\n'), '\r\n') },
  ],
  ['a plan with lone-CR line breaks', { title: 'Export orders', body: plan(hostileBlock('\r'), '\r') }],
  ['a plan mixing LF, CRLF and CR', { title: 'Export orders', body: plan(HOSTILE_MIXED, '\n') }],
  [
    'a failing plan (rollback missing) whose text carries commands',
    { title: '::error::fake pwned', body: plan(hostileBlock('\n'), '\n').replace(/## Rollback strategy[\s\S]*$/, '') },
  ],
  [
    'a WIP title carrying commands, fail-on-wip',
    {
      title: 'WIP: ::set-output name=valid::pwned\n::error::fake pwned\r::add-mask::pwned',
      body: plan(hostileBlock('\n'), '\n'),
      inputs: { 'fail-on-wip': 'true' },
    },
  ],
  [
    'a draft with a hostile, empty plan',
    {
      title: '[WIP] %0A::warning::pwned',
      body: `${hostileBlock('\r\n')}\r\n## Rollback strategy\r\nTODO ::error::fake pwned\r\n`,
      draft: true,
    },
  ],
  ['a body that is only hostile lines', { title: '  ::notice::fake pwned', body: hostileBlock('\n') }],
  // A near miss quotes the heading it found (issue 17 item 2): the quote must not carry a command, a mask or HTML.
  [
    'a near-miss heading carrying commands and HTML, quoted in the misnamed message',
    {
      title: 'Export orders, renamed rollback',
      body: plan('fine', '\n').replace(
        '## Rollback strategy',
        `## Rollback ::add-mask::pwned ##[warning]pwned %0A::error::fake pwned ${HTML_HOSTILE}`,
      ),
    },
  ],
];

describe('plan-lint: hostile PR text', () => {
  concurrentCases(
    cases.map(([name, c]) => [
      `${name}: no injected workflow command, only declared outputs, token hidden`,
      () =>
        withGitHub(async (github) => {
          const run = await lintHostile(github, c);
          expect(run.result.timedOut).toBe(false);
          expect(run.result.exitCode === 0 || run.result.exitCode === 1).toBe(true);
          expectNoInjectedCommands(run.result, { masks: [TOKEN] });
          expectOnlyDeclaredOutputs(ACTION, run);
          expect(['true', 'false']).toContain(run.result.outputs.valid);
          // The plan output is the PR's text, verbatim, inside a heredoc: the hostile lines are data there.
          if (run.result.outputs.plan !== undefined)
            expect(() => JSON.parse(run.result.outputs.plan ?? '') as unknown).not.toThrow();
          if (c.title === 'Export orders') expect(run.result.outputs.plan).toContain('ghadelimiter_00000000');
          expectMaskedFirst(run.result, [TOKEN]);
          expectSecretsHidden(run.result, [TOKEN]);
          expectSummaryEscaped(run.result.summary);
          if (c.title.includes('renamed')) {
            expect(run.result.outputs.problems).toMatch(/"code":"misnamed"/);
            expect(run.result.summary).toContain(
              'found &quot;Rollback add-mask pwned warning pwned 0A error fake pwned…&quot;',
            );
          }
        }),
    ]),
  );
});

describe('plan-lint: hostile HTML and Markdown in the job summary', () => {
  concurrentCases([
    [
      'HTML in the title and every section is escaped in the summary',
      () =>
        withGitHub(async (github) => {
          const body = plan(`${HTML_HOSTILE} | a | b |`, '\n').replace('Revert the merge and redeploy.', 'TODO');
          const run = await lintHostile(github, {
            title: `WIP: ${HTML_HOSTILE}`,
            body,
            inputs: { 'fail-on-wip': 'true' },
          });
          expect(run.result.exitCode).toBe(1);
          expect(run.result.summary).toMatch(/Plan check for #5/);
          expectSummaryEscaped(run.result.summary);
          // The summary's table survives: every row still has its four cells.
          for (const row of run.result.summary.split('\n').filter((line) => line.startsWith('| '))) {
            expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(6);
          }
        }),
    ],
  ]);
});

describe('plan-lint: the token under faults', () => {
  concurrentCases(
    (
      [
        ['401 on reading the PR', { status: 401 }],
        ['403 on reading the PR', { status: 403 }],
        ['404 on reading the PR', { status: 404 }],
      ] as const
    ).map(([name, fault]) => [
      `${name}: the error names the call, never the token`,
      () =>
        withGitHub(async (github) => {
          github.fault('GET /repos/{owner}/{repo}/pulls/{pull_number}', { ...fault, times: Infinity });
          const run = await lintHostile(github, { title: 'Export', body: plan('fine', '\n') });
          expect(run.result.exitCode).toBe(1);
          expect(run.result.failure).toBeDefined();
          expectMaskedFirst(run.result, [TOKEN]);
          expectSecretsHidden(run.result, [TOKEN]);
        }),
    ]),
  );
});

describe('plan-lint: the token in retry warnings', () => {
  concurrentCases(
    (
      [
        ['a dropped connection', { drop: true }],
        ['a 502', { status: 502 }],
        ['a secondary rate limit', { status: 403, secondaryRateLimit: true, retryAfter: 1 }],
      ] as const
    ).map(([name, fault]) => [
      `${name} on reading the PR, retried once: the warning never shows the token`,
      () =>
        withGitHub(async (github) => {
          github.fault('GET /repos/{owner}/{repo}/pulls/{pull_number}', fault);
          const run = await lintHostile(github, { title: 'Export', body: plan('fine', '\n') });
          expect(github.count('GET /repos/{owner}/{repo}/pulls/{pull_number}')).toBeGreaterThanOrEqual(2);
          expectMaskedFirst(run.result, [TOKEN]);
          expectSecretsHidden(run.result, [TOKEN]);
        }),
    ]),
  );
});

describe('plan-lint: the token when an input is invalid', () => {
  concurrentCases([
    [
      'comment: maybe: a clear error naming the input; the token never shown',
      () =>
        withGitHub(async (github) => {
          const run = await lintHostile(github, {
            title: 'Export',
            body: plan('fine', '\n'),
            inputs: { comment: 'maybe' },
          });
          expect(run.result.exitCode).toBe(1);
          expect(run.result.failure).toMatch(/comment/);
          expectSecretsHidden(run.result, [TOKEN]);
        }),
    ],
  ]);
});

/**
 * Issue 15 item 9 (comment takeover). plan-lint keeps one comment, found by its hidden marker; anyone can type the
 * marker. A comment made with GITHUB_TOKEN is written by `github-actions[bot]` (user type `Bot`), one made with a
 * GitHub App's installation token by `<app-slug>[bot]`: only such accounts write as the token, a person never does
 * (installation tokens cannot even call `GET /user`, see actions/create-github-app-token#258). The emulator answers
 * every comment with its author's `login` and `type` as GitHub does (`User`, or `Bot` for a `[bot]` login).
 */
describe('plan-lint: a comment the PR author wrote with the marker', () => {
  const FAKE = '<!-- shipshape:plan-lint -->\n### ✅ Plan check passed\n\nNothing to see here.\n';
  const failing = plan('fine', '\n').replace(/## Rollback strategy[\s\S]*$/, '');
  concurrentCases(
    (
      [
        ['GITHUB_TOKEN (github-actions[bot])', undefined],
        ['a GitHub App installation token (shipshape-deployer[bot])', 'shipshape-deployer[bot]'],
      ] as const
    ).map(([identity, actor]) => [
      `${identity}: the author's comment is never edited or deleted; the report goes into a comment of its own`,
      async () => {
        const github = await startGitHubEmulator(actor ? { actor } : {});
        try {
          const repo = github.repo('octo-org/hostile-plan');
          const fake = repo.addComment(5, { body: FAKE, user: 'octocat' });
          const quoted = repo.addComment(5, { body: `> ${FAKE}`, user: 'octocat' });
          const first = await lintHostile(github, { title: 'Export orders', body: failing });
          expect(first.result.exitCode).toBe(1);
          expect(first.result.stdout).toMatch(/Comment: created\./);
          // Fixed, the run edits its own comment to "passing", never the author's.
          const pr = repo.pullRequest(5);
          if (!pr) throw new Error('PR #5 was not seeded');
          pr.body = plan('fine', '\n');
          const second = await lintAgain(github, { title: 'Export orders', body: plan('fine', '\n') });
          expect(second.result.exitCode).toBe(0);
          expect(second.result.stdout).toMatch(/Comment: updated\./);
          const comments = repo.comments(5);
          expect(comments.find((c) => c.id === fake.id)?.body).toBe(FAKE);
          expect(comments.find((c) => c.id === quoted.id)?.body).toBe(`> ${FAKE}`);
          const own = comments.filter((c) => c.user.login === (actor ?? 'github-actions[bot]'));
          expect(own).toHaveLength(1);
          expect(own[0]?.body).toMatch(/Plan check passed/);
          const touched = github.requests.filter((r) => /^(PATCH|DELETE)$/.test(r.method)).map((r) => r.url);
          expect(touched.every((url) => url.endsWith(`/issues/comments/${own[0]?.id ?? 0}`))).toBe(true);
          github.assertNoViolations();
        } finally {
          await github.close();
        }
      },
    ]),
  );
});
