import { chunksToBlocks, context, divider, fieldsSection, header, LIMITS, section, type Block, type SlackMessage } from './blocks';
import { escapeMrkdwn, mrkdwnLink, plainText, safeLinkUrl } from './escape';
import { chunksToText, markdownToMrkdwnChunks, renderRoot } from './mrkdwn';
import { normalizeMarkdown, parseMarkdown } from '@shipshape/markdown/parse';

export const DEPLOY_STATUSES = ['started', 'succeeded', 'failed', 'cancelled', 'rolled-back', 'smoke-failed'] as const;
export type DeployStatus = (typeof DEPLOY_STATUSES)[number];

/** Outcomes that page people: failure mentions apply, and with a bot token they broadcast to the channel. */
export const FAILURE_STATUSES: readonly DeployStatus[] = ['failed', 'smoke-failed', 'rolled-back'];

export type Template = { kind: 'deploy' } | { kind: 'freeze' } | { kind: 'unfreeze' } | { kind: 'custom'; text: string };

/** Placeholders a custom template may use. Values are escaped; URL values are linked only when http(s). */
export const TEMPLATE_KEYS = ['version', 'environment', 'actor', 'run_url', 'release_url', 'reason', 'status'] as const;

export interface DeployContext {
  status: DeployStatus;
  template: Template;
  environment: string;
  version?: string;
  actor?: string;
  repository?: string;
  runUrl?: string;
  releaseUrl?: string;
  commitUrl?: string;
  commitSha?: string;
  compareUrl?: string;
  reason?: string;
  /** Canonical mention forms (validated from inputs): `<!here>`, `<@U…>`, `<!subteam^S…>`. */
  mentions?: readonly string[];
  elapsedMs?: number;
}

const STATUS_LABEL: Record<DeployStatus, string> = {
  started: 'In progress',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  'rolled-back': 'Rolled back',
  'smoke-failed': 'Smoke tests failed',
};

/** Shown version: `1.2.3` reads as `v1.2.3`; anything else as given. */
export function displayVersion(version: string | undefined): string | undefined {
  if (version === undefined || version.trim() === '') return undefined;
  const v = version.trim();
  return /^\d/.test(v) ? `v${v}` : v;
}

/** The headline, as plain text (headers and the notification text). */
export function headline(ctx: DeployContext): string {
  const v = displayVersion(ctx.version);
  const env = ctx.environment;
  const what = v ? `${v} to ${env}` : `to ${env}`;
  if (ctx.template.kind === 'freeze') return `🧊 Merge freeze: ${env}`;
  if (ctx.template.kind === 'unfreeze') return `🟢 Merge freeze lifted: ${env}`;
  switch (ctx.status) {
    case 'started':
      return `🚀 Deploying ${what}`;
    case 'succeeded':
      return `✅ Deployed ${what}`;
    case 'failed':
      return `❌ Deploy ${what} failed`;
    case 'cancelled':
      return `⚪ Deploy ${what} cancelled`;
    case 'rolled-back':
      return `↩️ Deploy ${what} rolled back`;
    case 'smoke-failed':
      return `🔥 Smoke tests failed after deploying ${what}`;
  }
}

export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}h ${m}m ${s}s` : m > 0 ? `${m}m ${s}s` : `${s}s`;
}

function links(ctx: DeployContext): string[] {
  const out: string[] = [];
  if (ctx.runUrl && safeLinkUrl(ctx.runUrl)) out.push(mrkdwnLink(ctx.runUrl, 'Workflow run'));
  if (ctx.releaseUrl && safeLinkUrl(ctx.releaseUrl)) out.push(mrkdwnLink(ctx.releaseUrl, 'Release'));
  if (ctx.compareUrl && safeLinkUrl(ctx.compareUrl)) out.push(mrkdwnLink(ctx.compareUrl, 'Changes'));
  else if (ctx.commitUrl && safeLinkUrl(ctx.commitUrl)) out.push(mrkdwnLink(ctx.commitUrl, `Commit ${(ctx.commitSha ?? '').slice(0, 7)}`.trim()));
  return out;
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
  // every other value becomes an inert token that is swapped for its escaped text after rendering.
  const source = text.replace(/\{([a-z_]+)\}/g, (whole, key: string) => {
    if (!(TEMPLATE_KEYS as readonly string[]).includes(key)) return whole;
    const value = values[key as keyof typeof values] ?? '';
    if ((key === 'run_url' || key === 'release_url') && value !== '' && safeLinkUrl(value)) return value;
    const token = `zqshipshape${tokens.size}zq`;
    tokens.set(token, escapeMrkdwn(value));
    return token;
  });
  const rendered = chunksToText(renderRoot(parseMarkdown(normalizeMarkdown(source))));
  return rendered.replace(/zqshipshape\d+zq/g, (token) => tokens.get(token) ?? '');
}

function bodyText(ctx: DeployContext): string | undefined {
  const parts: string[] = [];
  if (ctx.template.kind === 'freeze') {
    parts.push('*Please hold off on merging anything until further notice.*');
    if (ctx.reason) parts.push(`*Reason:* ${escapeMrkdwn(ctx.reason)}`);
    if (ctx.actor) parts.push(`Requested by ${escapeMrkdwn(ctx.actor)}`);
  } else if (ctx.template.kind === 'unfreeze') {
    parts.push('*The deployment is complete — you may resume merging.*');
    if (ctx.reason) parts.push(escapeMrkdwn(ctx.reason));
  } else if (ctx.template.kind === 'custom') {
    parts.push(renderTemplate(ctx.template.text, ctx));
  } else if (ctx.reason) {
    parts.push(`*Reason:* ${escapeMrkdwn(ctx.reason)}`);
  }
  const text = parts.join('\n').trim();
  return text === '' ? undefined : cutSection(text);
}

function cutSection(text: string): string {
  return text.length <= LIMITS.sectionText ? text : `${text.slice(0, LIMITS.sectionText - 1)}…`.replace(/&[a-z]{0,4}…$/, '…').replace(/<[^>]*…$/, '…');
}

/** The notification text (shown in push notifications and by clients that cannot draw blocks). */
export function fallbackText(ctx: DeployContext, mentions: readonly string[] = ctx.mentions ?? []): string {
  const by = ctx.actor ? ` (by ${escapeMrkdwn(ctx.actor)})` : '';
  const elapsed = ctx.elapsedMs !== undefined && ctx.status !== 'started' ? ` after ${formatElapsed(ctx.elapsedMs)}` : '';
  const mention = mentions.length > 0 ? `${mentions.join(' ')} ` : '';
  return `${mention}${escapeMrkdwn(headline(ctx))}${elapsed}${by}`;
}

/** The main message of a deploy (or freeze): header, mentions, fields, template body, links. No notes. */
export function buildMainMessage(ctx: DeployContext, options: { mentions?: readonly string[] } = {}): SlackMessage {
  const mentions = options.mentions ?? ctx.mentions ?? [];
  const blocks: Block[] = [header(headline(ctx))];
  if (mentions.length > 0) blocks.push(section(mentions.join(' ')));
  const body = bodyText(ctx);
  if (body) blocks.push(section(body));
  const fields: string[] = [`*Environment*\n${escapeMrkdwn(ctx.environment)}`];
  const v = displayVersion(ctx.version);
  if (v) fields.push(`*Version*\n${escapeMrkdwn(v)}`);
  if (ctx.template.kind !== 'freeze' && ctx.template.kind !== 'unfreeze') fields.push(`*Status*\n${STATUS_LABEL[ctx.status]}`);
  if (ctx.actor) fields.push(`*Triggered by*\n${escapeMrkdwn(ctx.actor)}`);
  if (ctx.elapsedMs !== undefined && ctx.status !== 'started') fields.push(`*Elapsed*\n${formatElapsed(ctx.elapsedMs)}`);
  if (ctx.commitSha) fields.push(`*Commit*\n${mrkdwnLink(ctx.commitUrl, ctx.commitSha.slice(0, 7))}`);
  blocks.push(fieldsSection(fields));
  const linkList = links(ctx);
  if (linkList.length > 0) blocks.push(context([linkList.join('  ·  ')]));
  return { text: fallbackText(ctx, mentions), blocks, unfurl_links: false, unfurl_media: false };
}

/** Release notes (Markdown) as blocks, split at block boundaries within the section limit. */
export function notesBlocks(markdown: string): Block[] {
  return chunksToBlocks(markdownToMrkdwnChunks(markdown));
}

function moreLink(ctx: DeployContext): string {
  const target = ctx.releaseUrl && safeLinkUrl(ctx.releaseUrl) ? mrkdwnLink(ctx.releaseUrl, 'the full release notes') : ctx.runUrl && safeLinkUrl(ctx.runUrl) ? mrkdwnLink(ctx.runUrl, 'the workflow run') : undefined;
  return `_The notes are longer than one Slack message${target ? ` — read ${target}` : ''}._`;
}

/**
 * A webhook message (no threads, no edits): the main message plus as much of the notes as fits in one
 * message, then a line linking to the full release.
 */
export function buildWebhookMessage(ctx: DeployContext, notesMarkdown?: string, options: { mentions?: readonly string[] } = {}): SlackMessage {
  const main = buildMainMessage(ctx, options);
  if (!notesMarkdown || notesMarkdown.trim() === '') return main;
  const notes = notesBlocks(notesMarkdown);
  if (notes.length === 0) return main;
  const room = LIMITS.blocksPerMessage - main.blocks.length - 1;
  const fits = notes.length <= room;
  const kept = fits ? notes : notes.slice(0, room - 1);
  return { ...main, blocks: [...main.blocks, divider(), ...kept, ...(fits ? [] : [section(moreLink(ctx))])].filter((b, i, all) => !(b.type === 'divider' && all[i + 1]?.type === 'divider')) };
}

/** Thread replies carrying the notes, each within the block limit; every reply has a text fallback. */
export function buildNotesReplies(ctx: DeployContext, notesMarkdown: string): SlackMessage[] {
  const blocks = notesBlocks(notesMarkdown).filter((b, i) => !(b.type === 'divider' && i === 0));
  const per = LIMITS.blocksPerMessage - 1;
  const groups: Block[][] = [];
  for (let i = 0; i < blocks.length; i += per) groups.push(blocks.slice(i, i + per));
  const v = displayVersion(ctx.version);
  return groups.map((group, i) => {
    const title = `Release notes${v ? ` for ${v}` : ''}${groups.length > 1 ? ` (${i + 1}/${groups.length})` : ''}`;
    const trimmed = group.filter((b, j, all) => b.type !== 'divider' || (j > 0 && j < all.length - 1));
    return { text: escapeMrkdwn(title), blocks: [header(plainText(title)), ...trimmed], unfurl_links: false, unfurl_media: false };
  });
}

/** The thread reply (broadcast to the channel) that tells people a deploy failed, with its mentions. */
export function buildAlertReply(ctx: DeployContext, mentions: readonly string[]): SlackMessage {
  const text = fallbackText(ctx, mentions);
  const linkList = links(ctx);
  const blocks: Block[] = [section(`${mentions.length > 0 ? `${mentions.join(' ')} ` : ''}*${escapeMrkdwn(headline(ctx))}*${ctx.reason ? `\n*Reason:* ${escapeMrkdwn(ctx.reason)}` : ''}`.slice(0, LIMITS.sectionText))];
  if (linkList.length > 0) blocks.push(context([linkList.join('  ·  ')]));
  return { text, blocks, unfurl_links: false, unfurl_media: false };
}

/** The thread reply (broadcast) that lifts a freeze. */
export function buildUnfreezeReply(ctx: DeployContext, mentions: readonly string[]): SlackMessage {
  const line = '*The deployment is complete — you may resume merging.*';
  const blocks: Block[] = [section(`${mentions.length > 0 ? `${mentions.join(' ')} ` : ''}${line}${ctx.reason ? `\n${escapeMrkdwn(ctx.reason)}` : ''}`.slice(0, LIMITS.sectionText))];
  const linkList = links(ctx);
  if (linkList.length > 0) blocks.push(context([linkList.join('  ·  ')]));
  return { text: `${mentions.length > 0 ? `${mentions.join(' ')} ` : ''}The deployment is complete — you may resume merging.`, blocks, unfurl_links: false, unfurl_media: false };
}

/** The freeze message after the freeze is lifted (edited in place). */
export function buildLiftedFreezeMessage(ctx: DeployContext): SlackMessage {
  const main = buildMainMessage({ ...ctx, template: { kind: 'unfreeze' } }, { mentions: [] });
  return main;
}
