import { escapeHtml, markdownCodeBlock, summaryLine } from '@shipshape/kit';
import type { SlackMessage } from '@shipshape/slack';
import { safeLinkUrl } from '@shipshape/slack';

/** The mrkdwn a reader would see, block by block (the header as its plain text). */
export function previewText(message: SlackMessage): string {
  const lines: string[] = [];
  for (const block of message.blocks) {
    if (block.type === 'header') lines.push(block.text.text);
    else if (block.type === 'divider') lines.push('───');
    else if (block.type === 'context') lines.push(block.elements.map((e) => e.text).join('  '));
    else {
      if (block.text) lines.push(block.text.text);
      if (block.fields) lines.push(block.fields.map((f) => f.text.replace(/\n/g, ': ')).join('\n'));
    }
  }
  return lines.join('\n\n');
}

export interface SummaryInput {
  message: SlackMessage;
  delivered: boolean;
  transport: 'webhook' | 'bot';
  channel?: string;
  messageTs?: string;
  permalink?: string;
  actions: string[];
  problems: string[];
  error?: string;
}

/** Why a failed webhook post may still be in the channel (see the README, "Delivery, retries and re-runs"). */
export const WEBHOOK_AT_MOST_ONCE =
  'An incoming webhook cannot be read back, so deploy-notify posts it at most once: it retries only when Slack provably did not take the message (HTTP 429 with Retry-After, a connection that was refused). After any other failure (5xx, a dropped connection, no answer in time) the message may or may not be in the channel: look before posting it by hand.';

/** The job summary: what happened and a preview of the message; every piece of text is escaped or fenced. */
export function renderSummary(input: SummaryInput): string {
  const heading = input.message.blocks.find((b) => b.type === 'header');
  const title = heading?.type === 'header' ? heading.text.text : input.message.text;
  const out: string[] = [`### Slack: ${summaryLine(title)}`, ''];
  if (input.delivered) {
    const where =
      input.transport === 'webhook'
        ? 'through the incoming webhook'
        : `in channel \`${escapeHtml(input.channel ?? '')}\` (message ${escapeHtml(input.messageTs ?? '')})`;
    const link =
      input.permalink && safeLinkUrl(input.permalink) && /^https:/.test(input.permalink)
        ? ` — [open in Slack](${encodeURI(input.permalink)})`
        : '';
    out.push(`Delivered ${where}${link}.`);
  } else {
    out.push(`⚠️ **Not delivered**: ${summaryLine(input.error ?? 'unknown error')}`);
    // Said every time a webhook post fails, because the reader decides whether to post by hand.
    if (input.transport === 'webhook') out.push('', WEBHOOK_AT_MOST_ONCE);
  }
  for (const action of input.actions) out.push(`- ${summaryLine(action)}`);
  for (const problem of input.problems) out.push(`- ⚠️ ${summaryLine(problem)}`);
  out.push(
    '',
    '<details><summary>Message preview (Slack mrkdwn)</summary>',
    '',
    markdownCodeBlock(previewText(input.message), 'text'),
    '',
    '</details>',
    '',
  );
  return out.join('\n');
}
