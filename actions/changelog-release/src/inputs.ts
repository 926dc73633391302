import { isVersionQuery } from '@shipshape/changelog';
import { ConfigError, InputError, type Inputs } from '@shipshape/kit';
import { DEFAULT_TAG_PATTERN, compileTagPattern, tagFromRef } from './tag';

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
} as const;

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
}

interface EventPayload {
  action?: string;
  release?: { tag_name?: string };
  inputs?: { tag?: string };
}

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
  };
}
