import { InputError, type Clock, type Logger } from '@shipshape/kit';
import type { AnnotateResult } from './annotate';
import { checkRepositoryPath, packageChangelogHint, resolveChangelogPath, type WorkspaceFiles } from './changelog-path';
import type { LifecyclePort, ReleasesPort } from './github-port';
import { INPUT, type ModeSettings, type Settings } from './inputs';
import { manifestVersion } from './manifest-version';
import type { MergeBackResult } from './merge-back';
import type { PrepareResult } from './prepare';
import { checkChangelog, publishRelease, type PublishResult } from './publish';
import type { RollbackPlan } from './rollback';
import { parseTag } from './tag';
import type { TagResult } from './tag-version';

/**
 * What one run of the action did: a check of a pull request's changelog, a release drafted or published, a version
 * prepared, its tag created once the release pull request merged, a merge-back pull request, a rollback resolved, or a
 * rolled-back release annotated.
 */
export type ChangelogReleaseResult =
  | { mode: 'check'; path: string; version: string; notes: string }
  | { mode: 'publish'; tag: string; outcome: PublishResult; sha: string | undefined }
  | ({ mode: 'prepare' } & PrepareResult)
  | ({ mode: 'tag' } & TagResult)
  | ({ mode: 'merge-back' } & MergeBackResult)
  | { mode: 'rollback'; plan: RollbackPlan }
  | ({ mode: 'annotate' } & AnnotateResult);

export interface ReleaseDeps {
  /**
   * The checkout, when there is one (check mode needs it; publish and tag modes read through `port` without).
   */
  files: WorkspaceFiles | undefined;
  /** The GitHub API; every mode but check. */
  port: LifecyclePort | undefined;
  log: Logger;
  /** Today's date for prepare's heading and annotate's note. */
  clock: Clock;
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
  return { mode: 'publish', tag: tagName, outcome, sha: settings.tagSha };
}

/** The one domain call of a run: the mode's work, with the ports it needs. */
export async function runChangelogRelease(settings: ModeSettings, deps: ReleaseDeps): Promise<ChangelogReleaseResult> {
  if (settings.mode === 'check') return check(settings, deps.files);
  const { port, log, clock } = deps;
  if (!port) throw new Error(`${settings.mode} mode needs the GitHub API`);
  // The lifecycle modes load when they run (lazy chunks, scripts/build.mjs): a tag's publish, the common run, does not
  // read prepare's changelog rewriting or the other modes at start-up.
  switch (settings.mode) {
    case 'publish':
      return publish(settings, { ...deps, port });
    case 'prepare': {
      const { prepareRelease } = await import('./prepare');
      return { mode: 'prepare', ...(await prepareRelease(settings, port, clock, log)) };
    }
    case 'tag': {
      const { tagNewestVersion } = await import('./tag-version');
      return { mode: 'tag', ...(await tagNewestVersion(settings, port, deps.files, log)) };
    }
    case 'merge-back': {
      const { mergeBack } = await import('./merge-back');
      return { mode: 'merge-back', ...(await mergeBack(settings, port, log)) };
    }
    case 'rollback': {
      const { resolveRollback } = await import('./rollback');
      return { mode: 'rollback', plan: await resolveRollback(settings, port, log) };
    }
    case 'annotate': {
      const { annotateRelease } = await import('./annotate');
      return { mode: 'annotate', ...(await annotateRelease(settings, port, clock, log)) };
    }
  }
}
