import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { InputError } from '@shipshape/kit';
import { runCli } from '../../../packages/cli/src/cli';
import { allCommands } from '../../../packages/cli/src/commands/index';
import type { CliCommand, CliIO } from '../../../packages/cli/src/io';
import { REPO_ROOT } from '@shipshape/testing/runner';

function fakeIO(): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, cwd: '/' };
}

const echo: CliCommand = {
  name: 'echo',
  summary: 'prints its arguments',
  help: 'Usage: shipshape echo [words…]',
  run: async (argv, io) => {
    if (argv.includes('--bad')) throw new InputError('--bad', 'nothing');
    if (argv.includes('--boom')) throw new TypeError('x is undefined');
    io.stdout(argv.join(' '));
    return argv.length > 0 ? 0 : 1;
  },
};

describe('runCli', () => {
  it('under GITHUB_ACTIONS=true, no subcommand can print a workflow command from the text it prints', async () => {
    const hostile = ['::add-mask::x', '  ::stop-commands::tok', 'ci ##[warning]mid-line'];
    const io = { ...fakeIO(), env: { GITHUB_ACTIONS: 'true' } };
    expect(await runCli(['echo', hostile.join('\n')], io, [echo])).toBe(0);
    const printed = io.out.join('').split('\n');
    expect(printed.filter((line) => line.trimStart().startsWith('::') || line.includes('##['))).toEqual([]);
    expect(printed.map((line) => line.replace(/\u200b/g, ''))).toEqual(hostile);
    const local = fakeIO();
    await runCli(['echo', hostile.join('\n')], local, [echo]);
    expect(local.out.join('')).toBe(hostile.join('\n'));
  });

  it('runs the named command and returns its exit code', async () => {
    const io = fakeIO();
    expect(await runCli(['echo', 'a', 'b'], io, [echo])).toBe(0);
    expect(io.out.join('')).toBe('a b');
    expect(await runCli(['echo'], io, [echo])).toBe(1);
  });

  it('prints usage and exits 2 without a command or with an unknown one', async () => {
    const io = fakeIO();
    expect(await runCli([], io, [echo])).toBe(2);
    expect(await runCli(['nope'], io, [echo])).toBe(2);
    expect(io.err.join('')).toContain('shipshape: unknown command "nope"');
    expect(io.err.join('')).toContain('echo  prints its arguments');
  });

  it('answers --help for the whole CLI and for each command with exit 0', async () => {
    const io = fakeIO();
    expect(await runCli(['--help'], io, [echo])).toBe(0);
    expect(await runCli(['echo', '--help'], io, [echo])).toBe(0);
    expect(await runCli(['help', 'echo'], io, [echo])).toBe(0);
    expect(io.out.join('\n')).toContain('Usage: shipshape echo');
    expect(await runCli(['help', 'nope'], io, [echo])).toBe(2);
  });

  it('prints the version it is given for --version', async () => {
    const io = fakeIO();
    expect(await runCli(['--version'], io, [echo], '1.2.3')).toBe(0);
    expect(io.out).toEqual(['1.2.3\n']);
  });

  it('turns errors into one prefixed line, never a stack trace: exit 2 for a bad input, 1 for a failure', async () => {
    const io = fakeIO();
    expect(await runCli(['echo', '--bad'], io, [echo])).toBe(2);
    expect(await runCli(['echo', '--boom'], io, [echo])).toBe(1);
    expect(io.err).toEqual([
      "shipshape echo: Input '--bad' is required: expected nothing.\nRun 'shipshape echo --help' for usage.\n",
      'shipshape echo: unexpected error: x is undefined\n',
    ]);
  });
});

describe('the shipshape commands, held to one convention', () => {
  const rows = allCommands.map((c) => [c.name, c] as const);

  it('the whole --help lists every command', async () => {
    const io = fakeIO();
    expect(await runCli(['--help'], io, allCommands)).toBe(0);
    for (const command of allCommands) expect(io.out.join('')).toMatch(new RegExp(`^  ${command.name} +\\S`, 'm'));
  });

  it.each(rows)('%s: --help prints its usage and exit codes, exit 0', async (...row) => {
    const [name, command] = row;
    const io = fakeIO();
    expect(await runCli([name, '--help'], io, allCommands)).toBe(0);
    expect(io.out.join('')).toBe(`${command.help}\n`);
    expect(command.help).toMatch(new RegExp(`^Usage: shipshape ${name}\\b`));
    expect(command.help).toMatch(/Exit codes?: .*0.*1.*2/s);
    expect(command.summary).toMatch(/^[A-Z]/);
  });

  it.each(rows)('%s: an unknown flag is a usage error, exit 2, on stderr', async (...row) => {
    const [name, command] = row;
    const io = fakeIO();
    const argv = command.subcommands.length > 0 ? [command.subcommands[0]?.name ?? ''] : [];
    expect(await runCli([name, ...argv, '--no-such-flag'], io, allCommands)).toBe(2);
    expect(io.err.join('')).toBe(
      `shipshape ${name}: unknown option "--no-such-flag"\nRun 'shipshape ${name} --help' for usage.\n`,
    );
  });
});

describe('the shipshape executable', () => {
  it('is the CLI bundle, declared as the `shipshape` bin of the CLI package and of the repository (npx shipshape)', () => {
    const cli = JSON.parse(readFileSync(join(REPO_ROOT, 'packages/cli/package.json'), 'utf8')) as {
      bin?: Record<string, string>;
    };
    const rootManifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      bin?: Record<string, string>;
    };
    expect(cli.bin).toEqual({ shipshape: 'dist/index.js' });
    expect(rootManifest.bin).toEqual({ shipshape: 'packages/cli/dist/index.js' });
    expect(
      readFileSync(join(REPO_ROOT, 'packages/cli/dist/index.js'), 'utf8').startsWith('#!/usr/bin/env node\n'),
    ).toBe(true);
  });

  it('runs: --help exits 0, no command exits 2', () => {
    const bin = join(REPO_ROOT, 'packages/cli/dist/index.js');
    const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: shipshape <command>/);
    const bare = spawnSync(process.execPath, [bin], { encoding: 'utf8' });
    expect(bare.status).toBe(2);
    expect(bare.stderr).toMatch(/Usage: shipshape/);
  });
});
