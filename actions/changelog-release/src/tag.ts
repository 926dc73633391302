import { ConfigError, quoteForMessage } from '@shipshape/kit';

export interface TagInfo {
  tag: string;
  version: string;
  package: string | undefined;
}

const SEMVER_SOURCE = '\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?';

/** Default pattern: `v1.2.3`, `1.2.3`, `pkg@1.2.3`, `@scope/pkg@1.2.3`, `pkg-v1.2.3`, `pkg/v1.2.3`. */
export const DEFAULT_TAG_PATTERN = `^(?:(?<package>(?:@[\\w.-]+/)?[\\w.-]+?)(?:@|-v|/v))?v?(?<version>${SEMVER_SOURCE})$`;
const DEFAULT_DESCRIPTION = 'v1.2.3, 1.2.3, pkg@1.2.3, pkg-v1.2.3 or pkg/v1.2.3';

/**
 * `tag-pattern` is either a template with `{version}` (and optionally `{package}`), such as `release-{version}` or
 * `{package}@{version}`, or a regular expression with a `version` (and optional `package`) named group.
 */
export function compileTagPattern(pattern: string): RegExp {
  if (pattern.includes('{version}')) {
    const parts = pattern.split(/(\{version\}|\{package\})/);
    const source = parts
      .map((part) => {
        if (part === '{version}') return `v?(?<version>${SEMVER_SOURCE})`;
        if (part === '{package}') return '(?<package>.+?)';
        return part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      })
      .join('');
    return new RegExp(`^${source}$`);
  }
  const regex = new RegExp(pattern);
  if (!/\(\?<version>/.test(pattern)) throw new SyntaxError('no version group');
  return regex;
}

/** Reads the version (and package) from a tag. A tag that does not match is a clear error naming the pattern. */
export function parseTag(tag: string, pattern: string): TagInfo {
  const match = compileTagPattern(pattern).exec(tag);
  const version = match?.groups?.version;
  if (!match || !version) {
    const named =
      pattern === DEFAULT_TAG_PATTERN
        ? `the default tag-pattern (${DEFAULT_DESCRIPTION})`
        : `the tag-pattern ${quoteForMessage(pattern, 200)}`;
    throw new ConfigError(
      `The tag ${quoteForMessage(tag)} does not match ${named}; set the input 'tag-pattern' to describe your tags.`,
    );
  }
  return { tag, version: version.replace(/^v/, ''), package: match.groups?.package || undefined };
}

/** The tag a ref names (`refs/tags/v1.2.3` → `v1.2.3`), or undefined for branches. */
export function tagFromRef(ref: string | undefined): string | undefined {
  return ref?.startsWith('refs/tags/') ? ref.slice('refs/tags/'.length) : undefined;
}

export function fillTemplate(template: string, values: Record<string, string | undefined>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/**
 * The tag a new version gets (prepare mode): `v{version}` under the default pattern, else the `tag-pattern`
 * template filled in. Undefined when the pattern cannot name one: a regular expression, or a template with
 * `{package}` (prepare cuts one version for the whole repository).
 */
export function tagForVersion(pattern: string, version: string): string | undefined {
  if (pattern === DEFAULT_TAG_PATTERN) return `v${version}`;
  if (!pattern.includes('{version}') || pattern.includes('{package}')) return undefined;
  return fillTemplate(pattern, { version });
}
