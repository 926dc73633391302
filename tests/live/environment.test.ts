import { describe, expect, it } from '@jest/globals';
import { LiveEnvironmentError, readLiveEnvironment } from './environment';

/** The live contract's environment: unset means emulated; set but incomplete fails at once, naming what is missing. */

const TOKEN = 'github_pat_11AAAAAAA0secretsecretsecret';
const WEBHOOK = 'https://hooks.slack.com/services/T000/B000/secretsecretsecret';
const complete = {
  SHIPSHAPE_LIVE_REPO: 'octo-org/scratch',
  SHIPSHAPE_LIVE_TOKEN: TOKEN,
  SHIPSHAPE_LIVE_SLACK_WEBHOOK: WEBHOOK,
};

function errorOf(env: Record<string, string | undefined>): string {
  try {
    readLiveEnvironment(env);
  } catch (error) {
    expect(error).toBeInstanceOf(LiveEnvironmentError);
    const message = (error as Error).message;
    // Secrets are named, never echoed.
    expect(message).not.toContain('secret');
    return message;
  }
  throw new Error('expected readLiveEnvironment to refuse this environment');
}

describe('readLiveEnvironment', () => {
  it('is undefined (emulated mode) without SHIPSHAPE_LIVE_REPO, or with an empty one, whatever else is set', () => {
    expect(readLiveEnvironment({})).toBeUndefined();
    expect(readLiveEnvironment({ SHIPSHAPE_LIVE_REPO: '  ', SHIPSHAPE_LIVE_TOKEN: TOKEN })).toBeUndefined();
  });

  it('reads a complete environment: github.com by default, no bot', () => {
    expect(readLiveEnvironment(complete)).toEqual({
      repository: 'octo-org/scratch',
      token: TOKEN,
      apiUrl: 'https://api.github.com',
      serverUrl: 'https://github.com',
      slackWebhookUrl: WEBHOOK,
      slackBot: undefined,
    });
  });

  it('names the missing token, the missing webhook, or both', () => {
    expect(errorOf({ ...complete, SHIPSHAPE_LIVE_TOKEN: undefined })).toMatch(
      /SHIPSHAPE_LIVE_REPO is set.*but SHIPSHAPE_LIVE_TOKEN is not set/,
    );
    expect(errorOf({ ...complete, SHIPSHAPE_LIVE_SLACK_WEBHOOK: '' })).toMatch(
      /but SHIPSHAPE_LIVE_SLACK_WEBHOOK is not set/,
    );
    expect(errorOf({ SHIPSHAPE_LIVE_REPO: 'octo-org/scratch' })).toMatch(
      /SHIPSHAPE_LIVE_TOKEN and SHIPSHAPE_LIVE_SLACK_WEBHOOK are not set/,
    );
  });

  it('refuses a repository that is not owner/name, and a webhook or API URL that is not https', () => {
    expect(errorOf({ ...complete, SHIPSHAPE_LIVE_REPO: 'https://github.com/octo-org/scratch' })).toMatch(
      /SHIPSHAPE_LIVE_REPO must be owner\/name/,
    );
    expect(errorOf({ ...complete, SHIPSHAPE_LIVE_SLACK_WEBHOOK: 'http://hooks.slack.com/services/secret' })).toMatch(
      /SHIPSHAPE_LIVE_SLACK_WEBHOOK must be an https:\/\/ URL \(http:\/\/ only on 127\.0\.0\.1 or localhost\); got a http: URL/,
    );
    expect(readLiveEnvironment({ ...complete, SHIPSHAPE_LIVE_API_URL: 'http://127.0.0.1:8080' })).toMatchObject({
      apiUrl: 'http://127.0.0.1:8080',
      serverUrl: 'http://127.0.0.1:8080',
    });
    expect(errorOf({ ...complete, SHIPSHAPE_LIVE_SLACK_WEBHOOK: 'secret' })).toMatch(
      /SHIPSHAPE_LIVE_SLACK_WEBHOOK must be an https:\/\/ URL; got something that is not a URL/,
    );
    expect(errorOf({ ...complete, SHIPSHAPE_LIVE_API_URL: 'ftp://ghe.example.com/api/v3' })).toMatch(
      /SHIPSHAPE_LIVE_API_URL must be an https:\/\/ URL/,
    );
  });

  it('derives the web address of GitHub Enterprise Server and of GHE.com from the API URL', () => {
    expect(
      readLiveEnvironment({ ...complete, SHIPSHAPE_LIVE_API_URL: 'https://ghe.example.com/api/v3/' }),
    ).toMatchObject({ apiUrl: 'https://ghe.example.com/api/v3', serverUrl: 'https://ghe.example.com' });
    expect(readLiveEnvironment({ ...complete, SHIPSHAPE_LIVE_API_URL: 'https://api.octo.ghe.com' })).toMatchObject({
      serverUrl: 'https://octo.ghe.com',
    });
  });

  it('takes a bot token and a channel together, or refuses the one without the other', () => {
    expect(
      readLiveEnvironment({
        ...complete,
        SHIPSHAPE_LIVE_SLACK_TOKEN: 'xoxb-secret',
        SHIPSHAPE_LIVE_SLACK_CHANNEL: 'C0123ABCD',
      })?.slackBot,
    ).toEqual({ token: 'xoxb-secret', channel: 'C0123ABCD' });
    expect(errorOf({ ...complete, SHIPSHAPE_LIVE_SLACK_TOKEN: 'xoxb-secret' })).toMatch(
      /SHIPSHAPE_LIVE_SLACK_TOKEN is set but SHIPSHAPE_LIVE_SLACK_CHANNEL is not/,
    );
    expect(errorOf({ ...complete, SHIPSHAPE_LIVE_SLACK_CHANNEL: 'C0123ABCD' })).toMatch(
      /SHIPSHAPE_LIVE_SLACK_CHANNEL is set but SHIPSHAPE_LIVE_SLACK_TOKEN is not/,
    );
    expect(
      errorOf({ ...complete, SHIPSHAPE_LIVE_SLACK_TOKEN: 'xoxb-secret', SHIPSHAPE_LIVE_SLACK_CHANNEL: '#deploys' }),
    ).toMatch(/must be a channel ID such as C0123ABCD/);
  });
});
