import { describe, expect, it } from '@jest/globals';
import { findVersionSection } from '@shipshape/changelog';

/**
 * Large changelogs of the shape real projects keep (pnpm's CHANGELOG.md is 625 KB in 5,382 lines, date-fns' 123 KB)
 * must stay readable under the bounded parse: when the scanner gives up (here: a table inside a list item) and the
 * whole file is parsed, its memory estimate is over the 128 MB a PR body may use, and it must still be read.
 * The text is generated; no project's text is copied.
 */
function largeChangelog(versions: number): string {
  const out = ['# Changelog', ''];
  for (let v = versions; v >= 1; v--) {
    out.push(`## ${v}.0.0`, '', '### Minor Changes', '');
    for (let i = 0; i < 12; i++)
      out.push(
        `- Package \`@acme/tool-${i}\` gained option \`--flag-${v}-${i}\` for the install command [#${v * 100 + i}](https://github.com/acme/tool/pull/${v * 100 + i}).`,
      );
    if (v === versions)
      out.push(
        '- Settings, by package manager:',
        '',
        '  | setting | default |',
        '  | --- | --- |',
        '  | `strict` | `true` |',
        '',
      );
    out.push('');
  }
  return out.join('\n');
}

describe('a large changelog of a real shape', () => {
  const text = largeChangelog(450);

  it('is as large as the real ones it stands for', () => {
    expect(text.length).toBeGreaterThan(600_000);
  });

  it('reads an old version through the full-parse fallback instead of refusing the file', () => {
    const section = findVersionSection(text, '3.0.0');
    expect(section?.version).toBe('3.0.0');
    expect(section?.ownBody).toContain('--flag-3-11');
  });
});
