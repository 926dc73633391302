import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { startGitHubEmulator, type GitHubEmulator } from '@shipshape/testing/github-emulator';
import type { RunOptions } from '@shipshape/testing/runner';
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
 * changelog-release's committed bundle fed a hostile CHANGELOG section (publish mode on a tag push, and check mode on
 * a pull request, where the changelog is the PR's own text) and a hostile `tag` input.
 */

const ACTION = 'changelog-release';
const TOKEN = 'ghs_securitysuitetoken1111111111111111';

const changelog = (section: string, eol = '\n'): string =>
  [
    '# Changelog',
    '',
    '## [1.2.3] - 2026-03-01',
    '',
    '### Fixed',
    '',
    '- The deploy waits for staging.',
    section,
    '',
    '## [1.2.2] - 2026-02-01',
    '',
    '- Older.',
    '',
  ].join(eol);

function workspaceWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'security-cl-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

async function releaseWith(
  github: GitHubEmulator,
  text: string,
  inputs: RunOptions['inputs'] = {},
  mode: 'publish' | 'check' = 'publish',
  env: RunOptions['env'] = undefined,
): Promise<SecureRun> {
  const name = 'octo-org/hostile-release';
  const repo = github.repo(name);
  repo.tag('v1.2.3', repo.commit({ branch: 'main', files: { 'CHANGELOG.md': text }, message: 'Release' }));
  const common = {
    action: ACTION,
    apiUrl: github.url,
    repository: name,
    token: TOKEN,
    workspace: workspaceWith({ 'CHANGELOG.md': text }),
    env,
  };
  if (mode === 'check') {
    const payload = webhookExample<Record<string, unknown>>('pull_request', 'opened');
    return runSecure({
      ...common,
      ref: 'refs/pull/1/merge',
      event: { name: 'pull_request', payload },
      inputs: { mode: 'check', version: '1.2.3', ...inputs },
    });
  }
  const payload = webhookExample<Record<string, unknown>>('push', undefined, (e) =>
    String(e.ref).startsWith('refs/tags/'),
  );
  payload.ref = 'refs/tags/v1.2.3';
  return runSecure({ ...common, ref: 'refs/tags/v1.2.3', event: { name: 'push', payload }, inputs });
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

const sections: [string, string, string][] = [
  ['LF', hostileBlock('\n'), '\n'],
  ['CRLF', hostileBlock('\r\n'), '\r\n'],
  ['lone CR inside an LF file', hostileBlock('\r'), '\n'],
  ['mixed line endings', HOSTILE_MIXED, '\n'],
  ['a fenced code block of commands', `\`\`\`\n${hostileBlock('\n')}\n\`\`\``, '\n'],
  [
    'a list item and a quote of commands',
    hostileBlock('\n')
      .split('\n')
      .map((line, i) => (i % 2 ? `- ${line}` : `> ${line}`))
      .join('\n'),
    '\n',
  ],
];

describe('changelog-release: a hostile changelog section', () => {
  concurrentCases(
    sections.flatMap(([name, section, eol]) =>
      (['publish', 'check'] as const).map(
        (mode) =>
          [
            `${mode}, ${name}: no injected command; the notes output is one heredoc; nothing in GITHUB_ENV/PATH`,
            () =>
              withGitHub(async (github) => {
                const run = await releaseWith(github, changelog(section, eol), {}, mode);
                expect(run.result.exitCode).toBe(0);
                expect(run.result.outputs.result).toBe(mode === 'check' ? 'unchanged' : 'created');
                expectNoInjectedCommands(run.result, { masks: [TOKEN] });
                const delimiters = expectOnlyDeclaredOutputs(ACTION, run);
                // The hostile lines did reach the notes (as data), and the delimiter is not one the text guessed.
                expect(run.result.outputs.notes).toContain('ghadelimiter_00000000');
                expect(run.result.outputs.notes).toContain('::stop-commands::tok');
                expect(delimiters.every((d) => !section.includes(d))).toBe(true);
                expect(new Set(delimiters).size).toBe(delimiters.length);
                expectMaskedFirst(run.result, [TOKEN]);
                expectSecretsHidden(run.result, [TOKEN]);
              }),
          ] as const,
      ),
    ),
  );
});

describe('changelog-release: a hostile tag', () => {
  concurrentCases(
    [
      'v1.2.3\n::error::fake pwned',
      'v1.2.3\r\n::set-output name=version::pwned',
      'v1.2.3\r::add-mask::pwned',
      'v1.2.3%0A::warning::pwned',
      '  ::error::fake pwned',
      'v1.2.3\nEOF\npwned=1',
    ].map((tag) => [
      `tag ${JSON.stringify(tag)}: a clear error naming the input, no injected command, no output`,
      () =>
        withGitHub(async (github) => {
          const run = await releaseWith(github, changelog('- fine'), { tag });
          expect(run.result.exitCode).toBe(1);
          expect(run.result.failure).toMatch(/tag/);
          expect(run.result.stderr).not.toMatch(/\n\s+at /);
          expectNoInjectedCommands(run.result, { masks: [TOKEN] });
          expectOnlyDeclaredOutputs(ACTION, run);
          expect(github.count('POST /repos/{owner}/{repo}/releases')).toBe(0);
        }),
    ]),
  );
});

describe('changelog-release: the token under faults', () => {
  concurrentCases(
    ([401, 403, 404, 422] as const).map((status) => [
      `${status} on listing releases: the error never shows the token`,
      () =>
        withGitHub(async (github) => {
          github.fault('GET /repos/{owner}/{repo}/releases', { status, times: Infinity });
          github.fault('POST /repos/{owner}/{repo}/releases', { status, times: Infinity });
          const run = await releaseWith(github, changelog('- fine'));
          expect(run.result.exitCode).toBe(1);
          expectMaskedFirst(run.result, [TOKEN]);
          expectSecretsHidden(run.result, [TOKEN]);
        }),
    ]),
  );
});

describe('changelog-release: HTML in the job summary', () => {
  // The changelog's section is untrusted (in check mode on a pull request it is the PR's own text): the summary shows
  // it verbatim inside a code block, so no HTML in it is rendered.
  it("check mode on a pull request: HTML in the PR's changelog section is not rendered live in the summary", async () => {
    await withGitHub(async (github) => {
      const run = await releaseWith(github, changelog(`- ${HTML_HOSTILE}`), {}, 'check');
      expect(run.result.exitCode).toBe(0);
      expectSummaryEscaped(run.result.summary);
    });
  });

  it('the tag and version cells of the summary are escaped', async () => {
    await withGitHub(async (github) => {
      const run = await releaseWith(github, changelog('- fine'));
      expect(run.result.exitCode).toBe(0);
      expect(run.result.summary).toMatch(/### Release v1\.2\.3/);
      expectSummaryEscaped(run.result.summary);
    });
  });
});

describe('changelog-release: the token when an input is invalid', () => {
  concurrentCases([
    [
      'on-missing: explode: a clear error naming the input; the token never shown',
      () =>
        withGitHub(async (github) => {
          const run = await releaseWith(github, changelog('- fine'), { 'on-missing': 'explode' });
          expect(run.result.exitCode).toBe(1);
          expect(run.result.failure).toMatch(/on-missing/);
          expectSecretsHidden(run.result, [TOKEN]);
        }),
    ],
  ]);
});

describe('changelog-release: symbolic links out of the checkout', () => {
  // A pull request's tree is checked out as it is, links included: a CHANGELOG.md (or a workspace folder) that links
  // to a file of the runner must not be read into the notes output or the job summary.
  const OUTSIDE = 'outside-secret-7f3a';
  const outsideDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'security-cl-outside-'));
    writeFileSync(join(dir, 'CHANGELOG.md'), `## [1.2.3] - 2026-03-01\n\n- ${OUTSIDE}\n`);
    mkdirSync(join(dir, 'web'));
    writeFileSync(join(dir, 'web', 'package.json'), JSON.stringify({ name: 'web' }));
    writeFileSync(join(dir, 'web', 'CHANGELOG.md'), `## 1.2.3\n\n- ${OUTSIDE}\n`);
    return dir;
  };

  concurrentCases([
    [
      'check mode on a pull request: a CHANGELOG.md linked outside fails clearly; nothing of the file comes out',
      () =>
        withGitHub(async (github) => {
          const outside = outsideDir();
          const workspace = workspaceWith({ 'package.json': JSON.stringify({ version: '1.2.3' }) });
          symlinkSync(join(outside, 'CHANGELOG.md'), join(workspace, 'CHANGELOG.md'));
          github.repo('octo-org/linked');
          const payload = webhookExample<Record<string, unknown>>('pull_request', 'opened');
          const run = await runSecure({
            action: ACTION,
            apiUrl: github.url,
            repository: 'octo-org/linked',
            token: TOKEN,
            workspace,
            ref: 'refs/pull/1/merge',
            event: { name: 'pull_request', payload },
            inputs: { mode: 'check' },
          });
          expect(run.result.exitCode).toBe(1);
          expect(run.result.failure).toBe(
            `Input 'changelog': "CHANGELOG.md" leads outside the workspace through a symbolic link; it is not read.`,
          );
          expect(`${run.result.stdout}${run.result.stderr}${run.raw.output}${run.result.summary}`).not.toContain(
            OUTSIDE,
          );
          expectOnlyDeclaredOutputs(ACTION, run);
        }),
    ],
    [
      'a package tag: a workspace folder linked outside is never walked into, and nothing is released from it',
      () =>
        withGitHub(async (github) => {
          const outside = outsideDir();
          const workspace = workspaceWith({
            'package.json': JSON.stringify({ workspaces: ['packages/*'] }),
            'CHANGELOG.md': changelog('- fine'),
          });
          mkdirSync(join(workspace, 'packages'));
          symlinkSync(join(outside, 'web'), join(workspace, 'packages', 'web'));
          const repo = github.repo('octo-org/linked-pkg');
          repo.tag(
            'web@1.2.3',
            repo.commit({ branch: 'main', files: { 'CHANGELOG.md': changelog('- fine') }, message: 'Release' }),
          );
          const payload = { ...webhookExample<Record<string, unknown>>('push'), ref: 'refs/tags/web@1.2.3' };
          const run = await runSecure({
            action: ACTION,
            apiUrl: github.url,
            repository: 'octo-org/linked-pkg',
            token: TOKEN,
            workspace,
            ref: 'refs/tags/web@1.2.3',
            event: { name: 'push', payload },
          });
          // The linked folder is not a workspace package: the root changelog is used.
          expect(run.result.failure).toBeUndefined();
          expect(run.result.outputs.notes).toMatch(/^### Fixed\n\n- The deploy waits for staging\.\n- fine/);
          expect(`${run.result.stdout}${run.raw.output}${run.result.summary}`).not.toContain(OUTSIDE);
          expect(repo.releases[0]?.body).not.toContain(OUTSIDE);

          // Named literally, the linked folder is refused with a clear error, before anything is written.
          writeFileSync(join(workspace, 'package.json'), JSON.stringify({ workspaces: ['packages/web'] }));
          const named = await runSecure({
            action: ACTION,
            apiUrl: github.url,
            repository: 'octo-org/linked-pkg',
            token: TOKEN,
            workspace,
            ref: 'refs/tags/web@1.2.3',
            event: { name: 'push', payload },
          });
          expect(named.result.exitCode).toBe(1);
          expect(named.result.failure).toBe(
            `Input 'changelog': "packages/web/package.json" leads outside the workspace through a symbolic link; it is not read.`,
          );
          expect(`${named.result.stdout}${named.raw.output}${named.result.summary}`).not.toContain(OUTSIDE);
          expect(repo.releases).toHaveLength(1);
        }),
    ],
  ]);
});

/**
 * Issue 15, item 1: in check mode the changelog is the pull request's own file, so its author chooses what the action
 * parses. A 1,000-level block quote ladder took 10 s and 1.3 GB, 3,000 levels died out of memory (exit 134, no
 * `::error::`); a 1,000 × 100 table took 0.9 GB. The bundle runs here with its heap capped at 300 MB, the issue's
 * memory goal: it must refuse the section with one clear error naming the limit, before parsing it.
 */
describe('changelog-release: a section too complex to parse, from a pull request', () => {
  const lines = (count: number, line: (i: number) => string): string =>
    Array.from({ length: count }, (_, i) => line(i)).join('\n');
  const HEAP_CAP = { NODE_OPTIONS: '--max-old-space-size=300' };
  const hostileSections: [string, string, RegExp][] = [
    [
      'a 1,000-level block quote ladder',
      lines(1_000, (i) => `${'> '.repeat(i + 1)}level ${i}`),
      /nested too deeply: a line nests up to 1000 block quotes, list items or indents; at most 100 are read/,
    ],
    [
      'a 3,000-level block quote ladder',
      lines(3_000, (i) => `${'> '.repeat(i + 1)}level ${i}`),
      /nested too deeply: a line nests up to 3000 block quotes, list items or indents; at most 100 are read/,
    ],
    [
      'a 1,000 × 100 table',
      `${'| h '.repeat(100)}|\n${'| - '.repeat(100)}|\n${lines(1_000, (i) => `| ${i} `.repeat(100) + '|')}`,
      /too large to parse safely: .* would need about [\d,]+ MB of memory; at most (128|192|1,024) MB are used/,
    ],
    [
      '10,000 nested `>`',
      `${'>'.repeat(10_000)} x`,
      /nested too deeply: a line nests up to 10000 .*; at most 100 are read/,
    ],
    [
      '5,000 nested `- `',
      `${'- '.repeat(5_000)}x`,
      /nested too deeply: a line nests up to 5000 .*; at most 100 are read/,
    ],
  ];

  concurrentCases(
    hostileSections.map(
      ([name, section, limit]) =>
        [
          `check mode, ${name}: exit 1 with one ::error:: naming the limit; no out-of-memory crash, no stack trace, no outputs`,
          () =>
            withGitHub(async (github) => {
              const run = await releaseWith(github, changelog(section), {}, 'check', HEAP_CAP);
              expect(run.result.exitCode).toBe(1);
              expect(run.result.stderr).not.toMatch(/heap out of memory|Maximum call stack/);
              expect(run.result.annotations.filter((a) => a.level === 'error')).toHaveLength(1);
              expect(run.result.failure).toMatch(/^CHANGELOG\.md: The changelog could not be read: /);
              expect(run.result.failure).toMatch(limit);
              expect(run.result.failure).not.toMatch(/Unexpected error|RangeError|\n\s+at /);
              expect(run.raw.output).toBe('');
              expectNoInjectedCommands(run.result, { masks: [TOKEN] });
              expectSecretsHidden(run.result, [TOKEN]);
            }),
        ] as const,
    ),
  );

  it('check mode: the error names the changelog file it could not read', () =>
    withGitHub(async (github) => {
      const run = await releaseWith(github, changelog(`${'>'.repeat(10_000)} x`), {}, 'check', HEAP_CAP);
      expect(run.result.failure).toMatch(/CHANGELOG\.md/);
    }));
});
