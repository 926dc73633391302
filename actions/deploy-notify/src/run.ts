import { Inputs, runnerInputSource, systemClock } from '@shipshape/kit';
import {
  maskSecrets,
  runnerLogger,
  stepFailed,
  writeOutputs,
  writeSummary,
  readRunnerContext,
  createWorkspaceReader,
} from '@shipshape/kit/action';
import { nodeHttpPost } from '@shipshape/slack';
import { sendNotification, type NotifyPorts } from './deliver';
import { INPUT, readSettings, secretInputs } from './inputs';
import { notifyOutputs, notifySummary, notifyVerdict } from './report';
import { slackDeliveryPorts } from './slack-ports';

export async function run(): Promise<void> {
  const runner = readRunnerContext();
  const inputs = new Inputs(runnerInputSource());
  // Before anything can print: the webhook URLs, the token and their pieces never reach the log.
  maskSecrets(...secretInputs(inputs));
  const workspace = createWorkspaceReader(runner.workspace);
  const settings = readSettings(inputs, { readFile: (path) => workspace.readText(path, { input: INPUT.notesFile }) });
  const ports: NotifyPorts = {
    // `timeout` bounds the Slack delivery alone, from when it starts (after the rollback plans, which have their own).
    ...slackDeliveryPorts({
      fetch: nodeHttpPost,
      clock: systemClock,
      log: runnerLogger,
      timeoutMs: settings.timeoutMs,
    }),
    // Loaded only for a failure alert's rollback plans: a run that posts none never reads the GitHub client. One retry
    // and 10 s a request: the plans are a courtesy of the alert, which must not wait long for them.
    github: async (token) => {
      const [{ createGitHubClient, timeoutFromEnv }, { githubShippedPullsPort }] = await Promise.all([
        import('@shipshape/github'),
        import('./github-port'),
      ]);
      const requestTimeoutMs = timeoutFromEnv(process.env.SHIPSHAPE_GITHUB_TIMEOUT_MS) ?? 10_000;
      const octokit = createGitHubClient({
        token,
        baseUrl: runner.apiUrl,
        log: runnerLogger,
        retries: 1,
        requestTimeoutMs,
      });
      return githubShippedPullsPort(octokit, runner.owner, runner.repo);
    },
  };
  const result = await sendNotification(settings, runner, ports, { clock: systemClock, log: runnerLogger });
  writeOutputs(notifyOutputs(result, settings));
  writeSummary(notifySummary(result, settings));
  const { failures, warnings } = notifyVerdict(result, settings);
  for (const failure of failures) stepFailed(failure);
  for (const warning of warnings) runnerLogger.warning(warning, { title: 'deploy-notify' });
}
