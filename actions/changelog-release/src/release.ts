import { InputError, type Logger } from '@shipshape/kit';
import { checkRepositoryPath, packageChangelogHint, resolveChangelogPath, type WorkspaceFiles } from './changelog-path';
import type { ReleasesPort } from './github-port';
import { INPUT, type Settings } from './inputs';
import { manifestVersion } from './manifest-version';
import { checkChangelog, publishRelease, type PublishResult } from './publish';
import { parseTag } from './tag';

/** What one run of the action did: a check of a pull request's changelog, or a release drafted or published. */
export type ChangelogReleaseResult =
  | { mode: 'check'; path: string; version: string; notes: string }
  | { mode: 'publish'; tag: string; outcome: PublishResult };

export interface ReleaseDeps {
  /**
   * The checkout, when there is one (check mode needs it; publish mode reads the tag's tree through `port` without).
   */
  files: WorkspaceFiles | undefined;
  /** The releases API; publish mode only. */
  port: ReleasesPort | undefined;
  log: Logger;
  serverUrl: string;
  repository: string;
}

/** Check mode (pull requests): the version must have a non-empty section; nothing is written to GitHub. */
async function check(settings: Settings, files: WorkspaceFiles | undefined): Promise<ChangelogReleaseResult> {
  const tag = settings.tag && !settings.version ? parseTag(settings.tag, settings.tagPattern) : undefined;
  const path = tag
    ? await resolveChangelogPath(settings.changelogPath, tag, files)
    : checkRepositoryPath(settings.changelogPath, INPUT.changelog);
  const version = settings.version ?? tag?.version ?? manifestVersion(files, path);
  if (!version)
    throw new InputError(
      INPUT.version,
      'a version to check: pass `version`, run on a tag, or check out a package.json with a `version` (next to the changelog, or at the root)',
    );
  const text = files?.readText(path);
  const hint = tag && files ? packageChangelogHint(settings.changelogPath, tag, files, path) : undefined;
  const shown = files ? path : `${path} (no checkout: run actions/checkout first)`;
  const notes = checkChangelog(text, shown, version, hint, { fastPath: settings.fastPath });
  return { mode: 'check', path, version, notes };
}

/** Publish mode (a tag): the tag's section becomes its release, created, updated or left as it is. */
async function publish(
  settings: Settings,
  deps: ReleaseDeps & { port: ReleasesPort },
): Promise<ChangelogReleaseResult> {
  const { files, port } = deps;
  const tagName = settings.tag ?? '';
  const tag = parseTag(tagName, settings.tagPattern);
  const path = await resolveChangelogPath(settings.changelogPath, tag, files);
  let changelog = files ? files.readText(path) : await port.readFile(path, tagName);
  // A tag that does not exist yet (workflow_dispatch with a new tag) is created from target-commitish: read it there.
  if (changelog === undefined && !files && settings.targetCommitish)
    changelog = await port.readFile(path, settings.targetCommitish);
  const outcome = await publishRelease(
    {
      ...settings,
      changelogPath: path,
      missingHint: packageChangelogHint(settings.changelogPath, tag, files, path),
      tag: tagName,
      serverUrl: deps.serverUrl,
      repository: deps.repository,
    },
    changelog,
    port,
    deps.log,
  );
  return { mode: 'publish', tag: tagName, outcome };
}

export async function runChangelogRelease(settings: Settings, deps: ReleaseDeps): Promise<ChangelogReleaseResult> {
  if (settings.mode === 'check') return check(settings, deps.files);
  if (!deps.port) throw new Error('publish mode needs the releases API');
  return publish(settings, { ...deps, port: deps.port });
}
