import { ShipshapeError } from '@shipshape/kit';
import { TEMPLATE_KEYS } from './deploy-message';

/**
 * The `{name}` placeholders of a custom template, checked before it is rendered. A placeholder-shaped word that is not
 * one of TEMPLATE_KEYS is a typo (`{versoin}`, `{run-url}`, `{Version}`): rendered as is, it would reach the channel
 * as literal braces, so it is an error. Kept apart from the renderer so the action's input reader can check a template
 * without loading the Markdown parser.
 */

export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

/** Anything that reads as a placeholder: a name in braces, including the typos a known key is likely to suffer. */
const PLACEHOLDER = /\{([A-Za-z_][\w-]*)\}/g;

const isKey = (name: string): name is TemplateKey => (TEMPLATE_KEYS as readonly string[]).includes(name);

/** The placeholder names a template uses, once each, in order of first use. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))];
}

/** The names used in a template that are not placeholders it may use. */
export function unknownPlaceholders(text: string): string[] {
  return placeholdersIn(text).filter((name) => !isKey(name));
}

/** `{version}, {environment}, …`: the placeholders a template may use, for messages. */
export const KNOWN_PLACEHOLDERS_TEXT = TEMPLATE_KEYS.map((key) => `{${key}}`).join(', ');

/** `{run-url}` → `{run_url}`: the known key an unknown name differs from only in case or separator. */
function nearestKey(name: string): TemplateKey | undefined {
  const folded = name.toLowerCase().replace(/-/g, '_');
  return TEMPLATE_KEYS.find((key) => key === folded);
}

/** `{versoin}, {run-url} (did you mean {run_url}?)`: the unknown names, each with its likely meaning if any. */
export function describeUnknownPlaceholders(unknown: readonly string[]): string {
  return unknown
    .map((name) => {
      const key = nearestKey(name);
      return key === undefined ? `{${name}}` : `{${name}} (did you mean {${key}}?)`;
    })
    .join(', ');
}

/** A custom template uses a placeholder that does not exist. The message names it and lists the known ones. */
export class UnknownPlaceholderError extends ShipshapeError {
  constructor(readonly unknown: readonly string[]) {
    super(
      `the template uses unknown placeholder${unknown.length === 1 ? '' : 's'} ${describeUnknownPlaceholders(unknown)}; ` +
        `the known placeholders are ${KNOWN_PLACEHOLDERS_TEXT}`,
    );
  }
}

/** Throws UnknownPlaceholderError when the template uses a name that is not a known placeholder. */
export function assertKnownPlaceholders(text: string): void {
  const unknown = unknownPlaceholders(text);
  if (unknown.length > 0) throw new UnknownPlaceholderError(unknown);
}

/** The known placeholders a template uses whose value is empty: they render as nothing, worth a warning. */
export function emptyPlaceholders(
  text: string,
  values: Readonly<Record<TemplateKey, string | undefined>>,
): TemplateKey[] {
  return placeholdersIn(text).filter((name): name is TemplateKey => isKey(name) && (values[name] ?? '').trim() === '');
}

/** The warning for the placeholders emptyPlaceholders found: which ones, and that they render as nothing. */
export function emptyPlaceholdersWarning(empty: readonly TemplateKey[]): string {
  const names = empty.map((name) => `{${name}}`);
  const list = names.length === 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1) ?? ''}`;
  return `the template's ${list} ${names.length === 1 ? 'is' : 'are'} empty in this message and render${names.length === 1 ? 's' : ''} as nothing`;
}
