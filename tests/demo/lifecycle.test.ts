import { describe, expect, it } from '@jest/globals';
import { runLifecycleDemo } from './lifecycle-demo';

/**
 * `npm run demo -- lifecycle` in-process: cut-release.yml, release.yml with failing smoke tests, rollback.yml,
 * hotfix.yml and out-of-band.yml's postmortem, each through the committed bundles against the emulators, each
 * re-run where the issue promises that a re-run changes nothing. The demo makes its own checks (the ✔/✘ lines);
 * this test holds it to all of them and to the scenes it must show.
 */

describe('npm run demo -- lifecycle', () => {
  it('cuts, fails verification, rolls back, hotfixes and records a postmortem, every check holding', async () => {
    const chunks: string[] = [];
    const code = await runLifecycleDemo((text) => chunks.push(text));
    const text = chunks.join('');
    const failed = text.split('\n').filter((line) => /^ {2}✘ /.test(line));
    expect(failed).toEqual([]);
    const held = text.split('\n').filter((line) => /^ {2}✔ /.test(line));
    expect(held.length).toBeGreaterThanOrEqual(30);
    for (const scene of [
      /4\. Cut the next version: workflows-examples\/cut-release\.yml/,
      /5\. v1\.5\.0 is tagged: workflows-examples\/release\.yml/,
      /6\. Roll back to v1\.4\.0: workflows-examples\/rollback\.yml/,
      /7\. Fix forward: a push to hotfix\/1\.5\.1/,
      /8\. An out-of-band deploy and its postmortem/,
    ])
      expect(text).toMatch(scene);
    expect(text).toMatch(/0 contract violation\(s\)/);
    expect(text).toMatch(/Every check held\./);
    expect(code).toBe(0);
  });
});
