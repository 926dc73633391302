import { describe, expect, it } from '@jest/globals';
import { findVersionSection, listVersions, suggestNearest } from '@shipshape/changelog';

const keepAChangelog = [
  '# Changelog',
  '',
  '## [Unreleased]',
  '',
  '- pending',
  '',
  '## [1.2.30] - 2024-02-01',
  '',
  '- thirty',
  '',
  '## [1.2.3] - 2024-01-01',
  '',
  '### Fixed',
  '',
  '- a [bug][b1] fixed',
  '',
  '```md',
  '## 9.9.9',
  '```',
  '',
  '## [11.2.3] - 2023-01-01',
  '',
  '- eleven',
  '',
  '[b1]: https://example.com/b1',
  '[1.2.3]: https://example.com/compare',
  '',
].join('\n');

describe('findVersionSection', () => {
  it('matches the exact semver value and slices the body verbatim', () => {
    const section = findVersionSection(keepAChangelog, 'v1.2.3');
    expect(section?.version).toBe('1.2.3');
    expect(section?.date).toBe('2024-01-01');
    expect(section?.anchor).toBe('123---2024-01-01');
    expect(section?.body.split('\n')[0]).toBe('### Fixed');
    expect(section?.body).toContain('```md\n## 9.9.9\n```');
    expect(section?.body).not.toContain('eleven');
    expect(section?.body.endsWith('[b1]: https://example.com/b1')).toBe(true);
  });

  it('does not treat a heading inside a code fence as a version', () => {
    expect(findVersionSection(keepAChangelog, '9.9.9')).toBeUndefined();
    expect(listVersions(keepAChangelog)).toEqual(['1.2.30', '1.2.3', '11.2.3']);
  });

  it('handles setext headings, CRLF, a BOM and pre-releases', () => {
    const text = '\ufeff1.0.0-rc.1 / 2020-01-01\r\n==================\r\n\r\n  * rc\r\n\r\n1.0.0 / 2020-02-01\r\n==================\r\n\r\n  * final\r\n';
    const rc = findVersionSection(text, '1.0.0-rc.1');
    expect(rc?.body).toBe('  * rc');
    expect(findVersionSection(text, '1.0.0')?.body).toBe('  * final');
    expect(rc?.body).not.toContain('\r');
  });

  it('ends at the next version heading or a higher-level heading; same-level notes headings stay inside', () => {
    const text = [
      '## 2.0.0', '', "## What's Changed", '', 'two', '', '<a name="1.0.0"></a>', '## 1.0.0', '', 'one', '',
      '# Older', '', '## Notes', '', '## 1.0.0', '', 'again', '',
    ].join('\n');
    expect(findVersionSection(text, '2.0.0')?.body).toBe("## What's Changed\n\ntwo");
    expect(findVersionSection(text, '1.0.0')?.body).toBe('one');
  });

  it('uses GitHub anchors with duplicate suffixes', () => {
    const text = '## Notes\n\n## 1.0.0\n\n- a\n\n## [1.0.1]\n\n## Notes\n\n## Notes\n';
    expect(findVersionSection(text, '1.0.0')?.anchor).toBe('100');
    expect(findVersionSection(text, '1.0.1')?.anchor).toBe('101');
    expect(findVersionSection('## Fix\n\n## Fix\n\n## 1.0 - x\n\n- b\n', '1.0')?.anchor).toBe('10---x');
  });

  it('gives a did-you-mean hint', () => {
    expect(suggestNearest(keepAChangelog, '1.2.4')).toBe('did you mean 1.2.30?');
    expect(suggestNearest('## [Unreleased]\n\n- x\n', '3.0.0')).toBe('the changes may still be under Unreleased');
  });
});
