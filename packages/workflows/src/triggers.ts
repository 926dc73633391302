import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { entries, entry, items, resolved, type WorkflowSource } from './source';

/** One event under `on:` (`on: push`, `on: [push, release]` or `on: { release: … }`), with its node. */
export interface Trigger {
  name: string;
  node: Node;
  /** The trigger's configuration (`types:`, `branches:` …), when it has one. */
  config: Node | null;
}

export function triggersOf(source: WorkflowSource): Trigger[] {
  // `on` is a plain key in YAML 1.2 (the yaml library's default), as GitHub reads it.
  const on = resolved(source, entry(source, source.doc.contents, 'on')?.value);
  if (isScalar(on)) return on.value === null ? [] : [{ name: String(on.value), node: on, config: null }];
  if (isSeq(on)) {
    return items(source, on).flatMap((item) =>
      isScalar(item) ? [{ name: String(item.value), node: item, config: null }] : [],
    );
  }
  if (isMap(on)) return entries(source, on).map((e) => ({ name: e.key, node: e.keyNode, config: e.value }));
  return [];
}
