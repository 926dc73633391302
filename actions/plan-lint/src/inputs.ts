import { InputError, type Inputs } from '@shipshape/kit';
import { PRESETS, presetNames } from './preset';

export const INPUT = {
  token: 'token',
  template: 'template',
  config: 'config',
  preset: 'preset',
  comment: 'comment',
  failOnWip: 'fail-on-wip',
  skipLabels: 'skip-labels',
  skipAuthors: 'skip-authors',
} as const;

export const DEFAULT_SKIP_LABELS = ['skip-plan-lint'];
export const DEFAULT_SKIP_AUTHORS = ['dependabot[bot]', 'renovate[bot]'];

/** Inputs win over the config file; undefined means "not given", so the config file or the default applies. */
export interface Settings {
  token: string;
  template: string | undefined;
  config: string | undefined;
  preset: string | undefined;
  comment: boolean;
  failOnWip: boolean | undefined;
  skipLabels: string[] | undefined;
  skipAuthors: string[] | undefined;
}

function repoPath(inputs: Inputs, name: string): string | undefined {
  const value = inputs.optional(name);
  if (value === undefined) return undefined;
  const clean = value.replace(/^\.\//, '');
  if (clean.startsWith('/') || clean.split('/').includes('..') || clean.includes('\0')) {
    throw new InputError(name, 'a path inside the repository (e.g. .github/pull_request_template.md)', value);
  }
  return clean;
}

export function readSettings(inputs: Inputs): Settings {
  const token = inputs.optional(INPUT.token);
  if (!token) throw new InputError(INPUT.token, 'a GitHub token (default: ${{ github.token }})');
  const preset = inputs.optional(INPUT.preset);
  if (preset !== undefined && PRESETS[preset] === undefined)
    throw new InputError(
      INPUT.preset,
      `one of ${presetNames()
        .map((p) => `'${p}'`)
        .join(', ')}`,
      preset,
    );
  const template = repoPath(inputs, INPUT.template);
  if (template !== undefined && preset !== undefined)
    throw new InputError(INPUT.preset, "nothing when 'template' is set (use one of them)", preset);
  const skipLabels = inputs.list(INPUT.skipLabels);
  const skipAuthors = inputs.list(INPUT.skipAuthors);
  return {
    token,
    template,
    config: repoPath(inputs, INPUT.config),
    preset,
    comment: inputs.boolean(INPUT.comment, false),
    failOnWip: inputs.tristate(INPUT.failOnWip),
    skipLabels: skipLabels.length > 0 ? skipLabels : undefined,
    skipAuthors: skipAuthors.length > 0 ? skipAuthors : undefined,
  };
}
