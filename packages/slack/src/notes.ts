import { chunksToBlocks, type Block } from './blocks';
import { escapeMrkdwn, safeLinkUrl } from './escape';
import { chunksToText, markdownToMrkdwnChunks } from './mrkdwn';
import { displayVersion, STATUS_LABEL, TEMPLATE_KEYS, type DeployContext } from './deploy-message';

/**
 * The Markdown half of deploy messages: the only module that needs the Markdown parser (markdown-it). Actions
 * load it on demand (only when there are notes or a custom template), which keeps their cold start free of it.
 */

/** Release notes (Markdown) as blocks, split at block boundaries within the section limit. */
export function notesBlocks(markdown: string): Block[] {
  return chunksToBlocks(markdownToMrkdwnChunks(markdown));
}

/** A URL as it may be placed inside Markdown link syntax: parsed, and with the characters that end a link target encoded. */
function markdownSafeUrl(value: string): string | undefined {
  if (safeLinkUrl(value) === undefined) return undefined;
  return new URL(value.trim()).href.replace(/[()<>\s\\[\]]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** A custom template rendered as Markdown → mrkdwn, with placeholder values escaped after rendering. */
export function renderTemplate(text: string, ctx: DeployContext): string {
  const values: Record<(typeof TEMPLATE_KEYS)[number], string | undefined> = {
    version: displayVersion(ctx.version),
    environment: ctx.environment,
    actor: ctx.actor,
    run_url: ctx.runUrl,
    release_url: ctx.releaseUrl,
    reason: ctx.reason,
    status: STATUS_LABEL[ctx.status],
  };
  const tokens = new Map<string, string>();
  // URLs go into the Markdown itself (so `[run]({run_url})` links) but only when they are http(s);
  // every other value becomes an inert token that is swapped for its escaped text after rendering, so a
  // value can neither add Markdown formatting nor a Slack control sequence.
  const source = text.replace(/\{([a-z_]+)\}/g, (whole, key: string) => {
    if (!(TEMPLATE_KEYS as readonly string[]).includes(key)) return whole;
    const value = values[key as keyof typeof values] ?? '';
    if (key === 'run_url' || key === 'release_url') {
      const url = value === '' ? undefined : markdownSafeUrl(value);
      if (url !== undefined) return url;
    }
    const token = `zqshipshape${tokens.size}zq`;
    tokens.set(token, escapeMrkdwn(value.replace(/\s+/g, ' ')));
    return token;
  });
  const rendered = chunksToText(markdownToMrkdwnChunks(source));
  return rendered.replace(/zqshipshape\d+zq/g, (token) => tokens.get(token) ?? '');
}

