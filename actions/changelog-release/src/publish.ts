import semver from 'semver';
import { findVersionSection, suggestNearest } from '@shipshape/changelog';
import { NotFoundError, type Logger } from '@shipshape/kit';
import { AlreadyExistsError, type Release, type ReleaseFields, type ReleasesPort } from './github-port';
import { fillTemplate, parseTag, type TagInfo } from './tag';

export const MAX_BODY = 125_000;

export interface PublishSettings {
  tag: string;
  tagPattern: string;
  changelogPath: string;
  draft: boolean;
  publish: boolean;
  prerelease: boolean | undefined;
  makeLatest: boolean | undefined;
  title: string;
  targetCommitish: string | undefined;
  onMissing: 'fail' | 'generate' | 'link';
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

/** Cuts a body over the limit at the last whole list item or subsection that fits, then adds a note. */
export function fitBody(notes: string, link: string, max = MAX_BODY): string {
  const footer = `\n\n---\n[Full changelog](${link})`;
  if (notes.length + footer.length <= max) return notes + footer;
  const note = `\n\n_The notes were cut to fit GitHub's ${max.toLocaleString('en-US')}-character limit; see the full changelog._`;
  const budget = max - footer.length - note.length;
  const lines = notes.split('\n');
  let cut = 0;
  let length = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (i > 0 && /^\s{0,3}(?:[-*+]\s|\d+[.)]\s|#)/.test(line) && length <= budget) cut = i;
    length += line.length + 1;
  }
  if (length <= budget) cut = lines.length;
  const kept = lines.slice(0, cut).join('\n').replace(/\s+$/, '');
  return kept + note + footer;
}

export function resolveChangelogPath(template: string, tag: TagInfo): string {
  return fillTemplate(template, { package: tag.package, version: tag.version });
}

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

async function findRelease(port: ReleasesPort, tag: string): Promise<{ release: Release | undefined; seen: Release[] }> {
  const first = await port.listFirstPage();
  const hit = first.releases.find((r) => r.tag_name === tag);
  if (hit || !first.full) return { release: hit, seen: first.releases };
  const all = await port.listAll();
  return { release: all.find((r) => r.tag_name === tag), seen: all };
}

export async function publishRelease(
  settings: PublishSettings,
  changelog: string | undefined,
  port: ReleasesPort,
  log: Logger,
): Promise<PublishResult> {
  const tag = parseTag(settings.tag, settings.tagPattern);
  const path = resolveChangelogPath(settings.changelogPath, tag);
  const section = changelog === undefined ? undefined : findVersionSection(changelog, tag.version);
  const prerelease = settings.prerelease ?? semver.prerelease(tag.version) !== null;
  const fileUrl = `${settings.serverUrl}/${settings.repository}/blob/${encodeURIComponent(tag.tag)}/${path}`;
  let notes: string | undefined;
  if (section) {
    notes = fitBody(section.body, `${fileUrl}#${section.anchor}`);
  } else if (settings.onMissing === 'fail') {
    const hint = changelog === undefined ? `the file was not found at ${tag.tag}` : suggestNearest(changelog, tag.version);
    throw new NotFoundError(`${path} has no section for version ${tag.version}${hint ? ` (${hint})` : ''}.`);
  } else if (settings.onMissing === 'link') {
    notes = `See the [changelog](${fileUrl}).`;
  }
  const title = fillTemplate(settings.title, { version: tag.version, package: tag.package ?? '', tag: tag.tag }).trim();
  const { release: existing, seen } = await findRelease(port, tag.tag);
  const makeLatest = settings.makeLatest ?? shouldBeLatest(tag.version, tag, settings.tagPattern, seen);
  const fields: ReleaseFields = {
    tag_name: tag.tag,
    name: title,
    draft: settings.draft,
    prerelease,
    make_latest: makeLatest && !prerelease ? 'true' : 'false',
    ...(notes === undefined ? { generate_release_notes: true } : { body: notes }),
    ...(settings.targetCommitish ? { target_commitish: settings.targetCommitish } : {}),
  };
  const update = async (release: Release): Promise<PublishResult> => {
    const draft = release.draft ? !settings.publish : false;
    const body = notes ?? release.body ?? '';
    const same = release.name === title && (release.body ?? '') === body && release.draft === draft && release.prerelease === prerelease;
    if (same) {
      log.info(`Release ${release.html_url} is already up to date.`);
      return { version: tag.version, release, notes: body, prerelease, result: 'unchanged' };
    }
    const updated = await port.update(release.id, { name: title, body, draft, prerelease, make_latest: fields.make_latest });
    return { version: tag.version, release: updated, notes: body, prerelease, result: 'updated' };
  };
  if (existing) return update(existing);
  try {
    const created = await port.create(fields);
    return { version: tag.version, release: created, notes: created.body ?? notes ?? '', prerelease, result: 'created' };
  } catch (error) {
    if (!(error instanceof AlreadyExistsError)) throw error;
    log.info(`Another run created the release for ${tag.tag} first; updating it.`);
    const again = (await port.listAll()).find((r) => r.tag_name === tag.tag);
    if (!again) throw error;
    return update(again);
  }
}

/** Check mode: the version must have a non-empty section. */
export function checkChangelog(changelog: string | undefined, path: string, version: string): string {
  const section = changelog === undefined ? undefined : findVersionSection(changelog, version);
  if (!section || section.ownBody.trim() === '') {
    const hint = changelog === undefined ? 'the file does not exist' : suggestNearest(changelog, version);
    throw new NotFoundError(`${path} has no non-empty section for version ${version}${hint ? ` (${hint})` : ''}.`);
  }
  return section.body;
}
