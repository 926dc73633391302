import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';
import {
  PrepareError,
  findVersionSection,
  findVersionSectionByFullParse,
  listVersions,
  prepareChangelog,
  unreleasedContent,
} from '@shipshape/changelog';
import { MarkdownTooComplexError, normalizeMarkdown } from '@shipshape/markdown';
import { locateByFullParse, locateByScan, type Located } from '../../packages/changelog/src/prepare/locate';
import { CORPUS_SKIP_REASON, corpusAvailable, corpusManifest, corpusText } from '@shipshape/testing/corpus';

/**
 * prepareChangelog over real changelogs: the shared corpus (skipped without it, failing under CI, like the other
 * corpus suites) and every CHANGELOG.md under node_modules. Each file is prepared as it is, and once more with an
 * Unreleased section written above its newest version (so every dialect's heading style is copied). Either the
 * result keeps every line of the original in order, adds only the new heading (and its compare link) and changes
 * only the compare links, and the reader finds the moved entries under the new version; or it is one of the
 * documented refusals. Never a crash.
 */

const DATE = '2026-12-05';
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

/** The documented refusals (packages/changelog/README.md, "Preparing a release"). */
const REFUSALS: [kind: string, message: RegExp][] = [
  ['no Unreleased section', /^the changelog has no Unreleased section/],
  ['empty Unreleased', /^the Unreleased section \(.*\) is empty: there is nothing to release$/],
  ['version exists', /^version \S+ already exists/],
  ['not above the latest', /would not be above the latest version in the changelog/],
  ['heading style not followed', /headings could not be followed/],
];

const outcomes = new Map<string, number>();
const count = (kind: string): void => {
  outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1);
};

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Walks the original and the result together: every original line is there, in order; the result's other lines
 * are new (blank, a setext underline, or naming the new version) or a compare link moved on (the original line with
 * the old version where the new one is). Returns the added and the changed lines.
 */
function diffLines(before: string, after: string, version: string, previous: string | undefined) {
  const old = before.split('\n');
  const now = after.split('\n');
  const added: string[] = [];
  const changed: string[] = [];
  let i = 0;
  for (const line of now) {
    if (i < old.length && line === old[i]) {
      i++;
    } else if (
      i < old.length &&
      previous !== undefined &&
      line.includes('/compare/') &&
      line.replace(version, previous) === old[i]
    ) {
      changed.push(line);
      i++;
    } else {
      added.push(line);
    }
  }
  expect(i).toBe(old.length);
  return { added, changed };
}

/** What prepareChangelog uses of a location (the entries' nodes carry a slice's offsets on the scanner's path). */
const projection = (located: Located) => ({
  ...located,
  unreleased: located.unreleased && { ...located.unreleased, entries: located.unreleased.entries.length },
});

/**
 * The scanner's location (when it is sure) equals the whole parse's, and the whole parse is not refused where the
 * scanner read the file.
 */
function checkLocation(text: string): void {
  const source = normalizeMarkdown(text);
  const scanned = locateByScan(source);
  count(scanned ? 'located by the scanner' : 'located by the whole parse');
  if (scanned) expect(projection(scanned)).toEqual(projection(locateByFullParse(source)));
}

/** Prepares `text` and checks the result (or the refusal); returns the outcome's kind (and a refusal's line). */
function check(text: string): { kind: string; line?: number } {
  checkLocation(text);
  let prepared: ReturnType<typeof prepareChangelog>;
  try {
    prepared = prepareChangelog(text, { bump: 'auto', date: DATE });
  } catch (error) {
    if (error instanceof MarkdownTooComplexError) {
      expect(error.message).toMatch(/^The changelog could not be read: /);
      return { kind: 'could not be read' };
    }
    expect(error).toBeInstanceOf(PrepareError);
    const refusal = REFUSALS.find(([, message]) => message.test((error as Error).message));
    expect(refusal).toBeDefined();
    const line = /, line (\d+)\)/.exec((error as Error).message)?.[1];
    return { kind: refusal?.[0] ?? 'unknown refusal', line: line === undefined ? undefined : Number(line) };
  }
  const { version, previousVersion } = prepared;
  const { added, changed } = diffLines(text, prepared.text, version, previousVersion);
  // The new heading (with its anchor or setext underline) and its compare link; blank lines around them.
  const substantive = added.filter((line) => line.replace('\r', '').trim() !== '');
  expect(substantive.length).toBeGreaterThanOrEqual(1);
  expect(substantive.length).toBeLessThanOrEqual(3);
  const naming = new RegExp(`(?<![\\w.])v?${escapeRegExp(version)}(?!\\w)`);
  for (const line of substantive) expect(naming.test(line) || /^\s*(?:=+|-+)\s*$/.test(line)).toBe(true);
  expect(added.length - substantive.length).toBe(1);
  // At most the Unreleased link definition and a link in the Unreleased heading.
  expect(changed.length).toBeLessThanOrEqual(2);
  // The reader finds the new version, first, with exactly what was under Unreleased.
  const section = findVersionSection(prepared.text, version);
  expect(section).toEqual(findVersionSectionByFullParse(prepared.text, version));
  expect(section?.body).toBe(prepared.notes);
  if (text.length < 200_000) expect(section?.ownBody).toBe(unreleasedContent(text));
  expect(listVersions(prepared.text)[0]).toBe(version);
  expect(unreleasedContent(prepared.text)).toBeUndefined();
  return { kind: 'prepared' };
}

const FIX = ['### Fixed', '', '- A fix waiting for the release', ''];

/**
 * `text` with a fix waiting under Unreleased: under its empty Unreleased heading (`line`, from the refusal), or in an
 * Unreleased section written above its newest version heading, at that heading's level.
 */
function withUnreleased(text: string, emptyAt: number | undefined): string | undefined {
  const lines = text.split('\n');
  const eol = text.includes('\r\n') ? '\r' : '';
  if (emptyAt !== undefined)
    return [
      ...lines.slice(0, emptyAt),
      `${eol}`,
      ...FIX.slice(0, -1).map((l) => `${l}${eol}`),
      ...lines.slice(emptyAt),
    ].join('\n');
  const newest = listVersions(text)[0];
  const section = newest === undefined ? undefined : findVersionSection(text, newest);
  if (!section || section.anchor === '') return undefined;
  const at = section.startLine - 1;
  const level = /^(#{1,6}) /.exec(lines[at] ?? '')?.[1] ?? '##';
  const block = [`${level} [Unreleased]`, '', ...FIX];
  return [...lines.slice(0, at), ...block.map((l) => `${l}${eol}`), ...lines.slice(at)].join('\n');
}

function checkFile(name: string, text: string): void {
  const asIs = check(text);
  count(`as is: ${asIs.kind}`);
  const written = withUnreleased(text, asIs.kind === 'empty Unreleased' ? asIs.line : undefined);
  if (written === undefined) {
    count('with Unreleased: no version heading to write it above');
    return;
  }
  const withIt = check(written);
  count(`with Unreleased: ${withIt.kind}`);
  expect(`${name}: ${withIt.kind}`).toBe(`${name}: prepared`);
}

const available = corpusAvailable();
const changelogs = available ? corpusManifest().filter((e) => e.kind === 'changelog') : [];
const describeCorpus = available ? describe : describe.skip;

describeCorpus(`prepareChangelog over the corpus${available ? '' : ` (${CORPUS_SKIP_REASON})`}`, () => {
  it('has the changelog entries', () => {
    expect(changelogs.length).toBe(16);
  });
  it.each(changelogs.map((e) => [e.file]))('%s', (file) => {
    checkFile(file, corpusText(file));
  });
});

/** Every CHANGELOG.md under node_modules (any letter case), found without following links out of it. */
function nodeModulesChangelogs(dir = join(REPO_ROOT, 'node_modules'), found: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) nodeModulesChangelogs(path, found);
    else if (entry.isFile() && entry.name.toLowerCase() === 'changelog.md') found.push(path);
  }
  return found;
}

describe('prepareChangelog over the CHANGELOG.md files under node_modules', () => {
  const files = nodeModulesChangelogs();
  it('finds them', () => {
    expect(files.length).toBeGreaterThan(10);
  });
  it.each(files.map((f) => [f.slice(REPO_ROOT.length + 1)]))('%s', (file) => {
    checkFile(file, readFileSync(join(REPO_ROOT, file), 'utf8'));
  });
});

afterAll(() => {
  const lines = [...outcomes].sort(([a], [b]) => a.localeCompare(b)).map(([kind, n]) => `  ${kind}: ${n}`);
  process.stdout.write(`\nprepareChangelog outcomes:\n${lines.join('\n')}\n`);
});
