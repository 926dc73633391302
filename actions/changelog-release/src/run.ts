import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGitHubClient } from '@shipshape/github';
import { Inputs, markdownTableCell, runnerInputSource } from '@shipshape/kit';
import { maskSecrets, runnerLogger, writeOutputs, writeSummary } from '@shipshape/kit/action';
import { githubReleasesPort } from './github-port';
import { readSettings } from './inputs';
import { checkChangelog, publishRelease, resolveChangelogPath } from './publish';
import { parseTag } from './tag';

function readWorkspaceFile(path: string): string | undefined {
  const workspace = process.env.GITHUB_WORKSPACE;
  if (!workspace) return undefined;
  const full = join(workspace, path);
  return existsSync(full) ? readFileSync(full, 'utf8') : undefined;
}

function readPayload(): Record<string, never> {
  const path = process.env.GITHUB_EVENT_PATH;
  if (!path || !existsSync(path)) return {};
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, never>;
}

export async function run(): Promise<void> {
  const settings = readSettings(new Inputs(runnerInputSource()), process.env, readPayload());
  maskSecrets(settings.token);
  if (settings.mode === 'check') {
    let version = settings.version;
    if (!version && settings.tag) version = parseTag(settings.tag, settings.tagPattern).version;
    if (!version) {
      const pkg = readWorkspaceFile('package.json');
      version = pkg ? (JSON.parse(pkg) as { version?: string }).version : undefined;
    }
    if (!version) throw new Error('No version: pass `version`, a tag, or check out a package.json with a version.');
    const path = settings.changelogPath;
    const notes = checkChangelog(readWorkspaceFile(path), path, version);
    writeOutputs({ version, notes, result: 'unchanged' });
    writeSummary(`### Changelog check\n\n${markdownTableCell(path)} has a section for **${markdownTableCell(version)}**.\n`);
    return;
  }
  const tagName = settings.tag ?? '';
  const tag = parseTag(tagName, settings.tagPattern);
  const [owner = '', repo = ''] = (process.env.GITHUB_REPOSITORY ?? '').split('/');
  const octokit = createGitHubClient({ token: settings.token, baseUrl: process.env.GITHUB_API_URL, log: runnerLogger });
  const port = githubReleasesPort(octokit, owner, repo);
  const path = resolveChangelogPath(settings.changelogPath, tag);
  const changelog = readWorkspaceFile(path) ?? (await port.readFile(path, tagName));
  const outcome = await publishRelease(
    {
      ...settings,
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
  writeSummary(
    [
      `### Release ${markdownTableCell(tagName)}`,
      '',
      '| Version | Release | Result |',
      '| --- | --- | --- |',
      `| ${markdownTableCell(outcome.version)} | ${outcome.release.html_url} | ${outcome.result} |`,
      '',
      outcome.notes,
      '',
    ].join('\n'),
  );
}
