import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { createGitHubClient } from '@shipshape/github';
import { Inputs, runnerInputSource, systemClock } from '@shipshape/kit';
import { maskSecrets, runnerLogger, stepFailed, writeOutputs, writeSummary } from '@shipshape/kit/action';
import { githubGuardPort } from './github-port';
import { renderSummary, runGuard, type GuardContext } from './guard';
import { INPUT, readSettings, type EventPayload } from './inputs';
import { ConditionalClient } from './poll';

function readWorkspaceFile(path: string): string | undefined {
  const workspace = process.env.GITHUB_WORKSPACE ?? process.cwd();
  const full = isAbsolute(path) ? path : join(workspace, path);
  return existsSync(full) ? readFileSync(full, 'utf8') : undefined;
}

function readPayload(): EventPayload {
  const path = process.env.GITHUB_EVENT_PATH;
  if (!path || !existsSync(path)) return {};
  return JSON.parse(readFileSync(path, 'utf8')) as EventPayload;
}

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
  const payload = readPayload();
  const inputs = new Inputs(runnerInputSource());
  // Masked before anything is validated, so that no message about a bad input can come before the mask.
  maskSecrets(inputs.optional(INPUT.token));
  const settings = readSettings(inputs, { env: process.env, payload, readFile: readWorkspaceFile });
  const [owner = '', repo = ''] = (process.env.GITHUB_REPOSITORY ?? '').split('/');
  const octokit = createGitHubClient({ token: settings.token, baseUrl: process.env.GITHUB_API_URL, log: runnerLogger });
  const client = new ConditionalClient(octokit, { clock: systemClock });
  const pr = payload.pull_request;
  const ctx: GuardContext = {
    runId: Number(process.env.GITHUB_RUN_ID ?? 0),
    eventName: process.env.GITHUB_EVENT_NAME ?? '',
    pull:
      pr?.number && pr.head?.sha
        ? { number: pr.number, sha: pr.head.sha, labels: (pr.labels ?? []).map((l) => l.name ?? '') }
        : undefined,
  };
  const result = await runGuard(settings, ctx, {
    port: githubGuardPort(client, owner, repo),
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
