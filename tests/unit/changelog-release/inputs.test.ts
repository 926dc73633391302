import { describe, expect, it } from '@jest/globals';
import { Inputs, InputError, mapInputSource } from '@shipshape/kit';
import { readSettings } from '../../../actions/changelog-release/src/inputs';

const read = (
  values: Record<string, string>,
  env: NodeJS.ProcessEnv = {},
  payload = {},
): ReturnType<typeof readSettings> => readSettings(new Inputs(mapInputSource({ token: 't', ...values })), env, payload);

describe('readSettings', () => {
  it('takes the tag from the input, the release event, the workflow_dispatch input, then the ref', () => {
    expect(read({ tag: 'refs/tags/v1.0.0' }).tag).toBe('v1.0.0');
    expect(read({}, { GITHUB_REF: 'refs/tags/v2.0.0' }, { release: { tag_name: 'v3.0.0' } }).tag).toBe('v3.0.0');
    expect(read({}, { GITHUB_REF: 'refs/heads/main' }, { inputs: { tag: 'v4.0.0' } }).tag).toBe('v4.0.0');
    expect(read({}, { GITHUB_REF: 'refs/tags/pkg/v5.0.0' }).tag).toBe('pkg/v5.0.0');
  });
  it('refuses to re-create a release on a deleted-release event', () => {
    expect(() =>
      read({}, { GITHUB_REF: 'refs/tags/v1.0.0' }, { action: 'deleted', release: { tag_name: 'v1.0.0' } }),
    ).toThrow(/triggered by a deleted release/);
  });
  it('names the input and what was expected', () => {
    expect(() => read({}, { GITHUB_REF: 'refs/heads/main' })).toThrow(/Input 'tag' is required: expected a tag/);
    expect(() => read({ tag: 'v1.0.0', 'tag-pattern': '(' })).toThrow(InputError);
    expect(() => read({ tag: 'v1.0.0', 'tag-pattern': '^v(\\d+)$' })).toThrow(
      /Input 'tag-pattern' is invalid: expected a template with \{version\}/,
    );
    expect(() => read({ tag: 'v1.0.0', 'on-missing': 'skip' })).toThrow(
      /Input 'on-missing' is invalid: expected one of 'fail', 'generate', 'link'/,
    );
    expect(() => read({ tag: 'v1.0.0', draft: 'maybe' })).toThrow(/Input 'draft' is invalid/);
    expect(() => read({ mode: 'check', version: 'banana' })).toThrow(
      `Input 'version' is invalid: expected a version such as 1.2.3 (also 1.0.0-rc.1; a leading v is accepted), got "banana".`,
    );
    expect(read({ mode: 'check', version: 'v2.0.0-rc.1' }).version).toBe('v2.0.0-rc.1');
  });
  it('leaves prerelease, make-latest and title undecided unless given; check mode needs no tag or token', () => {
    const s = read({ tag: 'v1.0.0' });
    expect([s.prerelease, s.makeLatest, s.title]).toEqual([undefined, undefined, undefined]);
    expect(read({ tag: 'v1.0.0', prerelease: 'true', 'make-latest': 'false' })).toMatchObject({
      prerelease: true,
      makeLatest: false,
    });
    expect(readSettings(new Inputs(mapInputSource({ mode: 'check' })), { GITHUB_REF: 'refs/heads/x' }, {}).mode).toBe(
      'check',
    );
  });
});
