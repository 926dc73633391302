import { chunksToBlocks, type Block } from './blocks';
import { disguisesTarget } from './disguise';
import { escapeMrkdwn, safeLinkUrl } from './escape';
import { chunksToText, markdownToMrkdwnChunks } from './mrkdwn';
import { displayVersion, STATUS_LABEL, type DeployContext } from './deploy-message';
import { assertKnownPlaceholders, emptyPlaceholders, type TemplateKey } from './placeholders';

export { KNOWN_PLACEHOLDERS_TEXT, UnknownPlaceholderError, emptyPlaceholdersWarning } from './placeholders';

/**
 * The Markdown half of deploy messages: the only module that needs the Markdown parser (markdown-it). Actions
 * load it on demand (only when there are notes or a custom template), which keeps their cold start free of it.
 */

/** Release notes (Markdown) as blocks, split at block boundaries within the section limit. */
export function notesBlocks(markdown: string): Block[] {
  return chunksToBlocks(markdownToMrkdwnChunks(markdown));
}

/**
 * A URL as it may be placed inside Markdown link syntax: parsed, and with the characters that end a link target
 * encoded.
 */
function markdownSafeUrl(value: string): string | undefined {
  if (safeLinkUrl(value) === undefined) return undefined;
  return new URL(value.trim()).href.replace(
    /[()<>\s\\[\]]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/** What each placeholder of a custom template stands for in this message. */
function placeholderValues(ctx: DeployContext): Record<TemplateKey, string | undefined> {
  return {
    version: displayVersion(ctx.version),
    environment: ctx.environment,
    actor: ctx.actor,
    run_url: ctx.runUrl,
    release_url: ctx.releaseUrl,
    reason: ctx.reason,
    status: STATUS_LABEL[ctx.status],
  };
}

/**
 * The placeholders a custom template uses that are empty in this message (no `reason` given, no release URL…): they
 * render as nothing, which the caller reports as a warning rather than sending a sentence with a hole unannounced.
 */
export function emptyTemplatePlaceholders(text: string, ctx: DeployContext): TemplateKey[] {
  return emptyPlaceholders(text, placeholderValues(ctx));
}

/**
 * A custom template rendered as Markdown → mrkdwn, with placeholder values escaped after rendering. A placeholder that
 * does not exist is an UnknownPlaceholderError (naming it and the known ones), never sent as literal braces.
 */
export function renderTemplate(text: string, ctx: DeployContext): string {
  assertKnownPlaceholders(text);
  const values = placeholderValues(ctx);
  const tokens = new Map<string, string>();
  // URLs go into the Markdown itself (so `[run]({run_url})` links) but only when they are http(s);
  // every other value becomes an inert token that is swapped for its text after rendering, so a
  // value can neither add Markdown formatting nor a Slack control sequence.
  const source = text.replace(/\{([a-z_]+)\}/g, (_whole, key: string) => {
    const value = values[key as TemplateKey] ?? '';
    if (key === 'run_url' || key === 'release_url') {
      const url = value === '' ? undefined : markdownSafeUrl(value);
      if (url !== undefined) return url;
    }
    const token = `zqshipshape${tokens.size}zq`;
    tokens.set(token, value.replace(/\s+/g, ' '));
    return token;
  });
  return substituteTokens(chunksToText(markdownToMrkdwnChunks(source)), tokens);
}

const TOKEN = /zqshipshape\d+zq/g;
/** A link sequence of rendered mrkdwn (`<url>` or `<url|label>`), or a token outside one. */
const LINK_OR_TOKEN = /<([^<>|]*)(?:\|([^<>]*))?>|zqshipshape\d+zq/g;

/**
 * Puts the placeholder values into the rendered template, each as its place needs it, in one pass (an inserted value
 * is never scanned again): in a link's URL percent-encoded (a `|` or `>` there would end the URL or the link and make
 * the rest of the value the label); in a link's label escaped, with `|` drawn as `∣` (so it cannot read as a second
 * separator), and the label judged again (a value reading as another address shows the real target); elsewhere escaped.
 */
function substituteTokens(rendered: string, tokens: ReadonlyMap<string, string>): string {
  const asText = (token: string): string => escapeMrkdwn(tokens.get(token) ?? '');
  return rendered.replace(LINK_OR_TOKEN, (whole, url: string | undefined, label: string | undefined) => {
    if (url === undefined) return asText(whole);
    const target = url.replace(TOKEN, (token) => encodeURIComponent(tokens.get(token) ?? ''));
    if (label === undefined) return `<${target}>`;
    const shown = label.replace(TOKEN, (token) => asText(token).replace(/\|/g, '∣'));
    if (shown.trim() === '') return `<${target}>`;
    return disguisesTarget(shown, target) ? `${shown} (<${target}>)` : `<${target}|${shown}>`;
  });
}
