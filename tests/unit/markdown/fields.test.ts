import { describe, expect, it } from '@jest/globals';
import type { Paragraph } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { leadingLabel, splitFields } from '@shipshape/markdown/fields';
import { normalizeMarkdown, parseMarkdown } from '@shipshape/markdown/parse';

function paragraph(text: string): Paragraph {
  const node = parseMarkdown(normalizeMarkdown(text)).children[0];
  if (node?.type !== 'paragraph') throw new Error(`not a paragraph: ${text}`);
  return node;
}

const valueText = (found: ReturnType<typeof leadingLabel>) => found && found.value.map((n) => toString(n)).join('');

describe('leadingLabel', () => {
  it('takes the label that opens a paragraph, colon inside or outside the bold, and the rest as its value', () => {
    expect(leadingLabel(paragraph('**Deployment risks**: low'))?.label.label).toBe('Deployment risks');
    expect(valueText(leadingLabel(paragraph('**Deployment risks**: low')))).toBe(' low');
    expect(leadingLabel(paragraph('**Downsides:** none'))?.label.label).toBe('Downsides');
    expect(valueText(leadingLabel(paragraph('**Downsides:**')))).toBe('');
  });

  it('keeps labels on later lines of the paragraph in the value', () => {
    const found = leadingLabel(paragraph('**Risks**: low\n**Steps**: deploy'));
    expect(found?.label.label).toBe('Risks');
    expect(valueText(found)).toBe(' low\nSteps: deploy');
    // splitFields, for top-level paragraphs, still splits them.
    expect(splitFields(paragraph('**Risks**: low\n**Steps**: deploy')).fields.map((f) => f.label.label)).toEqual(['Risks', 'Steps']);
  });

  it('finds nothing when the paragraph opens with text or with bold that is not a label', () => {
    expect(leadingLabel(paragraph('See **Risks**: low'))).toBeUndefined();
    expect(leadingLabel(paragraph('**Important** read this'))).toBeUndefined();
    expect(leadingLabel(paragraph('**:** x'))).toBeUndefined();
  });
});
