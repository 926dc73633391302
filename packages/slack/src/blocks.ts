import { fence, type MrkdwnChunk } from './fence';
import { plainText } from './escape';

/** Block Kit limits Slack documents for messages (https://docs.slack.dev/reference/block-kit). */
export const LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  headerText: 150,
  fieldsPerSection: 10,
  fieldText: 2000,
  contextElements: 10,
  blockId: 255,
  /** chat.postMessage truncates `text` beyond this. */
  messageText: 40000,
  /**
   * Characters of text in all blocks of one message (every text field of every block). Slack refuses a message over
   * its undocumented total with `msg_blocks_too_long`: rejections were reported from about 11,300 characters
   * (slackapi/bolt-js#2509, #2867) and Slack documents 12,000 for markdown blocks. 10,000 leaves a margin.
   */
  messageBlocksText: 10_000,
} as const;

/** The characters of text a block holds, as Slack counts them for `msg_blocks_too_long`: every text field. */
export function blockTextLength(block: Block): number {
  switch (block.type) {
    case 'header':
      return block.text.text.length;
    case 'section':
      return (block.text?.text.length ?? 0) + (block.fields ?? []).reduce((sum, f) => sum + f.text.length, 0);
    case 'context':
      return block.elements.reduce((sum, e) => sum + e.text.length, 0);
    case 'divider':
      return 0;
  }
}

/** The characters of text in all of `blocks`. */
export const blocksTextLength = (blocks: readonly Block[]): number =>
  blocks.reduce((sum, b) => sum + blockTextLength(b), 0);

export interface PlainTextObject {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}
export interface MrkdwnObject {
  type: 'mrkdwn';
  text: string;
  verbatim?: boolean;
}
export type TextObject = PlainTextObject | MrkdwnObject;

export interface HeaderBlock {
  type: 'header';
  text: PlainTextObject;
  block_id?: string;
}
export interface SectionBlock {
  type: 'section';
  text?: TextObject;
  fields?: TextObject[];
  block_id?: string;
}
export interface ContextBlock {
  type: 'context';
  elements: TextObject[];
  block_id?: string;
}
export interface DividerBlock {
  type: 'divider';
  block_id?: string;
}
export type Block = HeaderBlock | SectionBlock | ContextBlock | DividerBlock;

export interface MessageMetadata {
  event_type: string;
  event_payload: Record<string, string | number | boolean>;
}

/** The body of an incoming-webhook POST, and the message part of chat.postMessage / chat.update. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
  unfurl_links?: boolean;
  unfurl_media?: boolean;
  metadata?: MessageMetadata;
}

export function header(text: string): HeaderBlock {
  return {
    type: 'header',
    text: { type: 'plain_text', text: truncateChars(plainText(text), LIMITS.headerText), emoji: true },
  };
}

/** A section of already-escaped mrkdwn; the caller keeps it within LIMITS.sectionText (see splitMrkdwn). */
export function section(mrkdwn: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: mrkdwn } };
}

/** Fields of a section, each cut to `max` characters (Slack's limit by default; less where a message needs room). */
export function fieldsSection(fields: string[], max: number = LIMITS.fieldText): SectionBlock {
  return {
    type: 'section',
    fields: fields
      .slice(0, LIMITS.fieldsPerSection)
      .map((text) => ({ type: 'mrkdwn', text: cutMrkdwn(text, Math.min(max, LIMITS.fieldText)) })),
  };
}

export function context(mrkdwn: string[]): ContextBlock {
  return {
    type: 'context',
    elements: mrkdwn
      .slice(0, LIMITS.contextElements)
      .map((text) => ({ type: 'mrkdwn', text: cutMrkdwn(text, LIMITS.sectionText) })),
  };
}

export const divider = (): DividerBlock => ({ type: 'divider' });

/** Cuts by code points (never half a surrogate pair), marking the cut. */
export function truncateChars(text: string, max: number): string {
  if (text.length <= max) return text;
  const points = [...text];
  let out = '';
  for (const p of points) {
    if (out.length + p.length > max - 1) break;
    out += p;
  }
  return `${out}…`;
}

/**
 * Cuts escaped mrkdwn to `max` characters without breaking an entity (`&amp;`) or a `<…>` sequence
 * (which would otherwise leave a half link); marks the cut with an ellipsis.
 */
export function cutMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = safeCut(text, max - 1);
  let source = text;
  if (cut === 0) {
    source = degradeLinks(text);
    cut = safeCut(source, max - 1);
  }
  return `${source.slice(0, cut)}…`;
}

/** The largest index ≤ max where text can be cut: not inside an entity, a `<…>` link, or a surrogate pair. */
function safeCut(text: string, max: number): number {
  let cut = Math.min(max, text.length);
  const open = text.lastIndexOf('<', cut - 1);
  // Cutting inside `<url|label>` would leave half a link: cut before it (a caller that cannot keep
  // anything before the link degrades it with degradeLinks first).
  if (open !== -1 && text.indexOf('>', open) >= cut) cut = open;
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp !== -1 && cut - amp < 6 && !text.slice(amp, cut).includes(';')) cut = amp;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return cut;
}

/** `<url|label>` → `label`, `<url>` → `url` (escaped): for text that must be cut where a link is too long to keep. */
export function degradeLinks(mrkdwn: string): string {
  return mrkdwn
    .replace(/<([^<>|]*)\|([^<>]*)>/g, '$2')
    .replace(/<([^<>|]*)>/g, (_m, url: string) => url.replace(/</g, '&lt;'));
}

/**
 * A link longer than a whole section cannot be kept in one piece: it becomes its label as text followed by the bare
 * target (`label (<url>)`), which can be split between words without leaving half a link behind.
 */
function unfoldLongLinks(line: string, max: number): string {
  return line.replace(/<([^<>|]*)\|([^<>]*)>/g, (link, url: string, label: string) =>
    link.length > max ? `${label} (<${url}>)` : link,
  );
}

/** Whether `index` falls inside a `<…>` sequence of `text` (after its `<`, before its `>`). */
function insideLink(text: string, index: number): boolean {
  const open = text.lastIndexOf('<', index - 1);
  return open !== -1 && text.lastIndexOf('>', index - 1) < open && text.indexOf('>', open) >= index;
}

/** Splits one long line at spaces where possible (never a space inside a link), else at a safe character boundary. */
function splitLongLine(line: string, max: number): string[] {
  const parts: string[] = [];
  let rest = unfoldLongLinks(line, max);
  while (rest.length > max) {
    let cut = rest.lastIndexOf(' ', max);
    // A space inside `<url|label>`: cut before the link instead, so it moves whole to the next piece.
    if (cut > 0 && insideLink(rest, cut)) cut = rest.lastIndexOf('<', cut - 1);
    if (cut < max / 2) cut = safeCut(rest, max);
    if (cut <= 0) {
      // A single link longer than a whole section: keep its label (or URL) as text instead.
      rest = degradeLinks(rest);
      cut = rest.lastIndexOf(' ', max);
      if (cut < max / 2) cut = Math.max(1, safeCut(rest, max));
    }
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^ +/, '');
  }
  if (rest !== '') parts.push(rest);
  return parts;
}

/** Splits text into pieces ≤ max at line boundaries first (a list item, a table row), then inside lines. */
export function splitText(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const pieces: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    for (const part of line.length > max ? splitLongLine(line, max) : [line]) {
      const next = current === '' ? part : `${current}\n${part}`;
      if (next.length <= max) {
        current = next;
      } else {
        if (current.trim() !== '') pieces.push(current);
        current = part;
      }
    }
  }
  if (current.trim() !== '') pieces.push(current);
  return pieces;
}

/**
 * Turns rendered chunks into blocks: consecutive chunks share a section while they fit in `max`
 * characters; a chunk larger than that is split at its lines (a code block is re-fenced around each part).
 */
export function chunksToBlocks(chunks: readonly MrkdwnChunk[], max: number = LIMITS.sectionText): Block[] {
  const blocks: Block[] = [];
  let current = '';
  const flush = (): void => {
    if (current.trim() !== '') blocks.push(section(current));
    current = '';
  };
  const add = (text: string): void => {
    const next = current === '' ? text : `${current}\n\n${text}`;
    if (next.length <= max) {
      current = next;
      return;
    }
    flush();
    current = text;
  };
  for (const chunk of chunks) {
    if (chunk.kind === 'divider') {
      flush();
      blocks.push(divider());
      continue;
    }
    const text = chunk.kind === 'code' ? fence(chunk.code) : chunk.text;
    if (text.length <= max) {
      add(text);
      continue;
    }
    const overhead = chunk.kind === 'code' ? fence('').length : 0;
    for (const part of splitText(chunk.kind === 'code' ? chunk.code : chunk.text, max - overhead))
      add(chunk.kind === 'code' ? fence(part) : part);
  }
  flush();
  // Dividers at the edges or doubled add nothing.
  return blocks.filter(
    (b, i, all) => b.type !== 'divider' || (i > 0 && i < all.length - 1 && all[i - 1]?.type !== 'divider'),
  );
}
