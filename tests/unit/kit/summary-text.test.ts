import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { normalizeMarkdown, parseMarkdown } from '../../../packages/markdown/src/parse';
import { summaryCell, summaryLine } from '@shipshape/kit';

interface Node {
  type: string;
  value?: string;
  children?: Node[];
}

/** What a reader sees: the text of text and code nodes, in order; any other node is named so the test sees it. */
function shown(node: Node): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value ?? '';
  const inner = (node.children ?? []).map(shown).join('');
  return ['root', 'paragraph', 'table', 'tableRow', 'tableCell'].includes(node.type) ? inner : `<${node.type}>${inner}`;
}

/** The one data cell of a two-row table whose cell is `cell`. */
function renderedCell(cell: string): string {
  const root = parseMarkdown(normalizeMarkdown(`| a | b |\n| --- | --- |\n| x | ${cell} |\n`)) as unknown as Node;
  const table = root.children?.[0];
  expect(table?.type).toBe('table');
  expect(table?.children?.[1]?.children).toHaveLength(2);
  return shown(table?.children?.[1]?.children?.[1] as Node);
}

/** A line as the summary writes it: after a label, never at the start of a line. */
function renderedLine(line: string): string {
  const text = shown(parseMarkdown(normalizeMarkdown(`Reason: ${line}\n`)) as unknown as Node);
  expect(text.startsWith('Reason: ')).toBe(true);
  return text.slice('Reason: '.length);
}

const HOSTILE = [
  '[https://github.com/o/r/pull/1](https://evil.example)',
  '![](https://tracker.example/p.gif)',
  'www.evil.example',
  'a@evil.example',
  '<https://evil.example>',
  '**b** _e_ ~~s~~ `c` ``d`` $m$',
  'a|b `x|y` [^1] [r]: https://evil.example',
  '`https://evil.example`',
  '&lt;script&gt; &#x41;',
];

describe('summary text (issue 15 item 4)', () => {
  it.each(HOSTILE)('a table cell shows %j exactly as it reads, with no link, image or emphasis', (text) => {
    expect(renderedCell(summaryCell(text))).toBe(text);
  });

  it.each(HOSTILE)('a line shows %j exactly as it reads', (text) => {
    expect(renderedLine(summaryLine(text))).toBe(text);
  });

  it('keeps a line break as <br> (a real one could start a heading or a table row)', () => {
    expect(summaryCell('a\n# b\r\n| c |')).toBe('a<br># b<br>\\| c \\|');
  });

  it('leaves plain words as they are', () => {
    expect(summaryCell('waited for run(s) 1000 to finish: ci/test, build passed #12')).toBe(
      'waited for run(s) 1000 to finish: ci/test, build passed #12',
    );
  });

  it('any single-line printable ASCII text shows as it reads, in a cell and in a line (property)', () => {
    const word = fc
      .array(fc.constantFrom(...'ab:/.@w[]()!*_~`$|\\<>&"\'#-^h'.split('')), { maxLength: 12 })
      .map((chars) => chars.join(''));
    const text = fc
      .array(word, { minLength: 1, maxLength: 6 })
      .map((words) => words.join(' ').trim())
      .filter((t) => t !== '');
    fc.assert(
      fc.property(text, (t) => {
        expect(renderedCell(summaryCell(t))).toBe(t);
        expect(renderedLine(summaryLine(t))).toBe(t);
      }),
      { numRuns: 300 },
    );
  });
});
