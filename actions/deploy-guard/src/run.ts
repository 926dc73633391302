import { createGitHubClient } from '@shipshape/github';
import { Inputs, runnerInputSource, systemClock } from '@shipshape/kit';
import { maskSecrets, runnerLogger, stepFailed, writeOutputs, writeSummary } from '@shipshape/kit/action';
import { readRunnerContext } from '@shipshape/kit/runner-context';
import { createWorkspaceReader } from '@shipshape/kit/workspace';
import { githubGuardPort } from './github-port';
import { renderSummary, runGuard, type GuardContext } from './guard';
import { INPUT, readSettings, type EventPayload } from './inputs';
import { ConditionalClient } from './poll';

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
  const inputs = new Inputs(runnerInputSource());
  // Masked before anything is validated, so that no message about a bad input can come before the mask.
  maskSecrets(inputs.optional(INPUT.token));
  const runner = readRunnerContext();
  const payload = runner.payload as EventPayload;
  const workspace = createWorkspaceReader(runner.workspace);
  const settings = readSettings(inputs, { env: process.env, payload, readFile: (path) => workspace.readText(path, { input: INPUT.blackout }) });
  const octokit = createGitHubClient({ token: settings.token, baseUrl: runner.apiUrl, log: runnerLogger });
  const client = new ConditionalClient(octokit, { clock: systemClock });
  const pr = payload.pull_request;
  const ctx: GuardContext = {
    runId: runner.runId,
    eventName: runner.eventName,
    pull:
      pr?.number && pr.head?.sha
        ? { number: pr.number, sha: pr.head.sha, labels: (Array.isArray(pr.labels) ? pr.labels : []).map((l) => l.name ?? '') }
        : undefined,
    mergeGroup: payload.merge_group?.head_sha ? { sha: payload.merge_group.head_sha } : undefined,
  };
  const result = await runGuard(settings, ctx, {
    port: githubGuardPort(client, runner.owner, runner.repo),
    client,
    clock: systemClock,
    log: runnerLogger,
    signal: cancellationSignal(),
  });
  writeOutputs({
    decision: result.decision,
    reason: result.reason,
    'waited-seconds': Math.round(result.waitedMs / 1000),
    'checked-sha': result.checkedSha,
    'blocking-runs': result.blockingRuns,
    'next-window': result.nextWindow,
  });
  writeSummary(renderSummary(result));
  runnerLogger.info(
    `Decision: ${result.decision} — ${result.reason} (${client.stats.counted} counted requests, ${client.stats.notModified} answered 304 Not Modified).`,
  );
  if (result.failed) stepFailed(result.reason);
}
