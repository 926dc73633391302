import type { Heading, List, ListItem, Nodes, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { splitAcceptedFields, splitFields } from './fields';
import { matchKey } from './match-key';
import { plainText, type PlainText } from './plain-text';

/**
 * A document as a plan linter reads it: a flat sequence of headings, bold-label fields and the content between
 * them, in document order. Only top-level blocks count: a heading inside a code fence, a quote, a list or an HTML
 * comment is content, not structure (remark decides what is a heading; no pattern runs over the raw text). The one
 * exception, on request (`OutlineOptions.listField`): a bold label opening a list item can be a field.
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

export interface OutlineOptions {
  /**
   * Whether a bold label opening a list item (`- **Deployment risks**: low`) is a field. Bold text at the start of
   * a bullet is usually just emphasis, so by default it is not; a linter says yes for the names its rules know.
   * `value` is the item's own text after the label (the rest of its first paragraph and its nested content).
   * Items with a task box are never fields: ticking the box is their answer.
   */
  listField?: (label: { text: string; key: string }, value: () => PlainText) => boolean;
}

/** Lists nested deeper than this are content, whatever their labels say (and the walk stays shallow). */
const MAX_LIST_DEPTH = 8;

type Emit = { content(nodes: Nodes[]): void; field(text: string, line: number | undefined): void };

/** A field found inside a list item, with its value (the blocks that follow its label, up to the next field). */
interface ItemField {
  text: string;
  key: string;
  line: number | undefined;
  value: Nodes[];
}

/** A list item cut at its fields: the blocks before the first field, then each field. */
interface ItemFields {
  lead: Nodes[];
  fields: ItemField[];
}

/**
 * Walks a top-level list for fields, in document order. A field in a list item is a bold label that starts a line
 * of one of the item's paragraphs and that `accept` takes: the label opening the item (`- **Risks**: low`), and
 * also a label on a later line. CommonMark puts a line that follows an item's text without a blank line into that
 * item's paragraph (a lazy continuation), so `**Backuping steps**: None` right after a bullet sits inside the
 * bullet, while GitHub shows it on a line of its own (soft breaks are line breaks in PR bodies): a label starting
 * a line is a field wherever the parser put the line. A field's value runs to the next field, across the rest of
 * its item. Items without fields are content, split only around nested lists that hold fields; a list without any
 * field is emitted whole.
 */
class ListFields {
  private readonly decided = new Map<ListItem, ItemFields | null>();

  constructor(private readonly accept: NonNullable<OutlineOptions['listField']>) {}

  private fieldsOf(item: ListItem): ItemFields | null {
    let found = this.decided.get(item);
    if (found !== undefined) return found;
    const lead: Nodes[] = [];
    const fields: ItemField[] = [];
    const task = typeof item.checked === 'boolean';
    item.children.forEach((child, i) => {
      const into = fields.at(-1)?.value ?? lead;
      if (child.type !== 'paragraph') {
        into.push(child);
        return;
      }
      const split = splitAcceptedFields(child, (label, value, last) => {
        // A task item's own label is never a field: ticking the box is its answer.
        if (task && i === 0 && label.index === 0) return false;
        const key = matchKey(label.label);
        if (key === '') return false;
        // Built only when asked for: copying the rest of an item of many paragraphs for each would be quadratic.
        const blocks = (): Nodes[] => [
          ...(value.length > 0 ? [{ type: 'paragraph' as const, children: value }] : []),
          ...(last ? item.children.slice(i + 1) : []),
        ];
        return this.accept({ text: label.label, key }, () => plainText(blocks()));
      });
      if (split.lead.length > 0) into.push({ type: 'paragraph', children: split.lead });
      for (const { label, value } of split.fields) {
        fields.push({
          text: label.label,
          key: matchKey(label.label),
          line: label.line,
          value: value.length > 0 ? [{ type: 'paragraph', children: value }] : [],
        });
      }
    });
    found = fields.length > 0 ? { lead, fields } : null;
    this.decided.set(item, found);
    return found;
  }

  private holdsField(list: List, depth: number): boolean {
    if (depth >= MAX_LIST_DEPTH) return false;
    return list.children.some(
      (item) =>
        this.fieldsOf(item) !== null ||
        item.children.some((child) => child.type === 'list' && this.holdsField(child, depth + 1)),
    );
  }

  walk(list: List, depth: number, emit: Emit): void {
    if (!this.holdsField(list, depth)) {
      emit.content([list]);
      return;
    }
    for (const item of list.children) {
      const found = this.fieldsOf(item);
      const [first, ...rest] = found ? found.lead : item.children;
      if (!found && !rest.some((child) => child.type === 'list' && this.holdsField(child, depth + 1))) {
        emit.content([item]);
        continue;
      }
      // The item's own line keeps its bullet and task box (plain text shows `[ ] `); what follows is walked.
      if (first) emit.content([{ ...item, children: [first as ListItem['children'][number]] }]);
      this.blocks(rest, depth, emit);
      for (const field of found?.fields ?? []) {
        emit.field(field.text, field.line);
        this.blocks(field.value, depth, emit);
      }
    }
  }

  private blocks(nodes: readonly Nodes[], depth: number, emit: Emit): void {
    for (const node of nodes) {
      if (node.type === 'list') this.walk(node, depth + 1, emit);
      else emit.content([node]);
    }
  }
}

/** Builds the outline of a parsed (normalized) Markdown tree. */
export function outlineOf(tree: Root, options: OutlineOptions = {}): Outline {
  const entries: OutlineEntry[] = [];
  const content = (nodes: Nodes[]): void => {
    if (nodes.length === 0) return;
    const last = entries.at(-1);
    if (last?.kind === 'content') last.nodes.push(...nodes);
    else entries.push({ kind: 'content', nodes });
  };
  const field = (text: string, line: number | undefined): void => {
    entries.push({ kind: 'field', text, key: matchKey(text), line });
  };
  const lists = options.listField ? new ListFields(options.listField) : undefined;
  for (const node of tree.children as RootContent[]) {
    if (node.type === 'heading') {
      const text = headingText(node);
      entries.push({ kind: 'heading', text, key: matchKey(text), level: node.depth, line: node.position?.start.line });
      continue;
    }
    if (node.type === 'list' && lists) {
      lists.walk(node, 0, { content, field });
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
      field(label.label, label.line);
      if (value.length > 0) content([{ type: 'paragraph', children: value }]);
    }
  }
  return new Outline(entries);
}
