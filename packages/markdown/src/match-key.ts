/**
 * The key two labels are compared by: case, punctuation, spacing, emoji and a trailing colon do not matter, so
 * `Roll-out plan`, `Rollout Plan:` and `ROLLOUT PLAN` all become `rolloutplan`. Operates on plain text that
 * remark already extracted from a heading or bold label, never on raw Markdown.
 */
export function matchKey(label: string): string {
  return label
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}
