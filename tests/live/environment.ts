/**
 * The environment of `npm run test:live`: which scratch repository, token and Slack webhook the live contract uses.
 * Unset SHIPSHAPE_LIVE_REPO means "run against the emulators"; a set one with anything missing or malformed is an
 * error at once, naming the variable and what it should hold, before anything is created.
 */

export interface LiveEnvironment {
  /** owner/name of a scratch repository the token may write. */
  repository: string;
  token: string;
  /** https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server. */
  apiUrl: string;
  /** The web address matching apiUrl (GITHUB_SERVER_URL). */
  serverUrl: string;
  slackWebhookUrl: string;
  /** A bot token (xoxb-…) and a channel ID: both or neither. */
  slackBot: { token: string; channel: string } | undefined;
}

export class LiveEnvironmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LiveEnvironmentError';
  }
}

export const LIVE_VARIABLES = {
  repository: 'SHIPSHAPE_LIVE_REPO',
  token: 'SHIPSHAPE_LIVE_TOKEN',
  webhook: 'SHIPSHAPE_LIVE_SLACK_WEBHOOK',
  apiUrl: 'SHIPSHAPE_LIVE_API_URL',
  slackToken: 'SHIPSHAPE_LIVE_SLACK_TOKEN',
  slackChannel: 'SHIPSHAPE_LIVE_SLACK_CHANNEL',
} as const;

// GitHub's own limits: an owner is 1-39 letters, digits and hyphens; a repository name letters, digits, `.`, `_`, `-`.
const REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;
const CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/;

function httpsUrl(name: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new LiveEnvironmentError(`${name} must be an https:// URL; got something that is not a URL.`);
  }
  // http:// only on this machine: a local proxy, or the emulators in the rehearsal of live mode (live-mode.test.ts).
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new LiveEnvironmentError(
      `${name} must be an https:// URL (http:// only on 127.0.0.1 or localhost); got a ${url.protocol} URL.`,
    );
  }
  return url;
}

/** The web address for an API address: api.github.com → github.com, https://HOST/api/v3 → https://HOST. */
export function serverUrlFor(apiUrl: URL): string {
  if (apiUrl.hostname === 'api.github.com') return 'https://github.com';
  if (apiUrl.hostname.startsWith('api.') && apiUrl.hostname.endsWith('.ghe.com'))
    return `https://${apiUrl.hostname.slice(4)}`;
  return `${apiUrl.origin}${apiUrl.pathname.replace(/\/api\/v3\/?$/, '')}`.replace(/\/+$/, '');
}

/**
 * Live settings from the environment, or undefined when SHIPSHAPE_LIVE_REPO is unset or empty. Never echoes a
 * secret's value in an error: only its variable's name.
 */
export function readLiveEnvironment(env: Record<string, string | undefined>): LiveEnvironment | undefined {
  const get = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const repository = get(LIVE_VARIABLES.repository);
  if (repository === undefined) return undefined;
  const missing = [LIVE_VARIABLES.token, LIVE_VARIABLES.webhook].filter((name) => get(name) === undefined);
  if (missing.length > 0) {
    throw new LiveEnvironmentError(
      `${LIVE_VARIABLES.repository} is set, so the live contract runs against GitHub and Slack, but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set: ` +
        `${LIVE_VARIABLES.token} is a token that may write the scratch repository, ${LIVE_VARIABLES.webhook} a Slack incoming-webhook URL (see tests/README.md, "Live contract").`,
    );
  }
  if (!REPOSITORY.test(repository)) {
    throw new LiveEnvironmentError(
      `${LIVE_VARIABLES.repository} must be owner/name (e.g. octo-org/shipshape-scratch); got ${JSON.stringify(repository.slice(0, 140))}.`,
    );
  }
  const apiUrl = httpsUrl(LIVE_VARIABLES.apiUrl, get(LIVE_VARIABLES.apiUrl) ?? 'https://api.github.com');
  const webhook = httpsUrl(LIVE_VARIABLES.webhook, get(LIVE_VARIABLES.webhook) ?? '');
  const slackToken = get(LIVE_VARIABLES.slackToken);
  const slackChannel = get(LIVE_VARIABLES.slackChannel);
  if ((slackToken === undefined) !== (slackChannel === undefined)) {
    const [set, unset] =
      slackToken === undefined
        ? [LIVE_VARIABLES.slackChannel, LIVE_VARIABLES.slackToken]
        : [LIVE_VARIABLES.slackToken, LIVE_VARIABLES.slackChannel];
    throw new LiveEnvironmentError(
      `${set} is set but ${unset} is not: the bot-token scenario needs both (a bot token xoxb-… and a channel ID C…), or neither.`,
    );
  }
  if (slackChannel !== undefined && !CHANNEL_ID.test(slackChannel)) {
    throw new LiveEnvironmentError(
      `${LIVE_VARIABLES.slackChannel} must be a channel ID such as C0123ABCD (not a #name); got ${JSON.stringify(slackChannel.slice(0, 40))}.`,
    );
  }
  return {
    repository,
    token: get(LIVE_VARIABLES.token) ?? '',
    apiUrl: apiUrl.toString().replace(/\/+$/, ''),
    serverUrl: serverUrlFor(apiUrl),
    slackWebhookUrl: webhook.toString(),
    slackBot:
      slackToken !== undefined && slackChannel !== undefined ? { token: slackToken, channel: slackChannel } : undefined,
  };
}
