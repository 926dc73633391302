import { parseArgs } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { defineCommand, parseConfig, type OptionSpec } from '../../../packages/cli/src/command';
import { allCommands } from '../../../packages/cli/src/commands/index';
import type { CliIO } from '../../../packages/cli/src/io';

function fakeIO(): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, cwd: '/' };
}

/** A value each option accepts: its first choice, or a word. */
const sample = (option: OptionSpec): string => option.choices?.[0] ?? 'some-value';

describe('every shipshape command: help and parsing come from one declaration', () => {
  const rows = allCommands.map((c) => [c.name, c] as const);

  it.each(rows)('%s: every declared option has a help line, and the help lists it with that line', (...row) => {
    const [, command] = row;
    expect(command.options.length).toBeGreaterThan(0);
    for (const option of command.options) {
      expect(option.help.trim()).not.toBe('');
      expect(option.help).not.toContain('\n');
      const value = option.type === 'string' ? ` <${option.placeholder ?? 'value'}>` : '';
      const line = command.help.split('\n').find((l) => l.trimStart().startsWith(`--${option.name}${value}`));
      expect(line).toBeDefined();
      // The first words of the help line sit on that line, or the one after when the label is wide.
      const firstWords = option.help.split(' ').slice(0, 2).join(' ');
      const at = command.help.indexOf(line ?? '');
      expect(command.help.slice(at, at + (line ?? '').length + 200)).toContain(firstWords);
    }
    expect(command.help).toMatch(/^ {2}-h, --help +print this help and exit$/m);
  });

  it.each(rows)('%s: every declared option parses with the config built from the same declaration', (...row) => {
    const [, command] = row;
    const config = parseConfig(command.options);
    expect(Object.keys(config).sort()).toEqual([...command.options.map((o) => o.name), 'help'].sort());
    for (const option of command.options) {
      const args = option.type === 'string' ? [`--${option.name}`, sample(option)] : [`--${option.name}`];
      const { values } = parseArgs({ args, options: config, strict: true, allowPositionals: false });
      const one = option.type === 'string' ? sample(option) : true;
      expect(values[option.name]).toEqual(option.multiple ? [one] : one);
    }
  });

  it.each(rows)('%s: the usage line names the required options and the subcommands', (...row) => {
    const [name, command] = row;
    const usageLine = command.help.split('\n')[0] ?? '';
    expect(usageLine.startsWith(`Usage: shipshape ${name}`)).toBe(true);
    for (const option of command.options.filter((o) => o.required)) expect(usageLine).toContain(`--${option.name} <`);
    for (const sub of command.subcommands) expect(usageLine).toContain(sub.name);
  });

  it.each(rows)('%s: the help fits in 120 columns', (...row) => {
    const [, command] = row;
    expect(command.help.split('\n').filter((line) => line.length > 120)).toEqual([]);
  });

  it('notify documents --mention-on-failure (it had no help line before)', () => {
    const notify = allCommands.find((c) => c.name === 'notify');
    expect(notify?.help).toMatch(/--mention-on-failure <mentions>\n +who to ping instead when the deploy failed/);
    expect(notify?.help).toMatch(
      /--mention <mentions> +who to ping on every post, separated by spaces or commas: here,/,
    );
    expect(notify?.help).toContain('(not everyone)');
  });
});

describe('defineCommand', () => {
  const seen: unknown[] = [];
  const demo = defineCommand({
    name: 'demo',
    summary: 'A command for the tests',
    description: 'Echoes what it parsed.',
    options: [
      { name: 'file', type: 'string', placeholder: 'path', required: true, help: 'the file' },
      { name: 'mode', type: 'string', placeholder: 'mode', choices: ['fast', 'slow'], default: 'fast', help: 'how' },
      { name: 'tag', type: 'string', placeholder: 'tag', multiple: true, help: 'a tag' },
      { name: 'dry-run', type: 'boolean', short: 'n', default: false, help: 'change nothing' },
    ],
    exitCodes: '0 ok, 1 failed, 2 usage error',
    async run({ values }) {
      seen.push(values);
      return 0;
    },
  });

  it('hands the command typed values, defaults applied, repeated options as a list', async () => {
    const io = fakeIO();
    expect(await demo.run(['--file', 'a.md', '--tag', 'x', '--tag', 'y', '-n'], io)).toBe(0);
    expect(seen.at(-1)).toEqual({ file: 'a.md', mode: 'fast', tag: ['x', 'y'], 'dry-run': true });
    expect(io.err).toEqual([]);
  });

  it('generates the help: usage, options with placeholders, choices, defaults and exit codes', () => {
    expect(demo.help).toBe(
      [
        'Usage: shipshape demo --file <path> [options]',
        '',
        'Echoes what it parsed.',
        '',
        'Options:',
        '      --file <path>  the file (required)',
        '      --mode <mode>  how (one of: fast, slow; default: fast)',
        '      --tag <tag>    a tag (may be repeated)',
        '  -n, --dry-run      change nothing',
        '  -h, --help         print this help and exit',
        '',
        'Exit codes: 0 ok, 1 failed, 2 usage error.',
      ].join('\n'),
    );
  });

  it.each([
    [['--file'], 'shipshape demo: --file needs a value: <path>'],
    [['--file', 'a', '--dry-run=yes'], 'shipshape demo: --dry-run takes no value'],
    [['--file', 'a', '--nope'], 'shipshape demo: unknown option "--nope"'],
    [['--file', 'a', 'stray'], 'shipshape demo: unexpected argument "stray" (every value follows its --option)'],
    [[], 'shipshape demo: --file is required'],
    [['--file', 'a', '--mode', 'medium'], 'shipshape demo: --mode must be one of fast, slow, got "medium"'],
  ])('%j is a usage error: exit 2, prefixed, with the hint to --help, no stack', async (argv, message) => {
    const io = fakeIO();
    expect(await demo.run(argv, io)).toBe(2);
    expect(io.err.join('')).toBe(`${message}\nRun 'shipshape demo --help' for usage.\n`);
    expect(io.out).toEqual([]);
  });

  it('answers --help (and -h) before parsing anything else, exit 0', async () => {
    const io = fakeIO();
    expect(await demo.run(['--nope', '-h'], io)).toBe(0);
    expect(io.out.join('')).toBe(`${demo.help}\n`);
  });

  it('a failure the command did not expect is exit 1 with the prefix, never a stack trace', async () => {
    const broken = defineCommand({
      name: 'broken',
      summary: 'Fails',
      description: 'Fails.',
      options: [{ name: 'json', type: 'boolean', help: 'unused' }],
      exitCodes: '1 always',
      async run() {
        throw new TypeError('cannot read properties of undefined');
      },
    });
    const io = fakeIO();
    expect(await broken.run([], io)).toBe(1);
    expect(io.err).toEqual(['shipshape broken: unexpected error: cannot read properties of undefined\n']);
  });

  it('takes declared operands in order, shows them in the usage, and refuses a missing or an extra one', async () => {
    const given: (readonly string[])[] = [];
    const copy = defineCommand({
      name: 'copy',
      summary: 'Copies',
      description: 'Copies a file.',
      operands: [
        { name: 'from', help: 'the file to copy', required: true },
        { name: 'to', help: 'where (default: the working directory)' },
      ],
      options: [{ name: 'force', type: 'boolean', default: false, help: 'overwrite' }],
      exitCodes: '0 copied, 2 usage error',
      async run({ operands }) {
        given.push(operands);
        return 0;
      },
    });
    expect(copy.help.split('\n')[0]).toBe('Usage: shipshape copy [options] <from> [to]');
    expect(copy.help).toContain('Arguments:\n  from  the file to copy\n  to    where (default: the working directory)');
    expect(await copy.run(['a', '--force', 'b'], fakeIO())).toBe(0);
    expect(given).toEqual([['a', 'b']]);
    const missing = fakeIO();
    expect(await copy.run(['--force'], missing)).toBe(2);
    expect(missing.err[0]).toBe("shipshape copy: <from> is required\nRun 'shipshape copy --help' for usage.\n");
    const extra = fakeIO();
    expect(await copy.run(['a', 'b', 'c'], extra)).toBe(2);
    expect(extra.err[0]).toBe('shipshape copy: unexpected argument "c"\nRun \'shipshape copy --help\' for usage.\n');
  });
});
