/**
 * Commit status descriptions as GitHub takes them. GitHub refuses a description over 140 characters (422
 * "description is too long (maximum is 140 characters)"), and counts characters as Unicode code points, not the
 * UTF-16 code units JavaScript's `length` counts: 140 emoji fit. A longer text is cut to 139 code points plus `…`,
 * at a grapheme boundary, so the cut never leaves half a surrogate pair (which is not valid Unicode at all) nor half
 * of a composed character such as a family emoji or a letter with its combining accent.
 */

export const MAX_STATUS_DESCRIPTION = 140;

/** Grapheme clusters are only looked for when a text is too long, and only up to the cut. */
let graphemes: Intl.Segmenter | undefined;

export function statusDescription(text: string): string {
  const points = [...text];
  if (points.length <= MAX_STATUS_DESCRIPTION) return text;
  // The cut as if by code points; then back to the start of the grapheme it falls in (a grapheme starting exactly at
  // the cut is whole before it).
  const budget = MAX_STATUS_DESCRIPTION - 1;
  const head = points.slice(0, budget + 1).join('');
  const cutAt = points.slice(0, budget).join('').length;
  graphemes ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  let end = 0;
  for (const { index, segment } of graphemes.segment(head)) {
    if (index + segment.length > cutAt) break;
    end = index + segment.length;
  }
  return `${text.slice(0, end)}…`;
}
