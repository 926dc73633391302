import { describe, expect, it } from '@jest/globals';
import {
  chunksToBlocks,
  cutMrkdwn,
  degradeLinks,
  header,
  LIMITS,
  splitText,
  truncateChars,
  type Block,
} from '@shipshape/slack';
import { validateSlackMessage } from '@shipshape/testing/slack-emulator';

const sectionTexts = (blocks: Block[]): string[] =>
  blocks.flatMap((b) => (b.type === 'section' && b.text ? [b.text.text] : []));

describe('Block Kit limits', () => {
  it('cuts headers to 150 characters without splitting a surrogate pair', () => {
    const h = header('🚀'.repeat(200));
    expect(h.text.text.length).toBeLessThanOrEqual(LIMITS.headerText);
    expect(h.text.text.endsWith('…')).toBe(true);
    expect(h.text.text).not.toMatch(/[\ud800-\udbff]…$/);
    expect(truncateChars('short', 10)).toBe('short');
  });

  it('never cuts inside an entity or a link', () => {
    expect(cutMrkdwn('abc &amp; def', 7)).toBe('abc …');
    expect(cutMrkdwn('see <https://example.com/long|the link> now', 20)).toBe('see …');
    expect(cutMrkdwn('<https://example.com/long|label> tail', 10)).toBe('label tai…');
    expect(degradeLinks('<https://a.example/|A> and <https://b.example/>')).toBe('A and https://b.example/');
  });

  it('splits text at line boundaries first, then at spaces', () => {
    expect(splitText('aaa\nbbb\nccc', 7)).toEqual(['aaa\nbbb', 'ccc']);
    expect(splitText('word '.repeat(10).trim(), 12).every((p) => p.length <= 12)).toBe(true);
  });

  it('packs chunks into sections ≤ 3000 characters, re-fencing code split across sections', () => {
    const code = Array.from({ length: 400 }, (_, i) => `line ${i} ${'x'.repeat(10)}`).join('\n');
    const blocks = chunksToBlocks([
      { kind: 'text', text: 'intro' },
      { kind: 'code', code },
      { kind: 'divider' },
      { kind: 'text', text: 'outro' },
    ]);
    const texts = sectionTexts(blocks);
    expect(texts.length).toBeGreaterThan(2);
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(LIMITS.sectionText);
    for (const t of texts.filter((x) => x.includes('line '))) expect(t.match(/```/g)?.length).toBe(2);
    expect(blocks.filter((b) => b.type === 'divider')).toHaveLength(1);
    expect(validateSlackMessage({ text: 'x', blocks: blocks.slice(0, 50) })).toEqual([]);
  });

  it('keeps a link longer than a section valid by degrading it to its label', () => {
    const label = 'y'.repeat(3500);
    const blocks = chunksToBlocks([{ kind: 'text', text: `<https://example.com/|${label}>` }]);
    for (const t of sectionTexts(blocks)) {
      expect(t.length).toBeLessThanOrEqual(LIMITS.sectionText);
      expect((t.match(/</g) ?? []).length).toBe((t.match(/>/g) ?? []).length);
    }
  });

  it('drops dividers at the edges and doubled dividers', () => {
    const blocks = chunksToBlocks([
      { kind: 'divider' },
      { kind: 'text', text: 'a' },
      { kind: 'divider' },
      { kind: 'divider' },
      { kind: 'text', text: 'b' },
      { kind: 'divider' },
    ]);
    expect(blocks.map((b) => b.type)).toEqual(['section', 'divider', 'section']);
  });
});
