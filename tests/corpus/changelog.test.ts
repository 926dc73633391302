import { describe, expect, it } from '@jest/globals';
import { findVersionSection, findVersionSectionByFullParse } from '@shipshape/changelog';
import { CORPUS_SKIP_REASON, corpusAvailable, corpusManifest, corpusText } from '@shipshape/testing/corpus';

interface ManifestVersion {
  version: string;
  normalized: string;
  body_first_line: string;
  body_last_line: string;
}

const available = corpusAvailable();
const entries = available ? corpusManifest().filter((e) => e.kind === 'changelog') : [];
// Without the corpus the suite is skipped (counted as skipped, its title says why), never passed.
const describeCorpus = available ? describe : describe.skip;

describeCorpus(`changelog corpus${available ? '' : ` (${CORPUS_SKIP_REASON})`}`, () => {
  it('has the changelog entries', () => {
    expect(entries.length).toBe(16);
  });

  for (const entry of entries) {
    const versions = (entry.versions ?? []) as ManifestVersion[];
    for (const v of versions) {
      it(`${entry.file}: ${v.version}`, () => {
        const section = findVersionSection(corpusText(entry.file), v.version);
        expect(section).toBeDefined();
        const lines = (section?.ownBody ?? '').split('\n').filter((l) => l.trim() !== '');
        expect(lines[0]).toBe(v.body_first_line);
        expect(lines.at(-1)).toBe(v.body_last_line);
        expect(section?.body).not.toContain('\r');
        expect(findVersionSection(corpusText(entry.file), v.normalized)?.version).toBe(section?.version);
        // The fast path (scanner, partial reads, definitions looked up further down) answers what remark answers
        // when it parses the whole file.
        expect(section).toEqual(findVersionSectionByFullParse(corpusText(entry.file), v.version));
      });
    }
  }
});

/**
 * The dialects the survey of real changelogs turned up (issue 17 item 4: ~580 files from npm packages, newest and
 * older versions), each written anew for this test: the section's first and last body lines, and the fast path
 * equal to the full parse. They run with or without the shared corpus.
 */
const SURVEYED: [dialect: string, text: string, version: string, first: string, last: string][] = [
  [
    'date, Version X (Node.js)',
    "# Runtime 9\n\n## 2032-04-05, Version 9.2.1 'Orchid' (LTS), @releaser\n\n### Notable Changes\n\n- patched\n\n## 2032-03-01, Version 9.2.0 'Orchid' (LTS), @releaser\n\n- minor\n",
    '9.2.1',
    '### Notable Changes',
    '- patched',
  ],
  [
    'date / X (setext HISTORY.md)',
    '2032-04-05 / 3.1.4\n==================\n\n  * deps: bumped\n\n2032-01-01 / 3.1.3\n==================\n\n  * older\n',
    '3.1.4',
    '  * deps: bumped',
    '  * deps: bumped',
  ],
  [
    'vX. / date (a stray dot)',
    'v3.1.5. / 2032-05-01\n==================\n\n* engines field\n\n3.1.4 / 2032-04-05\n==================\n\n* x\n',
    '3.1.5',
    '* engines field',
    '* engines field',
  ],
  [
    'vX.Y date (partial, no separator)',
    '## v0.9.1 2031-01-02\n\n- patch\n\n## v0.9 2030-12-01\n\n- first of the line\n\n## v0.8 2030-11-01\n',
    '0.9',
    '- first of the line',
    '- first of the line',
  ],
  [
    '**X / date** lines, no headings',
    '**6.1.0 / 2032-02-02**\n- feat: one\n- fix: two\n\n**6.0.9 / 2032-01-01**\n- fix: three\n',
    '6.1.0',
    '- feat: one',
    '- fix: two',
  ],
  [
    '**X** (date) lines with a date typo',
    '**1.4.2** (2032--02-02)\n- fix: typo date\n\n**1.4.1** (2032-01-01)\n- fix: older\n',
    '1.4.2',
    '- fix: typo date',
    '- fix: typo date',
  ],
  [
    'vX - Month D, YYYY lines',
    'v4.0.0 - March 3, 2032\n\n* 1a2b3c4 Breaking: drop a runtime\n* 5d6e7f8 Upgrade: a dependency\n\nv3.9.0 - January 1, 2032\n\n* 9a8b7c6 New: an option\n',
    '4.0.0',
    '* 1a2b3c4 Breaking: drop a runtime',
    '* 5d6e7f8 Upgrade: a dependency',
  ],
  [
    'vX: lines followed by a list',
    '# CHANGELOG\n\nv7.3.1:\n  - a1b2c3d: a check\n\nv7.3:\n  - e4f5a6b: a method\n  - c7d8e9f: a type\n',
    '7.3',
    '  - e4f5a6b: a method',
    '  - c7d8e9f: a type',
  ],
];

describe('dialects found by the survey (own text)', () => {
  it.each(SURVEYED)('%s', (...row) => {
    const [, text, version, first, last] = row;
    const section = findVersionSection(text, version);
    const lines = (section?.ownBody ?? '').split('\n').filter((l) => l.trim() !== '');
    expect(lines[0]).toBe(first);
    expect(lines.at(-1)).toBe(last);
    expect(section).toEqual(findVersionSectionByFullParse(text, version));
  });
});
