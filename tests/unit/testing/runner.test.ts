import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFileCommands, parseWorkflowCommands, runActionBundle } from '@shipshape/testing/runner';

/**
 * The harness must hand a bundle exactly what GitHub's runner hands it, and read back what the bundle wrote.
 * A throwaway action (plain JavaScript, no dependencies) reports its environment through the real channels.
 */

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'shipshape-runner-test-'));
  mkdirSync(join(dir, 'dist'));
  // The probe is CommonJS whatever package.json sits above the temporary directory.
  writeFileSync(join(dir, 'dist/package.json'), '{ "type": "commonjs" }\n');
  writeFileSync(
    join(dir, 'action.yml'),
    [
      'name: probe',
      'description: reports what the runner gave it',
      'inputs:',
      '  token: { description: t, default: "${{ github.token }}" }',
      '  release-name: { description: r }',
      '  mode: { description: m, default: fast }',
      'runs:',
      '  using: node24',
      '  main: dist/index.js',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'dist/index.js'),
    `const fs = require('node:fs');
const env = process.env;
const event = JSON.parse(fs.readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
const seen = { token: env['INPUT_TOKEN'], name: env['INPUT_RELEASE-NAME'], mode: env['INPUT_MODE'], event: env.GITHUB_EVENT_NAME,
  number: event.number, repo: env.GITHUB_REPOSITORY, sha: env.GITHUB_SHA, ref: env.GITHUB_REF, run: env.GITHUB_RUN_ID, api: env.GITHUB_API_URL };
fs.appendFileSync(env.GITHUB_OUTPUT, 'seen<<EOF_1\\n' + JSON.stringify(seen) + '\\nEOF_1\\nsimple=yes\\n');
fs.appendFileSync(env.GITHUB_STEP_SUMMARY, '### probe\\n');
fs.appendFileSync(env.GITHUB_STATE, 'posted=1\\n');
fs.appendFileSync(env.GITHUB_ENV, 'FROM_PROBE=1\\n');
console.log('::warning file=a.md,line=3::careful%0Anext line');
console.log('::add-mask::secret');
if (seen.mode === 'fail') { console.log('::error::it failed'); process.exitCode = 1; }
if (seen.mode === 'hang') setInterval(() => {}, 1000);
`,
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('runActionBundle', () => {
  it('passes inputs (hyphens kept, defaults expanded), the event and the GITHUB_* context, and reads every file command back', async () => {
    const result = await runActionBundle({
      action: dir,
      inputs: { 'release-name': 'v1.2.3' },
      event: { name: 'pull_request', payload: { number: 42 } },
      apiUrl: 'http://127.0.0.1:1234',
      token: 'ghs_probe',
      repository: 'acme/app',
      sha: 'a'.repeat(40),
      ref: 'refs/tags/v1.2.3',
      runId: 99,
      node: process.execPath,
    });
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.outputs.seen ?? '{}')).toEqual({
      token: 'ghs_probe',
      name: 'v1.2.3',
      mode: 'fast',
      event: 'pull_request',
      number: 42,
      repo: 'acme/app',
      sha: 'a'.repeat(40),
      ref: 'refs/tags/v1.2.3',
      run: '99',
      api: 'http://127.0.0.1:1234',
    });
    expect(result.outputs.simple).toBe('yes');
    expect(result.summary).toBe('### probe\n');
    expect(result.state).toEqual({ posted: '1' });
    expect(result.exportedEnv).toEqual({ FROM_PROBE: '1' });
    expect(result.annotations).toEqual([
      { level: 'warning', message: 'careful\nnext line', properties: { file: 'a.md', line: '3' } },
    ]);
    expect(result.commands.map((c) => c.command)).toEqual(['warning', 'add-mask']);
  });

  it('reports a failing step and its error annotation', async () => {
    const result = await runActionBundle({ action: dir, inputs: { mode: 'fail' }, node: process.execPath });
    expect(result.exitCode).toBe(1);
    expect(result.annotations.map((a) => a.message)).toContain('it failed');
  });

  it('refuses an input the action does not declare, and kills a bundle that hangs', async () => {
    await expect(runActionBundle({ action: dir, inputs: { nope: 'x' }, node: process.execPath })).rejects.toThrow(
      /'nope' is not an input/,
    );
    const hung = await runActionBundle({
      action: dir,
      inputs: { mode: 'hang' },
      timeoutMs: 500,
      node: process.execPath,
    });
    expect(hung.timedOut).toBe(true);
  });
});

describe('command parsers', () => {
  it('parses heredoc and simple file commands, and rejects an unterminated heredoc', () => {
    expect(parseFileCommands('a=1\nb<<X\nline 1\nline 2\nX\n')).toEqual({ a: '1', b: 'line 1\nline 2' });
    expect(() => parseFileCommands('b<<X\nnever closed\n')).toThrow(/unterminated heredoc/);
  });

  it('only reads workflow commands at the start of a line', () => {
    const commands = parseWorkflowCommands('text ::error::not a command\n::notice title=T%2C1::ok\n');
    expect(commands).toEqual([{ command: 'notice', properties: { title: 'T,1' }, message: 'ok' }]);
  });
});
