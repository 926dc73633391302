import { describe, expect, it } from '@jest/globals';
import { MarkdownTooComplexError } from '@shipshape/markdown';
import {
  CHANGELOG_PARSE_LIMITS,
  PrepareError,
  findVersionSection,
  prepareChangelog,
  type PrepareOptions,
} from '@shipshape/changelog';
import { locateByFullParse, locateByScan } from '../../../packages/changelog/src/prepare/locate';

const DATE = '2026-12-05';

/** A Keep a Changelog file: `unreleased` under the Unreleased heading, then 1.4.0, and the compare links. */
const keepAChangelog = (unreleased: string): string =>
  [
    '# Changelog',
    '',
    'All notable changes to this project will be documented in this file.',
    '',
    '## [Unreleased]',
    '',
    unreleased,
    '',
    '## [1.4.0] - 2026-03-02',
    '',
    '### Fixed',
    '',
    '- An older fix',
    '',
    '[Unreleased]: https://github.com/acme/widget/compare/v1.4.0...HEAD',
    '[1.4.0]: https://github.com/acme/widget/compare/v1.3.0...v1.4.0',
    '',
  ].join('\n');

const prepare = (text: string, options: Partial<PrepareOptions> = {}) =>
  prepareChangelog(text, { bump: 'auto', date: DATE, ...options });

/**
 * The lines `after` has and `before` has not, checking every line of `before` is still there, in order (matched
 * greedily: a blank line inserted above a heading shows as the blank line after it).
 */
function addedLines(before: string, after: string): string[] {
  const old = before.split('\n');
  const added: string[] = [];
  let at = 0;
  for (const line of after.split('\n')) {
    if (at < old.length && line === old[at]) at++;
    else added.push(line);
  }
  expect(at).toBe(old.length);
  return added;
}

const errorOf = (run: () => unknown): Error => {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
};

describe('prepareChangelog: the rewrite', () => {
  const text = keepAChangelog('### Added\n\n- A new option');

  it('inserts the heading under an empty Unreleased, moves the links, and changes nothing else', () => {
    const prepared = prepare(text);
    expect(prepared).toMatchObject({ version: '1.5.0', previousVersion: '1.4.0', bump: 'minor' });
    expect(prepared.notes).toBe('### Added\n\n- A new option');
    expect(prepared.text).toBe(
      text
        .replace('## [Unreleased]\n', `## [Unreleased]\n\n## [1.5.0] - ${DATE}\n`)
        .replace(
          'compare/v1.4.0...HEAD\n',
          'compare/v1.5.0...HEAD\n[1.5.0]: https://github.com/acme/widget/compare/v1.4.0...v1.5.0\n',
        ),
    );
    expect(findVersionSection(prepared.text, '1.5.0')?.ownBody).toBe('### Added\n\n- A new option');
    expect(findVersionSection(prepared.text, '1.4.0')?.ownBody).toBe('### Fixed\n\n- An older fix');
  });

  it('keeps CRLF line endings, a BOM and a missing final newline byte for byte', () => {
    const crlf = `\ufeff${text.replace(/\n/g, '\r\n').replace(/\r\n$/, '')}`;
    const prepared = prepare(crlf);
    expect(prepared.text.startsWith('\ufeff# Changelog\r\n')).toBe(true);
    expect(prepared.text).not.toMatch(/[^\r]\n/);
    expect(prepared.text.endsWith('[1.4.0]: https://github.com/acme/widget/compare/v1.3.0...v1.4.0')).toBe(true);
    expect(prepared.text.replace(/\r\n/g, '\n')).toBe(prepare(text).text.replace(/\n$/, '').replace(/^/, '\ufeff'));
  });

  it('keeps a file that ends with the link to Unreleased ending the same way', () => {
    const last =
      '# Changelog\n\n## [Unreleased]\n\n- a fix\n\n## [1.0.0]\n\n- first\n\n[Unreleased]: https://example.com/o/r/compare/1.0.0...main';
    const prepared = prepare(last);
    expect(prepared.version).toBe('1.0.1');
    expect(prepared.text.endsWith('compare/1.0.1...main\n[1.0.1]: https://example.com/o/r/compare/1.0.0...1.0.1')).toBe(
      true,
    );
  });

  it('adds no link definition to a file that has none', () => {
    const plain = '# Changes\n\n## Unreleased\n\n- fixed a thing\n\n## 2.0.1 (2026-01-02)\n\n- older\n';
    const prepared = prepare(plain);
    expect(addedLines(plain, prepared.text)).toEqual([`## 2.0.2 (${DATE})`, '']);
  });
});

describe('prepareChangelog: the bump auto picks', () => {
  it.each([
    ['a Removed subsection with entries', '### Removed\n\n- The old flag', '2.0.0', 'major'],
    ['an entry marked BREAKING', '### Fixed\n\n- BREAKING CHANGE: the fix renames a field', '2.0.0', 'major'],
    ['a BREAKING CHANGES subsection', '### ⚠ BREAKING CHANGES\n\n* drop Node 18', '2.0.0', 'major'],
    ['an Added subsection', '### Added\n\n- A flag', '1.5.0', 'minor'],
    ['a Changed subsection', '### Changed\n\n- The default', '1.5.0', 'minor'],
    ['a Deprecated subsection (semver: deprecating is minor)', '### Deprecated\n\n- The old flag', '1.5.0', 'minor'],
    ['a Features subsection (release-please)', '### Features\n\n* a flag', '1.5.0', 'minor'],
    ['a Fixed subsection', '### Fixed\n\n- A crash', '1.4.1', 'patch'],
    ['a Security subsection', '### Security\n\n- A dependency', '1.4.1', 'patch'],
    ['entries outside any subsection', '- A crash', '1.4.1', 'patch'],
  ])('%s', (_name, unreleased, version, bump) => {
    expect(prepare(keepAChangelog(unreleased))).toMatchObject({ version, bump });
  });

  it('ignores an empty Removed subsection and breaking in lower case', () => {
    const text = keepAChangelog('### Removed\n\n### Fixed\n\n- not a breaking change');
    expect(prepare(text)).toMatchObject({ version: '1.4.1', bump: 'patch' });
  });

  it('counts an entry under a deeper heading for the subsection above it', () => {
    expect(prepare(keepAChangelog('### Removed\n\n#### CLI\n\n- --old')).bump).toBe('major');
  });

  it('takes an explicit bump as given, whatever the entries say', () => {
    const text = keepAChangelog('### Removed\n\n- The old flag');
    expect(prepare(text, { bump: 'patch' })).toMatchObject({ version: '1.4.1', bump: 'patch' });
    expect(prepare(text, { bump: 'minor' }).version).toBe('1.5.0');
  });

  it('below 1.0.0 a break found by auto bumps the minor; an explicit major makes 1.0.0', () => {
    const text = '## [Unreleased]\n\n### Removed\n\n- x\n\n## [0.4.2] - 2026-01-01\n\n- y\n';
    expect(prepare(text)).toMatchObject({ version: '0.5.0', bump: 'minor' });
    expect(prepare(text, { bump: 'major' })).toMatchObject({ version: '1.0.0', bump: 'major' });
    expect(prepare(text.replace('### Removed', '### Added')).version).toBe('0.5.0');
    expect(prepare(text.replace('### Removed', '### Fixed')).version).toBe('0.4.3');
  });

  it('counts a first release from 0.0.0, in the Keep a Changelog form', () => {
    const text = '# Changelog\n\n## [Unreleased]\n\n### Added\n\n- Everything\n';
    const prepared = prepare(text, { bump: 'major' });
    expect(prepared).toMatchObject({ version: '1.0.0', previousVersion: undefined });
    expect(prepared.text).toBe(`# Changelog\n\n## [Unreleased]\n\n## [1.0.0] - ${DATE}\n\n### Added\n\n- Everything\n`);
    expect(prepare(text).version).toBe('0.1.0');
  });

  it('bumps from the highest version in the file, not the first heading', () => {
    const text = '## Unreleased\n\n- fix\n\n## 1.2.9 (2026-01-02)\n\n- backport\n\n## 2.0.0 (2026-01-01)\n\n- major\n';
    expect(prepare(text)).toMatchObject({ version: '2.0.1', previousVersion: '2.0.0' });
  });
});

describe('prepareChangelog: pre-releases (preid)', () => {
  it('starts a pre-release of the bumped version, then counts it up', () => {
    const first = prepare(keepAChangelog('### Added\n\n- A flag'), { preid: 'rc' });
    expect(first.version).toBe('1.5.0-rc.0');
    expect(first.text).toContain(`## [1.5.0-rc.0] - ${DATE}\n`);
    const again = first.text.replace('## [Unreleased]\n', '## [Unreleased]\n\n### Fixed\n\n- A fix in the rc\n');
    const second = prepare(again, { preid: 'rc', date: '2026-12-06' });
    expect(second).toMatchObject({ version: '1.5.0-rc.1', previousVersion: '1.5.0-rc.0', bump: 'patch' });
    expect(second.text).toContain('[1.5.0-rc.1]: https://github.com/acme/widget/compare/v1.5.0-rc.0...v1.5.0-rc.1\n');
  });

  it('moves to the next pre-release line when the entries call for more than the current one', () => {
    const text = '## [Unreleased]\n\n### Removed\n\n- x\n\n## [1.5.0-rc.1] - 2026-01-01\n\n- y\n';
    expect(prepare(text, { preid: 'rc' }).version).toBe('2.0.0-rc.0');
    expect(prepare(text.replace('Removed', 'Added'), { preid: 'rc' }).version).toBe('1.5.0-rc.2');
  });

  it('graduates a pre-release without preid, and refuses a preid that would go backwards', () => {
    const text = '## [Unreleased]\n\n### Fixed\n\n- x\n\n## [1.5.0-rc.1] - 2026-01-01\n\n- y\n';
    expect(prepare(text).version).toBe('1.5.0');
    const error = errorOf(() => prepare(text, { preid: 'alpha' }));
    expect(error).toBeInstanceOf(PrepareError);
    expect(error.message).toBe(
      '1.5.0-alpha.0 would not be above the latest version in the changelog, 1.5.0-rc.1: choose another preid',
    );
  });
});

describe('prepareChangelog: heading styles', () => {
  it.each([
    ['## [1.4.0] - 2026-03-02', `## [1.5.0] - ${DATE}`],
    ['## 1.4.0 (2026-03-02)', `## 1.5.0 (${DATE})`],
    ['## v1.4.0 - 2026-03-02', `## v1.5.0 - ${DATE}`],
    ['# 1.4.0', '# 1.5.0'],
    ['## v1.4.0', '## v1.5.0'],
    ['## [v1.4.0] - 2026/03/02', '## [v1.5.0] - 2026/12/05'],
    ['## 1.4.0 - March 2, 2026', '## 1.5.0 - December 5, 2026'],
    ['## Version 1.4.0 (March 2nd, 2026)', '## Version 1.5.0 (December 5th, 2026)'],
    ['## 1.4.0 - 02 Mar 2026', '## 1.5.0 - 05 Dec 2026'],
    ['## 1.4.0 - Sept. 2, 2026', '## 1.5.0 - December 5, 2026'],
    ['## 1.4.0 (May 18th, 2026)', '## 1.5.0 (December 5th, 2026)'],
    ['## 1.4.0 (MAR. 2 2026)', '## 1.5.0 (DEC. 5 2026)'],
    ['## @acme/widget@1.4.0', '## @acme/widget@1.5.0'],
    [
      '## [1.4.0](https://github.com/acme/widget/compare/v1.3.0...v1.4.0) (2026-03-02)',
      `## [1.5.0](https://github.com/acme/widget/compare/v1.4.0...v1.5.0) (${DATE})`,
    ],
  ])('%s gives %s', (old, expected) => {
    const text = `# Changelog\n\n## Unreleased\n\n### Added\n\n- A flag\n\n${old}\n\n- older\n`;
    const prepared = prepare(text);
    expect(addedLines(text, prepared.text)).toEqual([expected, '']);
    expect(findVersionSection(prepared.text, '1.5.0')?.ownBody).toBe('### Added\n\n- A flag');
  });

  it('writes a setext heading with its underline, and copies an <a name> anchor line', () => {
    const setext = 'Unreleased\n==========\n\n* fix\n\n1.4.0 / 2026-03-02\n==================\n\n* older\n';
    expect(addedLines(setext, prepare(setext).text)).toEqual([`1.4.1 / ${DATE}`, '==================', '']);
    const anchored =
      '# Unreleased\n\n* fix\n\n<a name="1.4.0"></a>\n# [1.4.0](https://x.test/compare/v1.3.0...v1.4.0) (2026-03-02)\n\n* y\n';
    expect(addedLines(anchored, prepare(anchored).text)).toEqual([
      '<a name="1.4.1"></a>',
      `# [1.4.1](https://x.test/compare/v1.4.0...v1.4.1) (${DATE})`,
      '',
    ]);
  });

  it('reads the other spellings of Unreleased', () => {
    for (const heading of ['## Unreleased', '## [unreleased]', '## [UNRELEASED]', '### Unreleased changes']) {
      const text = `# Changelog\n\n${heading}\n\n- a fix\n\n## 3.1.0 - 2026-01-01\n\n- older\n`;
      expect(prepare(text).version).toBe('3.1.1');
    }
  });
});

describe('prepareChangelog: compare links', () => {
  it('keeps the tag prefix the file uses (none, v, a package name)', () => {
    const bare = keepAChangelog('- fix').replace(/\bv(\d)/g, '$1');
    expect(prepare(bare).text).toContain(
      '[Unreleased]: https://github.com/acme/widget/compare/1.4.1...HEAD\n[1.4.1]: https://github.com/acme/widget/compare/1.4.0...1.4.1\n',
    );
    const scoped = keepAChangelog('- fix').replace(/\bv(\d)/g, '@acme/widget@$1');
    expect(prepare(scoped).text).toContain(
      '[1.4.1]: https://github.com/acme/widget/compare/@acme/widget@1.4.0...@acme/widget@1.4.1\n',
    );
  });

  it('builds the range from Unreleased when the previous release links its tag page', () => {
    const text = keepAChangelog('- fix').replace(
      '[1.4.0]: https://github.com/acme/widget/compare/v1.3.0...v1.4.0',
      '[1.4.0]: https://github.com/acme/widget/releases/tag/v1.4.0',
    );
    expect(prepare(text).text).toContain('[1.4.1]: https://github.com/acme/widget/compare/v1.4.0...v1.4.1\n[1.4.0]:');
  });

  it('keeps the order of a definition block written oldest first', () => {
    const text = keepAChangelog('- fix').replace(
      '[Unreleased]: https://github.com/acme/widget/compare/v1.4.0...HEAD\n[1.4.0]: https://github.com/acme/widget/compare/v1.3.0...v1.4.0\n',
      '[1.4.0]: https://github.com/acme/widget/compare/v1.3.0...v1.4.0\n[Unreleased]: https://github.com/acme/widget/compare/v1.4.0...HEAD\n',
    );
    expect(prepare(text).text).toContain(
      '[1.4.0]: https://github.com/acme/widget/compare/v1.3.0...v1.4.0\n[1.4.1]: https://github.com/acme/widget/compare/v1.4.0...v1.4.1\n[Unreleased]: https://github.com/acme/widget/compare/v1.4.1...HEAD\n',
    );
  });

  it('writes the first compare link under Unreleased when no release has one', () => {
    const text =
      '## [Unreleased]\n\n- fix\n\n## [0.1.0] - 2026-01-01\n\n- y\n\n[unreleased]: https://x.test/compare/v0.1.0...HEAD\n';
    expect(
      prepare(text).text.endsWith(
        '[unreleased]: https://x.test/compare/v0.1.1...HEAD\n[0.1.1]: https://x.test/compare/v0.1.0...v0.1.1\n',
      ),
    ).toBe(true);
  });

  it('moves a compare link written in the Unreleased heading itself', () => {
    const text =
      '## [Unreleased](https://x.test/compare/v1.0.0...HEAD)\n\n- fix\n\n## [1.0.0](https://x.test/compare/v0.9.0...v1.0.0)\n\n- y\n';
    expect(prepare(text).text).toBe(
      '## [Unreleased](https://x.test/compare/v1.0.1...HEAD)\n\n## [1.0.1](https://x.test/compare/v1.0.0...v1.0.1)\n\n- fix\n\n## [1.0.0](https://x.test/compare/v0.9.0...v1.0.0)\n\n- y\n',
    );
  });
});

describe('prepareChangelog: refusals', () => {
  it.each([
    ['no Unreleased section', '# Changelog\n\n## 1.0.0\n\n- y\n', /^the changelog has no Unreleased section/],
    ['an empty Unreleased', keepAChangelog(''), /^the Unreleased section \("## \[Unreleased\]", line 5\) is empty/],
    [
      'only empty subsections and a comment',
      keepAChangelog('### Added\n\n### Fixed\n\n<!-- nothing yet -->'),
      /is empty: there is nothing to release$/,
    ],
  ])('%s', (_name, text, message) => {
    const error = errorOf(() => prepare(text));
    expect(error).toBeInstanceOf(PrepareError);
    expect(error.message).toMatch(message);
  });

  it('refuses a version already released (existingVersions, with or without v)', () => {
    const error = errorOf(() => prepare(keepAChangelog('- fix'), { existingVersions: ['v1.4.1'] }));
    expect(error).toBeInstanceOf(PrepareError);
    expect(error.message).toBe('version 1.4.1 already exists (it is already released): nothing was changed');
    expect(prepare(keepAChangelog('- fix'), { existingVersions: ['v1.4.0', '1.3.0'] }).version).toBe('1.4.1');
    const rc = '## Unreleased\n\n- fix\n\n## 2.0.0-rc.0\n\n- z\n\n## 1.4.0\n\n- y\n';
    expect(errorOf(() => prepare(rc, { preid: 'rc', existingVersions: ['2.0.0-rc.1'] })).message).toBe(
      'version 2.0.0-rc.1 already exists (it is already released): nothing was changed',
    );
  });

  it('bumps past a heading that names a version with words after it, never onto it', () => {
    const draft = '## Unreleased\n\n- fix\n\n## 1.4.1 (draft)\n\n- z\n\n## 1.4.0\n\n- y\n';
    expect(prepare(draft)).toMatchObject({ version: '1.4.2', previousVersion: '1.4.1' });
  });

  it.each([
    [{ bump: 'huge' }, 'bump must be one of auto, major, minor, patch, got "huge"'],
    [{ preid: 'r c' }, /^preid must be a pre-release name such as rc, beta or next/],
    [{ preid: '1' }, /^preid must be/],
    [{ date: '2026-13-01' }, 'date must be a day written YYYY-MM-DD, got "2026-13-01"'],
    [{ date: 'today' }, /^date must be a day written YYYY-MM-DD/],
  ])('refuses the options %j', (options, message) => {
    const error = errorOf(() => prepare(keepAChangelog('- fix'), options as Partial<PrepareOptions>));
    expect(error).toBeInstanceOf(PrepareError);
    expect((error as PrepareError).option).toBe(Object.keys(options)[0]);
    if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
  });

  it('refuses a file over the size limit before reading it, as a whole parse would', () => {
    const huge = `## [Unreleased]\n\n- fix\n\n## 1.0.0\n\n${'x'.repeat(CHANGELOG_PARSE_LIMITS.maxChars)}\n`;
    const error = errorOf(() => prepare(huge));
    expect(error).toBeInstanceOf(MarkdownTooComplexError);
    expect(error.message).toBe(
      `The changelog could not be read: the text is ${huge.length} characters long; at most ${CHANGELOG_PARSE_LIMITS.maxChars} are parsed. Check it for runaway nesting or emphasis.`,
    );
  });

  it('gives a file beyond the limits the same "could not be read" error as the other entry points', () => {
    const runaway = `## [Unreleased]\n\n- fix\n\n${'>'.repeat(10_000)} x\n`;
    const error = errorOf(() => prepare(runaway));
    expect(error).toBeInstanceOf(MarkdownTooComplexError);
    expect(error.message).toMatch(/^The changelog could not be read: /);
  });
});

describe('prepareChangelog: the scanner and the whole parse', () => {
  /** A Keep a Changelog file with `count` releases and their compare links. */
  const big = (count: number): string => {
    const parts = ['# Changelog\n\n## [Unreleased]\n\n### Added\n\n- new\n'];
    for (let i = count; i > 0; i--)
      parts.push(`\n## [1.${i}.0] - 2026-01-01\n\n### Fixed\n\n- fix ${i} [link](https://x.test/${i})\n`);
    parts.push(`\n[Unreleased]: https://x.test/compare/v1.${count}.0...HEAD\n`);
    for (let i = count; i > 0; i--) parts.push(`[1.${i}.0]: https://x.test/compare/v1.${i - 1}.0...v1.${i}.0\n`);
    return parts.join('');
  };

  it('locates a big changelog with the scanner (only the Unreleased section is parsed), as the whole parse would', () => {
    const text = big(400);
    const scanned = locateByScan(text);
    expect(scanned).toBeDefined();
    const whole = locateByFullParse(text);
    expect(scanned?.unreleased?.body).toBe(whole.unreleased?.body);
    expect({ ...scanned, unreleased: undefined }).toEqual({ ...whole, unreleased: undefined });
    const prepared = prepare(text);
    expect(prepared.version).toBe('1.401.0');
    expect(prepared.text).toContain('[1.401.0]: https://x.test/compare/v1.400.0...v1.401.0\n[1.400.0]:');
  });

  it('parses the whole file when the scanner is unsure, with the same answer', () => {
    // A fence still open at the end of the file: the scanner cannot tell where blocks restart.
    const text = `${keepAChangelog('### Added\n\n- A flag')}\n\`\`\`\nnot closed\n`;
    expect(locateByScan(text)).toBeUndefined();
    const prepared = prepare(text);
    expect(prepared).toMatchObject({ version: '1.5.0', notes: '### Added\n\n- A flag' });
    expect(prepared.text).toBe(prepare(keepAChangelog('### Added\n\n- A flag')).text + '\n```\nnot closed\n');
  });

  it('reads a release whose older sections a whole parse would refuse, as findVersionSection does', () => {
    const text = `## [Unreleased]\n\n- fix\n\n## 1.0.0\n\n${'>'.repeat(10_000)} x\n`;
    expect(prepare(text).version).toBe('1.0.1');
  });
});
