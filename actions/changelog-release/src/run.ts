import { posix } from 'node:path';
import { createGitHubClient } from '@shipshape/github';
import { InputError, Inputs, markdownCodeBlock, markdownTableCell, runnerInputSource } from '@shipshape/kit';
import { maskSecrets, runnerLogger, writeOutputs, writeSummary } from '@shipshape/kit/action';
import { readRunnerContext } from '@shipshape/kit/runner-context';
import { createWorkspaceReader } from '@shipshape/kit/workspace';
import { checkRepositoryPath, packageChangelogHint, resolveChangelogPath, type WorkspaceFiles } from './changelog-path';
import { githubReleasesPort } from './github-port';
import { INPUT, readSettings, type Settings } from './inputs';
import { checkChangelog, publishRelease } from './publish';
import { parseTag } from './tag';

/**
 * The checked-out repository, when there is one (a workspace with files in it), through kit's confined reader: in
 * check mode the checkout is a pull request's own tree, and a CHANGELOG.md linked to a file of the runner would
 * otherwise land in the job summary and the outputs.
 */
function workspaceFiles(root: string): WorkspaceFiles | undefined {
  const reader = createWorkspaceReader(root);
  if (!reader.hasFiles()) return undefined;
  const options = { input: INPUT.changelog };
  return {
    readText: (path) => reader.readText(path, options),
    listDirectories: (path) => reader.listDirectories(path, options),
  };
}

/** Check mode (pull requests): the version must have a non-empty section; nothing is written to GitHub. */
/** The `version` of the package.json next to the changelog (a monorepo package's own), else of the root one. */
function manifestVersion(files: WorkspaceFiles | undefined, changelogPath: string): string | undefined {
  const dir = posix.dirname(changelogPath);
  for (const path of dir === '.' ? ['package.json'] : [`${dir}/package.json`, 'package.json']) {
    const text = files?.readText(path);
    if (text === undefined) continue;
    try {
      const version = (JSON.parse(text) as { version?: unknown }).version;
      return typeof version === 'string' && version !== '' ? version : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

async function runCheck(settings: Settings, files: WorkspaceFiles | undefined): Promise<void> {
  const tag = settings.tag && !settings.version ? parseTag(settings.tag, settings.tagPattern) : undefined;
  const path = tag ? await resolveChangelogPath(settings.changelogPath, tag, files) : checkRepositoryPath(settings.changelogPath, INPUT.changelog);
  const version = settings.version ?? tag?.version ?? manifestVersion(files, path);
  if (!version) throw new InputError(INPUT.version, 'a version to check: pass `version`, run on a tag, or check out a package.json with a `version` (next to the changelog, or at the root)');
  const text = files?.readText(path);
  const hint = tag && files ? packageChangelogHint(settings.changelogPath, tag, files, path) : undefined;
  const notes = checkChangelog(text, files ? path : `${path} (no checkout: run actions/checkout first)`, version, hint);
  writeOutputs({ version, notes, result: 'unchanged' });
  writeSummary(`### Changelog check\n\n${markdownTableCell(path)} has a section for **${markdownTableCell(version)}**:\n\n${markdownCodeBlock(notes)}\n`);
}

export async function run(): Promise<void> {
  const inputs = new Inputs(runnerInputSource());
  // Masked before anything is validated, so that no message about a bad input can come before the mask.
  maskSecrets(inputs.optional(INPUT.token));
  const runner = readRunnerContext();
  const settings = readSettings(inputs, process.env, runner.payload);
  const files = workspaceFiles(runner.workspace);
  if (settings.mode === 'check') return runCheck(settings, files);
  const tagName = settings.tag ?? '';
  const tag = parseTag(tagName, settings.tagPattern);
  const octokit = createGitHubClient({ token: settings.token, baseUrl: runner.apiUrl, log: runnerLogger });
  const port = githubReleasesPort(octokit, runner.owner, runner.repo);
  const path = await resolveChangelogPath(settings.changelogPath, tag, files);
  let changelog = files ? files.readText(path) : await port.readFile(path, tagName);
  // A tag that does not exist yet (workflow_dispatch with a new tag) is created from target-commitish: read it there.
  if (changelog === undefined && !files && settings.targetCommitish) changelog = await port.readFile(path, settings.targetCommitish);
  const outcome = await publishRelease(
    {
      ...settings,
      changelogPath: path,
      missingHint: packageChangelogHint(settings.changelogPath, tag, files, path),
      tag: tagName,
      serverUrl: runner.serverUrl,
      repository: runner.repository,
    },
    changelog,
    port,
    runnerLogger,
  );
  writeOutputs({
    version: outcome.version,
    'release-id': outcome.release.id,
    'release-url': outcome.release.html_url,
    'upload-url': outcome.release.upload_url,
    notes: outcome.notes,
    prerelease: outcome.prerelease,
    result: outcome.result,
  });
  const state = outcome.release.draft ? 'draft' : outcome.prerelease ? 'pre-release' : 'published';
  writeSummary(
    [
      `### Release ${markdownTableCell(tagName)}`,
      '',
      '| Version | Release | Result |',
      '| --- | --- | --- |',
      `| ${markdownTableCell(outcome.version)} | [${state}](${outcome.release.html_url}) | ${outcome.result} |`,
      '',
      // Verbatim, never rendered: the section is untrusted (in check mode on a PR, the PR's own text).
      markdownCodeBlock(outcome.notes),
      '',
    ].join('\n'),
  );
}
