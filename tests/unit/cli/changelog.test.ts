import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { changelogCommand } from '../../../packages/cli/src/commands/changelog';
import type { CliIO } from '../../../packages/cli/src/io';
import { containsWorkflowCommand } from '@shipshape/kit';

const dir = mkdtempSync(join(tmpdir(), 'cl-'));
writeFileSync(join(dir, 'CHANGELOG.md'), '# Changelog\n\n## v1.2.3 (2024-01-01)\n\n- fix\n\n## v1.2.2\n\n- old\n');

function fakeIO(env: Record<string, string> = {}): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), env, cwd: dir };
}

describe('shipshape changelog', () => {
  it('prints the body', async () => {
    const io = fakeIO();
    expect(await changelogCommand.run(['--version', '1.2.3'], io)).toBe(0);
    expect(io.out.join('')).toBe('- fix\n');
  });
  it('prints JSON', async () => {
    const io = fakeIO();
    expect(await changelogCommand.run(['--file', 'CHANGELOG.md', '--version', 'v1.2.3', '--json'], io)).toBe(0);
    expect(JSON.parse(io.out.join(''))).toEqual({
      version: '1.2.3',
      date: '2024-01-01',
      title: 'v1.2.3 (2024-01-01)',
      body: '- fix',
      anchor: 'v123-2024-01-01',
    });
  });
  it('exits 1 with a hint when missing, 2 on usage errors', async () => {
    const io = fakeIO();
    expect(await changelogCommand.run(['--version', '1.2.4'], io)).toBe(1);
    expect(io.err.join('')).toContain('did you mean 1.2.3?');
    expect(await changelogCommand.run([], fakeIO())).toBe(2);
    expect(await changelogCommand.run(['--nope'], fakeIO())).toBe(2);
  });
  it('rejects a --version that is not a version as a usage error (exit 2), naming what it expected', async () => {
    for (const bad of ['banana', '1.2.x', 'v', '1..2', '1.2.3 4', '::add-mask::x']) {
      const io = fakeIO();
      expect(await changelogCommand.run(['--version', bad], io)).toBe(2);
      expect(io.err.join('')).toContain('--version must be a version such as 1.2.3');
      expect(io.out).toEqual([]);
    }
    // Every form a heading can name stays accepted: partial versions, pre-releases, build metadata, a leading v.
    for (const good of ['2', 'v2.1', '1.0.0-rc.1', '1.0.0+build.5', 'V1.2.4']) {
      expect(await changelogCommand.run(['--version', good], fakeIO())).toBe(1);
    }
  });
});

describe('shipshape changelog on a file it cannot read safely', () => {
  it('names the file and the limit, exit 2, no stack trace', async () => {
    const hostileDir = mkdtempSync(join(tmpdir(), 'cl-runaway-'));
    writeFileSync(join(hostileDir, 'CHANGELOG.md'), `## 1.0.0\n\n${'>'.repeat(10_000)} x\n`);
    const io = { ...fakeIO(), cwd: hostileDir };
    expect(await changelogCommand.run(['--version', '1.0.0'], io)).toBe(2);
    expect(io.err.join('')).toMatch(/^shipshape changelog: CHANGELOG\.md: The changelog could not be read: .+\n$/s);
    expect(io.err.join('')).not.toMatch(/\n\s+at /);
    expect(io.out).toEqual([]);
  });
});

describe('shipshape changelog on a changelog whose headings start with a date', () => {
  const dated = mkdtempSync(join(tmpdir(), 'cl-dated-'));
  writeFileSync(
    join(dated, 'CHANGELOG.md'),
    "# Changelog\n\n## 2031-02-03, Version 7.4.1 'Quartz' (LTS), @maintainer\n\n- fix\n\n## 2031-01-05, Version 7.4.0 'Quartz' (LTS), @someone\n\n- feature\n",
  );
  it('finds the version after the date, and never offers the year as a version', async () => {
    const io = { ...fakeIO(), cwd: dated };
    expect(await changelogCommand.run(['--version', '7.4.1', '--json'], io)).toBe(0);
    expect(JSON.parse(io.out.join(''))).toMatchObject({ version: '7.4.1', date: '2031-02-03', body: '- fix' });
    const year = { ...fakeIO(), cwd: dated };
    expect(await changelogCommand.run(['--version', '2031'], year)).toBe(1);
    expect(year.err.join('')).toContain('has no section for version 2031 (did you mean 7.4.1?)');
  });
});

/**
 * The runner reads a stdout or stderr line as a workflow command when it starts with `::` (after whitespace) or holds
 * `##[` anywhere (actions/runner ActionCommand.cs, TryParseV2 and TryParse); a changelog is untrusted text.
 */
describe('shipshape changelog in a workflow step (GITHUB_ACTIONS=true)', () => {
  const hostile = [
    '## 6.6.6',
    '',
    '::add-mask::the-release-notes',
    '  ::stop-commands::pwned',
    '- note ##[error]from the changelog',
    '- plain text',
    '',
    '## 6.6.5',
    '',
  ].join('\n');
  const hostileDir = mkdtempSync(join(tmpdir(), 'cl-hostile-'));
  writeFileSync(join(hostileDir, 'CHANGELOG.md'), hostile);
  const run = async (args: string[], env: Record<string, string>) => {
    const io = { ...fakeIO(env), cwd: hostileDir };
    const code = await changelogCommand.run(['--version', '6.6.6', ...args], io);
    return { code, out: io.out.join(''), err: io.err.join('') };
  };

  it('breaks every line the runner would read as a command, and keeps the text readable', async () => {
    const { code, out } = await run([], { GITHUB_ACTIONS: 'true' });
    expect(code).toBe(0);
    expect(containsWorkflowCommand(out)).toBe(false);
    expect(out.replace(/\u200b/g, '')).toBe(
      '::add-mask::the-release-notes\n  ::stop-commands::pwned\n- note ##[error]from the changelog\n- plain text\n',
    );
  });

  it('keeps --json exact: the value parses back to the verbatim body, and no line holds a command', async () => {
    const { code, out } = await run(['--json'], { GITHUB_ACTIONS: 'true' });
    expect(code).toBe(0);
    expect(containsWorkflowCommand(out)).toBe(false);
    expect((JSON.parse(out) as { body: string }).body).toBe(
      '::add-mask::the-release-notes\n  ::stop-commands::pwned\n- note ##[error]from the changelog\n- plain text',
    );
  });

  it('says so in its help, which itself holds no command', () => {
    expect(changelogCommand.help).toContain('GITHUB_ACTIONS=true');
    expect(changelogCommand.help).toContain('##\\u005b');
    expect(containsWorkflowCommand(changelogCommand.help)).toBe(false);
  });

  it('prints the section verbatim outside GitHub Actions', async () => {
    const { out } = await run([], {});
    expect(out).toBe(
      '::add-mask::the-release-notes\n  ::stop-commands::pwned\n- note ##[error]from the changelog\n- plain text\n',
    );
  });

  it('breaks commands in what it writes to stderr too (a file name from the workflow)', async () => {
    const io = { ...fakeIO({ GITHUB_ACTIONS: 'true' }), cwd: hostileDir };
    expect(await changelogCommand.run(['--file', '::error::x ##[warning]y.md', '--version', '1.0.0'], io)).toBe(2);
    expect(io.err.join('')).toContain('cannot read');
    expect(containsWorkflowCommand(io.err.join(''))).toBe(false);
  });
});

describe('shipshape changelog --full-parse', () => {
  it('finds the same section without the fast scan', async () => {
    const fast = fakeIO();
    const full = fakeIO();
    expect(await changelogCommand.run(['--version', '1.2.3', '--json'], fast)).toBe(0);
    expect(await changelogCommand.run(['--version', '1.2.3', '--json', '--full-parse'], full)).toBe(0);
    expect(full.out).toEqual(fast.out);
    expect(await changelogCommand.run(['--version', '1.2.4', '--full-parse'], fakeIO())).toBe(1);
  });

  it('really parses the whole file: a runaway part after the section stops only the full parse', async () => {
    const runawayDir = mkdtempSync(join(tmpdir(), 'cl-full-'));
    writeFileSync(join(runawayDir, 'CHANGELOG.md'), `## 2.0.0\n\n- new\n\n## 1.0.0\n\n${'>'.repeat(10_000)} x\n`);
    const fast = { ...fakeIO(), cwd: runawayDir };
    expect(await changelogCommand.run(['--version', '2.0.0'], fast)).toBe(0);
    expect(fast.out.join('')).toBe('- new\n');
    const full = { ...fakeIO(), cwd: runawayDir };
    expect(await changelogCommand.run(['--version', '2.0.0', '--full-parse'], full)).toBe(2);
    expect(full.err.join('')).toMatch(/^shipshape changelog: CHANGELOG\.md: The changelog could not be read: /);
  });
});
