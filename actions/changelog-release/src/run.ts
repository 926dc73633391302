import { existsSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { join, posix, sep } from 'node:path';
import { createGitHubClient } from '@shipshape/github';
import { ConfigError, InputError, Inputs, markdownCodeBlock, markdownTableCell, quoteForMessage, runnerInputSource } from '@shipshape/kit';
import { maskSecrets, runnerLogger, writeOutputs, writeSummary } from '@shipshape/kit/action';
import { checkRepositoryPath, packageChangelogHint, resolveChangelogPath, type WorkspaceFiles } from './changelog-path';
import { githubReleasesPort } from './github-port';
import { INPUT, readSettings, type Settings } from './inputs';
import { checkChangelog, publishRelease } from './publish';
import { parseTag } from './tag';

/**
 * The checked-out repository, when there is one (GITHUB_WORKSPACE with files in it). Nothing is read through a
 * symbolic link that leaves it: in check mode the checkout is a pull request's own tree, and a CHANGELOG.md linked to
 * a file of the runner would otherwise land in the job summary and the outputs.
 */
function workspaceFiles(): WorkspaceFiles | undefined {
  const workspace = process.env.GITHUB_WORKSPACE;
  if (!workspace || !existsSync(workspace) || readdirSync(workspace).length === 0) return undefined;
  const root = realpathSync(workspace);
  const inside = (path: string): string | undefined => {
    const full = join(workspace, path);
    if (!existsSync(full)) return undefined;
    const real = realpathSync(full);
    if (real !== root && !real.startsWith(root + sep)) {
      throw new ConfigError(`${quoteForMessage(path)} leads outside the repository through a symbolic link; changelog-release does not read it.`);
    }
    return real;
  };
  return {
    readText(path) {
      const real = inside(path);
      return real !== undefined && statSync(real).isFile() ? readFileSync(real, 'utf8') : undefined;
    },
    listDirectories(path) {
      const real = inside(path);
      if (real === undefined || !statSync(real).isDirectory()) return [];
      return readdirSync(real, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? [d.name] : []));
    },
  };
}

function readPayload(): Record<string, never> {
  const path = process.env.GITHUB_EVENT_PATH;
  if (!path || !existsSync(path)) return {};
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, never>;
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
  const settings = readSettings(inputs, process.env, readPayload());
  const files = workspaceFiles();
  if (settings.mode === 'check') return runCheck(settings, files);
  const tagName = settings.tag ?? '';
  const tag = parseTag(tagName, settings.tagPattern);
  const [owner = '', repo = ''] = (process.env.GITHUB_REPOSITORY ?? '').split('/');
  const octokit = createGitHubClient({ token: settings.token, baseUrl: process.env.GITHUB_API_URL, log: runnerLogger });
  const port = githubReleasesPort(octokit, owner, repo);
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
