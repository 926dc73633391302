import { describe, expect, it } from '@jest/globals';
import {
  findVersionSection,
  findVersionSectionByFullParse,
  headingDate,
  headingVersion,
  isVersionQuery,
  lineVersion,
  listVersions,
  suggestNearest,
} from '@shipshape/changelog';

/**
 * The heading grammar against the dialects a survey of real changelogs turned up (issue 17, items 3 and 4). Every
 * text here is made up for the test; each row stands for one class of heading found in the survey.
 */

describe('a heading that starts with a date', () => {
  it('reads the version after the date, never the year (date, Version X)', () => {
    expect(headingVersion("2031-02-03, Version 7.4.1 'Quartz' (LTS), @maintainer")).toBe('7.4.1');
    expect(headingDate("2031-02-03, Version 7.4.1 'Quartz' (LTS), @maintainer")).toBe('2031-02-03');
    expect(headingVersion('2031-02-03, Version 7.4.0 (Current), @someone and @someone-else')).toBe('7.4.0');
  });
  it('reads every marker after a date: a slash, brackets, a v, a dash, a colon', () => {
    expect(headingVersion('2030-05-06 / 3.2.1')).toBe('3.2.1');
    expect(headingVersion('2030-05-06 [3.2.1]')).toBe('3.2.1');
    expect(headingVersion('[2030-05-06] v3.2.1')).toBe('3.2.1');
    expect(headingVersion('2030/05/06 - 3.2.1-beta.2')).toBe('3.2.1-beta.2');
    expect(headingVersion('June 7, 2030: release 3.2.1')).toBe('3.2.1');
    expect(headingVersion('7 June 2030 — 3.2.1')).toBe('3.2.1');
    expect(headingVersion('2030 - v3.2.1')).toBe('3.2.1');
  });
  it('a date alone is not a version (it used to read as its year)', () => {
    expect(headingVersion('2030-05-06')).toBeUndefined();
    expect(headingVersion('[2030-05-06]')).toBeUndefined();
    expect(headingVersion('2030/05/06 (hotfix)')).toBeUndefined();
  });
  it('words between the date and the version still make it prose', () => {
    expect(headingVersion('2030-05-06 Upgrading to 3.2.1')).toBeUndefined();
    expect(headingVersion('Upgrading to 2.0.0')).toBeUndefined();
  });
});

describe('a name that starts like a partial version', () => {
  it('is not one: `v8-cache` is no version 8, `v2 (beta)` still is 2', () => {
    expect(headingVersion('`v8-snapshot-tool` Changelog')).toBeUndefined();
    expect(headingVersion('v8-snapshot-tool Changelog')).toBeUndefined();
    expect(headingVersion('v2 (beta)')).toBe('2');
    expect(headingVersion('Version 5.2 (2030-01-01)')).toBe('5.2');
    expect(headingVersion('1.0 - x')).toBe('1.0');
    expect(headingVersion('v3')).toBe('3');
  });
  it('a partial version followed by a date with only a space between is one (`v0.4 2013-07-10`)', () => {
    expect(headingVersion('v0.7 2030-07-10')).toBe('0.7');
    expect(headingVersion('0.7 June 7, 2030')).toBe('0.7');
    expect(headingVersion('v0.7 plans')).toBeUndefined();
    expect(headingVersion('v2 2030 roadmap')).toBeUndefined();
    expect(headingVersion('2 2030-07-10')).toBe('2');
  });
});

describe('a version with a stray dot after it (a typo)', () => {
  it('is the version without the dot; a fourth part is not a stray dot', () => {
    expect(headingVersion('v4.5.6. / 2030-01-02')).toBe('4.5.6');
    expect(headingVersion('4.5.6.')).toBe('4.5.6');
    expect(headingVersion('1.2.3.4')).toBeUndefined();
    expect(headingVersion('1.2.3.x')).toBeUndefined();
  });
});

describe('isVersionQuery', () => {
  it('accepts what a heading can name and nothing else', () => {
    for (const query of ['1.2.3', 'v1.2.3', ' 1.2.3 ', '1.0.0-rc.1', '1.0.0+build.7', '2', 'v5.2'])
      expect(isVersionQuery(query)).toBe(true);
    for (const query of ['banana', '', 'v', '1.', '1.2.3.4', '1.2.x', '>=1.2.3', '1.2.3 - 1.2.4'])
      expect(isVersionQuery(query)).toBe(false);
  });
});

/** Whole files: the fast path and the full parse agree, and the sections end where the next version starts. */
describe('sections of date-first changelogs', () => {
  const nodeStyle = [
    '# Quartz 7 changelog',
    '',
    '<table><tr><td><a href="#7.4.1">7.4.1</a></td></tr></table>',
    '',
    '<a id="7.4.1"></a>',
    '',
    "## 2031-02-03, Version 7.4.1 'Quartz' (LTS), @maintainer",
    '',
    '### Notable Changes',
    '',
    '- a security fix',
    '',
    '#### Engine 12.4',
    '',
    '- the engine moved on',
    '',
    '<a id="7.4.0"></a>',
    '',
    "## 2031-01-05, Version 7.4.0 'Quartz' (LTS), @someone",
    '',
    '- a feature',
    '',
  ].join('\n');

  it('finds each version (not "2031"), ends at the next one, and the newest is named in hints', () => {
    const section = findVersionSection(nodeStyle, '7.4.1');
    expect(section?.ownBody).toBe(
      '### Notable Changes\n\n- a security fix\n\n#### Engine 12.4\n\n- the engine moved on',
    );
    expect(section?.date).toBe('2031-02-03');
    expect(findVersionSection(nodeStyle, '7.4.0')?.ownBody).toBe('- a feature');
    expect(findVersionSection(nodeStyle, '2031')).toBeUndefined();
    expect(listVersions(nodeStyle)).toEqual(['7.4.1', '7.4.0']);
    expect(suggestNearest(nodeStyle, '7.5.0')).toBe('did you mean 7.4.1?');
    for (const version of ['7.4.1', '7.4.0', '2031'])
      expect(findVersionSectionByFullParse(nodeStyle, version)).toEqual(findVersionSection(nodeStyle, version));
  });

  const historyStyle = [
    'v3.0.1. / 2030-03-01',
    '==================',
    '',
    '  * a typo in the heading',
    '',
    '3.0.0 / 2030-02-01',
    '==================',
    '',
    '  * major',
    '',
    '2030-01-05 / 2.9.0',
    '==================',
    '',
    '  * date first',
    '',
    '2029-12-01 / 2.8.0',
    '==================',
    '',
    '  * older',
    '',
  ].join('\n');

  it('reads setext headings with the date first or a stray dot', () => {
    expect(listVersions(historyStyle)).toEqual(['3.0.1', '3.0.0', '2.9.0', '2.8.0']);
    expect(findVersionSection(historyStyle, '3.0.1')?.ownBody).toBe('  * a typo in the heading');
    expect(findVersionSection(historyStyle, '2.9.0')?.ownBody).toBe('  * date first');
    expect(findVersionSection(historyStyle, '2.9.0')?.date).toBe('2030-01-05');
    for (const version of ['3.0.1', '3.0.0', '2.9.0', '2.8.0', '2030'])
      expect(findVersionSectionByFullParse(historyStyle, version)).toEqual(findVersionSection(historyStyle, version));
  });
});

/**
 * Changelogs written without headings: each version opens with a line of its own, bold (`**1.3.2** (date)`,
 * `**5.12.1 / date**`) or plain (`v3.0.0 - May 9, 2030`, `v5.2.1:`), followed by its list. GitHub renders that line
 * as bold or plain text, and a reader takes it for the version's heading. Such a line counts only when the file has
 * no version heading at all, and only when it holds nothing but the version and a date.
 */
describe('changelogs without headings', () => {
  const bold = [
    '<small>Notes before the first version.</small>',
    '',
    '**4.1.0 / 2030-11-13**',
    '- feat: a thing',
    '- fix: [a bug][b7]',
    '',
    '**4.0.1** (2030-10-01)',
    'One more line of the same paragraph.',
    '',
    '- fix: another',
    '',
    '**4.0.0 / 2030-09-09*',
    '- **breaking:** old thing removed',
    '',
    '[b7]: https://example.com/b7',
    '',
  ].join('\n');
  const plain = [
    '# CHANGELOG',
    '',
    'v3.0.0 - May 9, 2030',
    '',
    '* a1b2c3 Breaking: drop old runtimes',
    '',
    'v2.9:',
    '  - d4e5f6: add a flag',
    '',
    'v2.8.1',
    '',
    '* g7h8i9 fix',
    '',
  ].join('\n');

  it('finds a version under a bold line, with the definitions it uses and the rest of its paragraph', () => {
    const section = findVersionSection(bold, '4.1.0');
    expect(section?.ownBody).toBe('- feat: a thing\n- fix: [a bug][b7]');
    expect(section?.body).toBe('- feat: a thing\n- fix: [a bug][b7]\n\n[b7]: https://example.com/b7');
    expect(section?.date).toBe('2030-11-13');
    expect(section?.title).toBe('4.1.0 / 2030-11-13');
    expect(findVersionSection(bold, '4.0.1')?.ownBody).toBe('One more line of the same paragraph.\n\n- fix: another');
    expect(findVersionSection(bold, '4.0.0')?.ownBody).toBe('- **breaking:** old thing removed');
    expect(listVersions(bold)).toEqual(['4.1.0', '4.0.1', '4.0.0']);
  });

  it('finds a version under a plain line holding only the version and a date', () => {
    expect(findVersionSection(plain, '3.0.0')?.ownBody).toBe('* a1b2c3 Breaking: drop old runtimes');
    expect(findVersionSection(plain, '3.0.0')?.date).toBe('May 9, 2030');
    expect(findVersionSection(plain, '2.9')?.ownBody).toBe('  - d4e5f6: add a flag');
    expect(findVersionSection(plain, '2.8.1')?.ownBody).toBe('* g7h8i9 fix');
    expect(suggestNearest(plain, '3.1.0')).toBe('did you mean 3.0.0?');
  });

  it('the fast path answers what the full parse answers', () => {
    for (const [text, versions] of [
      [bold, ['4.1.0', '4.0.1', '4.0.0', '9.9.9']],
      [plain, ['3.0.0', '2.9', '2.8.1', '1.0.0']],
    ] as const) {
      for (const version of versions)
        expect(findVersionSection(text, version)).toEqual(findVersionSectionByFullParse(text, version));
    }
  });

  it('a version line whose date has a typo (a doubled dash) is still one; two versions on a line are not', () => {
    expect(lineVersion('2.3.4 (2030--06-07)')).toBe('2.3.4');
    expect(lineVersion('2.3.4 / 2030-06-07')).toBe('2.3.4');
    expect(lineVersion('⚠️ 2.3.4-beta.1 / 2030-06-07')).toBe('2.3.4-beta.1');
    expect(lineVersion('2.3.4 2.0.0')).toBeUndefined();
    expect(lineVersion('2.3.4 (4 fixes)')).toBeUndefined();
    const text =
      '**2.3.5** (2030-07-01)\n- fix\n\n**2.3.4** (2030--06-07)\n- typo in the date\n\n**2.3.3** (2030-05-01)\n- older\n';
    expect(findVersionSection(text, '2.3.4')?.ownBody).toBe('- typo in the date');
    expect(findVersionSection(text, '2.3.5')?.ownBody).toBe('- fix');
    expect(findVersionSectionByFullParse(text, '2.3.4')).toEqual(findVersionSection(text, '2.3.4'));
  });

  it('a line of prose that starts with a version is no heading, and real headings win', () => {
    const prose = '## Notes\n\n1.2.3 is the last release that supports the old runtime.\n\n- x\n';
    expect(findVersionSection(prose, '1.2.3')).toBeUndefined();
    // With a version heading in the file, bold lines inside a section are its text, never a boundary.
    const mixed = '## 2.0.0\n\n**2.0.0-rc.1 / 2030-01-01**\n\n- rc notes\n\n## 1.0.0\n\n- one\n';
    expect(findVersionSection(mixed, '2.0.0')?.ownBody).toBe('**2.0.0-rc.1 / 2030-01-01**\n\n- rc notes');
    expect(findVersionSection(mixed, '2.0.0-rc.1')).toBeUndefined();
    expect(findVersionSectionByFullParse(mixed, '2.0.0-rc.1')).toBeUndefined();
  });
});
