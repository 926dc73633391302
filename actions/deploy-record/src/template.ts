import { ConfigError, quoteForMessage } from '@shipshape/kit';

/**
 * The postmortem issue's template: Markdown with `{name}` placeholders, the repository's own file or the built-in one.
 * The template's Markdown is the repository's and renders as written; every value put in a placeholder is already
 * escaped (see postmortem.ts). The rule for names is deploy-notify's: anything shaped like a placeholder that is not a
 * known one (`{reasn}`, `{run-url}`, `{Reason}`) is an error naming it, before anything is written, because it would
 * otherwise reach the issue as literal braces.
 */

export const PLACEHOLDERS = [
  'reason',
  'triggered_by',
  'approved_by',
  'commit',
  'timeline',
  'gantt',
  'outcome',
  'permalink',
  'run_url',
] as const;

export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Readonly<Record<Placeholder, string>>;

/** Anything that reads as a placeholder, including the typos a known name is likely to suffer. */
const PLACEHOLDER = /\{([A-Za-z_][\w-]*)\}/g;

const isPlaceholder = (name: string): name is Placeholder => (PLACEHOLDERS as readonly string[]).includes(name);

export const KNOWN_PLACEHOLDERS_TEXT = PLACEHOLDERS.map((name) => `{${name}}`).join(', ');

/** The placeholder-shaped names a template uses that are not placeholders, once each, in order of first use. */
export function unknownPlaceholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ''))].filter((name) => !isPlaceholder(name));
}

/** `{reasn}, {run-url} (did you mean {run_url}?)`. */
function describe(unknown: readonly string[]): string {
  return unknown
    .map((name) => {
      const folded = name.toLowerCase().replace(/-/g, '_');
      return isPlaceholder(folded) ? `{${name}} (did you mean {${folded}}?)` : `{${name}}`;
    })
    .join(', ');
}

/** Throws a ConfigError naming the template, the `template` input and every unknown placeholder. */
export function checkTemplate(text: string, source: string): void {
  const unknown = unknownPlaceholders(text);
  if (unknown.length === 0) return;
  throw new ConfigError(
    `Input 'template': ${quoteForMessage(source)} uses the unknown placeholder${unknown.length === 1 ? '' : 's'} ` +
      `${describe(unknown)}; the known placeholders are ${KNOWN_PLACEHOLDERS_TEXT}.`,
  );
}

/** Fills every placeholder in one pass, so a value that itself reads `{reason}` stays as it is. */
export function fillTemplate(text: string, values: PlaceholderValues): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => (isPlaceholder(name) ? values[name] : whole));
}

/** The built-in template: the facts first, then the headings a postmortem is written under. */
export const BUILT_IN_TEMPLATE = `## Deploy postmortem

- **Reason:** {reason}
- **Outcome:** {outcome}
- **Triggered by:** {triggered_by}
- **Approved by:** {approved_by}
- **Commit:** {commit}
- **Slack:** {permalink}
- **Run:** {run_url}

### Timeline

{timeline}

{gantt}

### What happened

<!-- Impact, how it was noticed, and why the deploy could not wait for the next release. -->

### Follow-ups

<!-- One task list item per action, with an owner. -->
`;
