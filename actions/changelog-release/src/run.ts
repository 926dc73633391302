import { createGitHubClient } from '@shipshape/github';
import { Inputs, runnerInputSource } from '@shipshape/kit';
import {
  maskSecrets,
  runnerLogger,
  writeOutputs,
  writeSummary,
  readRunnerContext,
  createWorkspaceReader,
} from '@shipshape/kit/action';
import { githubReleasesPort } from './github-port';
import { INPUT, readSettings } from './inputs';
import { runChangelogRelease } from './release';
import { releaseOutputs, releaseSummary } from './report';

export async function run(): Promise<void> {
  const runner = readRunnerContext();
  const inputs = new Inputs(runnerInputSource());
  // Masked before anything is validated, so that no message about a bad input can come before the mask.
  maskSecrets(inputs.optional(INPUT.token));
  const settings = readSettings(inputs, process.env, runner.payload);
  // The checkout, when there is one, through kit's confined reader: in check mode it is a pull request's own tree.
  const workspace = createWorkspaceReader(runner.workspace);
  const files = workspace.hasFiles() ? workspace.forInput(INPUT.changelog) : undefined;
  const port =
    settings.mode === 'publish'
      ? githubReleasesPort(
          createGitHubClient({ token: settings.token, baseUrl: runner.apiUrl, log: runnerLogger }),
          runner.owner,
          runner.repo,
        )
      : undefined;
  const result = await runChangelogRelease(settings, {
    files,
    port,
    log: runnerLogger,
    serverUrl: runner.serverUrl,
    repository: runner.repository,
  });
  writeOutputs(releaseOutputs(result));
  writeSummary(releaseSummary(result));
}
