import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findVersionSection, isVersionQuery, suggestNearest } from '@shipshape/changelog';
import { neutralizeWorkflowCommands } from '@shipshape/kit';
import { MarkdownTooComplexError } from '@shipshape/markdown/bounded-parse';
import { EXIT, type CliCommand, type CliIO } from '../io';

const help = `Usage: shipshape changelog --file CHANGELOG.md --version 1.2.3 [--json]

Prints the body of the CHANGELOG section for the version (without its heading line).
  --file <path>      the changelog (default CHANGELOG.md)
  --version <semver> the version (1.2.3, 1.0.0-rc.1, or 2 / 5.2 for partial headings); a leading v is accepted
  --json             print {"version","date","title","body","anchor"}
In a GitHub Actions step (GITHUB_ACTIONS=true) a line of the section that the runner would run as a workflow
command (one starting with two colons, or holding two hashes and a bracket) is broken with a zero-width space;
--json keeps the exact text (that bracket is written as ##\\u005b, which parses back to the same value).
Exit codes: 0 found, 1 no such section, 2 usage error.`;

/**
 * The runner reads every stdout and stderr line of a step as a possible workflow command: one that starts with `::`
 * after whitespace, or holds `##[` anywhere (actions/runner, ActionCommand.cs: TryParseV2 and the legacy TryParse).
 * A changelog (and a file name handed in by a workflow) is untrusted, so under GitHub Actions everything this command
 * prints goes through neutralizeWorkflowCommands; elsewhere it prints the section verbatim.
 */
function guardedIO(io: CliIO): CliIO {
  if (io.env.GITHUB_ACTIONS !== 'true') return io;
  return {
    ...io,
    stdout: (text) => io.stdout(neutralizeWorkflowCommands(text)),
    stderr: (text) => io.stderr(neutralizeWorkflowCommands(text)),
  };
}

/**
 * JSON on one line can only carry a command through `##[`; writing its `[` as `\u005b` breaks that while the value
 * parses back unchanged, so `--json` stays the exact text. (A `[` outside a string is never preceded by `##`.)
 */
const jsonWithoutLegacyCommands = (json: string): string => json.replace(/##\[/g, '##\\u005b');

export const changelogCommand: CliCommand = {
  name: 'changelog',
  summary: 'Print the CHANGELOG section of a version',
  help,
  async run(argv, unguarded) {
    const io = guardedIO(unguarded);
    let values: { file?: string; version?: string; json?: boolean; help?: boolean };
    try {
      ({ values } = parseArgs({
        args: argv,
        options: {
          file: { type: 'string', default: 'CHANGELOG.md' },
          version: { type: 'string' },
          json: { type: 'boolean', default: false },
          help: { type: 'boolean', short: 'h', default: false },
        },
        strict: true,
        allowPositionals: false,
      }));
    } catch (error) {
      io.stderr(`${error instanceof Error ? error.message : String(error)}\n${help}\n`);
      return EXIT.usage;
    }
    if (values.help) {
      io.stdout(`${help}\n`);
      return EXIT.ok;
    }
    if (!values.version) {
      io.stderr(`--version is required\n${help}\n`);
      return EXIT.usage;
    }
    if (!isVersionQuery(values.version)) {
      io.stderr(
        `--version must be a version such as 1.2.3 (also 1.0.0-rc.1, or 2 / 5.2 for partial headings; a leading v is accepted), got ${JSON.stringify(values.version)}\n`,
      );
      return EXIT.usage;
    }
    const file = values.file ?? 'CHANGELOG.md';
    let text: string;
    try {
      text = await readFile(resolve(io.cwd, file), 'utf8');
    } catch (error) {
      io.stderr(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
      return EXIT.usage;
    }
    let section: ReturnType<typeof findVersionSection>;
    let hint: string | undefined;
    try {
      section = findVersionSection(text, values.version);
      if (!section) hint = suggestNearest(text, values.version);
    } catch (error) {
      // A hostile or runaway file (nesting, emphasis storms) ends the parse with a clear reason: say which file.
      if (!(error instanceof MarkdownTooComplexError)) throw error;
      io.stderr(`${file}: ${error.message}\n`);
      return EXIT.usage;
    }
    if (!section) {
      io.stderr(`${file} has no section for version ${values.version}${hint ? ` (${hint})` : ''}\n`);
      return EXIT.checkFailed;
    }
    if (values.json) {
      const { version, date, title, body, anchor } = section;
      io.stdout(`${jsonWithoutLegacyCommands(JSON.stringify({ version, date: date ?? null, title, body, anchor }))}\n`);
    } else {
      io.stdout(`${section.body}\n`);
    }
    return EXIT.ok;
  },
};
