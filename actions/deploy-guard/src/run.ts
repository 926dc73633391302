import { createGitHubClient } from '@shipshape/github';
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
import { guardContext } from './event-context';
import { githubGuardPort } from './github-port';
import { runGuard } from './guard';
import { INPUT, readSettings, type EventPayload } from './inputs';
import { ConditionalClient } from './poll';
import { guardOutputs, renderSummary } from './report';

/** The runner stops a cancelled job with SIGINT, then SIGTERM: turn both into an abort so outputs still get written. */
function cancellationSignal(): AbortSignal {
  const controller = new AbortController();
  const onSignal = (name: string) => (): void => {
    runnerLogger.warning(`Received ${name}: stopping the wait (decision: blocked).`);
    controller.abort(new Error(name));
  };
  process.once('SIGINT', onSignal('SIGINT'));
  process.once('SIGTERM', onSignal('SIGTERM'));
  return controller.signal;
}

export async function run(): Promise<void> {
  const runner = readRunnerContext();
  const inputs = new Inputs(runnerInputSource());
  // Masked before anything is validated, so that no message about a bad input can come before the mask.
  maskSecrets(inputs.optional(INPUT.token));
  const payload = runner.payload as EventPayload;
  const workspace = createWorkspaceReader(runner.workspace);
  const settings = readSettings(inputs, {
    env: process.env,
    payload,
    readFile: (path) => workspace.readText(path, { input: INPUT.blackout }),
  });
  const octokit = createGitHubClient({ token: settings.token, baseUrl: runner.apiUrl, log: runnerLogger });
  const client = new ConditionalClient(octokit, { clock: systemClock });
  const result = await runGuard(settings, guardContext(runner.runId, runner.eventName, payload), {
    port: githubGuardPort(client, runner.owner, runner.repo),
    client,
    clock: systemClock,
    log: runnerLogger,
    signal: cancellationSignal(),
  });
  writeOutputs(guardOutputs(result));
  writeSummary(renderSummary(result));
  runnerLogger.info(
    `Decision: ${result.decision} — ${result.reason} (${client.stats.counted} counted requests, ${client.stats.notModified} answered 304 Not Modified).`,
  );
  if (result.failed) stepFailed(result.reason);
}
