import { describe, expect, it } from '@jest/globals';
import { MarkdownTooComplexError, parseMarkdownWithin } from '../../../packages/markdown/src/bounded-parse';
import { matchKey } from '../../../packages/markdown/src/match-key';
import { outlineOf, type Outline } from '../../../packages/markdown/src/outline';
import { normalizeMarkdown } from '../../../packages/markdown/src/parse';
import { plainText } from '../../../packages/markdown/src/plain-text';

const outline = (text: string): Outline => outlineOf(parseMarkdownWithin(normalizeMarkdown(text)));
const shape = (text: string) =>
  outline(text).items.map((i) => `${i.kind === 'heading' ? `h${i.level}` : `field<${i.parent ?? ''}>`}:${i.text}`);
const own = (text: string, name: string): string[] => {
  const o = outline(text);
  const item = o.items.find((i) => i.text === name);
  if (!item) throw new Error(`no ${name}`);
  return o.fullText(item).lines;
};

describe('matchKey', () => {
  it.each([
    ['Roll-out plan', 'Rollout Plan:'],
    ['ROLLOUT PLAN', 'roll out plan'],
    ['Rollback strategy:', 'rollback strategy'],
    ['🎫 Ticket', 'Ticket'],
  ])('%s = %s', (...row) => {
    const [a, b] = row;
    expect(matchKey(a)).toBe(matchKey(b));
  });
  it('keeps different labels apart', () => {
    expect(matchKey('Rollback plan')).not.toBe(matchKey('Rollout plan'));
  });
});

describe('outline: headings', () => {
  it('reads atx headings of every level and setext headings', () => {
    expect(shape('# One\n\n## Two\n\n###### Six\n\nSetext one\n==========\n\nSetext two\n----------\n')).toEqual([
      'h1:One',
      'h2:Two',
      'h6:Six',
      'h1:Setext one',
      'h2:Setext two',
    ]);
  });

  it('does not take headings inside code fences, HTML comments, quotes or lists', () => {
    const text =
      '## Real\n\n```md\n## Fenced\n```\n\n~~~\n# Tilde\n~~~\n\n<!--\n## Commented\n-->\n\n> ## Quoted\n\n- ## In a list\n';
    expect(shape(text)).toEqual(['h2:Real']);
  });

  it('parses CRLF and a BOM exactly like LF', () => {
    const lf = '## Roll-out plan\n**Deployment risks**: low\n\nRollback\n---\nrevert it\n';
    const crlf = `\ufeff${lf.replace(/\n/g, '\r\n')}`;
    expect(shape(crlf)).toEqual(shape(lf));
    expect(own(crlf, 'Rollback')).toEqual(['revert it']);
    expect(own(crlf, 'Deployment risks')).toEqual(['low']);
  });
});

describe('outline: bold fields', () => {
  it('takes the colon outside or inside the bold', () => {
    expect(shape('**Deployment risks**: low\n\n**Downsides:** none\n')).toEqual([
      'field<>:Deployment risks',
      'field<>:Downsides',
    ]);
  });

  it('splits one paragraph of consecutive labels into fields', () => {
    const text = '## Solution\n**Original issue**: #12\n**Downsides**:\n## Roll-out plan\n';
    expect(shape(text)).toEqual([
      'h2:Solution',
      'field<Solution>:Original issue',
      'field<Solution>:Downsides',
      'h2:Roll-out plan',
    ]);
    expect(own(text, 'Original issue')).toEqual(['#12']);
    expect(own(text, 'Downsides')).toEqual([]);
  });

  it('runs a value to the next field or heading, across paragraphs and lists', () => {
    const text =
      '**Deployment steps**:\n  1. [ ] migrate\n  2. [x] deploy\n\nthen wait\n\n**Backuping steps**: dump\n# Next\n';
    expect(own(text, 'Deployment steps')).toEqual(['[ ] migrate', '[x] deploy', 'then wait']);
    expect(own(text, 'Backuping steps')).toEqual(['dump']);
  });

  it('ignores bold text that is not a label', () => {
    expect(shape('This is **important**: really.\n\n**no colon** here\n\n- **In a list**: x\n')).toEqual([]);
  });

  it('accepts a label after a hard break', () => {
    expect(shape('**A**: one  \n**B**: two\n')).toEqual(['field<>:A', 'field<>:B']);
  });
});

describe('outline: section text', () => {
  it('covers sub-sections and stops at a heading of the same level', () => {
    const text = '## Plan\nintro\n### Staging\nrun it\n## Next\nother\n';
    const o = outline(text);
    const plan = o.items[0];
    expect(plan && o.hasChildren(plan)).toBe(true);
    expect(plan && o.fullText(plan).lines).toEqual(['intro', 'Staging', 'run it']);
  });

  it('drops HTML comments and remembers them', () => {
    const text = plainText(
      outline('## Risks\n<!-- describe the risks -->\n').entries.flatMap((e) => (e.kind === 'content' ? e.nodes : [])),
    );
    expect(text).toEqual({ lines: [], hadComment: true, hadHtml: false });
  });

  it('keeps task box state and code text', () => {
    expect(own('## S\n- [ ] a\n- [x] b\n- plain\n\n```\ncode line\n```\n', 'S')).toEqual([
      '[ ] a',
      '[x] b',
      'plain',
      'code line',
    ]);
  });
});

describe('parseMarkdownWithin', () => {
  it('refuses text over the size limit', () => {
    expect(() => parseMarkdownWithin('x'.repeat(101), { maxChars: 100, timeoutMs: 1000 })).toThrow(
      MarkdownTooComplexError,
    );
  });

  it('stops a pathological parse with a verdict: past the time budget, or refused before it starts', () => {
    // No duration is asserted (a busy machine must not fail the suite); a bound on memory may refuse this text
    // before parsing it at all, which is a verdict too.
    expect(() => parseMarkdownWithin('*a'.repeat(200_000), { maxChars: 1_000_000, timeoutMs: 200 })).toThrow(
      /longer than 0.2 s|too large to parse safely/,
    );
    // The watchdog's context is shared: a parse after a stopped one works.
    expect(parseMarkdownWithin('## After\n', { maxChars: 100, timeoutMs: 1000 }).children[0]?.type).toBe('heading');
  });

  it('turns a stack overflow on deep nesting into a clear error', () => {
    expect(() => parseMarkdownWithin(`${'- '.repeat(5000)}x`, { maxChars: 1_000_000, timeoutMs: 500 })).toThrow(
      /nested too deeply|longer than/,
    );
  });
});

describe('visible text of raw HTML', () => {
  it('drops comments and tags and keeps what GitHub shows', async () => {
    const { visibleHtmlText } = await import('../../../packages/markdown/src/plain-text');
    expect(visibleHtmlText('<!-- hint --> XXX')).toEqual({ text: ' XXX', comment: true, tags: false });
    expect(visibleHtmlText('<details><summary>Logs</summary>')).toEqual({ text: 'Logs', comment: false, tags: true });
    expect(visibleHtmlText('<!-- never closed')).toEqual({ text: '', comment: true, tags: false });
    expect(visibleHtmlText('a < b')).toEqual({ text: 'a < b', comment: false, tags: false });
  });
});

describe('outline: bold labels opening list items', () => {
  const known = (...names: string[]) => {
    const keys = new Set(names.map(matchKey));
    return { listField: (label: { key: string }) => keys.has(label.key) };
  };
  const listOutline = (text: string, ...names: string[]): Outline =>
    outlineOf(parseMarkdownWithin(normalizeMarkdown(text)), known(...names));
  const listShape = (text: string, ...names: string[]) =>
    listOutline(text, ...names).items.map(
      (i) => `${i.kind === 'heading' ? `h${i.level}` : `field<${i.parent ?? ''}>`}:${i.text}`,
    );
  const value = (text: string, name: string, ...names: string[]): string[] => {
    const o = listOutline(text, ...names);
    const item = o.items.find((i) => i.text === name);
    if (!item) throw new Error(`no ${name}`);
    return o.fullText(item).lines;
  };

  it('are not fields unless asked for', () => {
    expect(shape('## Roll-out plan\n- **Deployment risks**: low\n')).toEqual(['h2:Roll-out plan']);
    expect(
      listShape('## Roll-out plan\n- **Deployment risks**: low\n- **Breaking**: no\n', 'Deployment risks'),
    ).toEqual(['h2:Roll-out plan', 'field<Roll-out plan>:Deployment risks']);
  });

  it('take the rest of the item and its nested content as the value, up to the next field', () => {
    const text =
      '## Roll-out plan\n- **Deployment risks**: low\n- **Deployment steps**:\n  1. migrate\n  2. deploy\n- **Backuping steps:** none\n- a note\n\n## Next\n';
    const names = ['Deployment risks', 'Deployment steps', 'Backuping steps'];
    expect(listShape(text, ...names)).toEqual([
      'h2:Roll-out plan',
      'field<Roll-out plan>:Deployment risks',
      'field<Roll-out plan>:Deployment steps',
      'field<Roll-out plan>:Backuping steps',
      'h2:Next',
    ]);
    expect(value(text, 'Deployment risks', ...names)).toEqual(['low']);
    expect(value(text, 'Deployment steps', ...names)).toEqual(['migrate', 'deploy']);
    expect(value(text, 'Backuping steps', ...names)).toEqual(['none', 'a note']);
  });

  it('are found in nested lists, keeping the text of the items around them', () => {
    const text =
      '## Roll-out plan\n- Production:\n  - **Deployment risks**: low\n  - watch the queue\n- [x] announced\n';
    expect(listShape(text, 'Deployment risks')).toEqual(['h2:Roll-out plan', 'field<Roll-out plan>:Deployment risks']);
    const o = listOutline(text, 'Deployment risks');
    const heading = o.items[0];
    expect(heading && plainText(o.ownContent(heading)).lines).toEqual(['Production:']);
    expect(value(text, 'Deployment risks', 'Deployment risks')).toEqual(['low', 'watch the queue', '[x] announced']);
  });

  it('leave a nested label inside a field value alone unless it is known too', () => {
    const text = '- **Deployment steps**:\n  - **Staging**: deploy\n  - **Production**: deploy\n';
    expect(listShape(text, 'Deployment steps')).toEqual(['field<>:Deployment steps']);
    expect(value(text, 'Deployment steps', 'Deployment steps')).toEqual(['Staging: deploy', 'Production: deploy']);
    expect(listShape(text, 'Deployment steps', 'Staging')).toEqual(['field<>:Deployment steps', 'field<>:Staging']);
  });

  it('are never task items, bold text later in the item, or lists nested past the depth limit', () => {
    expect(listShape('- [ ] **Deployment risks**: x\n- see **Deployment risks**: y\n', 'Deployment risks')).toEqual([]);
    const deep = `${Array.from({ length: 10 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n')}\n${'  '.repeat(10)}- **Deployment risks**: low\n`;
    expect(listShape(deep, 'Deployment risks')).toEqual([]);
  });

  it('parse CRLF exactly like LF', () => {
    const lf = '## Plan\n- **Risks**: low\n- **Steps**:\n  1. go\n';
    expect(listShape(lf.replace(/\n/g, '\r\n'), 'Risks', 'Steps')).toEqual(listShape(lf, 'Risks', 'Steps'));
    expect(value(`\ufeff${lf.replace(/\n/g, '\r\n')}`, 'Steps', 'Risks', 'Steps')).toEqual(['go']);
  });
});
