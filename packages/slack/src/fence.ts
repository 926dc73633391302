import { escapeMrkdwn } from './escape';

/**
 * One top-level piece of rendered notes. Splitting into Block Kit sections happens only between pieces
 * (or, for a piece too large for one section, between its lines), so a list item or a code line is never
 * cut in half when it can be avoided.
 */
export type MrkdwnChunk = { kind: 'text'; text: string } | { kind: 'code'; code: string } | { kind: 'divider' };

export function fence(code: string): string {
  return `\`\`\`\n${code}\n\`\`\``;
}

/**
 * Code as it goes inside a fence: escaped, and with any run of three backticks broken by a zero-width
 * space, since Slack ends a code block at the first ``` whatever the Markdown fence length was.
 */
export function codeText(value: string): string {
  return escapeMrkdwn(value).replace(/`(?=``)/g, '`\u200b');
}
