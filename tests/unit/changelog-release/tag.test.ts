import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@shipshape/kit';
import { DEFAULT_TAG_PATTERN, parseTag, tagFromRef } from '../../../actions/changelog-release/src/tag';

describe('parseTag with the default pattern', () => {
  it.each([
    ['v1.2.3', undefined, '1.2.3'],
    ['1.2.3', undefined, '1.2.3'],
    ['v1.0.0-rc.1', undefined, '1.0.0-rc.1'],
    ['pkg@1.2.3', 'pkg', '1.2.3'],
    ['@scope/pkg@1.2.3', '@scope/pkg', '1.2.3'],
    ['my-pkg-v1.2.3', 'my-pkg', '1.2.3'],
    ['pkg/v1.2.3', 'pkg', '1.2.3'],
  ])('%s', (...row) => {
    const [tag, pkg, version] = row;
    expect(parseTag(tag, DEFAULT_TAG_PATTERN)).toEqual({ tag, package: pkg, version });
  });

  it('a tag that does not match is a clear error naming the pattern', () => {
    expect(() => parseTag('release-candidate', DEFAULT_TAG_PATTERN)).toThrow(ConfigError);
    expect(() => parseTag('release-candidate', DEFAULT_TAG_PATTERN)).toThrow(
      /"release-candidate" does not match the default tag-pattern \(v1\.2\.3, 1\.2\.3, pkg@1\.2\.3, pkg-v1\.2\.3 or pkg\/v1\.2\.3\)/,
    );
    expect(() => parseTag('v1.2', 'release-{version}')).toThrow(/does not match the tag-pattern "release-\{version\}"/);
  });
});

describe('parseTag with a configured pattern', () => {
  it('accepts templates with {version} and {package}', () => {
    expect(parseTag('release-2.0.0', 'release-{version}')).toEqual({
      tag: 'release-2.0.0',
      package: undefined,
      version: '2.0.0',
    });
    expect(parseTag('api.v3.1.0', '{package}.{version}')).toEqual({
      tag: 'api.v3.1.0',
      package: 'api',
      version: '3.1.0',
    });
  });
  it('accepts regular expressions with named groups', () => {
    expect(parseTag('rel_1.2.3_web', '^rel_(?<version>[\\d.]+)_(?<package>\\w+)$')).toEqual({
      tag: 'rel_1.2.3_web',
      package: 'web',
      version: '1.2.3',
    });
  });
});

describe('tagFromRef', () => {
  it('reads tags only', () => {
    expect(tagFromRef('refs/tags/pkg/v1.2.3')).toBe('pkg/v1.2.3');
    expect(tagFromRef('refs/heads/main')).toBeUndefined();
    expect(tagFromRef(undefined)).toBeUndefined();
  });
});
