/**
 * Survey: runs the changelog extractor over every CHANGELOG / HISTORY / CHANGES file under the folders given and
 * compares it with an independent, simple reading (a heading line holding a semver-like token; in a file without
 * such headings, a short line after a blank line that starts with a version, bold or not). The disagreements
 * are what a person inspects by hand: a heading a person would call a version that the extractor missed or misread.
 * For each file it also asks for the newest, middle and oldest version the simple reading found, through the fast
 * path and through the full parse. Nothing here runs in CI: it needs real changelogs, e.g. a scratch folder of
 * installed packages.
 *
 *   node scripts/run-ts.mjs scripts/changelog-survey.ts <folder>… [--out report.json]
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { findVersionSection, findVersionSectionByFullParse, listVersions } from '@shipshape/changelog';

const CHANGELOG_NAME = /^(?:changelog|history|changes)(?:\.(?:md|markdown|txt))?$/i;
/** A full parse of files larger than this is skipped (it only checks that the fast path agrees). */
const FULL_PARSE_MAX_BYTES = 600_000;

function* changelogFiles(dir: string, depth = 0): Generator<string> {
  if (depth > 12) return;
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    const path = join(dir, name);
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) continue;
    if (stat.isDirectory()) yield* changelogFiles(path, depth + 1);
    else if (stat.isFile() && CHANGELOG_NAME.test(name)) yield path;
  }
}

/** A `.txt` (or extension-less) file counts only when it looks like Markdown: an ATX heading or a setext underline. */
function looksLikeMarkdown(path: string, text: string): boolean {
  if (/\.(?:md|markdown)$/i.test(path)) return true;
  return /^ {0,3}#{1,6}[ \t]+\S/m.test(text) || /\S[^\n]*\n {0,3}(?:=+|-+)[ \t]*$/m.test(text);
}

interface SimpleHeading {
  line: number;
  text: string;
  /** The semver-like token (`1.2.3`, `1.2`, with a pre-release), without a leading `v`. */
  token: string;
}

const TOKEN_FULL = /(?<![\w.])v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z][0-9A-Za-z.-]*[0-9A-Za-z]|-[0-9A-Za-z])?)(?![\d])/i;
const TOKEN_PARTIAL = /(?<![\w.])v?(\d+\.\d+)(?![\d.]*\d)/i;

/** The independent reading: heading lines outside fences, with markup stripped roughly. */
function simpleHeadings(text: string): SimpleHeading[] {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  const found: SimpleHeading[] = [];
  const versionLines: SimpleHeading[] = [];
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fenceMatch?.[1]) {
      if (fence === undefined) fence = fenceMatch[1].charAt(0);
      else if (fenceMatch[1].charAt(0) === fence) fence = undefined;
      continue;
    }
    if (fence !== undefined) continue;
    let heading: string | undefined;
    const atx = /^ {0,3}#{1,6}[ \t]+(.*)$/.exec(line);
    if (atx?.[1] !== undefined) heading = atx[1];
    else {
      const next = lines[i + 1] ?? '';
      const previous = lines[i - 1] ?? '';
      if (
        line.trim() !== '' &&
        previous.trim() === '' &&
        /^ {0,3}(?:=+|-{3,})[ \t]*$/.test(next) &&
        !/^\s*(?:[-*+]|\d+[.)])\s/.test(line)
      )
        heading = line;
    }
    // A file without version headings may open each version with a short line of its own (`**1.2.3** (date)`,
    // `v1.2.3 - date`): the simple reading takes a short line that starts with a version, bold or not.
    if (
      heading === undefined &&
      line.length <= 80 &&
      (lines[i - 1] ?? '').trim() === '' &&
      /^ {0,3}(?:\*\*|__)?\s*v?\d+\.\d+/i.test(line)
    ) {
      const token =
        TOKEN_FULL.exec(line.replace(/[*_]/g, ''))?.[1] ?? TOKEN_PARTIAL.exec(line.replace(/[*_]/g, ''))?.[1];
      if (token !== undefined) versionLines.push({ line: i + 1, text: line.trim(), token });
      continue;
    }
    if (heading === undefined) continue;
    const plain = heading
      .replace(/\]\([^)]*\)/g, ']')
      .replace(/[[\]*_`]/g, '')
      .trim();
    const token = TOKEN_FULL.exec(plain)?.[1] ?? TOKEN_PARTIAL.exec(plain)?.[1];
    if (token !== undefined) found.push({ line: i + 1, text: plain, token });
  }
  return found.length > 0 ? found : versionLines;
}

interface Lookup {
  version: string;
  found: boolean;
  headingHasVersion: boolean;
  /** `refused`: the full parse ended with an error (e.g. a size or memory limit); `skipped`: the file is too large. */
  fullParseAgrees: boolean | 'skipped' | 'refused';
  /** The error that ended the lookup, if any. */
  error?: string;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error)).slice(0, 160);

/**
 * Asks the extractor for one version both ways; an error is recorded, never thrown, so one file cannot hide the rest.
 */
function lookUp(text: string, version: string): Lookup {
  let section: ReturnType<typeof findVersionSection>;
  try {
    section = findVersionSection(text, version);
  } catch (error) {
    return { version, found: false, headingHasVersion: false, fullParseAgrees: 'skipped', error: messageOf(error) };
  }
  let fullParseAgrees: Lookup['fullParseAgrees'] = 'skipped';
  if (text.length <= FULL_PARSE_MAX_BYTES) {
    try {
      fullParseAgrees = JSON.stringify(findVersionSectionByFullParse(text, version)) === JSON.stringify(section);
    } catch {
      fullParseAgrees = 'refused';
    }
  }
  return {
    version,
    found: section !== undefined,
    headingHasVersion: section?.heading.includes(version) ?? false,
    fullParseAgrees,
  };
}

interface FileReport {
  file: string;
  bytes: number;
  simple: number;
  extracted: number;
  /** Version headings of the simple reading whose token the extractor does not list. */
  missed: { line: number; text: string; token: string }[];
  /** Versions the extractor lists that no simple heading has as its token. */
  extra: string[];
  lookups: Lookup[];
  /** Listing the versions ended with this error (the missed headings then count every simple one). */
  listError: string | undefined;
}

function surveyFile(file: string, text: string): FileReport {
  const simple = simpleHeadings(text);
  let extracted: string[] = [];
  let listError: string | undefined;
  try {
    extracted = listVersions(text);
  } catch (error) {
    listError = messageOf(error);
  }
  const extractedSet = new Set(extracted);
  const simpleSet = new Set(simple.map((h) => h.token));
  const missed = simple
    .filter((h) => !extractedSet.has(h.token))
    .map(({ line, text: t, token }) => ({ line, text: t, token }));
  const extra = [...new Set(extracted.filter((v) => !simpleSet.has(v)))];
  const tokens = [...new Set(simple.map((h) => h.token))];
  const picks = [
    ...new Set(
      [tokens[0], tokens[Math.floor(tokens.length / 2)], tokens.at(-1)].filter((v): v is string => v !== undefined),
    ),
  ];
  const lookups = picks.map((version) => lookUp(text, version));
  return {
    file,
    bytes: text.length,
    simple: simple.length,
    extracted: extracted.length,
    missed,
    extra,
    lookups,
    listError,
  };
}

function main(): void {
  const args = process.argv.slice(2);
  const outAt = args.indexOf('--out');
  const out = outAt === -1 ? undefined : args[outAt + 1];
  const roots = args.filter((_, i) => i !== outAt && i !== outAt + 1);
  if (roots.length === 0) {
    console.error('usage: changelog-survey.ts <folder>… [--out report.json]');
    process.exit(2);
  }
  const seen = new Set<string>();
  const reports: FileReport[] = [];
  for (const root of roots) {
    for (const file of changelogFiles(root)) {
      const text = readFileSync(file, 'utf8');
      const hash = createHash('sha256').update(text).digest('hex');
      if (seen.has(hash) || !looksLikeMarkdown(file, text)) continue;
      seen.add(hash);
      try {
        reports.push(surveyFile(file, text));
      } catch (error) {
        console.error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  const lookups = reports.flatMap((r) => r.lookups);
  const summary = {
    files: reports.length,
    filesWithVersions: reports.filter((r) => r.extracted > 0 || r.simple > 0).length,
    simpleVersionHeadings: reports.reduce((n, r) => n + r.simple, 0),
    extractedVersions: reports.reduce((n, r) => n + r.extracted, 0),
    filesWithMissed: reports.filter((r) => r.missed.length > 0).length,
    missedHeadings: reports.reduce((n, r) => n + r.missed.length, 0),
    filesWithExtra: reports.filter((r) => r.extra.length > 0).length,
    lookups: lookups.length,
    lookupsFound: lookups.filter((l) => l.found).length,
    lookupsHeadingHasVersion: lookups.filter((l) => l.headingHasVersion).length,
    fullParseDisagreements: lookups.filter((l) => l.fullParseAgrees === false).length,
    fullParsesRefused: lookups.filter((l) => l.fullParseAgrees === 'refused').length,
    lookupErrors: lookups.filter((l) => l.error !== undefined).length,
    listErrors: reports.filter((r) => r.listError !== undefined).length,
  };
  console.log(JSON.stringify(summary, null, 2));
  for (const r of reports) {
    if (
      r.listError === undefined &&
      r.missed.length === 0 &&
      r.extra.length === 0 &&
      r.lookups.every((l) => l.found && (l.fullParseAgrees === true || l.fullParseAgrees === 'skipped'))
    )
      continue;
    console.log(`\n${r.file} (${basename(r.file)}, ${r.simple} simple, ${r.extracted} extracted)`);
    if (r.listError !== undefined) console.log(`  listing failed: ${r.listError}`);
    for (const m of r.missed.slice(0, 6)) console.log(`  missed  line ${m.line}: ${m.text}  [${m.token}]`);
    if (r.missed.length > 6) console.log(`  … ${r.missed.length - 6} more missed`);
    if (r.extra.length > 0) console.log(`  extra   ${r.extra.slice(0, 8).join(', ')}`);
    for (const l of r.lookups) {
      if (!l.found || l.fullParseAgrees === false || l.fullParseAgrees === 'refused') {
        console.log(
          `  lookup  ${l.version}: found=${l.found} fullParseAgrees=${String(l.fullParseAgrees)}${l.error ? ` error=${l.error}` : ''}`,
        );
      }
    }
  }
  if (out) writeFileSync(out, `${JSON.stringify({ summary, reports }, null, 2)}\n`);
}

main();
