import { CleanupRegistry } from './cleanup';
import type { LiveEnvironment } from './environment';
import { setupClient, type ContractTarget } from './target';

/**
 * The real GitHub repository and Slack workspace named by the environment. Only this file differs from the
 * emulated path; it has never been run from this project's machines, which cannot reach GitHub or Slack.
 */
export function openLiveTarget(env: LiveEnvironment, prefix: string): ContractTarget {
  const [owner, repo] = env.repository.split('/') as [string, string];
  return {
    mode: 'live',
    repository: env.repository,
    owner,
    repo,
    apiUrl: env.apiUrl,
    serverUrl: env.serverUrl,
    token: env.token,
    // deploy-notify's default Web API address; only the bot-token scenario uses it.
    slack: { webhookUrl: env.slackWebhookUrl, apiUrl: 'https://slack.com/api/', bot: env.slackBot },
    github: setupClient(env.apiUrl, env.token),
    prefix,
    cleanup: new CleanupRegistry(),
    emulators: undefined,
    verifyTraffic: () => undefined,
    dispose: () => Promise.resolve(),
  };
}
