import { describe, expect, it } from '@jest/globals';
import type { Paragraph, PhrasingContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { splitAcceptedFields, splitFields } from '../../../packages/markdown/src/fields';
import { normalizeMarkdown, parseMarkdown } from '../../../packages/markdown/src/parse';

function paragraph(text: string): Paragraph {
  const node = parseMarkdown(normalizeMarkdown(text)).children[0];
  if (node?.type !== 'paragraph') throw new Error(`not a paragraph: ${text}`);
  return node;
}

const text = (nodes: readonly PhrasingContent[]): string => nodes.map((n) => toString(n)).join('');
const labelsOf = (split: ReturnType<typeof splitFields>): [string, string][] =>
  split.fields.map((f) => [f.label.label, text(f.value)]);

describe('splitFields', () => {
  it('takes labels that start a line, colon inside or outside the bold, each with the rest as its value', () => {
    expect(labelsOf(splitFields(paragraph('**Deployment risks**: low')))).toEqual([['Deployment risks', ' low']]);
    expect(labelsOf(splitFields(paragraph('**Downsides:** none')))).toEqual([['Downsides', ' none']]);
    expect(labelsOf(splitFields(paragraph('**Downsides:**')))).toEqual([['Downsides', '']]);
    expect(labelsOf(splitFields(paragraph('**Risks**: low\n**Steps**: deploy')))).toEqual([
      ['Risks', ' low\n'],
      ['Steps', ' deploy'],
    ]);
  });

  it('finds nothing in running text or bold that is not a label', () => {
    expect(splitFields(paragraph('See **Risks**: low')).fields).toEqual([]);
    expect(splitFields(paragraph('**Important** read this')).fields).toEqual([]);
    expect(splitFields(paragraph('**:** x')).fields).toEqual([]);
  });
});

describe('splitAcceptedFields', () => {
  it('folds a refused label into what comes before it, verbatim', () => {
    const p = paragraph('intro\n**Risks**: low\n**Note**: keep it small\n**Steps**: deploy');
    const split = splitAcceptedFields(p, (label) => label.label !== 'Note');
    expect(text(split.lead)).toBe('intro\n');
    expect(split.fields.map((f) => [f.label.label, text(f.value)])).toEqual([
      ['Risks', ' low\nNote: keep it small\n'],
      ['Steps', ' deploy'],
    ]);
  });

  it('shows accept each label with its value up to the next label, and whether it is the last', () => {
    const seen: [string, string, boolean][] = [];
    splitAcceptedFields(paragraph('**A**: 1\n**B**: 2'), (label, value, last) => {
      seen.push([label.label, text(value), last]);
      return false;
    });
    expect(seen).toEqual([
      ['A', ' 1\n', false],
      ['B', ' 2', true],
    ]);
  });
});
