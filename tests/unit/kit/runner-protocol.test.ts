import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { formatFileCommandValue } from '../../../packages/kit/src/runner-protocol';
import { parseFileCommands } from '@shipshape/testing/runner';

const delimiterOf = (text: string): string => /^[^<]*<<(.+)$/m.exec(text)?.[1] ?? '';

describe('formatFileCommandValue', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('writes a heredoc whose delimiter has the runner shape and differs between calls', () => {
    const first = delimiterOf(formatFileCommandValue('a', 'x'));
    const second = delimiterOf(formatFileCommandValue('a', 'x'));
    expect(first).toMatch(/^ghadelimiter_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(second).not.toBe(first);
  });

  it('draws another delimiter when the value contains the first one, so the value cannot end the heredoc', () => {
    // The first draw is all zeros; the value carries exactly that delimiter followed by an injected output.
    const zeros = 'ghadelimiter_00000000-0000-0000-0000-000000000000';
    const value = `line\n${zeros}\ninjected=1`;
    const random = jest.spyOn(Math, 'random');
    for (let i = 0; i < 4; i++) random.mockReturnValueOnce(0);
    const text = formatFileCommandValue('notes', value);
    expect(delimiterOf(text)).not.toBe(zeros);
    expect(parseFileCommands(text)).toEqual({ notes: value });
  });
});
