import type { Paragraph, PhrasingContent, Strong } from 'mdast';
import { toString } from 'mdast-util-to-string';

/** A bold label that starts a line of a paragraph: `**Deployment risks**:` or `**Deployment risks:**`. */
export interface FieldLabel {
  /** The label without its colon, trimmed. */
  label: string;
  /** Index of the `strong` node in the paragraph's children. */
  index: number;
  /** 1-based line of the label. */
  line: number | undefined;
}

function startsLine(children: readonly PhrasingContent[], index: number): boolean {
  if (index === 0) return true;
  const previous = children[index - 1];
  if (previous?.type === 'break') return true;
  return previous?.type === 'text' && /\n[ \t]*$/.test(previous.value);
}

function colonInside(strong: Strong): string | undefined {
  const text = toString(strong).trim();
  return text.endsWith(':') ? text.slice(0, -1).trim() : undefined;
}

/**
 * Splits a paragraph at its field labels. A label is bold text at the start of a line whose colon is inside
 * or right after the bold; a bold word in running text is not a label. Returns the content before the first
 * label (it belongs to whatever came before) and each label with the content that follows it on the same
 * paragraph (after the colon), up to the next label.
 */
export function splitFields(paragraph: Paragraph): {
  lead: PhrasingContent[];
  fields: { label: FieldLabel; value: PhrasingContent[] }[];
} {
  const children = paragraph.children;
  const labels: { at: number; skip: number; label: string; rest?: PhrasingContent }[] = [];
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    if (child?.type !== 'strong' || !startsLine(children, i)) continue;
    const inside = colonInside(child);
    if (inside !== undefined) {
      if (inside !== '') labels.push({ at: i, skip: 1, label: inside });
      continue;
    }
    const next = children[i + 1];
    if (next?.type !== 'text') continue;
    const after = next.value.trimStart();
    if (!after.startsWith(':')) continue;
    const label = toString(child).trim();
    if (label === '') continue;
    labels.push({ at: i, skip: 2, label, rest: { ...next, value: after.slice(1) } });
  }
  const lead = children.slice(0, labels[0]?.at ?? children.length);
  const fields = labels.map((entry, n) => {
    const end = labels[n + 1]?.at ?? children.length;
    const value = [...(entry.rest ? [entry.rest] : []), ...children.slice(entry.at + entry.skip, end)];
    const strong = children[entry.at];
    return { label: { label: entry.label, index: entry.at, line: strong?.position?.start.line }, value };
  });
  return { lead, fields };
}

/**
 * Splits a paragraph at the labels `accept` takes, as `splitFields` does; a label it refuses is ordinary text of
 * whatever comes before it (the lead, or the previous field's value). `accept` sees each label with its value up
 * to the next label of any kind (the text a reader would call its answer).
 */
export function splitAcceptedFields(
  paragraph: Paragraph,
  accept: (label: FieldLabel, value: PhrasingContent[], last: boolean) => boolean,
): { lead: PhrasingContent[]; fields: { label: FieldLabel; value: PhrasingContent[] }[] } {
  const children = paragraph.children;
  const { fields: all } = splitFields(paragraph);
  // Positions in `all` of the labels taken (an index, not a search per label: a paragraph may hold thousands).
  const taken = all.flatMap((field, n) => (accept(field.label, field.value, n === all.length - 1) ? [n] : []));
  const first = taken[0];
  const lead = children.slice(0, first === undefined ? children.length : (all[first]?.label.index ?? children.length));
  const fields = taken.map((n, t) => {
    const field = all[n] as (typeof all)[number];
    // Its own value, then every refused label after it, verbatim, up to the next label taken.
    const nextAny = all[n + 1]?.label.index ?? children.length;
    const nextTaken = taken[t + 1];
    const end = nextTaken === undefined ? children.length : (all[nextTaken]?.label.index ?? children.length);
    return { label: field.label, value: [...field.value, ...children.slice(nextAny, end)] };
  });
  return { lead, fields };
}
