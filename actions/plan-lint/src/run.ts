import { createGitHubClient } from '@shipshape/github';
import { Inputs, runnerInputSource } from '@shipshape/kit';
import {
  maskSecrets,
  runnerLogger,
  stepFailed,
  writeOutputs,
  writeSummary,
  readRunnerContext,
} from '@shipshape/kit/action';
import { checkPullRequest } from './check';
import { syncComment } from './comment';
import { decideEvent, type EventPayload } from './event';
import { githubPlanLintPort } from './github-port';
import { INPUT, readSettings } from './inputs';
import { commentBody, oneLine, summaryMarkdown } from './report';

export async function run(): Promise<void> {
  const inputs = new Inputs(runnerInputSource());
  // Masked before anything is validated, so that no message about a bad input can come before the mask.
  maskSecrets(inputs.optional(INPUT.token));
  const settings = readSettings(inputs);
  const runner = readRunnerContext();
  const decision = decideEvent(runner.eventName, runner.payload as EventPayload);
  if (decision.kind === 'noop') {
    runnerLogger.info(`Nothing to check: ${decision.reason}.`);
    writeSummary(`### Plan check: nothing to do\n\n${decision.reason}.\n`);
    return;
  }
  const octokit = createGitHubClient({ token: settings.token, baseUrl: runner.apiUrl, log: runnerLogger });
  const port = githubPlanLintPort(octokit, runner.owner, runner.repo);
  const outcome = await checkPullRequest(settings, decision.number, port, runnerLogger, decision.baseRef);
  const { result, draft, skipped, ruleSet } = outcome;
  const ctx = { number: decision.number, source: ruleSet.source, draft, skipped };
  writeOutputs({ valid: result.valid, problems: result.problems, plan: result.plan });
  writeSummary(summaryMarkdown(result, ctx));
  const line = oneLine(result, ctx);
  if (!result.valid && !draft) stepFailed(line);
  // Annotations carry only messages we wrote (rule names come from the base ref, never from the PR body).
  for (const problem of result.problems) {
    (draft ? runnerLogger.warning : runnerLogger.error)(problem.message, { title: `plan-lint: ${problem.section}` });
  }
  if (result.wip && !result.problems.some((p) => p.code === 'wip'))
    runnerLogger.warning(`Work in progress: ${result.wip}.`);
  if (settings.comment && !skipped) {
    const state = await syncComment(
      port,
      decision.number,
      commentBody(result, ruleSet.rules, ctx),
      !result.valid,
      runnerLogger,
    );
    runnerLogger.info(`Comment: ${state}.`);
  }
  if (result.valid || draft) runnerLogger.info(draft && !result.valid ? `${line} (draft: reported, not failed)` : line);
}
