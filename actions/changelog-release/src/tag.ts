import { ConfigError, quoteForMessage } from '@shipshape/kit';

export interface TagInfo {
  tag: string;
  version: string;
  package: string | undefined;
}

/** Default pattern: `v1.2.3`, `1.2.3`, `pkg@1.2.3`, `pkg-v1.2.3`, `pkg/v1.2.3`. */
export const DEFAULT_TAG_PATTERN =
  '^(?:(?<package>(?:@[\\w.-]+/)?[\\w.-]+?)(?:@|-v|/v))?v?(?<version>\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?)$';

/** Reads the version (and package) from a tag with a pattern that has a `version` (and optional `package`) group. */
export function parseTag(tag: string, pattern: string): TagInfo {
  const match = new RegExp(pattern).exec(tag);
  const version = match?.groups?.version;
  if (!match || !version) {
    throw new ConfigError(`The tag ${quoteForMessage(tag)} does not match the tag-pattern ${quoteForMessage(pattern, 200)}.`);
  }
  return { tag, version: version.replace(/^v/, ''), package: match.groups?.package || undefined };
}

export function tagFromRef(ref: string | undefined): string | undefined {
  return ref?.startsWith('refs/tags/') ? ref.slice('refs/tags/'.length) : undefined;
}

export function fillTemplate(template: string, values: Record<string, string | undefined>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
