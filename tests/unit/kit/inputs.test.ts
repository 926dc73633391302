import { describe, expect, it } from '@jest/globals';
import { InputError, Inputs, mapInputSource, runnerInputSource } from '@shipshape/kit';

const inputs = (values: Record<string, string>) => new Inputs(mapInputSource(values));

describe('Inputs', () => {
  it('reads INPUT_ variables with hyphens kept, as the runner sets them', () => {
    const source = runnerInputSource({ 'INPUT_FAIL-ON-WIP': 'true', INPUT_MY_INPUT: 'x' });
    expect(source('fail-on-wip')).toBe('true');
    expect(source('my input')).toBe('x');
  });

  it('names the input and what was expected', () => {
    expect(() => inputs({ draft: 'maybe' }).boolean('draft', false)).toThrow(
      "Input 'draft' is invalid: expected 'true' or 'false', got \"maybe\".",
    );
    expect(() => inputs({}).required('token')).toThrow(InputError);
    expect(() => inputs({ n: '-3' }).integer('n', 1, { min: 0, max: 10, unit: 'minutes' })).toThrow(
      'a whole number of minutes from 0 to 10',
    );
    expect(() => inputs({ m: 'x' }).oneOf('m', ['a', 'b'] as const, 'a')).toThrow("one of 'a', 'b'");
  });

  it('splits lists on commas and newlines', () => {
    expect(inputs({ l: 'a, b\n c,,\n' }).list('l')).toEqual(['a', 'b', 'c']);
  });
});
