import { describe, expect, it } from '@jest/globals';
import { Inputs, mapInputSource } from '@shipshape/kit';
import { readSettings, secretInputs } from '../../../actions/deploy-notify/src/inputs';

/** The lifecycle inputs: the new statuses, thread-version, and where the rollback plans come from. */

const read = (values: Record<string, string>) =>
  readSettings(new Inputs(mapInputSource({ status: 'auto', 'job-status': 'success', ...values })), {
    readFile: () => undefined,
  });
const WEBHOOK = { 'webhook-url': 'https://hooks.slack.com/services/T0/B0/secret' };
const BOT = { token: 'xoxb-123-abc', channel: 'C0123456789' };

describe('deploy-notify lifecycle inputs', () => {
  it('accepts deployed and verified as statuses', () => {
    expect(read({ ...BOT, status: 'deployed' }).status).toBe('deployed');
    expect(read({ ...BOT, status: 'verified' }).status).toBe('verified');
    expect(() => read({ ...BOT, status: 'verifying' })).toThrow(/status.*deployed.*verified/s);
  });

  it('reads the plan source: the token, since and sha; off with rollback-plans false or without a token', () => {
    const s = read({ ...BOT, 'github-token': 'ghs_abc', since: 'v1.3.0', sha: 'v1.4.0' });
    expect(s.plans).toEqual({ token: 'ghs_abc', since: 'v1.3.0', sha: 'v1.4.0' });
    expect(read({ ...BOT, 'github-token': 'ghs_abc' }).plans).toEqual({
      token: 'ghs_abc',
      since: undefined,
      sha: undefined,
    });
    expect(read({ ...BOT, 'github-token': 'ghs_abc', 'rollback-plans': 'false' }).plans).toBeUndefined();
    expect(read({ ...BOT }).plans).toBeUndefined();
    expect(() => read({ ...BOT, 'rollback-plans': 'yes' })).toThrow(/rollback-plans/);
  });

  it('refuses a since or sha that is no git ref, naming the input', () => {
    expect(() => read({ ...BOT, since: 'v1..v2' })).toThrow(/Input 'since' is invalid: expected the previous release/);
    expect(() => read({ ...BOT, sha: 'a b' })).toThrow(/Input 'sha' is invalid: expected the deployed commit/);
  });

  it('masks the GitHub token with the Slack secrets', () => {
    const inputs = new Inputs(mapInputSource({ ...BOT, 'github-token': 'ghs_secret123' }));
    expect(secretInputs(inputs)).toContain('ghs_secret123');
  });

  it('reads thread-version with a bot token for a deploy message; refuses it with a webhook or a freeze', () => {
    expect(read({ ...BOT, status: 'rolled-back', 'thread-version': 'v1.4.0' }).threadVersion).toBe('v1.4.0');
    expect(read({ ...BOT }).threadVersion).toBeUndefined();
    expect(() => read({ ...WEBHOOK, 'thread-version': '1.4.0' })).toThrow(
      /Input 'thread-version' is invalid: expected a bot `token` and `channel` with it/,
    );
    expect(() => read({ ...BOT, template: 'freeze', 'thread-version': '1.4.0' })).toThrow(/thread-version/);
  });
});
