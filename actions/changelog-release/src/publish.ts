import type { ListItem, RootContent } from 'mdast';
import semver from 'semver';
import { parseMarkdown, MarkdownTooComplexError } from '@shipshape/markdown';
import { findVersionSection, suggestNearest, type ReadOptions } from '@shipshape/changelog';
import { ConfigError, NotFoundError, type Logger } from '@shipshape/kit';
import { AlreadyExistsError, type Release, type ReleaseFields, type ReleasesPort } from './github-port';
import { fillTemplate, parseTag, type TagInfo } from './tag';

export const MAX_BODY = 125_000;

export interface PublishSettings {
  tag: string;
  tagPattern: string;
  /** The changelog's path in the repository, already resolved for the tag. */
  changelogPath: string;
  draft: boolean;
  publish: boolean;
  prerelease: boolean | undefined;
  makeLatest: boolean | undefined;
  /** Title template; undefined for the default. */
  title: string | undefined;
  targetCommitish: string | undefined;
  onMissing: 'fail' | 'generate' | 'link';
  /** One more hint for the "no section" message (e.g. why a package tag reads the root changelog). */
  missingHint?: string | undefined;
  /** The `fast-path` input: false reads the changelog with the full CommonMark parse only. Default true. */
  fastPath?: boolean | undefined;
  serverUrl: string;
  repository: string;
}

export interface PublishResult {
  version: string;
  release: Release;
  notes: string;
  prerelease: boolean;
  result: 'created' | 'updated' | 'unchanged';
}

/**
 * The release body: the section, then a link to its heading in the changelog at the tag. A body over GitHub's limit
 * is cut at the last whole list item or top-level block (remark decides what those are) that fits, with a note; the
 * link-reference definitions the section uses are kept after the cut so its links still resolve.
 */
export function fitBody(ownBody: string, definitions: string, link: string, max = MAX_BODY): string {
  const footer = `\n\n---\n[Full changelog](${link})`;
  if (ownBody.length + definitions.length + footer.length <= max) return ownBody + definitions + footer;
  const note = `\n\n_The notes were cut to fit GitHub's ${max.toLocaleString('en-US')}-character limit; the full notes are in the changelog._`;
  const defs = definitions.length <= max / 4 ? definitions : '';
  const budget = max - footer.length - note.length - defs.length;
  const cuts: number[] = [];
  const visit = (nodes: RootContent[] | ListItem[], topLevel: boolean): void => {
    for (const node of nodes) {
      if (topLevel || node.type === 'listItem') cuts.push(node.position?.start.offset ?? 0);
      if ('children' in node && (node.type === 'list' || node.type === 'listItem' || node.type === 'blockquote')) {
        visit(node.children as RootContent[], false);
      }
    }
  };
  visit(parseMarkdown(ownBody).children, true);
  let keep = 0;
  for (const cut of cuts) if (cut > keep && ownBody.slice(0, cut).trimEnd().length <= budget) keep = cut;
  return ownBody.slice(0, keep).trimEnd() + defs + note + footer;
}

/** The changelog's page at the tag: each path segment encoded, slashes kept (tags such as `pkg/v1.2.3`). */
export function changelogUrl(serverUrl: string, repository: string, tag: string, path: string): string {
  const encode = (value: string): string =>
    value
      .split('/')
      .map((part) => encodeURIComponent(part).replace(/%40/g, '@'))
      .join('/');
  return `${serverUrl.replace(/\/+$/, '')}/${repository}/blob/${encode(tag)}/${encode(path.replace(/^\.\//, ''))}`;
}

/** The default title: `v1.2.3`, or `pkg v1.2.3` for a package tag. */
export const DEFAULT_TITLE = 'v{version}';
const DEFAULT_PACKAGE_TITLE = '{package} v{version}';

function shouldBeLatest(version: string, tag: TagInfo, pattern: string, releases: Release[]): boolean {
  if (semver.prerelease(version)) return false;
  for (const r of releases) {
    if (r.draft || r.prerelease || r.tag_name === tag.tag) continue;
    let other: TagInfo;
    try {
      other = parseTag(r.tag_name, pattern);
    } catch {
      continue;
    }
    if (other.package !== tag.package || semver.prerelease(other.version)) continue;
    if (semver.valid(other.version) && semver.gt(other.version, version)) return false;
  }
  return true;
}

/**
 * The release of a tag: the published one if there is one (GitHub allows one), else the draft with the lowest id —
 * GitHub allows several drafts per tag, and every run must agree on the same one, so the oldest wins.
 */
export function pick(releases: Release[], tag: string): Release | undefined {
  const mine = releases.filter((r) => r.tag_name === tag);
  const published = mine.find((r) => !r.draft);
  if (published) return published;
  return mine.reduce<Release | undefined>(
    (oldest, r) => (oldest === undefined || r.id < oldest.id ? r : oldest),
    undefined,
  );
}

/** The tag's release, and the releases seen looking for it (`complete` when that is every release). */
async function findRelease(
  port: ReleasesPort,
  tag: string,
): Promise<{ release: Release | undefined; seen: Release[]; complete: boolean }> {
  const first = await port.listFirstPage();
  const hit = pick(first.releases, tag);
  if (hit || !first.full) return { release: hit, seen: first.releases, complete: !first.full };
  const all = await port.listAll();
  return { release: pick(all, tag), seen: all, complete: true };
}

/**
 * Runs a read of the changelog; a text the bounded Markdown parse refuses (too large, too deeply nested, too costly)
 * becomes an error naming the file and the limit, instead of the parser's message alone.
 */
function readingChangelog<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof MarkdownTooComplexError) throw new ConfigError(`${path}: ${error.message}`, { cause: error });
    throw error;
  }
}

export async function publishRelease(
  settings: PublishSettings,
  changelog: string | undefined,
  port: ReleasesPort,
  log: Logger,
): Promise<PublishResult> {
  const tag = parseTag(settings.tag, settings.tagPattern);
  const path = settings.changelogPath;
  const reading: ReadOptions = { fastPath: settings.fastPath };
  const section =
    changelog === undefined
      ? undefined
      : readingChangelog(path, () => findVersionSection(changelog, tag.version, reading));
  const prerelease = settings.prerelease ?? semver.prerelease(tag.version) !== null;
  const fileUrl = changelogUrl(settings.serverUrl, settings.repository, tag.tag, path);
  let notes: string | undefined;
  if (section) {
    // A section opened by a version line (a changelog without headings) has no anchor: link its line instead, in the
    // plain view, since GitHub ignores #L anchors on rendered Markdown.
    const link = section.anchor ? `${fileUrl}#${section.anchor}` : `${fileUrl}?plain=1#L${section.startLine}`;
    notes = fitBody(section.ownBody, section.body.slice(section.ownBody.length), link);
  } else if (settings.onMissing === 'fail') {
    const found =
      changelog === undefined
        ? `the file was not found at ${tag.tag}`
        : readingChangelog(path, () => suggestNearest(changelog, tag.version, reading));
    throw new NotFoundError(
      `${path} has no section for version ${tag.version}${inParentheses(found, settings.missingHint)}.`,
    );
  } else if (settings.onMissing === 'link') {
    notes = `See the [changelog](${fileUrl}).`;
  }
  const template = settings.title ?? (tag.package ? DEFAULT_PACKAGE_TITLE : DEFAULT_TITLE);
  const title = fillTemplate(template, { version: tag.version, package: tag.package ?? '', tag: tag.tag }).trim();
  const { release: existing, seen, complete } = await findRelease(port, tag.tag);
  const makeLatest = settings.makeLatest ?? shouldBeLatest(tag.version, tag, settings.tagPattern, seen);
  const latestFlag: 'true' | 'false' = makeLatest && !prerelease ? 'true' : 'false';
  const createDraft = settings.draft && !settings.publish;
  const fields: ReleaseFields = {
    tag_name: tag.tag,
    name: title,
    draft: createDraft,
    prerelease,
    // GitHub refuses make_latest "true" on a draft (422 "Latest release cannot be draft or prerelease"); a draft
    // holds no badge, so the flag is sent when it is published.
    ...(createDraft ? {} : { make_latest: latestFlag }),
    ...(notes === undefined ? { generate_release_notes: true } : { body: notes }),
    ...(settings.targetCommitish ? { target_commitish: settings.targetCommitish } : {}),
  };
  const update = async (release: Release): Promise<PublishResult> => {
    const draft = release.draft ? !settings.publish : false;
    const body = notes ?? release.body ?? '';
    const changes = changedFields(release, { name: title, body, draft, prerelease });
    if (changes === undefined) {
      log.info(`Release ${release.html_url} is already up to date.`);
      return { version: tag.version, release, notes: body, prerelease, result: 'unchanged' };
    }
    const publishing = release.draft && !draft;
    // The badge is written only where it can be and something about it changes: a release published now (GitHub
    // would default it to "true"), a pre-release that becomes a full release, or an explicit make-latest on a
    // published full release. Never on a draft that stays one (GitHub answers 422), never re-sent with a notes edit.
    const sendLatest =
      !draft && (publishing || changes.prerelease !== undefined || (settings.makeLatest !== undefined && !prerelease));
    if (sendLatest) {
      let makeLatestNow = latestFlag;
      if (makeLatestNow === 'true' && settings.makeLatest === undefined && !complete) {
        // Only the first page was read (the release was on it): before taking the Latest badge, make sure no higher
        // version of the package is further down the list (a backport in a repository with many releases).
        if (!shouldBeLatest(tag.version, tag, settings.tagPattern, await port.listAll())) makeLatestNow = 'false';
      }
      changes.make_latest = makeLatestNow;
    }
    const updated = await port.update(release.id, changes);
    return { version: tag.version, release: updated, notes: body, prerelease, result: 'updated' };
  };
  if (existing) return update(existing);
  let created: Release;
  try {
    created = await port.create(fields);
  } catch (error) {
    if (!(error instanceof AlreadyExistsError)) throw error;
    log.info(`Another run created the release for ${tag.tag} first; updating it.`);
    const again = pick(await port.listAll(), tag.tag);
    if (!again) throw error;
    return update(again);
  }
  if (created.draft) {
    // GitHub's 422 already_exists protects published releases only: two runs racing with `draft` can both create a
    // draft. Look again (all pages) now that ours exists; every racer sees the same survivor, and the others remove
    // their own draft — unpublished, so deleting it burns no tag — and update the survivor.
    const survivor = pick(await port.listAll(), tag.tag);
    if (survivor && survivor.id !== created.id) {
      log.info(
        `Another run created a release for ${tag.tag} at the same time; deleting this run's duplicate draft and updating release ${survivor.id}.`,
      );
      await port.deleteDraft(created.id);
      return update(survivor);
    }
  }
  return { version: tag.version, release: created, notes: created.body ?? notes ?? '', prerelease, result: 'created' };
}

/**
 * The fields of an update that differ from the release, or undefined when none does. Only those are sent: on a
 * repository with immutable releases a published release keeps its tag and assets, and re-sending flags it already
 * has asks GitHub for an edit nobody meant.
 */
export function changedFields(
  release: Release,
  wanted: { name: string; body: string; draft: boolean; prerelease: boolean },
): Partial<ReleaseFields> | undefined {
  const changes: Partial<ReleaseFields> = {};
  if (release.name !== wanted.name) changes.name = wanted.name;
  if ((release.body ?? '') !== wanted.body) changes.body = wanted.body;
  if (release.draft !== wanted.draft) changes.draft = wanted.draft;
  if (release.prerelease !== wanted.prerelease) changes.prerelease = wanted.prerelease;
  return Object.keys(changes).length === 0 ? undefined : changes;
}

/** The hints of a "no section" message, joined and in parentheses after a space; empty without any. */
function inParentheses(...hints: (string | undefined)[]): string {
  const text = hints.filter((h) => h !== undefined && h !== '').join('; ');
  return text ? ` (${text})` : '';
}

/** Check mode: the version must have a non-empty section. `reading`: how the changelog is read (`fast-path`). */
export function checkChangelog(
  changelog: string | undefined,
  path: string,
  version: string,
  missingHint?: string,
  reading: ReadOptions = {},
): string {
  const section =
    changelog === undefined ? undefined : readingChangelog(path, () => findVersionSection(changelog, version, reading));
  if (!section || section.ownBody.trim() === '') {
    const found =
      changelog === undefined
        ? 'the file does not exist'
        : readingChangelog(path, () => suggestNearest(changelog, version, reading));
    throw new NotFoundError(
      `${path} has no non-empty section for version ${version}${inParentheses(found, missingHint)}.`,
    );
  }
  return section.body;
}
