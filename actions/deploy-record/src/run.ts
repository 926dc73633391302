import { createGitHubClient } from '@shipshape/github';
import { Inputs, runnerInputSource, systemClock } from '@shipshape/kit';
import {
  createWorkspaceReader,
  maskSecrets,
  readRunnerContext,
  runnerLogger,
  stepFailed,
  writeOutputs,
  writeSummary,
} from '@shipshape/kit/action';
import { githubPostmortemPort } from './github-port';
import { INPUT, readSettings } from './inputs';
import { recordDeploy } from './record';
import { recordOutputs, recordSummary } from './report';

/** The largest template read: a postmortem template is a page of Markdown, and the issue body holds 65,536. */
const MAX_TEMPLATE_BYTES = 64 * 1024;

export async function run(): Promise<void> {
  const runner = readRunnerContext();
  const inputs = new Inputs(runnerInputSource());
  // Masked before anything is validated, so that no message about a bad input can come before the mask.
  maskSecrets(inputs.optional(INPUT.token));
  // The template is the repository's text, read only inside the workspace (no absolute path, `..` or link out).
  const workspace = createWorkspaceReader(runner.workspace);
  const settings = readSettings(inputs, {
    readFile: (path) => workspace.readText(path, { input: INPUT.template, maxBytes: MAX_TEMPLATE_BYTES }),
  });
  const port =
    settings.postmortem && settings.token !== undefined
      ? githubPostmortemPort(
          createGitHubClient({ token: settings.token, baseUrl: runner.apiUrl, log: runnerLogger }),
          runner.owner,
          runner.repo,
        )
      : undefined;
  const record = await recordDeploy(settings, {
    port,
    run: {
      repository: runner.repository,
      serverUrl: runner.serverUrl,
      runId: runner.runId,
      runNumber: runner.runNumber === 0 ? '' : String(runner.runNumber),
      workflow: runner.workflow,
      sha: runner.sha,
      actor: runner.actor,
      triggeringActor: runner.triggeringActor,
    },
    clock: systemClock,
    log: runnerLogger,
  });
  writeOutputs(recordOutputs(record));
  // The timeline reaches the summary even when the issue could not be written; the step still fails.
  writeSummary(recordSummary(record, settings));
  if (record.failure !== undefined) stepFailed(record.failure);
}
