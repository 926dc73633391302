import { LineCounter, isAlias, isMap, isNode, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import type { CheckId, Finding } from './finding';

/**
 * A workflow file parsed with positions: the checks walk the YAML nodes (not plain values) so every finding points at
 * the line and column of the key or text it is about.
 */
export interface WorkflowSource {
  file: string;
  text: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

/** A key of a mapping with its value node (an alias resolved). */
export interface Entry {
  key: string;
  keyNode: Node;
  value: Node | null;
}

export type ParseResult = { ok: true; source: WorkflowSource } | { ok: false; finding: Finding };

/** Parses one workflow file; YAML errors and a document that is not a mapping are `syntax` findings. */
export function parseWorkflowSource(file: string, text: string): ParseResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const at = lines.linePos(error.pos[0]);
    const what = error.message.split('\n')[0] ?? error.code;
    return { ok: false, finding: { file, ...at, check: 'syntax', message: `not valid YAML: ${what}` } };
  }
  if (!isMap(doc.contents)) {
    const offset = doc.contents?.range?.[0] ?? 0;
    return {
      ok: false,
      finding: {
        file,
        ...lines.linePos(offset),
        check: 'syntax',
        message: 'not a workflow: expected a mapping with `on:` and `jobs:`',
      },
    };
  }
  return { ok: true, source: { file, text, doc, lines } };
}

/** The node an alias points to (GitHub accepts YAML anchors in workflows), or the node itself. */
export function resolved(source: WorkflowSource, node: unknown): Node | null {
  const target: unknown = isAlias(node) ? node.resolve(source.doc) : node;
  return isNode(target) ? target : null;
}

/** The entries of a mapping node, in file order; [] for anything else. */
export function entries(source: WorkflowSource, node: unknown): Entry[] {
  const map = resolved(source, node);
  if (!isMap(map)) return [];
  return map.items.flatMap((pair) => {
    if (!isScalar(pair.key)) return [];
    return [{ key: String(pair.key.value), keyNode: pair.key, value: resolved(source, pair.value) }];
  });
}

export function entry(source: WorkflowSource, node: unknown, key: string): Entry | undefined {
  return entries(source, node).find((e) => e.key === key);
}

/** The items of a sequence node; [] for anything else. */
export function items(source: WorkflowSource, node: unknown): Node[] {
  const seq = resolved(source, node);
  if (!isSeq(seq)) return [];
  return seq.items.flatMap((item) => {
    const value = resolved(source, item);
    return value ? [value] : [];
  });
}

/** A scalar's value as text (`true` → 'true', `15` → '15'); undefined for maps, sequences, null. */
export function scalarText(source: WorkflowSource, node: unknown): string | undefined {
  const value = resolved(source, node);
  if (!isScalar(value) || value.value === null || value.value === undefined) return undefined;
  return typeof value.value === 'object' ? undefined : String(value.value);
}

/** The text of a node as written in the file (a block scalar's `|` and indentation included). */
export function rawText(source: WorkflowSource, node: Node): { text: string; offset: number } {
  const [start = 0, end = start] = node.range ?? [];
  return { text: source.text.slice(start, end), offset: start };
}

export function findingAt(source: WorkflowSource, offset: number, check: CheckId, message: string): Finding {
  return { file: source.file, ...source.lines.linePos(offset), check, message };
}

export function findingOn(source: WorkflowSource, node: Node, check: CheckId, message: string): Finding {
  return findingAt(source, node.range?.[0] ?? 0, check, message);
}
