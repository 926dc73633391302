import { describe, expect, it } from '@jest/globals';
import { InputError } from '@shipshape/kit';
import { runCli } from '@shipshape/cli/cli';
import type { CliCommand, CliIO } from '@shipshape/cli/io';

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
    expect(io.err.join('')).toContain("unknown command 'nope'");
    expect(io.err.join('')).toContain('echo  prints its arguments');
  });

  it('answers --help for the whole CLI and for each command with exit 0', async () => {
    const io = fakeIO();
    expect(await runCli(['--help'], io, [echo])).toBe(0);
    expect(await runCli(['echo', '--help'], io, [echo])).toBe(0);
    expect(await runCli(['help', 'echo'], io, [echo])).toBe(0);
    expect(io.out.join('\n')).toContain('Usage: shipshape echo');
  });

  it('turns errors into one line and exit 2, never a stack trace', async () => {
    const io = fakeIO();
    expect(await runCli(['echo', '--bad'], io, [echo])).toBe(2);
    expect(await runCli(['echo', '--boom'], io, [echo])).toBe(2);
    expect(io.err).toEqual([
      "shipshape echo: Input '--bad' is required: expected nothing.\n",
      'shipshape echo: unexpected error: x is undefined\n',
    ]);
  });
});
