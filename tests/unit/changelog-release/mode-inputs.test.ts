import { describe, expect, it } from '@jest/globals';
import { Inputs, mapInputSource } from '@shipshape/kit';
import { readModeSettings } from '../../../actions/changelog-release/src/inputs';

const read = (values: Record<string, string>, env: NodeJS.ProcessEnv = {}, payload = {}) =>
  readModeSettings(new Inputs(mapInputSource({ token: 't', ...values })), env, payload);

describe('readModeSettings', () => {
  it('names every mode when the mode is unknown', () => {
    expect(() => read({ mode: 'release' })).toThrow(
      "Input 'mode' is invalid: expected one of 'publish', 'check', 'prepare', 'tag', 'merge-back', 'rollback', 'annotate', got \"release\".",
    );
  });

  it("publish and check read as before; the tag's commit is known only on the tag's own run", () => {
    expect(read({ tag: 'v1.0.0' })).toMatchObject({ mode: 'publish', tag: 'v1.0.0', tagSha: undefined });
    expect(read({}, { GITHUB_REF: 'refs/tags/v1.0.0', GITHUB_SHA: 'abc' })).toMatchObject({ tagSha: 'abc' });
    expect(read({ tag: 'v2.0.0' }, { GITHUB_REF: 'refs/tags/v1.0.0', GITHUB_SHA: 'abc' })).toMatchObject({
      tag: 'v2.0.0',
      tagSha: undefined,
    });
    expect(read({ mode: 'check' }, { GITHUB_REF: 'refs/heads/x' })).toMatchObject({ mode: 'check' });
  });

  it('rollback and annotate take tag and rollback-to only from their inputs, never from the ref', () => {
    expect(read({ mode: 'rollback' }, { GITHUB_REF: 'refs/tags/v1.4.0' })).toMatchObject({
      mode: 'rollback',
      tag: undefined,
      rollbackTo: undefined,
    });
    expect(read({ mode: 'annotate', tag: 'refs/tags/v1.4.0', 'rollback-to': 'v1.3.0', reason: ' db \n' })).toEqual({
      mode: 'annotate',
      token: 't',
      tag: 'v1.4.0',
      rollbackTo: 'v1.3.0',
      tagPattern: expect.any(String),
      reason: ' db \n',
      runId: undefined,
    });
    expect(read({ mode: 'rollback' }, { GITHUB_RUN_ID: '9001' })).toMatchObject({ runId: '9001' });
    expect(read({ mode: 'annotate' }, { GITHUB_RUN_ID: 'x' })).toMatchObject({ runId: undefined });
    expect(() => read({ mode: 'rollback', token: '' })).toThrow(/Input 'token' is required/);
  });

  it('merge-back needs base and a run on a branch', () => {
    expect(read({ mode: 'merge-back', base: 'develop' }, { GITHUB_REF: 'refs/heads/hotfix/1.2.4' })).toEqual({
      mode: 'merge-back',
      token: 't',
      base: 'develop',
      head: 'hotfix/1.2.4',
    });
    expect(() => read({ mode: 'merge-back' }, { GITHUB_REF: 'refs/heads/x' })).toThrow(
      "Input 'base' is required: expected the branch to merge back into, such as develop.",
    );
    expect(() => read({ mode: 'merge-back', base: 'dev elop' }, { GITHUB_REF: 'refs/heads/x' })).toThrow(
      /Input 'base' is invalid: expected a branch name/,
    );
    expect(() => read({ mode: 'merge-back', base: 'develop' }, { GITHUB_REF: 'refs/tags/v1' })).toThrow(
      /merges the run's branch into 'develop', but this run is on "refs\/tags\/v1"/,
    );
    expect(() => read({ mode: 'merge-back', base: 'x' }, { GITHUB_REF: 'refs/heads/x' })).toThrow(
      /Input 'base' is invalid: expected a branch other than the run's own \(x\)/,
    );
  });

  it('prepare: defaults, and each bad input named', () => {
    expect(read({ mode: 'prepare' }, {}, { repository: { default_branch: 'trunk' } })).toEqual({
      mode: 'prepare',
      token: 't',
      bump: 'auto',
      preid: undefined,
      push: false,
      base: 'trunk',
      releaseBranch: 'shipshape/release',
      changelogPath: 'CHANGELOG.md',
      tagPattern: expect.any(String),
      runId: undefined,
      fastPath: true,
    });
    expect(read({ mode: 'prepare' }, { GITHUB_RUN_ID: '42' })).toMatchObject({ runId: '42' });
    expect(read({ mode: 'prepare', 'fast-path': 'false' })).toMatchObject({ fastPath: false });
    expect(read({ mode: 'prepare', base: 'refs/heads/main', preid: 'rc', push: 'true' })).toMatchObject({
      base: 'main',
      preid: 'rc',
      push: true,
    });
    expect(() => read({ mode: 'prepare', bump: 'huge' })).toThrow(
      `Input 'bump' is invalid: expected one of 'auto', 'major', 'minor', 'patch', got "huge".`,
    );
    expect(() => read({ mode: 'prepare', preid: 'rc.1' })).toThrow(/Input 'preid' is invalid/);
    expect(() => read({ mode: 'prepare', preid: '7' })).toThrow(/Input 'preid' is invalid/);
    // The changelog package's rule: a letter first (1rc and -rc would be refused later, and blamed on the changelog).
    expect(() => read({ mode: 'prepare', preid: '1rc' })).toThrow(/Input 'preid' is invalid/);
    expect(() => read({ mode: 'prepare', preid: '-rc' })).toThrow(/Input 'preid' is invalid/);
    expect(read({ mode: 'prepare', preid: 'rc-2' })).toMatchObject({ preid: 'rc-2' });
    expect(() => read({ mode: 'prepare', changelog: '../CHANGELOG.md' })).toThrow(/Input 'changelog' is invalid/);
    expect(() => read({ mode: 'prepare', changelog: 'packages/{package}/CHANGELOG.md' })).toThrow(
      /Input 'changelog' is invalid: expected one file for prepare mode/,
    );
    expect(() => read({ mode: 'prepare', 'tag-pattern': '{package}@{version}' })).toThrow(
      /Input 'tag-pattern' is invalid: expected a template that names the new tag/,
    );
    expect(read({ mode: 'prepare', 'tag-pattern': 'release-{version}' })).toMatchObject({ mode: 'prepare' });
    expect(() => read({ mode: 'prepare', base: 'main', 'release-branch': 'main' })).toThrow(
      /Input 'release-branch' is invalid: expected a branch other than the base \(main\)/,
    );
    expect(() => read({ mode: 'prepare', push: 'sometimes' })).toThrow(/Input 'push' is invalid/);
  });
});
