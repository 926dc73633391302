import { describe, expect, it } from '@jest/globals';
import { findVersionSection, findVersionSectionByFullParse } from '@shipshape/changelog';
import { corpusAvailable, corpusManifest, corpusText } from '@shipshape/testing/corpus';

interface ManifestVersion {
  version: string;
  normalized: string;
  body_first_line: string;
  body_last_line: string;
}

const available = corpusAvailable();
const entries = available ? corpusManifest().filter((e) => e.kind === 'changelog') : [];

describe('changelog corpus', () => {
  it('has the changelog entries when the corpus is present', () => {
    expect(available ? entries.length : 16).toBe(16);
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
