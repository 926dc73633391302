import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, lstat, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { CHANGELOG_PARSE_LIMITS, PrepareError, prepareChangelog, type ReleaseBump } from '@shipshape/changelog';
import { ConfigError, messageOf } from '@shipshape/kit';
import { MarkdownTooComplexError } from '@shipshape/markdown';
import { defineCommand } from '../command';
import { CommandFailed, UsageError } from '../errors';
import { EXIT } from '../io';

/** O_NOFOLLOW: a link swapped in after lstat fails to open (0 where the platform has none). */
const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
/** More bytes than this cannot be a changelog the parser reads (a character is at most 3 bytes of UTF-8 there). */
const MAX_BYTES = CHANGELOG_PARSE_LIMITS.maxChars * 3;

/** A file-system error's own message (node's errors may come from another realm, where `instanceof Error` fails). */
function fsMessage(error: unknown): string {
  const message = (error as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' && message !== '' ? message : messageOf(error);
}

interface ChangelogFile {
  path: string;
  text: string;
  mode: number;
}

/**
 * Reads the changelog to rewrite: a regular file only (a symbolic link is refused, so the rewrite never replaces a
 * link with a file, or writes through one outside the tree), and no more than the parser would read.
 */
async function readChangelog(cwd: string, file: string): Promise<ChangelogFile> {
  const path = resolve(cwd, file);
  let entry;
  try {
    entry = await lstat(path);
  } catch (error) {
    throw new ConfigError(`cannot read ${file}: ${fsMessage(error)}`);
  }
  if (entry.isSymbolicLink())
    throw new ConfigError(`${file} is a symbolic link: give the file it points to, which is rewritten in place`);
  if (!entry.isFile()) throw new ConfigError(`${file} is not a regular file`);
  if (entry.size > MAX_BYTES)
    throw new ConfigError(
      `${file}: The changelog could not be read: it is ${entry.size} bytes long; at most ${CHANGELOG_PARSE_LIMITS.maxChars} characters are parsed.`,
    );
  try {
    const handle = await open(path, READ_FLAGS);
    try {
      const now = await handle.stat();
      if (!now.isFile() || now.ino !== entry.ino || now.dev !== entry.dev)
        throw new ConfigError(`${file} changed while it was read`);
      return { path, text: await handle.readFile('utf8'), mode: now.mode & 0o7777 };
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`cannot read ${file}: ${fsMessage(error)}`);
  }
}

/**
 * Replaces the file in one step: the new text goes to a new file beside it (same directory, so the rename stays on
 * one file system) with the old file's permissions, flushed, then renamed over it. A reader sees the old file or
 * the new one, never half of it; a failure leaves the old one and removes the temporary file.
 */
async function replaceFile(target: ChangelogFile, text: string): Promise<void> {
  const temporary = join(dirname(target.path), `.${basename(target.path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(temporary, target.mode);
    await rename(temporary, target.path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

const today = (): string => new Date().toISOString().slice(0, 10);

/** `shipshape changelog prepare`: reached through `shipshape changelog prepare …` (see changelog.ts). */
export const changelogPrepareCommand = defineCommand({
  name: 'changelog prepare',
  summary: 'Move the Unreleased changes under the next version',
  description: `Cuts a release in the changelog: the entries under Unreleased move under a heading for the next version
(written like the latest release's heading, with the date), an empty Unreleased heading stays above it, and the
compare links at the bottom move on. Nothing else in the file changes. The file is rewritten in place (a new file
renamed over it) and the new version is printed.`,
  options: [
    { name: 'file', type: 'string', placeholder: 'path', default: 'CHANGELOG.md', help: 'the changelog to rewrite' },
    {
      name: 'bump',
      type: 'string',
      placeholder: 'bump',
      choices: ['auto', 'major', 'minor', 'patch'],
      default: 'auto',
      help: 'which part of the latest version to raise; auto reads the Unreleased entries',
    },
    {
      name: 'preid',
      type: 'string',
      placeholder: 'id',
      help: 'make a pre-release: 1.4.0 with minor and rc gives 1.5.0-rc.0, and 1.5.0-rc.0 then 1.5.0-rc.1',
    },
    {
      name: 'date',
      type: 'string',
      placeholder: 'YYYY-MM-DD',
      help: "the new heading's date (default: today, UTC)",
    },
    {
      name: 'full-parse',
      type: 'boolean',
      default: false,
      help: 'locate Unreleased by parsing the whole file, not the fast heading scan (slower, same answer)',
    },
  ],
  notes: `auto: a Removed subsection or an entry marked BREAKING raises the major (the minor below 1.0.0), Added,
Changed, Deprecated or Features the minor, anything else the patch. Refused, leaving the file as it was: no
Unreleased section, an empty one, or a version the file already has.`,
  exitCodes: '0 prepared (version printed), 1 nothing to prepare or version exists, 2 usage error or unreadable file',
  async run({ values, io }) {
    const file = values.file;
    const changelog = await readChangelog(io.cwd, file);
    let prepared: ReturnType<typeof prepareChangelog>;
    try {
      prepared = prepareChangelog(changelog.text, {
        // One of the declared choices: defineCommand has checked it.
        bump: values.bump as ReleaseBump,
        ...(values.preid === undefined ? {} : { preid: values.preid }),
        date: values.date ?? today(),
        fastPath: !values['full-parse'],
      });
    } catch (error) {
      if (error instanceof PrepareError && error.option !== undefined) throw new UsageError(`--${error.message}`);
      if (error instanceof PrepareError) throw new CommandFailed(`${file}: ${error.message}`);
      if (error instanceof MarkdownTooComplexError) throw new ConfigError(`${file}: ${error.message}`);
      throw error;
    }
    try {
      await replaceFile(changelog, prepared.text);
    } catch (error) {
      throw new CommandFailed(`cannot write ${file}: ${fsMessage(error)}`);
    }
    io.stdout(`${prepared.version}\n`);
    return EXIT.ok;
  },
});
