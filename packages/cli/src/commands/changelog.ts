import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { findVersionSection, isVersionQuery, suggestNearest } from '@shipshape/changelog';
import { ConfigError, messageOf } from '@shipshape/kit';
import { MarkdownTooComplexError } from '@shipshape/markdown';
import { defineCommand, type DeclaredCommand } from '../command';
import { CommandFailed, UsageError } from '../errors';
import { EXIT } from '../io';
import { workflowSafeIO } from '../safe-io';
import { changelogPrepareCommand } from './changelog-prepare';

/**
 * JSON on one line can only carry a command through `##[`; writing its `[` as `\u005b` breaks that while the value
 * parses back unchanged, so `--json` stays the exact text. (A `[` outside a string is never preceded by `##`.)
 */
const jsonWithoutLegacyCommands = (json: string): string => json.replace(/##\[/g, '##\\u005b');

const showCommand = defineCommand({
  name: 'changelog',
  summary: 'Print the CHANGELOG section of a version, or prepare the next release (changelog prepare)',
  description: 'Prints the body of the CHANGELOG section for the version (without its heading line).',
  options: [
    { name: 'file', type: 'string', placeholder: 'path', default: 'CHANGELOG.md', help: 'the changelog' },
    {
      name: 'version',
      type: 'string',
      placeholder: 'semver',
      required: true,
      help: 'the version (1.2.3, 1.0.0-rc.1, or 2 / 5.2 for partial headings); a leading v is accepted',
    },
    { name: 'json', type: 'boolean', default: false, help: 'print {"version","date","title","body","anchor"}' },
    {
      name: 'full-parse',
      type: 'boolean',
      default: false,
      help: 'skip the fast heading scan and parse the whole file (slower, same answer: to check a doubtful result)',
    },
  ],
  notes: `In a GitHub Actions step (GITHUB_ACTIONS=true) a line of the section that the runner would run as a workflow
command (one starting with two colons, or holding two hashes and a bracket) is broken with a zero-width space;
--json keeps the exact text (that bracket is written as ##\\u005b, which parses back to the same value).`,
  exitCodes: '0 found, 1 no such section, 2 usage error',
  async run({ values, io }) {
    if (!isVersionQuery(values.version))
      throw new UsageError(
        `--version must be a version such as 1.2.3 (also 1.0.0-rc.1, or 2 / 5.2 for partial headings; a leading v is accepted), got ${JSON.stringify(values.version)}`,
      );
    const file = values.file;
    let text: string;
    try {
      text = await readFile(resolve(io.cwd, file), 'utf8');
    } catch (error) {
      throw new ConfigError(`cannot read ${file}: ${messageOf(error)}`);
    }
    let section: ReturnType<typeof findVersionSection>;
    let hint: string | undefined;
    try {
      const read = { fastPath: !values['full-parse'] };
      section = findVersionSection(text, values.version, read);
      if (!section) hint = suggestNearest(text, values.version, read);
    } catch (error) {
      // A hostile or runaway file (nesting, emphasis storms) ends the parse with a clear reason: say which file.
      if (error instanceof MarkdownTooComplexError) throw new ConfigError(`${file}: ${error.message}`);
      throw error;
    }
    if (!section)
      throw new CommandFailed(`${file} has no section for version ${values.version}${hint ? ` (${hint})` : ''}`);
    if (values.json) {
      const { version, date, title, body, anchor } = section;
      io.stdout(`${jsonWithoutLegacyCommands(JSON.stringify({ version, date: date ?? null, title, body, anchor }))}\n`);
    } else {
      io.stdout(`${section.body}\n`);
    }
    return EXIT.ok;
  },
});

/**
 * `shipshape changelog` prints a section; `shipshape changelog prepare` (changelog-prepare.ts) cuts a release. One
 * command word, so its help shows both forms: `shipshape changelog prepare --help` reaches this help through the
 * dispatcher, and prepare's options are in it.
 */
const help = `${showCommand.help}\n\n${changelogPrepareCommand.help}`;

export const changelogCommand: DeclaredCommand = {
  ...showCommand,
  help,
  async run(argv, io) {
    if (argv[0] === 'prepare') return changelogPrepareCommand.run(argv.slice(1), io);
    if (argv.includes('--help') || argv.includes('-h')) {
      workflowSafeIO(io).stdout(`${help}\n`);
      return EXIT.ok;
    }
    return showCommand.run(argv, io);
  },
};
