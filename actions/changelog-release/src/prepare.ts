import semver from 'semver';
import { MarkdownTooComplexError } from '@shipshape/markdown';
import {
  findVersionSection,
  listVersions,
  prepareChangelog,
  PrepareError,
  type PrepareOption,
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
import { createVersionTag } from './tag-version';

export type PreparePort = Pick<
  RepositoryPort,
  | 'defaultBranch'
  | 'branchHead'
  | 'getFile'
  | 'putFile'
  | 'listTags'
  | 'commitOf'
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
      fastPath: settings.fastPath,
    });
  } catch (error) {
    if (!isChangelogError(error)) throw error;
    if (error instanceof PrepareError && error.option !== undefined) throw optionError(error, error.option);
    // Nothing under Unreleased after push: true: the version was cut on an earlier run (or attempt), whose tag may
    // be missing if the commit landed and the tag create failed.
    if (settings.push && unreleasedContent(file.text) === undefined) {
      const cut = await tagCutVersion(settings, { base, baseSha, text: file.text }, port, log);
      if (cut) return cut;
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
    scratch: scratchBranch(settings),
  });
  const title = `Release ${tag}`;
  const body = releasePullBody({ ...common, path, date, releaseBranch: settings.releaseBranch });
  const { pull, created, updated } = await upsertPull(port, settings.releaseBranch, base, title, body);
  const result = created ? 'created' : changed || updated ? 'updated' : 'unchanged';
  return { ...common, sha, pull, result };
}

/** A refused option is blamed on the input it came from; the date is the runner's clock, no input. */
function optionError(error: PrepareError, option: PrepareOption): ShipshapeError {
  const sentence = /[.!?]$/.test(error.message) ? error.message : `${error.message}.`;
  if (option === 'date')
    return new ConfigError(`Today's date (from the runner's clock): ${sentence}`, { cause: error });
  const input = option === 'bump' ? INPUT.bump : INPUT.preid;
  return new ConfigError(`Input '${input}' is invalid: ${sentence}`, { cause: error });
}

/**
 * The newest version of a changelog already cut on base, as tag mode would tag it: a missing tag is created at base's
 * head (the version's heading is there, so that commit or one before it introduced it) and the result is `created`;
 * a tag base contains is `unchanged`, whatever landed on base since; a tag base does not contain is an error.
 * undefined when the changelog has no version at all (the caller's error stands).
 */
async function tagCutVersion(
  settings: PrepareSettings,
  at: { base: string; baseSha: string; text: string },
  port: PreparePort,
  log: Logger,
): Promise<PrepareResult | undefined> {
  const { base, baseSha, text } = at;
  const versions = listVersions(text, { fastPath: settings.fastPath });
  const version = versions[0];
  if (version === undefined) return undefined;
  const tag = tagForVersion(settings.tagPattern, version) ?? `v${version}`;
  const made = await createVersionTag(port, tag, baseSha);
  const result = {
    version,
    previousVersion: versions[1],
    tag,
    base,
    sha: made.sha,
    pull: undefined,
    notes: findVersionSection(text, version, { fastPath: settings.fastPath })?.body ?? '',
  };
  if (made.created) {
    log.info(`Tagged ${baseSha} on ${base} as ${tag}: the version was committed on an earlier run, untagged.`);
    return { ...result, result: 'created' };
  }
  const comparison = made.sha === baseSha ? undefined : await port.compare(made.sha, baseSha);
  if (made.sha !== baseSha && comparison?.status !== 'ahead') {
    throw new ConfigError(
      `Version ${version} is the newest in ${settings.changelogPath} on ${base}, but the tag ${quoteForMessage(tag)} names ${made.sha}, which ${base} does not contain; add entries under Unreleased for a new version, or move the tag.`,
    );
  }
  log.info(`${tag} is on ${base} already: nothing new to release.`);
  return { ...result, result: 'unchanged' };
}

/**
 * The branch the release commit is made on before the release branch moves to it: named for this run under a
 * shipshape prefix, so it cannot be a branch of the repository's own (a `release-next` next to `release`, say), which
 * the forced reset and the delete would destroy. Outside a workflow run (no run id) it is `local`.
 */
function scratchBranch(settings: PrepareSettings): string {
  return `shipshape-scratch/${settings.runId ?? 'local'}/${settings.releaseBranch}`;
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
  commit: { path: string; message: string; port: PreparePort; scratch: string },
): Promise<{ sha: string; changed: boolean }> {
  const { path, message, port, scratch } = commit;
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
  try {
    await port.createRef(`heads/${scratch}`, baseSha);
  } catch (error) {
    if (!(error instanceof RefExistsError)) throw error;
    // Left over by this run's earlier attempt, stopped half-way (the name is this run's): it starts again at base.
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
