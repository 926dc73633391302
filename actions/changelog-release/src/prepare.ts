import semver from 'semver';
import { MarkdownTooComplexError } from '@shipshape/markdown';
import {
  findVersionSection,
  listVersions,
  prepareChangelog,
  PrepareError,
  unreleasedContent,
} from '@shipshape/changelog';
import {
  ConfigError,
  InputError,
  NotFoundError,
  ShipshapeError,
  quoteForMessage,
  type Clock,
  type Logger,
} from '@shipshape/kit';
import { INPUT, type PrepareSettings } from './inputs';
import { PullExistsError, RefExistsError, type PullRequest, type RepositoryPort, type TagRef } from './repository-port';
import { releasePullBody } from './release-pull';
import { parseTag, tagForVersion } from './tag';

export type PreparePort = Pick<
  RepositoryPort,
  | 'defaultBranch'
  | 'branchHead'
  | 'getFile'
  | 'putFile'
  | 'listTags'
  | 'createRef'
  | 'updateRef'
  | 'deleteRef'
  | 'compare'
  | 'findOpenPull'
  | 'createPull'
  | 'updatePull'
>;

export interface PrepareResult {
  version: string;
  previousVersion: string | undefined;
  tag: string;
  base: string;
  /** The commit holding the prepared changelog: the release branch's head, or the commit on base that was tagged. */
  sha: string;
  /** The release pull request (push: false). */
  pull: PullRequest | undefined;
  /** The new version's section. */
  notes: string;
  result: 'created' | 'updated' | 'unchanged';
}

interface Prepared {
  version: string;
  previousVersion: string | undefined;
  text: string;
  notes: string;
}

/** The versions the repository's tags name (tags of other packages and tags the pattern does not read are left out). */
function taggedVersions(tags: TagRef[], pattern: string): Map<string, TagRef> {
  const versions = new Map<string, TagRef>();
  for (const tag of tags) {
    try {
      const info = parseTag(tag.name, pattern);
      if (info.package === undefined && semver.valid(info.version)) versions.set(info.version, tag);
    } catch {
      // Not a version tag.
    }
  }
  return versions;
}

const isChangelogError = (error: unknown): error is Error =>
  error instanceof PrepareError || error instanceof ShipshapeError || error instanceof MarkdownTooComplexError;

/**
 * Cuts the next version from the changelog's Unreleased section on `base`. push: false opens (or brings up to date)
 * one release pull request from `release-branch`; push: true commits the changelog on `base` and tags that commit.
 * A run with nothing new writes nothing.
 */
export async function prepareRelease(
  settings: PrepareSettings,
  port: PreparePort,
  clock: Clock,
  log: Logger,
): Promise<PrepareResult> {
  const base = settings.base ?? (await port.defaultBranch());
  const path = settings.changelogPath;
  const baseSha = await port.branchHead(base);
  if (!baseSha) throw new InputError(INPUT.base, 'a branch that exists in the repository', base);
  const file = await port.getFile(path, baseSha);
  if (!file) {
    throw new NotFoundError(
      `Input 'changelog': ${quoteForMessage(path)} does not exist on ${quoteForMessage(base)}; set \`changelog\` to the changelog's path.`,
    );
  }
  const tags = await port.listTags();
  const existing = taggedVersions(tags, settings.tagPattern);
  const date = new Date(clock.now()).toISOString().slice(0, 10);
  let prepared: Prepared;
  try {
    prepared = prepareChangelog(file.text, {
      bump: settings.bump,
      ...(settings.preid ? { preid: settings.preid } : {}),
      date,
      existingVersions: [...existing.keys()],
    });
  } catch (error) {
    if (!isChangelogError(error)) throw error;
    // A re-run after push: true finds nothing under Unreleased, and base's head tagged with a version the changelog
    // has: the version was cut, and nothing came after it.
    const versions = settings.push && unreleasedContent(file.text) === undefined ? listVersions(file.text) : [];
    const done = [...existing].find(([version, tag]) => tag.sha === baseSha && versions.includes(version));
    if (done) {
      const [version, tag] = done;
      log.info(`${base} is at ${tag.name} already: nothing new to release.`);
      return {
        version,
        previousVersion: versions[versions.indexOf(version) + 1],
        tag: tag.name,
        base,
        sha: baseSha,
        pull: undefined,
        notes: findVersionSection(file.text, version)?.body ?? '',
        result: 'unchanged',
      };
    }
    const sentence = /[.!?]$/.test(error.message) ? error.message : `${error.message}.`;
    throw new ConfigError(`Input 'changelog' (${path} on ${base}): ${sentence}`, { cause: error });
  }
  const tag = tagForVersion(settings.tagPattern, prepared.version) ?? `v${prepared.version}`;
  const taken = tags.find((t) => t.name === tag);
  if (taken) {
    throw new ConfigError(
      `Version ${prepared.version} already exists: the tag ${quoteForMessage(tag)} exists. Add entries under Unreleased, or choose another \`bump\`.`,
    );
  }
  const common = {
    version: prepared.version,
    previousVersion: prepared.previousVersion,
    tag,
    base,
    notes: prepared.notes,
  };
  const message = `Release ${tag}`;
  if (settings.push) {
    const sha = await port.putFile({ path, branch: base, text: prepared.text, message, sha: file.sha });
    try {
      await port.createRef(`tags/${tag}`, sha);
    } catch (error) {
      if (!(error instanceof RefExistsError)) throw error;
      throw new ConfigError(
        `Version ${prepared.version} already exists: the tag ${quoteForMessage(tag)} was created while this run prepared it (the changelog commit ${sha} is on ${base}, untagged).`,
      );
    }
    return { ...common, sha, pull: undefined, result: 'created' };
  }
  const { sha, changed } = await updateReleaseBranch(settings.releaseBranch, baseSha, prepared.text, file.sha, {
    path,
    message,
    port,
  });
  const title = `Release ${tag}`;
  const body = releasePullBody({ ...common, path, date, releaseBranch: settings.releaseBranch });
  const { pull, created, updated } = await upsertPull(port, settings.releaseBranch, base, title, body);
  const result = created ? 'created' : changed || updated ? 'updated' : 'unchanged';
  return { ...common, sha, pull, result };
}

/**
 * The release branch: base's head plus one commit with the prepared changelog. When it already is exactly that, it is
 * left alone. Otherwise the commit is made on a scratch branch started at base, and the release branch is then moved
 * onto it in one forced update: moving the branch of an open pull request to a commit base already has would make
 * GitHub mark the pull request merged and close it (Mergifyio/mergify-cli#1559 found a head that is an ancestor of its
 * base read as merged; grafana/mimir-prometheus#933 closes pull requests that way on purpose).
 */
async function updateReleaseBranch(
  branch: string,
  baseSha: string,
  text: string,
  blobSha: string,
  commit: { path: string; message: string; port: PreparePort },
): Promise<{ sha: string; changed: boolean }> {
  const { path, message, port } = commit;
  const head = await port.branchHead(branch);
  if (!head) {
    await port.createRef(`heads/${branch}`, baseSha);
    return { sha: await port.putFile({ path, branch, text, message, sha: blobSha }), changed: true };
  }
  const comparison = await port.compare(baseSha, head);
  if (comparison && comparison.aheadBy === 1 && comparison.behindBy === 0) {
    const held = await port.getFile(path, head);
    if (held?.text === text) return { sha: head, changed: false };
  }
  const scratch = `${branch}-next`;
  try {
    await port.createRef(`heads/${scratch}`, baseSha);
  } catch (error) {
    if (!(error instanceof RefExistsError)) throw error;
    // Left over by a run that stopped half-way: it is ours, and starts again at base.
    await port.updateRef(`heads/${scratch}`, baseSha, true);
  }
  const sha = await port.putFile({ path, branch: scratch, text, message, sha: blobSha });
  await port.updateRef(`heads/${branch}`, sha, true);
  await port.deleteRef(`heads/${scratch}`);
  return { sha, changed: true };
}

const sameText = (a: string | null, b: string): boolean => (a ?? '').replace(/\r\n?/g, '\n') === b;

async function upsertPull(
  port: PreparePort,
  head: string,
  base: string,
  title: string,
  body: string,
): Promise<{ pull: PullRequest; created: boolean; updated: boolean }> {
  let open = await port.findOpenPull(head, base);
  if (!open) {
    try {
      return { pull: await port.createPull({ head, base, title, body }), created: true, updated: false };
    } catch (error) {
      if (!(error instanceof PullExistsError)) throw error;
      // Opened by a concurrent run between our look and our create: bring that one up to date.
      open = await port.findOpenPull(head, base);
      if (!open) throw error;
    }
  }
  if (open.title === title && sameText(open.body, body)) return { pull: open, created: false, updated: false };
  return { pull: await port.updatePull(open.number, { title, body }), created: false, updated: true };
}
