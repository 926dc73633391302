import semver from 'semver';
import { isVersionQuery, normalizeVersion } from '@shipshape/changelog';
import { InputError, NotFoundError, quoteForMessage, type Logger } from '@shipshape/kit';
import type { Release, ReleasesPort } from './github-port';
import { INPUT } from './inputs';
import type { RepositoryPort } from './repository-port';
import { isRolledBack, rollbackMark } from './rollback-note';
import { parseTag, type TagInfo } from './tag';

/** Which release failed and which one to go back to. */
export interface RollbackPlan {
  failed: Release;
  failedVersion: string;
  target: Release;
  targetVersion: string;
  /** The commit the target's tag points to: what the rollback deploys. */
  targetSha: string;
}

export interface RollbackChoice {
  tag: string | undefined;
  rollbackTo: string | undefined;
  tagPattern: string;
  /** This workflow run (GITHUB_RUN_ID): a release it marked rolled back is still its failed release on a re-run. */
  runId: string | undefined;
}

export type RollbackPort = Pick<ReleasesPort, 'listAll'> & Pick<RepositoryPort, 'commitOf' | 'canPush'>;

interface Versioned {
  release: Release;
  info: TagInfo;
}

function versioned(releases: Release[], pattern: string): Versioned[] {
  const out: Versioned[] = [];
  for (const release of releases) {
    let info: TagInfo;
    try {
      info = parseTag(release.tag_name, pattern);
    } catch {
      continue;
    }
    if (semver.valid(info.version)) out.push({ release, info });
  }
  return out;
}

const isFinal = (v: Versioned): boolean => !v.release.prerelease && !semver.prerelease(v.info.version);
const isFull = (v: Versioned): boolean => !v.release.draft && isFinal(v);

/** Marked rolled back by this run: a re-run (attempt 2) must resolve what attempt 1 did. */
const markedBy = (v: Versioned, runId: string | undefined): boolean =>
  runId !== undefined && rollbackMark(v.release.body)?.runId === runId;

/**
 * The release that went out last: the highest final release, published or a draft, that was not rolled back already
 * (by another run: one this run marked is still its failed release). A release whose smoke tests failed is still a
 * draft (release.yml publishes only after verification), so a draft counts — but only when its tag exists, which sets
 * a deployed draft apart from one drafted ahead of its tag (release-drafter's, say).
 */
async function lastShipped(
  all: Versioned[],
  port: RollbackPort,
  runId: string | undefined,
): Promise<Versioned | undefined> {
  const candidates = all
    .filter((v) => isFinal(v) && (!isRolledBack(v.release.body) || markedBy(v, runId)))
    .sort((a, b) => semver.rcompare(a.info.version, b.info.version));
  for (const candidate of candidates) {
    if (!candidate.release.draft) return candidate;
    if ((await port.commitOf(`tags/${candidate.release.tag_name}`)) !== undefined) return candidate;
  }
  return undefined;
}

function highest(candidates: Versioned[]): Versioned | undefined {
  return candidates.reduce<Versioned | undefined>(
    (best, v) => (best === undefined || semver.gt(v.info.version, best.info.version) ? v : best),
    undefined,
  );
}

/**
 * A release named by its tag (or by its version: 1.3.0 for v1.3.0); it must be published unless `draftAllowed` (the
 * failed release may be a draft whose verification failed). `input` names the input the value came from, so the
 * error says which one to fix.
 */
function named(
  all: Versioned[],
  releases: Release[],
  value: string,
  input: string,
  pkg: string | undefined,
  draftAllowed = false,
): Versioned {
  const byTag = releases.filter((r) => r.tag_name === value);
  let hit = byTag.find((r) => !r.draft) ?? byTag[0];
  if (!hit && isVersionQuery(value)) {
    const wanted = normalizeVersion(value);
    const same = all.filter((v) => v.info.version === wanted && v.info.package === pkg).map((v) => v.release);
    hit = same.find((r) => !r.draft) ?? same[0];
  }
  if (!hit) throw new InputError(input, 'the tag of a published release (no release has this tag)', value);
  if (hit.draft && !draftAllowed)
    throw new InputError(input, `the tag of a published release (${hit.tag_name} is a draft)`, value);
  const found = all.find((v) => v.release.id === hit.id);
  if (!found) {
    throw new InputError(input, 'a release whose tag matches the tag-pattern (set `tag-pattern` to read it)', value);
  }
  return found;
}

/** The published release the failed one's rollback note names. */
function markedTarget(all: Versioned[], failed: Versioned): Versioned | undefined {
  const tag = rollbackMark(failed.release.body)?.targetTag;
  return all.find((v) => v.release.tag_name === tag && !v.release.draft && v.release.id !== failed.release.id);
}

/** The highest published full release of the failed one's package below it that was not itself rolled back. */
function defaultTarget(all: Versioned[], failed: Versioned): Versioned {
  const below = all.filter(
    (v) =>
      isFull(v) &&
      v.info.package === failed.info.package &&
      semver.lt(v.info.version, failed.info.version) &&
      !isRolledBack(v.release.body),
  );
  const previous = highest(below);
  if (!previous) {
    throw new NotFoundError(
      `No published release before ${quoteForMessage(failed.release.tag_name)} to roll back to (none with a lower version that was not rolled back itself); pass \`rollback-to\`.`,
    );
  }
  return previous;
}

/**
 * The failed release (`tag`, else the release that went out last: see lastShipped) and the target (`rollback-to`,
 * else the target this run's own rollback note names, on a re-run; else the highest published full release of the same
 * package below it that was not itself rolled back). Versions are
 * compared as semver, read from the tags with the tag pattern; a release whose tag does not match it is not considered.
 */
export async function resolveRollback(choice: RollbackChoice, port: RollbackPort, log: Logger): Promise<RollbackPlan> {
  const releases = await port.listAll();
  const all = versioned(releases, choice.tagPattern);
  let failed: Versioned;
  if (choice.tag !== undefined) {
    failed = named(all, releases, choice.tag, INPUT.tag, undefined, true);
  } else {
    if (!releases.some((r) => r.draft) && (await port.canPush()) === false) {
      // https://docs.github.com/rest/releases/releases#list-releases: drafts are listed only to users with push access.
      log.warning(
        'This token cannot see draft releases (no push access), so a release whose verification failed, still a draft, is not considered and the rollback may go one release too far; give the job `contents: write`, or pass `tag`.',
      );
    }
    const latest = await lastShipped(all, port, choice.runId);
    if (!latest) {
      throw new NotFoundError(
        'No release to roll back: no final release (published, or a draft whose tag exists) has a tag that matches the tag-pattern; pass `tag`.',
      );
    }
    failed = latest;
  }
  let target: Versioned;
  if (choice.rollbackTo !== undefined) {
    target = named(all, releases, choice.rollbackTo, INPUT.rollbackTo, failed.info.package);
    if (target.release.id === failed.release.id) {
      throw new InputError(
        INPUT.rollbackTo,
        `a release other than the failed one (${failed.release.tag_name})`,
        choice.rollbackTo,
      );
    }
    if (semver.gt(target.info.version, failed.info.version)) {
      log.warning(
        `rollback-to ${target.release.tag_name} is a higher version than the failed release ${failed.release.tag_name}.`,
      );
    }
  } else {
    target = (markedBy(failed, choice.runId) ? markedTarget(all, failed) : undefined) ?? defaultTarget(all, failed);
  }
  const targetSha = await port.commitOf(`tags/${target.release.tag_name}`);
  if (!targetSha) {
    throw new NotFoundError(
      `The tag ${quoteForMessage(target.release.tag_name)} of the release to roll back to does not exist in the repository.`,
    );
  }
  return {
    failed: failed.release,
    failedVersion: failed.info.version,
    target: target.release,
    targetVersion: target.info.version,
    targetSha,
  };
}
