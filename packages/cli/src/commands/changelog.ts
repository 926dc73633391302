import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findVersionSection, suggestNearest } from '@shipshape/changelog';
import { EXIT, type CliCommand } from '../io';

const help = `Usage: shipshape changelog --file CHANGELOG.md --version 1.2.3 [--json]

Prints the body of the CHANGELOG section for the version (without its heading line).
  --file <path>      the changelog (default CHANGELOG.md)
  --version <semver> the version; a leading v is accepted
  --json             print {"version","date","title","body","anchor"}
Exit codes: 0 found, 1 no such section, 2 usage error.`;

export const changelogCommand: CliCommand = {
  name: 'changelog',
  summary: 'Print the CHANGELOG section of a version',
  help,
  async run(argv, io) {
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
    const file = values.file ?? 'CHANGELOG.md';
    let text: string;
    try {
      text = await readFile(resolve(io.cwd, file), 'utf8');
    } catch (error) {
      io.stderr(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
      return EXIT.usage;
    }
    const section = findVersionSection(text, values.version);
    if (!section) {
      const hint = suggestNearest(text, values.version);
      io.stderr(`${file} has no section for version ${values.version}${hint ? ` (${hint})` : ''}\n`);
      return EXIT.checkFailed;
    }
    if (values.json) {
      const { version, date, title, body, anchor } = section;
      io.stdout(`${JSON.stringify({ version, date: date ?? null, title, body, anchor })}\n`);
    } else {
      io.stdout(`${section.body}\n`);
    }
    return EXIT.ok;
  },
};
