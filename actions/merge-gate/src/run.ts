import { createGitHubClient, githubStickyCommentPort } from '@shipshape/github';
import { Inputs, runnerInputSource, systemClock } from '@shipshape/kit';
import {
  maskSecrets,
  runnerLogger,
  stepFailed,
  writeOutputs,
  writeSummary,
  readRunnerContext,
} from '@shipshape/kit/action';
import { decideMerge } from './gate';
import { githubMergeGatePort } from './github-port';
import { INPUT, readSettings } from './inputs';
import { gateOutputs, gateSummary } from './report';

export async function run(): Promise<void> {
  const runner = readRunnerContext();
  const inputs = new Inputs(runnerInputSource());
  // Masked before anything is validated, so that no message about a bad input can come before the mask.
  maskSecrets(inputs.optional(INPUT.token));
  const settings = readSettings(inputs, runner);
  const github = createGitHubClient({ token: settings.token, baseUrl: runner.apiUrl, log: runnerLogger });
  const port = githubMergeGatePort(github, runner.owner, runner.repo);
  const comments = settings.comment ? githubStickyCommentPort(github, runner.owner, runner.repo) : undefined;
  const result = await decideMerge(settings, { port, comments, clock: systemClock, log: runnerLogger });
  writeOutputs(gateOutputs(result));
  writeSummary(gateSummary(result));
  // The verdict is the job's own check run: a blocked merge fails the step, so branch protection can require the job.
  if (result.kind === 'verdict' && !result.allowed) stepFailed(result.reason);
  else if (result.kind === 'closed' && result.violation) runnerLogger.warning(result.reason);
  else runnerLogger.info(result.reason);
}
