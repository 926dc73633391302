import { isVersionQuery } from '@shipshape/changelog';
import { ConfigError, InputError, quoteForMessage, type Inputs } from '@shipshape/kit';
import { checkRepositoryPath } from './changelog-path';
import { DEFAULT_TAG_PATTERN, compileTagPattern, tagForVersion, tagFromRef } from './tag';

export const INPUT = {
  token: 'token',
  tag: 'tag',
  tagPattern: 'tag-pattern',
  changelog: 'changelog',
  draft: 'draft',
  publish: 'publish',
  prerelease: 'prerelease',
  makeLatest: 'make-latest',
  title: 'title',
  targetCommitish: 'target-commitish',
  onMissing: 'on-missing',
  mode: 'mode',
  version: 'version',
  fastPath: 'fast-path',
  rollbackTo: 'rollback-to',
  reason: 'reason',
  base: 'base',
  bump: 'bump',
  preid: 'preid',
  push: 'push',
  releaseBranch: 'release-branch',
} as const;

export const MODES = ['publish', 'check', 'prepare', 'tag', 'merge-back', 'rollback', 'annotate'] as const;

export interface Settings {
  token: string;
  mode: 'publish' | 'check';
  tag: string | undefined;
  version: string | undefined;
  tagPattern: string;
  changelogPath: string;
  draft: boolean;
  publish: boolean;
  prerelease: boolean | undefined;
  makeLatest: boolean | undefined;
  /** Title template; undefined: `v{version}`, or `{package} v{version}` for a package tag. */
  title: string | undefined;
  targetCommitish: string | undefined;
  onMissing: 'fail' | 'generate' | 'link';
  /** False: the changelog is read by the full CommonMark parse only, never by the scanner's fast path. */
  fastPath: boolean;
  /**
   * The commit the tag points to when the run is the tag's own (a tag push or a release event, whose GITHUB_SHA is
   * that commit); undefined otherwise (a workflow_dispatch names a tag from a branch run).
   */
  tagSha: string | undefined;
}

/** Rollback mode: which release failed and which one to go back to; resolved only, nothing is written. */
export interface RollbackSettings {
  mode: 'rollback';
  token: string;
  /** The failed release's tag; undefined: the highest published full release. */
  tag: string | undefined;
  /** A tag or a version; undefined: the published full release before the failed one. */
  rollbackTo: string | undefined;
  tagPattern: string;
  /**
   * This workflow run (GITHUB_RUN_ID), undefined outside one: annotate writes it into the rollback note, and rollback
   * treats a release this run marked as still its failed release, so a re-run resolves the same pair.
   */
  runId: string | undefined;
}

/** Annotate mode: the failed release's notes say it was rolled back, and why. */
export interface AnnotateSettings extends Omit<RollbackSettings, 'mode'> {
  mode: 'annotate';
  /** Untrusted text (a workflow_dispatch input): shown as text in the note, never rendered. */
  reason: string | undefined;
}

/** Merge-back mode: one pull request bringing the run's branch back into `base`. */
export interface MergeBackSettings {
  mode: 'merge-back';
  token: string;
  base: string;
  head: string;
}

export const BUMPS = ['auto', 'major', 'minor', 'patch'] as const;

/** Prepare mode: the next version cut from the Unreleased section, as a release pull request or a commit and tag. */
export interface PrepareSettings {
  mode: 'prepare';
  token: string;
  bump: (typeof BUMPS)[number];
  preid: string | undefined;
  push: boolean;
  /** undefined: the repository's default branch. */
  base: string | undefined;
  releaseBranch: string;
  changelogPath: string;
  tagPattern: string;
  /** This workflow run (GITHUB_RUN_ID): names the scratch branch, so it cannot be a branch of the repository's own. */
  runId: string | undefined;
  /** False: the changelog is located and read by the full CommonMark parse only (the `fast-path` switch). */
  fastPath: boolean;
}

/** Tag mode: after a release pull request merges, the changelog's newest version gets its tag at the pushed commit. */
export interface TagSettings {
  mode: 'tag';
  token: string;
  changelogPath: string;
  tagPattern: string;
  /** The pushed commit (GITHUB_SHA): where the changelog is read and, without `target`, what the tag points to. */
  sha: string;
  /** `target-commitish`: a branch, tag or commit the tag points to instead (the changelog is then read there). */
  target: string | undefined;
  fastPath: boolean;
}

/** Every mode's settings; `Settings` is publish and check. */
export type ModeSettings =
  Settings | RollbackSettings | AnnotateSettings | MergeBackSettings | PrepareSettings | TagSettings;

interface EventPayload {
  action?: string;
  release?: { tag_name?: string };
  inputs?: { tag?: string };
  repository?: { default_branch?: string };
}

/** Reads the settings of the mode the `mode` input names, once, failing on the first bad input. */
export function readModeSettings(inputs: Inputs, env: NodeJS.ProcessEnv, payload: EventPayload): ModeSettings {
  const mode = inputs.oneOf(INPUT.mode, MODES, 'publish');
  switch (mode) {
    case 'publish':
    case 'check':
      return readSettings(inputs, env, payload);
    case 'rollback':
      return { mode, ...readRollbackTarget(inputs, env) };
    case 'annotate':
      return { mode, ...readRollbackTarget(inputs, env), reason: inputs.optionalRaw(INPUT.reason) };
    case 'merge-back':
      return readMergeBack(inputs, env);
    case 'prepare':
      return readPrepare(inputs, env, payload);
    case 'tag':
      return readTagMode(inputs, env);
  }
}

function requireToken(inputs: Inputs): string {
  const token = inputs.optional(INPUT.token);
  if (!token) throw new InputError(INPUT.token, 'a GitHub token (default: ${{ github.token }})');
  return token;
}

function readTagPattern(inputs: Inputs): string {
  const tagPattern = inputs.string(INPUT.tagPattern, DEFAULT_TAG_PATTERN);
  try {
    compileTagPattern(tagPattern);
  } catch {
    throw new InputError(
      INPUT.tagPattern,
      'a template with {version} (e.g. {package}@{version}) or a regular expression with a (?<version>...) group',
      tagPattern,
    );
  }
  return tagPattern;
}

/** The workflow run's id (GITHUB_RUN_ID, digits), or undefined outside a run. */
function runIdOf(env: NodeJS.ProcessEnv): string | undefined {
  const id = env.GITHUB_RUN_ID?.trim();
  return id && /^\d+$/.test(id) ? id : undefined;
}

function readRollbackTarget(inputs: Inputs, env: NodeJS.ProcessEnv): Omit<RollbackSettings, 'mode'> {
  const token = requireToken(inputs);
  const given = inputs.optional(INPUT.tag);
  return {
    token,
    tag: given === undefined ? undefined : (tagFromRef(given) ?? given),
    rollbackTo: inputs.optional(INPUT.rollbackTo),
    tagPattern: readTagPattern(inputs),
    runId: runIdOf(env),
  };
}

/**
 * A branch name as `git check-ref-format --branch` would take it (a leading `refs/heads/` is dropped): no space,
 * control character, `~ ^ : ? * [ \`, `..` or `@{`, no leading `-` or `/`, no trailing `/`, `.` or `.lock`.
 */
function readBranch(inputs: Inputs, name: string, fallback?: string): string | undefined {
  const given = inputs.optional(name);
  if (given === undefined) return fallback;
  const branch = given.replace(/^refs\/heads\//, '');
  const valid =
    // eslint-disable-next-line no-control-regex -- control characters are what git refuses
    !/[\u0000-\u0020\u007f~^:?*[\\]|\.\.|@\{|\/\/|^[-/]|\/$|\.$|\.lock$|(^|\/)\./.test(branch) && branch !== '@';
  if (!valid) throw new InputError(name, 'a branch name such as develop or release/1.x', given);
  return branch;
}

function readMergeBack(inputs: Inputs, env: NodeJS.ProcessEnv): MergeBackSettings {
  const token = requireToken(inputs);
  const base = readBranch(inputs, INPUT.base);
  if (base === undefined) throw new InputError(INPUT.base, 'the branch to merge back into, such as develop');
  const ref = env.GITHUB_REF ?? '';
  if (!ref.startsWith('refs/heads/')) {
    throw new ConfigError(
      `mode: merge-back merges the run's branch into '${base}', but this run is on ${ref ? quoteForMessage(ref) : 'no ref'}; run it on a push to a branch (e.g. hotfix/*).`,
    );
  }
  const head = ref.slice('refs/heads/'.length);
  if (head === base) throw new InputError(INPUT.base, `a branch other than the run's own (${head})`, base);
  return { mode: 'merge-back', token, base, head };
}

/** One changelog file for the modes that cut or tag one version for the whole repository (no template). */
function readSingleChangelog(inputs: Inputs, mode: string): string {
  const changelog = inputs.string(INPUT.changelog, 'CHANGELOG.md');
  if (/\{(package|version)\}/.test(changelog)) {
    throw new InputError(
      INPUT.changelog,
      `one file for ${mode} mode, such as CHANGELOG.md (no {package} template)`,
      changelog,
    );
  }
  return checkRepositoryPath(changelog, INPUT.changelog);
}

/** A tag-pattern that names the tag of a version: the default (v{version}) or a template without {package}. */
function readVersionTagPattern(inputs: Inputs, mode: string): string {
  const tagPattern = readTagPattern(inputs);
  if (tagForVersion(tagPattern, '1.0.0') === undefined) {
    throw new InputError(
      INPUT.tagPattern,
      `a template that names the new tag in ${mode} mode, such as v{version} or release-{version} (no {package}, no regular expression)`,
      tagPattern,
    );
  }
  return tagPattern;
}

function readTagMode(inputs: Inputs, env: NodeJS.ProcessEnv): TagSettings {
  const token = requireToken(inputs);
  const changelogPath = readSingleChangelog(inputs, 'tag');
  const tagPattern = readVersionTagPattern(inputs, 'tag');
  const sha = env.GITHUB_SHA ?? '';
  const target = inputs.optional(INPUT.targetCommitish);
  if (!sha && target === undefined) {
    throw new ConfigError(
      'mode: tag tags the pushed commit, but GITHUB_SHA is not set; run it on a push, or pass `target-commitish`.',
    );
  }
  return {
    mode: 'tag',
    token,
    changelogPath,
    tagPattern,
    sha,
    target,
    fastPath: inputs.boolean(INPUT.fastPath, true),
  };
}

/**
 * A pre-release id as @shipshape/changelog's prepareChangelog takes it: a letter, then letters, digits and hyphens
 * (semver.org item 9 allows more, but 1rc or -rc would read as a number or a separator in 1.5.0-rc.0). The same rule
 * here, so a bad id is blamed on `preid` before anything is read.
 */
export const PREID = /^[A-Za-z][0-9A-Za-z-]*$/;

function readPrepare(inputs: Inputs, env: NodeJS.ProcessEnv, payload: EventPayload): PrepareSettings {
  const token = requireToken(inputs);
  const bump = inputs.oneOf(INPUT.bump, BUMPS, 'auto');
  const preid = inputs.optional(INPUT.preid);
  if (preid !== undefined && !PREID.test(preid)) {
    throw new InputError(
      INPUT.preid,
      'a pre-release id of letters, digits and hyphens starting with a letter, such as rc or beta',
      preid,
    );
  }
  const changelogPath = readSingleChangelog(inputs, 'prepare');
  const tagPattern = readVersionTagPattern(inputs, 'prepare');
  const base = readBranch(inputs, INPUT.base, payload.repository?.default_branch || undefined);
  const releaseBranch = readBranch(inputs, INPUT.releaseBranch, 'shipshape/release') ?? 'shipshape/release';
  if (releaseBranch === base)
    throw new InputError(INPUT.releaseBranch, `a branch other than the base (${base})`, releaseBranch);
  return {
    mode: 'prepare',
    token,
    bump,
    preid,
    push: inputs.boolean(INPUT.push, false),
    base,
    releaseBranch,
    changelogPath,
    tagPattern,
    runId: runIdOf(env),
    fastPath: inputs.boolean(INPUT.fastPath, true),
  };
}

/** Publish and check mode. */
export function readSettings(inputs: Inputs, env: NodeJS.ProcessEnv, payload: EventPayload): Settings {
  const mode = inputs.oneOf(INPUT.mode, ['publish', 'check'] as const, 'publish');
  if (payload.release && payload.action === 'deleted') {
    // Re-creating a release someone just deleted would undo their decision.
    throw new ConfigError(
      'This run was triggered by a deleted release; run changelog-release on tag pushes or on `release: [created, published]`.',
    );
  }
  const given = inputs.optional(INPUT.tag) ?? payload.release?.tag_name ?? payload.inputs?.tag;
  const tag = given === undefined ? tagFromRef(env.GITHUB_REF) : (tagFromRef(given) ?? given);
  const token = inputs.optional(INPUT.token) ?? '';
  if (mode === 'publish' && !token) throw new InputError(INPUT.token, 'a GitHub token (default: ${{ github.token }})');
  if (mode === 'publish' && !tag) {
    throw new InputError(INPUT.tag, 'a tag: run on a tag push or a release event, or pass `tag`');
  }
  const tagPattern = readTagPattern(inputs);
  const version = inputs.optional(INPUT.version);
  if (version !== undefined && !isVersionQuery(version)) {
    throw new InputError(INPUT.version, 'a version such as 1.2.3 (also 1.0.0-rc.1; a leading v is accepted)', version);
  }
  return {
    token,
    mode,
    tag,
    version,
    tagPattern,
    changelogPath: inputs.string(INPUT.changelog, 'CHANGELOG.md'),
    draft: inputs.boolean(INPUT.draft, false),
    publish: inputs.boolean(INPUT.publish, false),
    prerelease: inputs.tristate(INPUT.prerelease),
    makeLatest: inputs.tristate(INPUT.makeLatest),
    title: inputs.optional(INPUT.title),
    targetCommitish: inputs.optional(INPUT.targetCommitish),
    onMissing: inputs.oneOf(INPUT.onMissing, ['fail', 'generate', 'link'] as const, 'fail'),
    fastPath: inputs.boolean(INPUT.fastPath, true),
    tagSha: tag !== undefined && env.GITHUB_REF === `refs/tags/${tag}` ? env.GITHUB_SHA || undefined : undefined,
  };
}
