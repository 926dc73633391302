import { MarkdownTooComplexError } from '@shipshape/markdown';
import { findVersionSection, listVersions } from '@shipshape/changelog';
import { ConfigError, InputError, NotFoundError, ShipshapeError, quoteForMessage, type Logger } from '@shipshape/kit';
import type { WorkspaceFiles } from './changelog-path';
import { INPUT, type TagSettings } from './inputs';
import { RefExistsError, type RepositoryPort } from './repository-port';
import type { ReleasesPort } from './github-port';
import { tagForVersion } from './tag';

export type TagPort = Pick<RepositoryPort, 'commitOf' | 'createRef'> & Pick<ReleasesPort, 'readFile'>;

export interface TagResult {
  version: string;
  tag: string;
  /** The commit the tag points to: the one tagged now, or the one it already named. */
  sha: string;
  /** The version's section (empty when its heading has no body). */
  notes: string;
  /** Where the changelog was read: the checkout, or the commit it was read at through the API. */
  source: string;
  /** The commit this run meant to tag; differs from `sha` when the tag already named another commit. */
  wanted: string;
  result: 'created' | 'unchanged';
}

const isChangelogError = (error: unknown): error is Error =>
  error instanceof ShipshapeError || error instanceof MarkdownTooComplexError;

/** The newest released version: the first version heading (Unreleased names none), with its section. */
function newestVersion(text: string, where: string, fastPath: boolean): { version: string; notes: string } {
  try {
    const version = listVersions(text, { fastPath })[0];
    if (version === undefined) {
      throw new ConfigError(
        `Input 'changelog' (${where}) has no released version: tag mode tags the first version heading below Unreleased (such as \`## [1.5.0] - 2026-12-05\`); merge the release pull request that adds it, or set \`changelog\` to the right file.`,
      );
    }
    return { version, notes: findVersionSection(text, version, { fastPath })?.body ?? '' };
  } catch (error) {
    if (error instanceof ConfigError || !isChangelogError(error)) throw error;
    const sentence = /[.!?]$/.test(error.message) ? error.message : `${error.message}.`;
    throw new ConfigError(`Input 'changelog' (${where}): ${sentence}`, { cause: error });
  }
}

/**
 * Tag mode, the second half of the release pull request flow: once the pull request that adds a version to the
 * changelog is merged, that version (the newest in the changelog at the pushed commit) gets its tag there. A tag that
 * exists already is left as it is, wherever it points, so a re-run, or a later push that changes the changelog
 * without a new version, writes nothing.
 */
export async function tagNewestVersion(
  settings: TagSettings,
  port: TagPort,
  files: WorkspaceFiles | undefined,
  log: Logger,
): Promise<TagResult> {
  const path = settings.changelogPath;
  let wanted = settings.sha;
  if (settings.target !== undefined) {
    const resolved = await port.commitOf(settings.target);
    if (!resolved) {
      throw new InputError(
        INPUT.targetCommitish,
        'a branch, tag or commit that exists in the repository',
        settings.target,
      );
    }
    wanted = resolved;
  }
  // The checkout is the pushed commit; a target elsewhere is read where it points.
  const fromCheckout = files !== undefined && settings.target === undefined;
  const at = fromCheckout ? 'in the checkout' : `at ${wanted}`;
  const where = fromCheckout ? path : `${path} at ${wanted.slice(0, 12)}`;
  const text = fromCheckout ? files.readText(path) : await port.readFile(path, wanted);
  if (text === undefined) {
    throw new NotFoundError(
      `Input 'changelog': ${quoteForMessage(path)} does not exist ${at}; set \`changelog\` to the changelog's path.`,
    );
  }
  const { version, notes } = newestVersion(text, where, settings.fastPath);
  const tag = tagForVersion(settings.tagPattern, version) ?? `v${version}`;
  const common = { version, tag, notes, source: where, wanted };

  const made = await createVersionTag(port, tag, wanted);
  if (!made.created) return leftAsItIs(common, made.sha, log);
  log.info(`Tagged ${wanted} as ${tag} (version ${version}).`);
  return { ...common, sha: wanted, result: 'created' };
}

/**
 * The version's tag at `sha`, unless it exists already: then the commit it names (peeled, for an annotated tag) is
 * answered and nothing is written. A tag created by a concurrent run between the look and the create counts as
 * existing (422 "Reference already exists").
 */
export async function createVersionTag(
  port: Pick<RepositoryPort, 'commitOf' | 'createRef'>,
  tag: string,
  sha: string,
): Promise<{ sha: string; created: boolean }> {
  const existing = await port.commitOf(`tags/${tag}`);
  if (existing !== undefined) return { sha: existing, created: false };
  try {
    await port.createRef(`tags/${tag}`, sha);
  } catch (error) {
    if (!(error instanceof RefExistsError)) throw error;
    const now = await port.commitOf(`tags/${tag}`);
    if (now === undefined) throw error;
    return { sha: now, created: false };
  }
  return { sha, created: true };
}

function leftAsItIs(common: Omit<TagResult, 'sha' | 'result'>, existing: string, log: Logger): TagResult {
  const { tag, version, wanted } = common;
  if (existing === wanted) {
    log.info(`${tag} already points to ${wanted}: nothing to do.`);
  } else {
    log.notice(
      `The tag ${tag} (version ${version}) already exists and points to ${existing}, not to this run's commit ${wanted}; it is left as it is. To release ${wanted}, add a new version to the changelog.`,
    );
  }
  return { ...common, sha: existing, result: 'unchanged' };
}
