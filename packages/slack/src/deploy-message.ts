import {
  blocksTextLength,
  blockTextLength,
  context,
  cutMrkdwn,
  divider,
  fieldsSection,
  header,
  LIMITS,
  section,
  type Block,
  type MessageMetadata,
  type SlackMessage,
} from './blocks';
import { escapeMrkdwn, mrkdwnLink, safeLinkUrl } from './escape';
import { rollbackPlanBlocks, roomAfter, type RollbackPlans } from './rollback-plans';

export const DEPLOY_STATUSES = [
  'started',
  'succeeded',
  'failed',
  'cancelled',
  'rolled-back',
  'smoke-failed',
  'deployed',
  'verified',
] as const;
export type DeployStatus = (typeof DEPLOY_STATUSES)[number];

/**
 * Where a status leaves the deploy: still going (`started`; `deployed`, which is out but not yet verified), done well
 * (`succeeded`, `verified`), gone wrong (failures page people: failure mentions apply, and with a bot token they
 * broadcast to the channel), or stopped (`cancelled`).
 */
export type StatusTone = 'pending' | 'success' | 'failure' | 'neutral';
export const STATUS_TONE: Record<DeployStatus, StatusTone> = {
  started: 'pending',
  deployed: 'pending',
  succeeded: 'success',
  verified: 'success',
  failed: 'failure',
  'smoke-failed': 'failure',
  'rolled-back': 'failure',
  cancelled: 'neutral',
};

export const FAILURE_STATUSES: readonly DeployStatus[] = DEPLOY_STATUSES.filter((s) => STATUS_TONE[s] === 'failure');
export const isFailure = (status: DeployStatus): boolean => STATUS_TONE[status] === 'failure';

/**
 * Failures that leave a choice to make (a rolled-back deploy has made it): the message says what the two ways out
 * are, in plain words, so that whoever reads the alert knows what to do next.
 */
export const CHOICE_STATUSES: readonly DeployStatus[] = ['failed', 'smoke-failed'];
export const FIX_FORWARD_OR_ROLL_BACK =
  '*What now?* Either fix forward: ship a hotfix release with the fix. Or roll back: run the rollback workflow, ' +
  'which redeploys the previous release.';

export type Template =
  { kind: 'deploy' } | { kind: 'freeze' } | { kind: 'unfreeze' } | { kind: 'custom'; text: string };

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
  /** A custom template's text, already rendered to escaped mrkdwn by renderTemplate. */
  customBody?: string;
}

export const STATUS_LABEL: Record<DeployStatus, string> = {
  started: 'In progress',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  'rolled-back': 'Rolled back',
  'smoke-failed': 'Smoke tests failed',
  deployed: 'Deployed, not yet verified',
  verified: 'Verified',
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
    case 'deployed':
      return `🟡 Deployed ${what}, not yet verified`;
    case 'verified':
      return `🟢 Verified ${v ? `${v} in ${env}` : `in ${env}`}`;
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
  else if (ctx.commitUrl && safeLinkUrl(ctx.commitUrl))
    out.push(mrkdwnLink(ctx.commitUrl, `Commit ${(ctx.commitSha ?? '').slice(0, 7)}`.trim()));
  return out;
}

function bodyText(ctx: DeployContext): string | undefined {
  const parts: string[] = [];
  if (ctx.template.kind === 'freeze') {
    parts.push('*Please hold off on merging anything until further notice.*');
    if (ctx.reason) parts.push(`*Reason:* ${escapeMrkdwn(ctx.reason)}`);
    if (ctx.actor) parts.push(`*Requested by:* ${escapeMrkdwn(ctx.actor)}`);
  } else if (ctx.template.kind === 'unfreeze') {
    parts.push('*The deployment is complete — you may resume merging.*');
    if (ctx.reason) parts.push(`*Reason:* ${escapeMrkdwn(ctx.reason)}`);
  } else if (ctx.template.kind === 'custom') {
    // Rendered from Markdown beforehand (see renderTemplate in ./notes), so this module needs no parser.
    if (ctx.customBody) parts.push(ctx.customBody);
  } else if (ctx.reason) {
    parts.push(`*Reason:* ${escapeMrkdwn(ctx.reason)}`);
  }
  if (ctx.template.kind !== 'freeze' && ctx.template.kind !== 'unfreeze' && CHOICE_STATUSES.includes(ctx.status))
    parts.push(FIX_FORWARD_OR_ROLL_BACK);
  const text = parts.join('\n').trim();
  return text === '' ? undefined : cutMrkdwn(text, LIMITS.sectionText);
}

const mentionPrefix = (mentions: readonly string[]): string => (mentions.length > 0 ? `${mentions.join(' ')} ` : '');

/** The notification text (shown in push notifications and by clients that cannot draw blocks). */
export function fallbackText(ctx: DeployContext, mentions: readonly string[] = ctx.mentions ?? []): string {
  const by = ctx.actor ? ` (by ${escapeMrkdwn(ctx.actor)})` : '';
  const elapsed =
    ctx.elapsedMs !== undefined && ctx.status !== 'started' && ctx.template.kind !== 'freeze'
      ? ` after ${formatElapsed(ctx.elapsedMs)}`
      : '';
  const reason =
    ctx.template.kind === 'freeze'
      ? ': please hold off on merging anything until further notice'
      : ctx.template.kind === 'unfreeze'
        ? ': you may resume merging'
        : '';
  return cutMrkdwn(
    `${mentionPrefix(mentions)}${escapeMrkdwn(headline(ctx))}${reason}${elapsed}${by}`,
    LIMITS.sectionText,
  );
}

/** Message metadata Slack stores with a message: it lets a later run (a re-run, a retry) find the message again. */
export interface DeployMetadataKey {
  repository: string;
  runId: string;
  environment: string;
}

export const METADATA_EVENT = {
  deploy: 'shipshape_deploy',
  freeze: 'shipshape_freeze',
  notes: 'shipshape_deploy_notes',
  reply: 'shipshape_deploy_reply',
} as const;

export function deployMetadata(
  event: string,
  key: DeployMetadataKey,
  extra: Record<string, string | number | boolean> = {},
): MessageMetadata {
  return {
    event_type: event,
    event_payload: { repository: key.repository, run_id: key.runId, environment: key.environment, ...extra },
  };
}

const MAIN_FIELD_TEXT = 1000;

export interface MessageOptions {
  mentions?: readonly string[];
  /** The shipped pull requests' rollback plans, for a failure alert: quoted after the message, as far as they fit. */
  plans?: RollbackPlans;
}

/** Appends the plans (when given) within the room the blocks leave. */
function withPlans(blocks: Block[], plans: RollbackPlans | undefined): Block[] {
  return plans === undefined ? blocks : [...blocks, ...rollbackPlanBlocks(plans, roomAfter(blocks))];
}

/**
 * The main message of a deploy (or freeze): header, mentions, fields, template body, links, and the rollback plans
 * when they are given. No notes.
 */
export function buildMainMessage(ctx: DeployContext, options: MessageOptions = {}): SlackMessage {
  const mentions = options.mentions ?? ctx.mentions ?? [];
  const blocks: Block[] = [header(headline(ctx))];
  if (mentions.length > 0) blocks.push(section(cutMrkdwn(mentions.join(' '), LIMITS.sectionText)));
  const body = bodyText(ctx);
  if (body) blocks.push(section(body));
  const fields: string[] = [`*Environment*\n${escapeMrkdwn(ctx.environment)}`];
  const v = displayVersion(ctx.version);
  if (v) fields.push(`*Version*\n${escapeMrkdwn(v)}`);
  if (ctx.template.kind !== 'freeze' && ctx.template.kind !== 'unfreeze')
    fields.push(`*Status*\n${STATUS_LABEL[ctx.status]}`);
  if (ctx.actor) fields.push(`*Triggered by*\n${escapeMrkdwn(ctx.actor)}`);
  if (ctx.elapsedMs !== undefined && ctx.status !== 'started' && ctx.template.kind !== 'freeze')
    fields.push(`*Elapsed*\n${formatElapsed(ctx.elapsedMs)}`);
  if (ctx.commitSha) fields.push(`*Commit*\n${mrkdwnLink(ctx.commitUrl, ctx.commitSha.slice(0, 7))}`);
  // Fields are names and short values: 1,000 characters each keeps the whole message within the total text Slack
  // accepts (header 150 + mentions 3,000 + body 3,000 + six fields + links < LIMITS.messageBlocksText).
  blocks.push(fieldsSection(fields, MAIN_FIELD_TEXT));
  const linkList = links(ctx);
  if (linkList.length > 0) blocks.push(context([linkList.join('  ·  ')]));
  return {
    text: fallbackText(ctx, mentions),
    blocks: withPlans(blocks, options.plans),
    unfurl_links: false,
    unfurl_media: false,
  };
}

function moreLink(ctx: DeployContext): string {
  const target =
    ctx.releaseUrl && safeLinkUrl(ctx.releaseUrl)
      ? mrkdwnLink(ctx.releaseUrl, 'the full release notes')
      : ctx.runUrl && safeLinkUrl(ctx.runUrl)
        ? mrkdwnLink(ctx.runUrl, 'the workflow run')
        : undefined;
  return `_The notes are longer than one Slack message${target ? ` — read ${target}` : ''}._`;
}

/**
 * A webhook message (no threads, no edits): the main message plus as much of the notes (rendered by
 * notesBlocks) as fits in one message — within both the block count and the total text Slack accepts per message
 * (LIMITS.messageBlocksText) — then a line linking to the full release.
 */
export function buildWebhookMessage(
  ctx: DeployContext,
  notesBlocks?: readonly Block[],
  options: MessageOptions = {},
): SlackMessage {
  const main = buildMainMessage(ctx, options);
  if (notesBlocks === undefined) return main;
  const notes = notesBlocks.filter((b, i) => !(b.type === 'divider' && i === 0));
  if (notes.length === 0) return main;
  const blockRoom = LIMITS.blocksPerMessage - main.blocks.length - 1;
  const textRoom = LIMITS.messageBlocksText - blocksTextLength(main.blocks);
  const fits = notes.length <= blockRoom && blocksTextLength(notes) <= textRoom;
  let kept: Block[] = [];
  const more = section(moreLink(ctx));
  if (fits) kept = [...notes];
  else {
    // Leave room for the link line: one block and its text (a long release URL makes it long).
    const moreRoom = blockTextLength(more);
    let text = 0;
    for (const block of notes) {
      const size = blockTextLength(block);
      if (kept.length + 1 > blockRoom - 1 || text + size > textRoom - moreRoom) break;
      kept.push(block);
      text += size;
    }
  }
  while (kept.at(-1)?.type === 'divider') kept = kept.slice(0, -1);
  return { ...main, blocks: [...main.blocks, divider(), ...kept, ...(fits ? [] : [more])] };
}

/** Room kept in each notes reply for its header (plain text, at most LIMITS.headerText). */
const REPLY_HEADER_ROOM = LIMITS.headerText;

/**
 * Thread replies carrying the notes (rendered by notesBlocks): each within the block limit and the total text Slack
 * accepts per message (LIMITS.messageBlocksText), each with a text fallback.
 */
export function buildNotesReplies(ctx: DeployContext, blocks: readonly Block[]): SlackMessage[] {
  const perReply = LIMITS.blocksPerMessage - 1;
  const textPerReply = LIMITS.messageBlocksText - REPLY_HEADER_ROOM;
  const groups: Block[][] = [];
  let group: Block[] = [];
  let text = 0;
  const close = (): void => {
    while (group.at(-1)?.type === 'divider') group.pop();
    if (group.length > 0) groups.push(group);
    group = [];
    text = 0;
  };
  for (const block of blocks) {
    if (group.length === 0 && block.type === 'divider') continue;
    const size = blockTextLength(block);
    if (group.length === perReply || (group.length > 0 && text + size > textPerReply)) {
      close();
      if (block.type === 'divider') continue;
    }
    group.push(block);
    text += size;
  }
  close();
  const v = displayVersion(ctx.version);
  return groups.map((blocksOfReply, i) => {
    const title = `📝 Release notes${v ? ` for ${v}` : ''}${groups.length > 1 ? ` (${i + 1}/${groups.length})` : ''}`;
    return {
      text: escapeMrkdwn(title),
      blocks: [header(title), ...blocksOfReply],
      unfurl_links: false,
      unfurl_media: false,
    };
  });
}

/**
 * The thread reply for an outcome: it pings the mentions (an edited message notifies nobody) and, for a
 * failure, is broadcast to the channel by the caller.
 */
export function buildOutcomeReply(
  ctx: DeployContext,
  mentions: readonly string[],
  permalink?: string,
  plans?: RollbackPlans,
): SlackMessage {
  const elapsed =
    ctx.elapsedMs !== undefined && ctx.status !== 'started' ? ` after ${formatElapsed(ctx.elapsedMs)}` : '';
  const lines = [`${mentionPrefix(mentions)}*${escapeMrkdwn(headline(ctx))}*${elapsed}`];
  if (ctx.reason && ctx.template.kind === 'deploy') lines.push(`*Reason:* ${escapeMrkdwn(ctx.reason)}`);
  if (ctx.template.kind !== 'freeze' && ctx.template.kind !== 'unfreeze' && CHOICE_STATUSES.includes(ctx.status))
    lines.push(FIX_FORWARD_OR_ROLL_BACK);
  const blocks: Block[] = [section(cutMrkdwn(lines.join('\n'), LIMITS.sectionText))];
  const linkList = links(ctx);
  if (permalink && safeLinkUrl(permalink)) linkList.unshift(mrkdwnLink(permalink, 'Deploy message'));
  if (linkList.length > 0) blocks.push(context([linkList.join('  ·  ')]));
  return {
    text: fallbackText(ctx, mentions),
    blocks: withPlans(blocks, plans),
    unfurl_links: false,
    unfurl_media: false,
  };
}

/** The thread reply (broadcast) that lifts a freeze. */
export function buildUnfreezeReply(ctx: DeployContext, mentions: readonly string[]): SlackMessage {
  const line = '*The deployment is complete — you may resume merging.*';
  const text = `${mentionPrefix(mentions)}${line}${ctx.reason ? `\n*Reason:* ${escapeMrkdwn(ctx.reason)}` : ''}`;
  const blocks: Block[] = [section(cutMrkdwn(text, LIMITS.sectionText))];
  const linkList = links(ctx);
  if (linkList.length > 0) blocks.push(context([linkList.join('  ·  ')]));
  return {
    text: `${mentionPrefix(mentions)}The deployment is complete — you may resume merging.`,
    blocks,
    unfurl_links: false,
    unfurl_media: false,
  };
}
