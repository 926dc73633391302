import type { Heading, Nodes, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { splitFields } from './fields';
import { matchKey } from './match-key';
import { plainText, type PlainText } from './plain-text';

/**
 * A document as a plan linter reads it: a flat sequence of headings, bold-label fields and the content between
 * them, in document order. Only top-level blocks count: a heading inside a code fence, a quote, a list or an HTML
 * comment is content, not structure (remark decides what is a heading; no pattern runs over the raw text).
 */
export type OutlineEntry =
  | { kind: 'heading'; text: string; key: string; level: number; line: number | undefined }
  | { kind: 'field'; text: string; key: string; line: number | undefined }
  | { kind: 'content'; nodes: Nodes[] };

export interface OutlineItem {
  kind: 'heading' | 'field';
  text: string;
  key: string;
  /** Heading level; fields have none. */
  level: number | undefined;
  line: number | undefined;
  /** Index in `entries`. */
  at: number;
  /** For a field: the text of the heading it sits under (undefined before any heading). */
  parent: string | undefined;
}

export class Outline {
  readonly items: OutlineItem[] = [];

  constructor(readonly entries: readonly OutlineEntry[]) {
    let parent: string | undefined;
    entries.forEach((entry, at) => {
      if (entry.kind === 'content') return;
      if (entry.kind === 'heading') parent = entry.text;
      this.items.push({
        kind: entry.kind,
        text: entry.text,
        key: entry.key,
        level: entry.kind === 'heading' ? entry.level : undefined,
        line: entry.line,
        at,
        parent: entry.kind === 'field' ? parent : undefined,
      });
    });
  }

  /** Content right under an item: up to the next heading or field. */
  ownContent(item: OutlineItem): Nodes[] {
    const nodes: Nodes[] = [];
    for (let i = item.at + 1; i < this.entries.length; i++) {
      const entry = this.entries[i] as OutlineEntry;
      if (entry.kind !== 'content') break;
      nodes.push(...entry.nodes);
    }
    return nodes;
  }

  /** Whether a heading has fields or sub-headings before the next heading of its level or higher. */
  hasChildren(item: OutlineItem): boolean {
    if (item.kind !== 'heading') return false;
    for (let i = item.at + 1; i < this.entries.length; i++) {
      const entry = this.entries[i] as OutlineEntry;
      if (entry.kind === 'field') return true;
      if (entry.kind === 'heading') return entry.level > (item.level ?? 0);
    }
    return false;
  }

  /**
   * Everything a heading covers, as plain text: its content, fields and sub-sections, up to the next heading of
   * the same or a higher level. For a field, the same as its own content. With `labels: false` the sub-heading
   * and field labels are left out, so a section whose fields are all empty reads as empty.
   */
  fullText(item: OutlineItem, options: { labels?: boolean } = {}): PlainText {
    const labels = options.labels ?? true;
    if (item.kind === 'field') return plainText(this.ownContent(item));
    const result: PlainText = { lines: [], hadComment: false, hadHtml: false };
    for (let i = item.at + 1; i < this.entries.length; i++) {
      const entry = this.entries[i] as OutlineEntry;
      if (entry.kind === 'heading' && entry.level <= (item.level ?? 0)) break;
      if (entry.kind !== 'content') {
        if (labels) result.lines.push(entry.text);
        continue;
      }
      const text = plainText(entry.nodes);
      result.lines.push(...text.lines);
      result.hadComment ||= text.hadComment;
      result.hadHtml ||= text.hadHtml;
    }
    return result;
  }
}

function headingText(node: Heading): string {
  return toString(node).replace(/\s+/g, ' ').trim();
}

/** Builds the outline of a parsed (normalized) Markdown tree. */
export function outlineOf(tree: Root): Outline {
  const entries: OutlineEntry[] = [];
  const content = (nodes: Nodes[]): void => {
    if (nodes.length === 0) return;
    const last = entries.at(-1);
    if (last?.kind === 'content') last.nodes.push(...nodes);
    else entries.push({ kind: 'content', nodes });
  };
  for (const node of tree.children as RootContent[]) {
    if (node.type === 'heading') {
      const text = headingText(node);
      entries.push({ kind: 'heading', text, key: matchKey(text), level: node.depth, line: node.position?.start.line });
      continue;
    }
    if (node.type !== 'paragraph') {
      content([node]);
      continue;
    }
    const { lead, fields } = splitFields(node);
    if (fields.length === 0) {
      content([node]);
      continue;
    }
    if (lead.length > 0) content([{ type: 'paragraph', children: lead }]);
    for (const { label, value } of fields) {
      entries.push({ kind: 'field', text: label.label, key: matchKey(label.label), line: label.line });
      if (value.length > 0) content([{ type: 'paragraph', children: value }]);
    }
  }
  return new Outline(entries);
}
