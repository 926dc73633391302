import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { MAX_STATUS_DESCRIPTION, statusDescription } from '../../../actions/deploy-guard/src/status-description';

const codePoints = (text: string): number => [...text].length;
const wellFormed = (text: string): boolean => Buffer.from(text, 'utf8').toString('utf8') === text;

describe('statusDescription (issue 16 item 12)', () => {
  it('keeps a text of 140 code points whole, however many UTF-16 units it takes', () => {
    const text = '🚀'.repeat(140);
    expect(statusDescription(text)).toBe(text);
  });

  it('cuts a longer one to 139 code points and an ellipsis, never inside a surrogate pair', () => {
    const text = `${'a'.repeat(138)}${'🚀'.repeat(5)}`;
    expect(statusDescription(text)).toBe(`${'a'.repeat(138)}🚀…`);
  });

  it('never splits a grapheme: a letter and its combining accent, a family emoji, a flag', () => {
    expect(statusDescription(`${'a'.repeat(138)}e\u0301${'b'.repeat(5)}`)).toBe(`${'a'.repeat(138)}…`);
    expect(statusDescription(`${'a'.repeat(137)}👨‍👩‍👧 more`)).toBe(`${'a'.repeat(137)}…`);
    expect(statusDescription(`${'a'.repeat(138)}🇫🇷🇩🇪`)).toBe(`${'a'.repeat(138)}…`);
  });

  it('any text: at most 140 code points, well-formed, a prefix of the text when cut (property)', () => {
    const piece = fc.constantFrom('a', ' ', '🚀', 'e\u0301', '👨‍👩‍👧', '🇫🇷', '\u200d', 'é');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 200 }), (pieces) => {
        const text = pieces.join('');
        const out = statusDescription(text);
        expect(codePoints(out)).toBeLessThanOrEqual(MAX_STATUS_DESCRIPTION);
        expect(wellFormed(out)).toBe(true);
        if (out !== text) {
          expect(out.endsWith('…')).toBe(true);
          expect(text.startsWith(out.slice(0, -1))).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
