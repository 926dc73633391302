import { startGitHubEmulator } from '@shipshape/testing/github-emulator';
import { startSlackEmulator } from '@shipshape/testing/slack-emulator';
import { CleanupRegistry } from './cleanup';
import { setupClient, type ContractTarget } from './target';

const REPOSITORY = 'octo-org/shipshape-scratch';
const CHANNEL = 'C0LIVECONTRACT';
const TOKEN = 'ghs_livecontractemulated0000000000000';

/**
 * The emulators standing in for GitHub and Slack: a fresh scratch repository (default branch `main`, one commit)
 * and a Slack channel with an incoming webhook and a bot. Nothing leaves 127.0.0.1.
 */
export async function startEmulatedTarget(prefix: string): Promise<ContractTarget> {
  const github = await startGitHubEmulator();
  const slack = await startSlackEmulator({ channels: [CHANNEL] });
  github.repo(REPOSITORY);
  const [owner, repo] = REPOSITORY.split('/') as [string, string];
  return {
    mode: 'emulated',
    repository: REPOSITORY,
    owner,
    repo,
    apiUrl: github.url,
    serverUrl: 'https://github.com',
    token: TOKEN,
    slack: {
      webhookUrl: slack.webhookUrl(CHANNEL),
      apiUrl: slack.apiUrl,
      bot: { token: slack.token, channel: CHANNEL },
    },
    github: setupClient(github.url, TOKEN, 5),
    prefix,
    cleanup: new CleanupRegistry(),
    emulators: { github, slack, webhookChannel: CHANNEL },
    verifyTraffic() {
      github.assertNoViolations();
      if (slack.violations.length > 0)
        throw new Error(
          `Slack emulator: Block Kit violations:\n${JSON.stringify(slack.violations.splice(0), null, 1)}`,
        );
    },
    async dispose() {
      await github.close();
      await slack.close();
    },
  };
}
