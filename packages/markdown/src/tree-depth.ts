import type { Nodes } from 'mdast';

/**
 * How deep a tree goes (the root is depth 0), walked with a list instead of recursion, so a tree of any depth is
 * measured without running out of stack. Stops counting at `stopAt`: a caller asks only whether a limit is passed.
 */
export function treeDepth(tree: Nodes, stopAt = Number.POSITIVE_INFINITY): number {
  let deepest = 0;
  const pending: { node: Nodes; depth: number }[] = [{ node: tree, depth: 0 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (next.depth > deepest) deepest = next.depth;
    if (deepest > stopAt) return deepest;
    if ('children' in next.node)
      for (const child of next.node.children) pending.push({ node: child, depth: next.depth + 1 });
  }
  return deepest;
}
