import { describe, expect, it } from '@jest/globals';
import {
  findVersionSection,
  findVersionSectionByFullParse,
  headingVersion,
  listVersions,
  suggestNearest,
  unreleasedContent,
} from '@shipshape/changelog';

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
    const text =
      '\ufeff1.0.0-rc.1 / 2020-01-01\r\n==================\r\n\r\n  * rc\r\n\r\n1.0.0 / 2020-02-01\r\n==================\r\n\r\n  * final\r\n';
    const rc = findVersionSection(text, '1.0.0-rc.1');
    expect(rc?.body).toBe('  * rc');
    expect(findVersionSection(text, '1.0.0')?.body).toBe('  * final');
    expect(rc?.body).not.toContain('\r');
  });

  it('ends at the next version heading or a higher-level heading; same-level notes headings stay inside', () => {
    const text = [
      '## 2.0.0',
      '',
      "## What's Changed",
      '',
      'two',
      '',
      '<a name="1.0.0"></a>',
      '## 1.0.0',
      '',
      'one',
      '',
      '# Older',
      '',
      '## Notes',
      '',
      '## 1.0.0',
      '',
      'again',
      '',
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
    expect(suggestNearest(keepAChangelog, '1.2.4')).toBe(
      'did you mean 1.2.3 or 1.2.30?; changes are still under Unreleased — move them under a heading for this version',
    );
    expect(suggestNearest('## 2.0.0\n\n- x\n\n## 1.0.0\n\n- y\n', '3.0.0')).toBe('did you mean 2.0.0?');
    expect(suggestNearest('## [Unreleased]\n\n- x\n', '3.0.0')).toBe(
      'changes are still under Unreleased — move them under a heading for this version',
    );
    expect(suggestNearest('## [Unreleased]\n\n## 1.0.0\n\n- y\n', '0.9.0')).toBe('did you mean 1.0.0?');
  });
});

/** Every dialect the issue names, each with the line its body starts with and the one it ends with. */
const DIALECTS: [name: string, text: string, version: string, first: string, last: string][] = [
  [
    'Keep a Changelog',
    '## [Unreleased]\n\n## [1.2.3] - 2024-01-01\n### Added\n- a\n\n## [1.2.2] - 2023-01-01\n- b\n\n[1.2.3]: https://x/compare\n',
    '1.2.3',
    '### Added',
    '- a',
  ],
  [
    'release-please',
    '## [1.2.3](https://x/compare/v1.2.2...v1.2.3) (2024-01-01)\n\n\n### Bug Fixes\n\n* **core:** fix ([#1](https://x/1))\n\n## [1.2.2](https://x) (2023-01-01)\n',
    '1.2.3',
    '### Bug Fixes',
    '* **core:** fix ([#1](https://x/1))',
  ],
  [
    'changesets',
    '# @scope/pkg\n\n## 1.2.3\n\n### Patch Changes\n\n- Updated dependencies\n  - @scope/dep@2.0.1\n\n## 1.2.2\n',
    '1.2.3',
    '### Patch Changes',
    '  - @scope/dep@2.0.1',
  ],
  [
    'conventional-changelog',
    '<a name="1.3.0"></a>\n# [1.3.0](https://x) (2024-02-01)\n\n- c\n\n<a name="1.2.3"></a>\n## [1.2.3](https://x) (2024-01-01)\n\n- d\n',
    '1.3.0',
    '- c',
    '- c',
  ],
  [
    'github-changelog-generator',
    '## [v1.2.3](https://x/tree/v1.2.3) (2024-01-01)\n\n[Full Changelog](https://x/compare)\n\n**Fixed bugs:**\n\n- e \\#12\n\n## [v1.2.2](https://x) (2023-01-01)\n',
    '1.2.3',
    '[Full Changelog](https://x/compare)',
    '- e \\#12',
  ],
  [
    'setext History.md',
    '1.2.3 / 2020-01-01\n==================\n\n  * f\n    - g\n\n1.2.2 / 2019-01-01\n==================\n',
    '1.2.3',
    '  * f',
    '    - g',
  ],
  ['## v1.2.3', '## v1.2.3\n- h\n## v1.2.2\n- i\n', '1.2.3', '- h', '- h'],
  ['Version word', '## Version 1.2.3 — May 18th, 2026\n\n* j\n\n## Version 1.2.2\n', '1.2.3', '* j', '* j'],
  [
    '## 1.2.3 (date)',
    '## 1.2.3 (2024-01-01)\n\n### 🩹 Fixes\n\n- k\n\n### ❤️ Thank You\n\n- l\n\n## 1.2.2 (2023-01-01)\n',
    '1.2.3',
    '### 🩹 Fixes',
    '- l',
  ],
  ['H4 headings', '#### 1.2.3\n\n- m\n\n#### 1.2.2\n\n- n\n', '1.2.3', '- m', '- m'],
];

describe('dialects', () => {
  it.each(DIALECTS)('%s', (...row) => {
    const [, text, version, first, last] = row;
    const section = findVersionSection(text, version);
    const lines = (section?.ownBody ?? '').split('\n').filter((l) => l.trim() !== '');
    expect(lines[0]).toBe(first);
    expect(lines.at(-1)).toBe(last);
    expect(text.replace(/\r/g, '')).toContain(section?.ownBody);
    expect(findVersionSectionByFullParse(text, version)).toEqual(section);
  });
});

describe('exact version matching', () => {
  const text = '## 11.2.3\n\n- eleven\n\n## 1.2.30\n\n- thirty\n\n## 1.0.0-rc.1\n\n- rc\n\n## 1.0.0\n\n- final\n';
  it('1.2.3 never matches 1.2.30 or 11.2.3; a pre-release is its own version; a leading v is accepted', () => {
    expect(findVersionSection(text, '1.2.3')).toBeUndefined();
    expect(findVersionSection(text, 'v1.2.30')?.body).toBe('- thirty');
    expect(findVersionSection(text, '1.0.0-rc.1')?.body).toBe('- rc');
    expect(findVersionSection(text, '1.0.0')?.body).toBe('- final');
    expect(findVersionSection(text, '1.0.0-rc')).toBeUndefined();
  });
  it('only a heading that leads with the version is a version heading', () => {
    expect(headingVersion('[1.2.3] - 2024-01-01')).toBe('1.2.3');
    expect(headingVersion('@scope/pkg@1.2.3')).toBe('1.2.3');
    expect(headingVersion('Release v1.2.3')).toBe('1.2.3');
    expect(headingVersion('🎉 1.2.3')).toBe('1.2.3');
    expect(headingVersion('Upgrading to 2.0.0')).toBeUndefined();
    expect(headingVersion('Fixed bugs')).toBeUndefined();
    const withUpgrade = '## 2.0.0\n\n### Upgrading to 2.0.0\n\n- steps\n\n## 1.0.0\n';
    expect(findVersionSection(withUpgrade, '2.0.0')?.body).toBe('### Upgrading to 2.0.0\n\n- steps');
  });
});

describe('link reference definitions', () => {
  it('appends the definitions the section uses, from anywhere in the file, in document order, once', () => {
    const text =
      '[top]: https://top\n\n## 1.0.0\n\n- [a][] and [top] and [A]\n- [undefined]\n\n## 0.9.0\n\n- [b]\n\n[a]: https://a\n[b]: https://b\n';
    const section = findVersionSection(text, '1.0.0');
    expect(section?.ownBody).toBe('- [a][] and [top] and [A]\n- [undefined]');
    expect(section?.body).toBe('- [a][] and [top] and [A]\n- [undefined]\n\n[top]: https://top\n[a]: https://a');
    expect(findVersionSection(text, '0.9.0')?.body).toBe('- [b]\n\n[b]: https://b');
  });
  it('never appends a definition-looking line from inside a code block', () => {
    const text = '## 1.0.0\n\n- [x]\n\n## 0.1.0\n\n```\n[x]: https://not-a-definition\n```\n';
    expect(findVersionSection(text, '1.0.0')?.body).toBe('- [x]');
  });
});

describe('suggestNearest on a file too complex to parse whole', () => {
  it('still names the nearest versions; only the hints that need a full parse are left out', () => {
    // The Unreleased hint parses the top of the file; runaway nesting there is refused by the bounded parse.
    const text = `## [Unreleased]\n\n${'> '.repeat(400)}x\n\n## 1.0.0\n\n- x\n`;
    expect(findVersionSection(text, '2.0.0')).toBeUndefined();
    expect(suggestNearest(text, '2.0.0')).toBe('did you mean 1.0.0?');
  });
});

describe('unreleasedContent', () => {
  it('returns what waits under Unreleased, or undefined when it is empty', () => {
    expect(unreleasedContent('## [Unreleased]\n\n- soon\n\n## 1.0.0\n')).toBe('- soon');
    expect(unreleasedContent('## [Unreleased]\n\n## 1.0.0\n\n- x\n')).toBeUndefined();
    expect(unreleasedContent('## 1.0.0\n')).toBeUndefined();
  });
});
