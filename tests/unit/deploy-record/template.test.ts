import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@shipshape/kit';
import {
  BUILT_IN_TEMPLATE,
  PLACEHOLDERS,
  checkTemplate,
  fillTemplate,
  unknownPlaceholders,
  type PlaceholderValues,
} from '../../../actions/deploy-record/src/template';

const VALUES = Object.fromEntries(PLACEHOLDERS.map((name) => [name, `<${name}>`])) as PlaceholderValues;

describe('deploy-record template', () => {
  it('uses every placeholder in the built-in template, and nothing else', () => {
    expect(unknownPlaceholders(BUILT_IN_TEMPLATE)).toEqual([]);
    for (const name of PLACEHOLDERS) expect(BUILT_IN_TEMPLATE).toContain(`{${name}}`);
  });

  it('fills each placeholder once, in one pass', () => {
    const text = fillTemplate('Why: {reason}. Again: {reason}. Who: {triggered_by}', {
      ...VALUES,
      reason: '{triggered_by}',
    });
    expect(text).toBe('Why: {triggered_by}. Again: {triggered_by}. Who: <triggered_by>');
  });

  it('names every unknown placeholder, the file and the known ones, with a likely meaning', () => {
    const check = (): void => checkTemplate('# {reasn}\n{run-url} {Reason} {reasn} {reason}', '.github/postmortem.md');
    expect(check).toThrow(ConfigError);
    expect(check).toThrow(
      'Input \'template\': ".github/postmortem.md" uses the unknown placeholders {reasn}, {run-url} (did you mean ' +
        '{run_url}?), {Reason} (did you mean {reason}?); the known placeholders are {reason}, {triggered_by}, ' +
        '{approved_by}, {commit}, {timeline}, {gantt}, {outcome}, {permalink}, {run_url}.',
    );
  });

  it('leaves braces that are not placeholder-shaped alone', () => {
    expect(unknownPlaceholders('```json\n{ "a": 1 }\n```\n{1} {}')).toEqual([]);
  });
});
