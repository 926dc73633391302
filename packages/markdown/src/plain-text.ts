import type { Nodes } from 'mdast';

export interface PlainText {
  /** Non-empty lines of text, whitespace collapsed; task-list items start with `[ ] ` or `[x] `. */
  lines: string[];
  /** Whether an HTML comment was dropped on the way (template guidance left in place). */
  hadComment: boolean;
  /** Whether any HTML other than comments was dropped. */
  hadHtml: boolean;
}

const BLOCK = new Set([
  'paragraph',
  'heading',
  'blockquote',
  'list',
  'listItem',
  'code',
  'html',
  'table',
  'tableRow',
  'thematicBreak',
  'definition',
  'footnoteDefinition',
  'yaml',
  'math',
]);

/**
 * The visible text of raw HTML as GitHub shows it: comments removed, tags removed, the rest kept (an HTML block
 * that starts with a comment runs to the end of its line, so `<!-- hint --> XXX` still shows `XXX`). This scans
 * HTML, which remark hands over as an opaque string, not Markdown.
 */
export function visibleHtmlText(html: string): { text: string; comment: boolean; tags: boolean } {
  let text = '';
  let comment = false;
  let tags = false;
  let i = 0;
  while (i < html.length) {
    if (html.startsWith('<!--', i)) {
      comment = true;
      const end = html.indexOf('-->', i + 4);
      i = end < 0 ? html.length : end + 3;
    } else if (html[i] === '<' && /[A-Za-z/!?]/.test(html[i + 1] ?? '')) {
      tags = true;
      const end = html.indexOf('>', i + 1);
      i = end < 0 ? html.length : end + 1;
    } else {
      text += html[i];
      i++;
    }
  }
  return { text, comment, tags };
}

/**
 * Flattens mdast nodes to lines of plain text, the way a reader sees them: HTML (comments above all) is
 * dropped, a task-list item keeps its box state (so ticking a template's box counts as an answer), code keeps
 * its text. Iterative, so a deeply nested tree cannot overflow the stack.
 */
export function plainText(nodes: readonly Nodes[]): PlainText {
  const parts: string[] = [];
  let hadComment = false;
  let hadHtml = false;
  type Frame = { node: Nodes; joinLine?: boolean } | { close: string };
  const stack: Frame[] = [];
  for (let i = nodes.length - 1; i >= 0; i--) stack.push({ node: nodes[i] as Nodes });
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    if ('close' in frame) {
      parts.push(frame.close);
      continue;
    }
    const node = frame.node;
    const block = BLOCK.has(node.type);
    // The first paragraph of a list item continues the item's line (after its task box).
    if (block && !frame.joinLine) parts.push('\n');
    switch (node.type) {
      case 'html': {
        const visible = visibleHtmlText(node.value);
        hadComment ||= visible.comment;
        hadHtml ||= visible.tags;
        parts.push(visible.text);
        break;
      }
      case 'text':
      case 'inlineCode':
        parts.push(node.value);
        break;
      case 'code':
        parts.push(node.value);
        break;
      case 'break':
        parts.push('\n');
        break;
      case 'image':
      case 'imageReference':
        parts.push(node.alt ?? '');
        break;
      case 'definition':
        break;
      case 'tableCell':
        parts.push(' ');
        break;
      default:
        break;
    }
    if (node.type === 'listItem' && typeof node.checked === 'boolean') parts.push(node.checked ? '[x] ' : '[ ] ');
    if ('children' in node) {
      if (block) stack.push({ close: '\n' });
      const children = node.children as Nodes[];
      for (let i = children.length - 1; i >= 0; i--)
        stack.push({ node: children[i] as Nodes, joinLine: i === 0 && node.type === 'listItem' });
    }
  }
  const lines = parts
    .join('')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '');
  return { lines, hadComment, hadHtml };
}
