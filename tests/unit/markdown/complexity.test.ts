import { describe, expect, it } from '@jest/globals';
import {
  MarkdownTooComplexError,
  parseMarkdownBlocksWithin,
  parseMarkdownWithin,
} from '../../../packages/markdown/src/bounded-parse';
import { measureMarkdown } from '../../../packages/markdown/src/complexity';
import { DEFAULT_COMPLEXITY_LIMITS, judgeComplexity } from '../../../packages/markdown/src/complexity-limits';
import { treeDepth } from '../../../packages/markdown/src/tree-depth';

const lines = (count: number, line: (i: number) => string): string =>
  Array.from({ length: count }, (_, i) => line(i)).join('\n');

/** The inputs of issue 15, items 1, 6 and 7. */
const ISSUE_15 = {
  ladder: lines(1_000, (i) => `${'> '.repeat(i + 1)}level ${i}`),
  wideTable: `${'| h '.repeat(100)}|\n${'| - '.repeat(100)}|\n${lines(1_000, (i) => `| ${i} `.repeat(100) + '|')}`,
  definitions: lines(30_000, (i) => `[d${i}]: https://example.com/${i}`),
  starUnderscore: '*_a'.repeat(21_845),
  strongUnderscore: '**a_'.repeat(16_384),
  quotesAndLists: lines(4_000, (i) => `${'> - '.repeat((i % 10) + 1)}x`),
  deepQuote: `${'>'.repeat(10_000)} x`,
  deepList: `${'- '.repeat(5_000)}x`,
};

/**
 * A long description as people write them: headings, paragraphs with emphasis, code and links, lists, a table, code.
 */
function realisticBody(chars: number): string {
  const section = (n: number): string =>
    [
      `## Section ${n}`,
      '',
      `This change moves the **${n}th** service to the new \`queue_worker\` and keeps the _old_ path behind a flag; see [the design](https://example.com/design/${n}) and #${n}.`,
      '',
      ...Array.from(
        { length: 8 },
        (_, i) => `- [${i % 2 ? 'x' : ' '}] Step ${i}: run \`make deploy_${i}\` and check **${i}** ~~old~~ dashboards`,
      ),
      '',
      '| Metric | Before | After |',
      '| --- | ---: | ---: |',
      ...Array.from({ length: 5 }, (_, i) => `| p${i}9_latency | ${i * 10} ms | ${i * 7} ms |`),
      '',
      '```sh',
      ...Array.from(
        { length: 6 },
        (_, i) => `kubectl rollout status deploy/api_${i} --timeout=120s # **not** emphasis`,
      ),
      '```',
      '',
      '> Note: rollback with `git revert` if *anything* looks off.',
      '',
    ].join('\n');
  let body = '';
  for (let n = 1; body.length < chars; n++) body += section(n);
  return body.slice(0, chars);
}

describe('measureMarkdown: work counted in one pass', () => {
  it('counts lines, markers, construct starts and nesting', () => {
    // `,` starts no construct: read as text. `*` does, twice.
    const work = measureMarkdown('- a\n  > b, *c*\n\n1. d');
    expect(work).toMatchObject({
      chars: 20,
      lines: 4,
      quoteMarkers: 1,
      blockStarts: 2,
      punctuation: 2,
      nestingTotal: 4,
      deepestNesting: 2,
      deepestLine: 2,
    });
  });

  it('counts what may become a link: a resource after `]`, and autolink literals', () => {
    expect(measureMarkdown('[a](b) ![c](d) (e) www.f.g WWW.h https://i j@k.l').links).toBe(6);
  });

  it('treats each item of a tight list as its own paragraph', () => {
    // One closer (`**` after `a`) per 8-character item.
    expect(measureMarkdown('- **a**\n'.repeat(1_000)).inlineWork).toBe(8 * 1_000);
  });

  it('keeps lines that cannot interrupt a paragraph in it (an item numbered 2, an empty item), so their work is counted together', () => {
    const text = `a\n${'2) **a**\n'.repeat(100)}`;
    expect(measureMarkdown(text).inlineWork).toBe(100 * text.length);
    const empty = `a\n${'-\n**a**\n'.repeat(100)}`;
    expect(measureMarkdown(empty).inlineWork).toBe(100 * empty.length);
  });

  it('counts no closers in link reference definitions, unless they follow paragraph text (which they cannot interrupt)', () => {
    expect(measureMarkdown(`# Links\n${'[a]: https://example.com/x_y\n'.repeat(1_000)}`).inlineWork).toBe(0);
    const continued = `text\n${'[a]: https://example.com/x\n'.repeat(1_000)}`;
    expect(measureMarkdown(continued).inlineWork).toBe(1_000 * continued.length);
    // Not a plain definition (a title, an angle-bracketed destination): counted as text.
    expect(measureMarkdown('\n[a]: <b> "t"\n').inlineWork).toBeGreaterThan(0);
  });

  it('starts a new paragraph at headings, fences and footnote definitions', () => {
    expect(measureMarkdown('# **a**\n**b**').inlineWork).toBe(8 + 5);
    // The fence's content is its own chunk, up to the closing fence.
    expect(measureMarkdown('a **b**\n```\nc_d\n```').inlineWork).toBe(8 + 8);
    expect(measureMarkdown('[^1]: **a**\n[^2]: **b**').inlineWork).toBe(2 * 12 + 2 * 11);
  });

  it('does not take a backtick line with a backtick after it for a fence', () => {
    expect(measureMarkdown('a **b**\n```a`b **c**').inlineWork).toBe(2 * 20);
  });
});

describe('the complexity limits on the inputs of issue 15', () => {
  const verdict = (text: string, inline = true): string => {
    const judged = judgeComplexity(measureMarkdown(text), DEFAULT_COMPLEXITY_LIMITS, inline);
    return judged.ok ? 'ok' : judged.reason;
  };

  it.each([
    ['a 1,000-level block quote ladder', ISSUE_15.ladder, 'depth'],
    ['a 1,000 × 100 table', ISSUE_15.wideTable, 'memory'],
    ['30,000 link reference definitions', ISSUE_15.definitions, 'memory'],
    ['`*_a` to 65,536 characters', ISSUE_15.starUnderscore, 'memory'],
    ['`**a_` to 65,536 characters', ISSUE_15.strongUnderscore, 'memory'],
    ['80 KB of nested `>` and `-`', ISSUE_15.quotesAndLists, 'memory'],
    ['10,000 nested `>`', ISSUE_15.deepQuote, 'depth'],
    ['5,000 nested `- `', ISSUE_15.deepList, 'depth'],
  ])('%s', (_name, text, expected) => {
    expect(verdict(text)).toBe(expected);
    expect(verdict(text, false)).toBe(expected);
  });

  it('refuses setext underlines under paragraphs deep into a text (micromark re-reads what came before each), not thematic breaks', () => {
    const setext = lines(2_000, () => 'a\n=');
    expect(measureMarkdown(setext).setextWork).toBe(
      Array.from({ length: 2_000 }, (_, i) => 4 * i + 2).reduce((a, b) => a + b, 0),
    );
    expect(verdict(setext)).toBe('delimiters');
    expect(verdict(setext, false)).toBe('delimiters');
    // After a blank line, `---` is a thematic break: no work counted.
    expect(measureMarkdown(lines(2_000, () => 'a\n\n---\n')).setextWork).toBe(0);
  });

  it('refuses more list items or table cells than parse in time, before their memory would', () => {
    expect(verdict('- a\n'.repeat(3_001))).toBe('size');
    expect(verdict('- a\n'.repeat(3_000))).toBe('ok');
    expect(verdict(`| a | b |\n| - | - |\n${'| 1 | 2 |\n'.repeat(2_700)}`)).toBe('size');
    expect(verdict(`| a | b |\n| - | - |\n${'| 1 | 2 |\n'.repeat(2_000)}`)).toBe('ok');
  });

  it('refuses delimiter runs that would take the resolvers too long, before their memory would', () => {
    expect(verdict('*_a'.repeat(4_000))).toBe('delimiters');
    expect(verdict('*_a'.repeat(4_000), false)).toBe('ok');
  });

  it('accepts a realistic description of 65,536 characters, GitHub’s largest', () => {
    const work = measureMarkdown(realisticBody(65_536));
    expect(judgeComplexity(work, DEFAULT_COMPLEXITY_LIMITS, true)).toEqual({ ok: true });
    expect(work.estimatedBytes).toBeLessThan(DEFAULT_COMPLEXITY_LIMITS.maxEstimatedBytes * 0.85);
    expect(work.inlineWork).toBeLessThan(DEFAULT_COMPLEXITY_LIMITS.maxInlineWork / 10);
  });

  it('names the limit in its message', () => {
    const messageOf = (text: string): string => {
      const judged = judgeComplexity(measureMarkdown(text), DEFAULT_COMPLEXITY_LIMITS, true);
      return judged.ok ? '' : judged.message;
    };
    expect(messageOf(ISSUE_15.ladder)).toBe(
      'the text is nested too deeply: a line nests up to 1000 block quotes, list items or indents; at most 100 are read',
    );
    expect(messageOf(ISSUE_15.wideTable)).toMatch(
      /^the text is too large to parse safely: its 591,803 characters \(1,002 lines\) would need about [\d,]+ MB of memory; at most 128 MB are used$/,
    );
    expect(messageOf('*_a'.repeat(4_000))).toMatch(
      /^the text has too many emphasis, strikethrough or link delimiters in one paragraph: .*; at most 5\.0e\+7 are taken$/,
    );
  });
});

describe('bounded parses refuse before parsing, and check the depth of what they parsed', () => {
  it('throws MarkdownTooComplexError with the reason, for full and block parses', () => {
    const reasonOf = (parse: () => unknown): string | undefined => {
      try {
        parse();
        return undefined;
      } catch (error) {
        return error instanceof MarkdownTooComplexError ? error.reason : String(error);
      }
    };
    expect(reasonOf(() => parseMarkdownWithin(ISSUE_15.ladder))).toBe('depth');
    expect(reasonOf(() => parseMarkdownBlocksWithin(ISSUE_15.wideTable))).toBe('memory');
    expect(reasonOf(() => parseMarkdownWithin(ISSUE_15.starUnderscore))).toBe('memory');
  });

  it('refuses a tree nested deeper than the limit by emphasis, which no line prefix shows', () => {
    const nested = `${'*'.repeat(1_000)}a${'*'.repeat(1_000)}`;
    expect(() => parseMarkdownWithin(nested)).toThrow(/nested too deeply: its elements nest more than 400 levels deep/);
    expect(
      treeDepth(parseMarkdownWithin(nested, { maxChars: 10_000, timeoutMs: 600_000, complexity: false })),
    ).toBeGreaterThan(400);
  });

  it('parses when the check is switched off (the bench measures micromark alone this way)', () => {
    expect(
      parseMarkdownWithin('*_a'.repeat(1_000), { maxChars: 10_000, timeoutMs: 600_000, complexity: false }).children,
    ).toHaveLength(1);
  });
});

describe('block-only parses', () => {
  it('read a release of 3,000 changes (200 KB), which a full parse refuses', () => {
    const section = `## 1.2.3\n\n${Array.from({ length: 3_000 }, (_, i) => `- change ${i} ${'z'.repeat(60)}`).join('\n')}\n`;
    expect(parseMarkdownBlocksWithin(section).children[1]?.type).toBe('list');
    expect(() => parseMarkdownWithin(section)).toThrow(MarkdownTooComplexError);
  });

  it('still refuse the hostile shapes', () => {
    expect(() => parseMarkdownBlocksWithin('- a\n'.repeat(6_001))).toThrow(/at most 6,000 are read/);
    expect(() => parseMarkdownBlocksWithin(ISSUE_15.ladder)).toThrow(/at most 100 are read/);
  });
});

describe('treeDepth', () => {
  it('measures depth without recursion, and stops early', () => {
    const deep = parseMarkdownWithin(`${'>'.repeat(90)} x`);
    expect(treeDepth(deep)).toBe(90 + 2);
    expect(treeDepth(deep, 10)).toBe(11);
  });
});
