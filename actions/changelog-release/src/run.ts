import { createGitHubClient } from '@shipshape/github';
import { Inputs, runnerInputSource, systemClock } from '@shipshape/kit';
import {
  maskSecrets,
  runnerLogger,
  writeOutputs,
  writeSummary,
  readRunnerContext,
  createWorkspaceReader,
} from '@shipshape/kit/action';
import { githubLifecyclePort } from './github-port';
import { INPUT, readModeSettings } from './inputs';
import { runChangelogRelease } from './release';
import { releaseOutputs, releaseSummary } from './report';

export async function run(): Promise<void> {
  const runner = readRunnerContext();
  const inputs = new Inputs(runnerInputSource());
  // Masked before anything is validated, so that no message about a bad input can come before the mask.
  maskSecrets(inputs.optional(INPUT.token));
  const settings = readModeSettings(inputs, process.env, runner.payload);
  // The checkout, when there is one, through kit's confined reader: in check mode it is a pull request's own tree; in
  // tag mode the pushed commit. The other lifecycle modes read the repository through the API only.
  const workspace = createWorkspaceReader(runner.workspace);
  const reads = settings.mode === 'publish' || settings.mode === 'check' || settings.mode === 'tag';
  const files = reads && workspace.hasFiles() ? workspace.forInput(INPUT.changelog) : undefined;
  const port =
    settings.mode === 'check'
      ? undefined
      : githubLifecyclePort(
          createGitHubClient({ token: settings.token, baseUrl: runner.apiUrl, log: runnerLogger }),
          runner.owner,
          runner.repo,
        );
  const result = await runChangelogRelease(settings, {
    files,
    port,
    log: runnerLogger,
    clock: systemClock,
    serverUrl: runner.serverUrl,
    repository: runner.repository,
  });
  writeOutputs(releaseOutputs(result));
  writeSummary(releaseSummary(result));
}
