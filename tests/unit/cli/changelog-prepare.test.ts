import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { prepareChangelog } from '@shipshape/changelog';
import { containsWorkflowCommand } from '@shipshape/kit';
import { runCli } from '../../../packages/cli/src/cli';
import { changelogCommand } from '../../../packages/cli/src/commands/changelog';
import { changelogPrepareCommand } from '../../../packages/cli/src/commands/changelog-prepare';
import { allCommands } from '../../../packages/cli/src/commands/index';
import type { CliIO } from '../../../packages/cli/src/io';

const CHANGELOG = [
  '# Changelog',
  '',
  '## [Unreleased]',
  '',
  '### Added',
  '',
  '- A new option',
  '',
  '## [1.4.0] - 2026-03-02',
  '',
  '- older',
  '',
  '[Unreleased]: https://github.com/acme/widget/compare/v1.4.0...HEAD',
  '[1.4.0]: https://github.com/acme/widget/compare/v1.3.0...v1.4.0',
  '',
].join('\n');

type FakeIO = CliIO & { out: string[]; err: string[] };

function workspace(text: string | undefined = CHANGELOG, name = 'CHANGELOG.md'): { dir: string; io: FakeIO } {
  const dir = mkdtempSync(join(tmpdir(), 'cl-prepare-'));
  if (text !== undefined) writeFileSync(join(dir, name), text);
  const out: string[] = [];
  const err: string[] = [];
  return { dir, io: { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, cwd: dir } };
}

const run = (io: FakeIO, ...argv: string[]) => changelogCommand.run(['prepare', ...argv], io);

describe('shipshape changelog prepare', () => {
  it('rewrites the file in place, prints the new version, exit 0', async () => {
    const { dir, io } = workspace();
    expect(await run(io, '--bump', 'auto', '--date', '2026-12-05')).toBe(0);
    expect(io.out).toEqual(['1.5.0\n']);
    expect(io.err).toEqual([]);
    const text = readFileSync(join(dir, 'CHANGELOG.md'), 'utf8');
    expect(text).toBe(prepareChangelog(CHANGELOG, { bump: 'auto', date: '2026-12-05' }).text);
    expect(text).toContain('## [Unreleased]\n\n## [1.5.0] - 2026-12-05\n\n### Added\n');
    expect(text).toContain('[1.5.0]: https://github.com/acme/widget/compare/v1.4.0...v1.5.0\n');
  });

  it('replaces the file by a rename: permissions kept, no temporary file left, CRLF kept', async () => {
    const { dir, io } = workspace(CHANGELOG.replace(/\n/g, '\r\n'), 'HISTORY.md');
    const path = join(dir, 'HISTORY.md');
    chmodSync(path, 0o640);
    const before = lstatSync(path);
    expect(await run(io, '--file', 'HISTORY.md', '--bump', 'major', '--preid', 'rc', '--date', '2026-12-05')).toBe(0);
    expect(io.out).toEqual(['2.0.0-rc.0\n']);
    const after = lstatSync(path);
    expect(after.ino).not.toBe(before.ino);
    expect(after.mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['HISTORY.md']);
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('## [Unreleased]\r\n\r\n## [2.0.0-rc.0] - 2026-12-05\r\n');
    expect(text).not.toMatch(/[^\r]\n/);
  });

  it('dates the heading today (UTC) when --date is not given, and reads a file in a subdirectory', async () => {
    const { dir, io } = workspace(undefined);
    mkdirSync(join(dir, 'docs'));
    writeFileSync(join(dir, 'docs', 'CHANGELOG.md'), CHANGELOG);
    const before = new Date().toISOString().slice(0, 10);
    expect(await run(io, '--file', 'docs/CHANGELOG.md', '--bump', 'patch')).toBe(0);
    const after = new Date().toISOString().slice(0, 10);
    const heading = /^## \[1\.4\.1\] - (\d{4}-\d{2}-\d{2})$/m.exec(
      readFileSync(join(dir, 'docs', 'CHANGELOG.md'), 'utf8'),
    );
    expect([before, after]).toContain(heading?.[1]);
  });

  it.each([
    [
      'an empty Unreleased',
      CHANGELOG.replace('### Added\n\n- A new option\n', ''),
      /the Unreleased section \("## \[Unreleased\]", line 3\) is empty: there is nothing to release\n$/,
    ],
    ['no Unreleased section', '# Changelog\n\n## 1.0.0\n\n- x\n', /the changelog has no Unreleased section/],
  ])('refuses %s: exit 1, the file unchanged', async (_name, text, message) => {
    const { dir, io } = workspace(text);
    expect(await run(io, '--date', '2026-12-05')).toBe(1);
    expect(io.err.join('')).toMatch(/^shipshape changelog prepare: CHANGELOG\.md: /);
    expect(io.err.join('')).toMatch(message);
    expect(io.out).toEqual([]);
    expect(readFileSync(join(dir, 'CHANGELOG.md'), 'utf8')).toBe(text);
  });

  it.each([
    [['--bump', 'huge'], '--bump must be one of auto, major, minor, patch, got "huge"'],
    [['--date', '2026-02-30'], '--date must be a day written YYYY-MM-DD, got "2026-02-30"'],
    [['--preid', 'r.c'], '--preid must be a pre-release name such as rc, beta or next'],
    [['--nope'], 'unknown option "--nope"'],
    [['stray'], 'unexpected argument "stray" (every value follows its --option)'],
  ])('%j is a usage error: exit 2, with the hint to --help, the file unchanged', async (argv, message) => {
    const { dir, io } = workspace();
    expect(await run(io, ...argv)).toBe(2);
    expect(io.err.join('')).toContain(`shipshape changelog prepare: ${message}`);
    expect(io.err.join('')).toMatch(/\nRun 'shipshape changelog prepare --help' for usage\.\n$/);
    expect(readFileSync(join(dir, 'CHANGELOG.md'), 'utf8')).toBe(CHANGELOG);
  });

  it('refuses a symbolic link (and leaves the link and its target alone), a directory, a missing file: exit 2', async () => {
    const { dir, io } = workspace();
    symlinkSync(join(dir, 'CHANGELOG.md'), join(dir, 'LINK.md'));
    expect(await run(io, '--file', 'LINK.md')).toBe(2);
    expect(io.err.join('')).toBe(
      'shipshape changelog prepare: LINK.md is a symbolic link: give the file it points to, which is rewritten in place\n',
    );
    expect(lstatSync(join(dir, 'LINK.md')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'CHANGELOG.md'), 'utf8')).toBe(CHANGELOG);
    mkdirSync(join(dir, 'notes.md'));
    const directory = workspace(undefined).io;
    expect(await run({ ...directory, cwd: dir }, '--file', 'notes.md')).toBe(2);
    expect(directory.err.join('')).toBe('shipshape changelog prepare: notes.md is not a regular file\n');
    const missing = workspace(undefined).io;
    expect(await run(missing, '--file', 'NOPE.md')).toBe(2);
    expect(missing.err.join('')).toMatch(/^shipshape changelog prepare: cannot read NOPE\.md: ENOENT/);
  });

  it('names the file and the limit for a changelog it cannot read safely: exit 2, no stack trace', async () => {
    const hostile = `## [Unreleased]\n\n- fix\n\n${'>'.repeat(10_000)} x\n\n## 1.0.0\n\n- y\n`;
    const { dir, io } = workspace(hostile);
    expect(await run(io)).toBe(2);
    expect(io.err.join('')).toMatch(
      /^shipshape changelog prepare: CHANGELOG\.md: The changelog could not be read: .+\n$/s,
    );
    expect(io.err.join('')).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(dir, 'CHANGELOG.md'), 'utf8')).toBe(hostile);
  });

  it('never lets the changelog start a workflow command in a GitHub Actions step', async () => {
    const text = '# C\n\n## [Unreleased] ##[error]boom\n\n## 1.0.0\n\n- x\n';
    const { io } = workspace(text);
    const step = { ...io, env: { GITHUB_ACTIONS: 'true' } };
    expect(await run(step)).toBe(1);
    expect(io.err.join('')).toContain('is empty');
    expect(containsWorkflowCommand(io.err.join(''))).toBe(false);
  });
});

describe('shipshape changelog: one command word, two forms', () => {
  it('reaches prepare through the dispatcher, and its help lists both forms', async () => {
    const { dir, io } = workspace();
    expect(await runCli(['changelog', 'prepare', '--date', '2026-12-05'], io, allCommands)).toBe(0);
    expect(io.out).toEqual(['1.5.0\n']);
    expect(readFileSync(join(dir, 'CHANGELOG.md'), 'utf8')).toContain('## [1.5.0] - 2026-12-05');
    const help = workspace().io;
    expect(await runCli(['changelog', 'prepare', '--help'], help, allCommands)).toBe(0);
    const text = help.out.join('');
    expect(text).toContain('Usage: shipshape changelog --version <semver> [options]');
    expect(text).toContain('Usage: shipshape changelog prepare [options]');
    for (const option of changelogPrepareCommand.options) expect(text).toContain(`--${option.name}`);
    expect(text.split('\n').filter((line) => line.length > 120)).toEqual([]);
    const direct = workspace().io;
    expect(await changelogCommand.run(['--help'], direct)).toBe(0);
    expect(direct.out.join('')).toBe(text);
  });

  it('still prints a section', async () => {
    const { io } = workspace();
    expect(await changelogCommand.run(['--version', '1.4.0'], io)).toBe(0);
    expect(io.out).toEqual(['- older\n']);
  });
});
