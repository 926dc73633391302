import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createGitHubClient } from '@shipshape/github';
import { InputError, Inputs, markdownCodeBlock, markdownTableCell, runnerInputSource } from '@shipshape/kit';
import { maskSecrets, runnerLogger, writeOutputs, writeSummary } from '@shipshape/kit/action';
import { checkRepositoryPath, resolveChangelogPath, type WorkspaceFiles } from './changelog-path';
import { githubReleasesPort } from './github-port';
import { INPUT, readSettings, type Settings } from './inputs';
import { checkChangelog, publishRelease } from './publish';
import { parseTag } from './tag';

/** The checked-out repository, when there is one (GITHUB_WORKSPACE with files in it). */
function workspaceFiles(): WorkspaceFiles | undefined {
  const workspace = process.env.GITHUB_WORKSPACE;
  if (!workspace || !existsSync(workspace) || readdirSync(workspace).length === 0) return undefined;
  return {
    readText(path) {
      const full = join(workspace, path);
      return existsSync(full) && statSync(full).isFile() ? readFileSync(full, 'utf8') : undefined;
    },
    listDirectories(path) {
      const full = join(workspace, path);
      if (!existsSync(full) || !statSync(full).isDirectory()) return [];
      return readdirSync(full, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? [d.name] : []));
    },
  };
}

function readPayload(): Record<string, never> {
  const path = process.env.GITHUB_EVENT_PATH;
  if (!path || !existsSync(path)) return {};
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, never>;
}

/** Check mode (pull requests): the version must have a non-empty section; nothing is written to GitHub. */
function runCheck(settings: Settings, files: WorkspaceFiles | undefined): void {
  const tag = settings.tag && !settings.version ? parseTag(settings.tag, settings.tagPattern) : undefined;
  let version = settings.version ?? tag?.version;
  const manifest = files?.readText('package.json');
  if (!version && manifest) {
    try {
      version = (JSON.parse(manifest) as { version?: string }).version;
    } catch {
      version = undefined;
    }
  }
  if (!version) throw new InputError(INPUT.version, 'a version to check: pass `version`, run on a tag, or check out a package.json with a `version`');
  const path = tag ? resolveChangelogPath(settings.changelogPath, tag, files) : checkRepositoryPath(settings.changelogPath, INPUT.changelog);
  const text = files?.readText(path);
  const notes = checkChangelog(text, files ? path : `${path} (no checkout: run actions/checkout first)`, version);
  writeOutputs({ version, notes, result: 'unchanged' });
  writeSummary(`### Changelog check\n\n${markdownTableCell(path)} has a section for **${markdownTableCell(version)}**:\n\n${markdownCodeBlock(notes)}\n`);
}

export async function run(): Promise<void> {
  const inputs = new Inputs(runnerInputSource());
  // Masked before anything is validated, so that no message about a bad input can come before the mask.
  maskSecrets(inputs.optional(INPUT.token));
  const settings = readSettings(inputs, process.env, readPayload());
  const files = workspaceFiles();
  if (settings.mode === 'check') return runCheck(settings, files);
  const tagName = settings.tag ?? '';
  const tag = parseTag(tagName, settings.tagPattern);
  const [owner = '', repo = ''] = (process.env.GITHUB_REPOSITORY ?? '').split('/');
  const octokit = createGitHubClient({ token: settings.token, baseUrl: process.env.GITHUB_API_URL, log: runnerLogger });
  const port = githubReleasesPort(octokit, owner, repo);
  const path = resolveChangelogPath(settings.changelogPath, tag, files);
  const changelog = files ? files.readText(path) : await port.readFile(path, tagName);
  const outcome = await publishRelease(
    {
      ...settings,
      changelogPath: path,
      tag: tagName,
      serverUrl: process.env.GITHUB_SERVER_URL ?? 'https://github.com',
      repository: `${owner}/${repo}`,
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
