import { describe, expect, it } from '@jest/globals';
import { parseFileCommands, parseWorkflowCommands, type RunResult } from '@shipshape/testing/runner';
import {
  disguisedLinks,
  expectMaskedFirst,
  expectNoInjectedCommands,
  expectOnlyDeclaredOutputs,
  expectSecretsHidden,
  expectSummaryEscaped,
  type SecureRun,
} from './support';

/**
 * The suite's own checks, proven on hand-made runs: each catches the injection it exists for (so a green security
 * run means something) and accepts what a well-behaved action prints.
 */

function resultOf(stdout: string, extra: Partial<RunResult> = {}): RunResult {
  const commands = parseWorkflowCommands(stdout);
  return {
    exitCode: 0,
    signal: null,
    timedOut: false,
    durationMs: 0,
    stdout,
    stderr: '',
    outputs: {},
    summary: '',
    state: {},
    exportedEnv: {},
    commands,
    annotations: [],
    masks: commands.filter((c) => c.command === 'add-mask').map((c) => c.message),
    failure: undefined,
    ...extra,
  };
}

const DELIMITER = 'ghadelimiter_3f2b6c1e-9a4d-4e7b-8c21-0d5e6f7a8b9c';

function runOf(output: string, files: Partial<SecureRun['raw']> = {}): SecureRun {
  return {
    result: { ...resultOf(''), outputs: parseFileCommands(output) },
    raw: { output, env: '', path: '', state: '', ...files },
  };
}

describe('the security checks themselves', () => {
  it('accept what the kit prints: a mask first, a neutralised hostile line, an annotation quoting hostile text', () => {
    const stdout =
      '::add-mask::ghs_secret0000000000000000\n:\u200b:error::fake pwned\n::error::Plan check failed: ::error::fake pwned\n';
    expect(() => expectNoInjectedCommands(resultOf(stdout), { masks: ['ghs_secret0000000000000000'] })).not.toThrow();
    expect(() => expectMaskedFirst(resultOf(stdout), ['ghs_secret0000000000000000'])).not.toThrow();
  });

  it.each([
    ['a command line from the input', 'ok\n::error::fake pwned\n'],
    ['an undeclared command', '::set-output name=valid::true\n'],
    ['a command after a lone CR (the harness splits on LF only)', 'ok\r::error::fake pwned\n'],
    ['a command after leading whitespace', 'ok\n \t::warning::pwned\n'],
    ['a mask the action did not mean', '::add-mask::pwned-mask\n'],
    ['stop-commands', '::stop-commands::tok\n'],
    ['the legacy ##[ form', '##[error]pwned\n'],
  ])('reject %s', (...row) => {
    const [, stdout] = row;
    expect(() => expectNoInjectedCommands(resultOf(stdout))).toThrow();
  });

  it('reject an undeclared output, a guessable heredoc delimiter, and anything in GITHUB_ENV or GITHUB_PATH', () => {
    const good = `decision<<${DELIMITER}\nEOF\npwned=1\n${DELIMITER}\n`;
    expect(() => expectOnlyDeclaredOutputs('deploy-guard', runOf(good))).not.toThrow();
    expect(() => expectOnlyDeclaredOutputs('deploy-guard', runOf('decision<<EOF\nproceed\nEOF\n'))).toThrow();
    expect(() => expectOnlyDeclaredOutputs('deploy-guard', runOf(`${good}pwned=1\n`))).toThrow();
    expect(() => expectOnlyDeclaredOutputs('deploy-guard', runOf(good, { env: 'NODE_OPTIONS=x\n' }))).toThrow();
    expect(() => expectOnlyDeclaredOutputs('deploy-guard', runOf(good, { path: '/tmp/pwned\n' }))).toThrow();
  });

  it('reject a secret printed late, leaked in an error, or half a webhook URL', () => {
    const url = 'https://hooks.slack.com/services/T0AAAAAAAA/B0BBBBBBBB/cccccccccccccccccccccccc';
    expect(() => expectMaskedFirst(resultOf(`Posting\n::add-mask::${url}\n`), [url])).toThrow();
    expect(() =>
      expectSecretsHidden(resultOf(`::add-mask::${url}\n`, { stderr: `POST ${url} failed` }), [url]),
    ).toThrow();
    expect(() =>
      expectSecretsHidden(
        resultOf(
          `::add-mask::${url}\n::warning::POST …/services/T0AAAAAAAA/B0BBBBBBBB/cccccccccccccccccccccccc failed\n`,
        ),
        [url],
      ),
    ).toThrow();
    expect(() =>
      expectSecretsHidden(resultOf(`::add-mask::${url}\n::warning::webhook failed (HTTP 500)\n`), [url]),
    ).not.toThrow();
  });

  it('find disguised links but not honest ones', () => {
    expect(disguisedLinks('<https://evil.example/|https://good.example>')).toHaveLength(1);
    expect(disguisedLinks('<https://evil.example|good.example>')).toHaveLength(1);
    expect(
      disguisedLinks(
        '<https://github.com/o/r/releases|Release> <https://github.com/o/r|https://github.com/o/r> &lt;https://evil|https://good&gt;',
      ),
    ).toEqual([]);
  });

  it('reject live HTML and an unclosed <details> in a summary', () => {
    expect(() => expectSummaryEscaped('&lt;script&gt; <details><summary>x</summary>y</details>')).not.toThrow();
    expect(() => expectSummaryEscaped('<script>alert(1)</script>')).toThrow();
    expect(() => expectSummaryEscaped('<img src=x onerror=alert(1)>')).toThrow();
    expect(() => expectSummaryEscaped('<details><summary>open')).toThrow();
    expect(() => expectSummaryEscaped('<!-- swallow the rest')).toThrow();
  });
});
