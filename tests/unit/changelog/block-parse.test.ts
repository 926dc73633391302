import { describe, expect, it } from '@jest/globals';
import type { RootContent } from 'mdast';
import { parseMarkdownBlocksWithin } from '../../../packages/markdown/src/bounded-parse';
import { parseMarkdown, parseMarkdownBlocks } from '../../../packages/markdown/src/parse';

/** The changelog finder reads a section's blocks without their inline content when no inline content can matter. */
const blocks = (nodes: RootContent[]): string[] =>
  nodes.map(
    (n) =>
      `${n.type}@${n.position?.start.offset}-${n.position?.end.offset}${n.type === 'heading' ? `#${n.depth}` : ''}${n.type === 'definition' ? `=${n.identifier}` : ''}`,
  );

const document = [
  '# Title *with* `code` and [a link](https://x)',
  '',
  'Setext **heading** [ref]',
  '===',
  '',
  '- item with `## 9.9.9` and <b>html</b>',
  '  ```',
  '  ## 8.8.8',
  '  ```',
  '- [ ] task ~~struck~~ www.example.com',
  '',
  '> quote \\',
  '> # quoted heading',
  '',
  '| a | `b|c` |',
  '| - | - |',
  '| [x] | y |',
  '',
  '<details>',
  '## 7.7.7',
  '</details>',
  '',
  'Paragraph with a footnote[^1] and &amp; entity',
  '---',
  '',
  '    indented code',
  '',
  '[ref]: https://ref "title"',
  '[^1]: the note',
  '    continued',
  '',
].join('\n');

describe('parseMarkdownBlocks', () => {
  it('puts every block where the full parse puts it', () => {
    expect(blocks(parseMarkdownBlocks(document).children)).toEqual(blocks(parseMarkdown(document).children));
  });

  it('reads text without tables and footnotes as CommonMark, with the same blocks', () => {
    const plain = document.replace(/^\|.*$/gm, '').replace(/\[\^1\]/g, '');
    expect(plain).not.toMatch(/\||\[\^/);
    expect(blocks(parseMarkdownBlocks(plain).children)).toEqual(blocks(parseMarkdown(plain).children));
  });

  it('leaves inline content as text', () => {
    const [heading] = parseMarkdownBlocks('# *a* [b](c)\n').children;
    expect(heading?.type === 'heading' && heading.children.map((c) => c.type)).toEqual(['text']);
  });

  it('runs under the same limits as a full parse', () => {
    expect(() => parseMarkdownBlocksWithin('x'.repeat(101), { maxChars: 100, timeoutMs: 1_000 })).toThrow(
      /at most 100/,
    );
    expect(parseMarkdownBlocksWithin('## a\n').children[0]?.type).toBe('heading');
  });
});
