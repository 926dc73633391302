import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { findVersionSection, listVersions, prepareChangelog, unreleasedContent } from '@shipshape/changelog';
import { REPO_ROOT } from '@shipshape/testing/runner';
import { ACTION_NAMES } from '../../workflows/model';

/**
 * shipshape's own CHANGELOG.md, read by its own extractor: the release workflow (.github/workflows/release.yml)
 * publishes exactly what findVersionSection returns for the tag, so the file must give a real section for the
 * released version.
 */

const changelog = readFileSync(join(REPO_ROOT, 'CHANGELOG.md'), 'utf8');
const packageVersion = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;

describe("shipshape's CHANGELOG.md", () => {
  const section = findVersionSection(changelog, '0.1.0');

  it('has a 0.1.0 section dated 2026-12-05, in Keep a Changelog form', () => {
    expect(section).toBeDefined();
    expect(section?.version).toBe('0.1.0');
    expect(section?.date).toBe('2026-12-05');
    expect(section?.heading).toBe('## [0.1.0] - 2026-12-05');
    expect(section?.body).toMatch(/^### Added$/m);
  });

  it('describes the root action, the CLI and every action of 0.1.0 in its section', () => {
    const body = section?.body ?? '';
    for (const name of ACTION_NAMES.filter((n) => n !== 'deploy-record'))
      expect({ name, described: body.includes(`**${name}**`) }).toEqual({
        name,
        described: true,
      });
    expect(body).toMatch(/root action/);
    expect(body).toMatch(/`shipshape` CLI/);
    // The section stops at its own end: nothing of the file's preamble or of the Unreleased heading leaks in.
    expect(body).not.toMatch(/All notable changes|## \[Unreleased\]/);
  });

  it('lists only 0.1.0 so far; the Unreleased section above it describes what came since, deploy-record included', () => {
    expect(listVersions(changelog)).toEqual(['0.1.0']);
    expect(changelog.indexOf('## [Unreleased]')).toBeGreaterThan(-1);
    expect(changelog.indexOf('## [Unreleased]')).toBeLessThan(changelog.indexOf('## [0.1.0]'));
    expect(unreleasedContent(changelog)).toMatch(/\*\*deploy-record\*\*/);
  });

  it('is cut by its own prepare: the Unreleased additions make 0.2.0, and only the new heading is added', () => {
    const prepared = prepareChangelog(changelog, { bump: 'auto', date: '2027-01-04' });
    expect([prepared.version, prepared.bump]).toEqual(['0.2.0', 'minor']);
    expect(prepared.text.replace('## [0.2.0] - 2027-01-04\n\n', '')).toBe(changelog);
  });

  it('has a section for the version in package.json (what check mode asks on a pull request)', () => {
    expect(findVersionSection(changelog, packageVersion)?.body).toMatch(/\S/);
  });
});
