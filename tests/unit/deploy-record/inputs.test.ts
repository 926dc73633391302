import { describe, expect, it } from '@jest/globals';
import { ConfigError, InputError, Inputs, mapInputSource } from '@shipshape/kit';
import { BUILT_IN, readSettings } from '../../../actions/deploy-record/src/inputs';
import { BUILT_IN_TEMPLATE } from '../../../actions/deploy-record/src/template';

const files: Record<string, string> = {
  '.github/postmortem.md': '# {reason}\n\n{timeline}\n',
  'typo.md': 'Why: {reasn}\n',
};
const read = (values: Record<string, string>) =>
  readSettings(new Inputs(mapInputSource({ token: 'ghs_x', outcome: 'success', ...values })), {
    readFile: (path) => files[path],
  });

describe('deploy-record inputs', () => {
  it('reads the defaults: no postmortem, the built-in template, no labels', () => {
    expect(read({})).toMatchObject({
      postmortem: false,
      outcome: 'success',
      template: { source: BUILT_IN, text: BUILT_IN_TEMPLATE },
      labels: [],
      reason: undefined,
      permalink: undefined,
      title: undefined,
      timeline: { steps: [], skipped: [] },
    });
  });

  it('reads the template from the workspace only for a postmortem, and checks its placeholders first', () => {
    expect(read({ template: '.github/postmortem.md' }).template.source).toBe(BUILT_IN);
    expect(read({ template: '.github/postmortem.md', postmortem: 'true' }).template).toEqual({
      source: '.github/postmortem.md',
      text: files['.github/postmortem.md'],
    });
    expect(() => read({ template: 'typo.md', postmortem: 'true' })).toThrow(ConfigError);
    expect(() => read({ template: 'typo.md', postmortem: 'true' })).toThrow(
      /"typo\.md" uses the unknown placeholder \{reasn\}; the known placeholders are \{reason\}/,
    );
    expect(() => read({ template: 'missing.md', postmortem: 'true' })).toThrow(
      /Input 'template': "missing\.md" does not exist in the workspace/,
    );
  });

  it('needs a token for a postmortem only', () => {
    expect(read({ token: '' }).token).toBeUndefined();
    expect(() => read({ token: '', postmortem: 'true' })).toThrow(InputError);
    expect(() => read({ token: '', postmortem: 'true' })).toThrow(/Input 'token' is required/);
  });

  it('takes an https permalink only', () => {
    expect(read({ permalink: 'https://acme.slack.com/archives/C1/p1' }).permalink).toBe(
      'https://acme.slack.com/archives/C1/p1',
    );
    for (const bad of ['javascript:alert(1)', 'http://acme.slack.com/x', 'not a link'])
      expect(() => read({ permalink: bad })).toThrow(/Input 'permalink' is invalid: expected an https link/);
  });

  it('reads labels once each, bounded', () => {
    expect(read({ labels: 'postmortem, Out-of-band\nPOSTMORTEM,,' }).labels).toEqual(['postmortem', 'Out-of-band']);
    expect(() => read({ labels: 'x'.repeat(51) })).toThrow(
      /Input 'labels' is invalid: expected label names of at most 50/,
    );
  });

  it('reads the outcome as a job status or a step outcome', () => {
    expect(read({ outcome: 'cancelled' }).outcome).toBe('cancelled');
    expect(() => read({ outcome: 'failed' })).toThrow(
      /Input 'outcome' is invalid: expected one of 'success', 'failure'/,
    );
  });

  it('keeps a reason’s text, bounded, and a title on one line', () => {
    const s = read({ reason: `  ${'why '.repeat(1000)}`, title: 'Postmortem:\n  the deploy' });
    expect(s.reason).toHaveLength(2000);
    expect(s.title).toBe('Postmortem: the deploy');
  });
});
