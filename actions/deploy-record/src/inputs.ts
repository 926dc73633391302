import { ConfigError, InputError, quoteForMessage, truncate, type Inputs } from '@shipshape/kit';
import { OUTCOMES, type Outcome } from './outcome';
import { BUILT_IN_TEMPLATE, checkTemplate } from './template';
import { parseTimeline, type Timeline } from './timeline';

export const INPUT = {
  token: 'token',
  timeline: 'timeline',
  outcome: 'outcome',
  reason: 'reason',
  permalink: 'permalink',
  postmortem: 'postmortem',
  template: 'template',
  title: 'title',
  labels: 'labels',
} as const;

export interface Settings {
  /** Only with `postmortem`. */
  token: string | undefined;
  timeline: Timeline;
  outcome: Outcome;
  /** Untrusted text (a workflow_dispatch input): shown as text, never rendered. */
  reason: string | undefined;
  /** An https link to the Slack message, or undefined. */
  permalink: string | undefined;
  postmortem: boolean;
  /** The issue body's template: the repository's file or the built-in one (read only with `postmortem`). */
  template: { source: string; text: string };
  title: string | undefined;
  labels: string[];
}

export interface SettingsContext {
  /** Reads a file in the workspace for `template` (kit's confined reader); undefined when it does not exist. */
  readFile(path: string): string | undefined;
}

/** A reason is a sentence or a paragraph; beyond this it is cut. */
export const MAX_REASON_CHARS = 2000;
/** A label is a word or two (GitHub's label names are short); beyond this it is a mistake in the workflow. */
export const MAX_LABEL_NAME_CHARS = 50;
export const MAX_LABELS = 20;
export const BUILT_IN = 'the built-in template';

function readPermalink(inputs: Inputs): string | undefined {
  const value = inputs.optional(INPUT.permalink);
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || url.protocol !== 'https:' || /\s/.test(value))
    throw new InputError(
      INPUT.permalink,
      'an https link to the Slack message (deploy-notify’s `permalink` output)',
      value,
    );
  return url.href;
}

function readLabels(inputs: Inputs): string[] {
  const labels: string[] = [];
  for (const label of inputs.list(INPUT.labels)) {
    if (label.length > MAX_LABEL_NAME_CHARS)
      throw new InputError(INPUT.labels, `label names of at most ${MAX_LABEL_NAME_CHARS} characters`, label);
    if (!labels.some((known) => known.toLowerCase() === label.toLowerCase())) labels.push(label);
  }
  if (labels.length > MAX_LABELS) throw new InputError(INPUT.labels, `at most ${MAX_LABELS} labels`, labels.join(', '));
  return labels;
}

function readTemplate(inputs: Inputs, context: SettingsContext, postmortem: boolean): Settings['template'] {
  const path = inputs.optional(INPUT.template);
  if (path === undefined || !postmortem) return { source: BUILT_IN, text: BUILT_IN_TEMPLATE };
  const text = context.readFile(path);
  if (text === undefined)
    throw new ConfigError(
      `Input 'template': ${quoteForMessage(path)} does not exist in the workspace; check the repository out before ` +
        'this step (actions/checkout), or leave `template` empty for the built-in template.',
    );
  // Checked now, before anything is written: a typo would otherwise reach the issue as literal braces.
  checkTemplate(text, path);
  return { source: path, text };
}

/** Reads every input once, failing on the first bad one (and on a bad template, before anything is written). */
export function readSettings(inputs: Inputs, context: SettingsContext): Settings {
  const postmortem = inputs.boolean(INPUT.postmortem, false);
  const token = inputs.optional(INPUT.token);
  if (postmortem && token === undefined)
    throw new InputError(INPUT.token, 'a GitHub token for `postmortem: true` (default: ${{ github.token }})');
  const reason = inputs.optionalRaw(INPUT.reason)?.trim();
  const title = inputs.optional(INPUT.title)?.replace(/\s+/g, ' ');
  return {
    token,
    timeline: parseTimeline(inputs.optionalRaw(INPUT.timeline)),
    outcome: inputs.oneOf(INPUT.outcome, OUTCOMES, 'success'),
    reason: reason === undefined ? undefined : truncate(reason, MAX_REASON_CHARS),
    permalink: readPermalink(inputs),
    postmortem,
    template: readTemplate(inputs, context, postmortem),
    title,
    labels: readLabels(inputs),
  };
}
