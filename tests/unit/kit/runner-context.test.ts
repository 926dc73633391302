import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@shipshape/kit';
import { readRunnerContext } from '../../../packages/kit/src/runner-context';

const files =
  (content: Record<string, string>) =>
  (path: string): string => {
    const text = content[path];
    if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    return text;
  };

describe('readRunnerContext', () => {
  it('reads the run from the environment and the payload once', () => {
    const ctx = readRunnerContext(
      {
        GITHUB_REPOSITORY: 'octo-org/octo-repo',
        GITHUB_EVENT_NAME: 'push',
        GITHUB_EVENT_PATH: '/e.json',
        GITHUB_RUN_ID: '42',
        GITHUB_RUN_ATTEMPT: '3',
        GITHUB_RUN_NUMBER: '7',
        GITHUB_WORKFLOW: 'Out-of-band deploy',
        GITHUB_SERVER_URL: 'https://ghe.example/',
        GITHUB_API_URL: 'https://ghe.example/api/v3',
        GITHUB_ACTOR: 'a',
        GITHUB_TRIGGERING_ACTOR: 'b',
        GITHUB_WORKSPACE: '/ws',
      },
      files({ '/e.json': '{"compare":"x"}' }),
    );
    expect(ctx).toMatchObject({
      owner: 'octo-org',
      repo: 'octo-repo',
      eventName: 'push',
      runId: 42,
      runAttempt: 3,
      runNumber: 7,
      workflow: 'Out-of-band deploy',
      serverUrl: 'https://ghe.example',
      apiUrl: 'https://ghe.example/api/v3',
      triggeringActor: 'b',
      workspace: '/ws',
    });
    expect(ctx.payload).toEqual({ compare: 'x' });
  });

  it('takes no event file (a local run) as an empty payload, and defaults the rest', () => {
    const ctx = readRunnerContext({}, files({}));
    expect(ctx).toMatchObject({
      owner: '',
      repo: '',
      payload: {},
      runId: 0,
      runAttempt: 1,
      runNumber: 0,
      workflow: '',
      serverUrl: 'https://github.com',
      apiUrl: undefined,
    });
    expect(readRunnerContext({ GITHUB_EVENT_PATH: '/gone.json' }, files({})).payload).toEqual({});
  });

  it.each([
    ['null', /holds null; expected a JSON object/],
    ['{', /is not valid JSON/],
    ['[1]', /holds an array; expected a JSON object/],
    ['42', /holds a number; expected a JSON object/],
  ])('refuses an event file holding %j with a clear error naming it', (text, message) => {
    const read = () => readRunnerContext({ GITHUB_EVENT_PATH: '/e.json' }, files({ '/e.json': text }));
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(message);
    expect(read).toThrow(/GITHUB_EVENT_PATH \(\/e\.json\)/);
  });
});
