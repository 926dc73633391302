import { describe, expect, it } from '@jest/globals';
import { InputError, Inputs, mapInputSource } from '@shipshape/kit';
import { readSettings } from '../../../actions/plan-lint/src/inputs';

const read = (values: Record<string, string>) => readSettings(new Inputs(mapInputSource({ token: 't', ...values })));

describe('plan-lint inputs', () => {
  it('leaves unset inputs undefined so the config file or the defaults apply', () => {
    expect(read({})).toEqual({
      token: 't',
      template: undefined,
      config: undefined,
      preset: undefined,
      comment: false,
      failOnWip: undefined,
      skipLabels: undefined,
      skipAuthors: undefined,
    });
  });

  it('reads lists, booleans and repository paths', () => {
    expect(
      read({
        'skip-labels': 'a, b\nc',
        'skip-authors': 'bot[bot]',
        comment: 'true',
        'fail-on-wip': 'false',
        template: './docs/t.md',
        config: 'ci/plan.yml',
      }),
    ).toMatchObject({
      skipLabels: ['a', 'b', 'c'],
      skipAuthors: ['bot[bot]'],
      comment: true,
      failOnWip: false,
      template: 'docs/t.md',
      config: 'ci/plan.yml',
    });
  });

  it.each([
    [{ token: '' }, /Input 'token' is required/],
    [{ comment: 'sometimes' }, /Input 'comment' is invalid: expected 'true' or 'false', got "sometimes"/],
    [{ preset: 'strict' }, /Input 'preset' is invalid: expected one of 'rollout-rollback'/],
    [{ template: '../outside.md' }, /Input 'template' is invalid: expected a path inside the repository/],
    [{ config: '/etc/passwd' }, /Input 'config' is invalid/],
    [
      { template: 'a.md', preset: 'rollout-rollback' },
      /Input 'preset' is invalid: expected nothing when 'template' is set/,
    ],
  ])('rejects %j with an error naming the input', (...row) => {
    const [values, message] = row as [Record<string, string>, RegExp];
    expect(() => read(values)).toThrow(InputError);
    expect(() => read(values)).toThrow(message);
  });
});
