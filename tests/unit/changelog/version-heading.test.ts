import { describe, expect, it } from '@jest/globals';
import { findVersionSection, findVersionSectionByFullParse, listVersions, suggestNearest } from '@shipshape/changelog';
import { headingDate, headingVersion, isVersionQuery } from '@shipshape/changelog/version-heading';

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
    for (const query of ['1.2.3', 'v1.2.3', ' 1.2.3 ', '1.0.0-rc.1', '1.0.0+build.7', '2', 'v5.2']) expect(isVersionQuery(query)).toBe(true);
    for (const query of ['banana', '', 'v', '1.', '1.2.3.4', '1.2.x', '>=1.2.3', '1.2.3 - 1.2.4']) expect(isVersionQuery(query)).toBe(false);
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
    expect(section?.ownBody).toBe('### Notable Changes\n\n- a security fix\n\n#### Engine 12.4\n\n- the engine moved on');
    expect(section?.date).toBe('2031-02-03');
    expect(findVersionSection(nodeStyle, '7.4.0')?.ownBody).toBe('- a feature');
    expect(findVersionSection(nodeStyle, '2031')).toBeUndefined();
    expect(listVersions(nodeStyle)).toEqual(['7.4.1', '7.4.0']);
    expect(suggestNearest(nodeStyle, '7.5.0')).toBe('did you mean 7.4.1?');
    for (const version of ['7.4.1', '7.4.0', '2031']) expect(findVersionSectionByFullParse(nodeStyle, version)).toEqual(findVersionSection(nodeStyle, version));
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
    for (const version of ['3.0.1', '3.0.0', '2.9.0', '2.8.0', '2030']) expect(findVersionSectionByFullParse(historyStyle, version)).toEqual(findVersionSection(historyStyle, version));
  });
});
