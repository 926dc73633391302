import type { Definition, List, ListItem, Nodes, Parents, PhrasingContent, Root, RootContent, Table } from 'mdast';
import { disguisesTarget } from './disguise';
import { escapeMrkdwn, safeLinkUrl } from './escape';
import { codeText, fence, type MrkdwnChunk } from './fence';
import {
  normalizeMarkdown,
  measureMarkdown,
  DEFAULT_BLOCK_COMPLEXITY_LIMITS,
  judgeComplexity,
} from '@shipshape/markdown';
import { MarkdownNestingError, parseMarkdownToMdast } from './markdown-it-mdast';

interface Context {
  definitions: Map<string, Definition>;
  /** Inside a heading or a link label: no nested emphasis markers (Slack does not nest them well). */
  plain: boolean;
  /**
   * Inside a link label: a link there (an autolink, a linkified URL, an image) keeps only its text, because Slack
   * cannot nest `<…>` sequences and a nested one would end the outer link early or hide its target.
   */
  inLink?: boolean;
}

const BULLETS = ['•', '◦', '▪'];
const INDENT = '    ';

/** Notes longer than this are not parsed (Slack shows at most ~150 KB of a message anyway); they go out verbatim. */
export const NOTES_MAX_CHARS = 1024 * 1024;

/**
 * Markdown (GitHub-flavoured) → Slack mrkdwn chunks: parsed by markdown-it into the remark AST (mdast), rendered
 * from the AST. All text is escaped.
 */
export function markdownToMrkdwnChunks(markdown: string): MrkdwnChunk[] {
  const normalized = normalizeMarkdown(markdown);
  if (normalized.length > NOTES_MAX_CHARS) return verbatim(normalized);
  // The same pre-check as every parse of untrusted Markdown (packages/markdown, "Complexity limits"): notes whose
  // parse would cost too much memory (a wide table costs markdown-it hundreds of MB) go out verbatim.
  if (!judgeComplexity(measureMarkdown(normalized), DEFAULT_BLOCK_COMPLEXITY_LIMITS, false).ok)
    return verbatim(normalized);
  try {
    return renderRoot(parseMarkdownToMdast(normalized));
  } catch (error) {
    // Notes nested past the parser's limit (or deep enough to overflow the stack) are still delivered: verbatim
    // and inert. Anything else is a bug and fails like one.
    if (error instanceof MarkdownNestingError || error instanceof RangeError) return verbatim(normalized);
    throw error;
  }
}

/** The notes as they were written, in one escaped code block. */
export function verbatim(normalized: string): MrkdwnChunk[] {
  return normalized.trim() === '' ? [] : [{ kind: 'code', code: codeText(normalized) }];
}

/** Markdown → one mrkdwn string (chunks joined by blank lines); for previews and the CLI. */
export function markdownToMrkdwn(markdown: string): string {
  return chunksToText(markdownToMrkdwnChunks(markdown));
}

export function chunksToText(chunks: readonly MrkdwnChunk[]): string {
  return chunks.map((c) => (c.kind === 'text' ? c.text : c.kind === 'code' ? fence(c.code) : '───')).join('\n\n');
}

export function renderRoot(tree: Root): MrkdwnChunk[] {
  const definitions = new Map<string, Definition>();
  collectDefinitions(tree, definitions);
  const ctx: Context = { definitions, plain: false };
  const chunks: MrkdwnChunk[] = [];
  for (const node of tree.children) {
    if (node.type === 'code') {
      if (node.value.trim() !== '') chunks.push({ kind: 'code', code: codeText(node.value) });
    } else if (node.type === 'thematicBreak') {
      chunks.push({ kind: 'divider' });
    } else {
      const text = renderBlock(node, ctx)
        .replace(/\n{3,}/g, '\n\n')
        .trim();
      if (text !== '') chunks.push({ kind: 'text', text });
    }
  }
  return chunks;
}

function collectDefinitions(node: Nodes, into: Map<string, Definition>): void {
  if (node.type === 'definition') {
    if (!into.has(node.identifier)) into.set(node.identifier, node);
    return;
  }
  if ('children' in node) for (const child of (node as Parents).children) collectDefinitions(child as Nodes, into);
}

function renderBlock(node: RootContent, ctx: Context): string {
  switch (node.type) {
    case 'paragraph':
      return renderInline(node.children, ctx);
    case 'heading':
      return bold(renderInline(node.children, { ...ctx, plain: true }));
    case 'thematicBreak':
      return '───';
    case 'blockquote':
      return node.children
        .map((child) => renderBlock(child, ctx))
        .filter((t) => t !== '')
        .join('\n')
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n');
    case 'list':
      return renderList(node, ctx, 0);
    case 'code':
      return node.value.trim() === '' ? '' : fence(codeText(node.value));
    case 'html':
      return renderHtml(node.value);
    case 'table':
      return renderTable(node, ctx);
    case 'definition':
      return '';
    case 'footnoteDefinition':
      return `[^${escapeMrkdwn(node.label ?? node.identifier)}]: ${node.children.map((c) => renderBlock(c, ctx)).join(' ')}`;
    default:
      // Phrasing content at block level only appears in malformed trees; render it as inline text.
      return 'children' in node || 'value' in node ? renderInline([node as PhrasingContent], ctx) : '';
  }
}

function bold(text: string): string {
  const t = text.trim();
  return t === '' ? '' : `*${t}*`;
}

function wrap(marker: string, inner: string, ctx: Context): string {
  if (ctx.plain) return inner;
  // Slack only honours a marker next to non-space characters: keep surrounding spaces outside it.
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(inner);
  if (!m || m[2] === '') return inner;
  return `${m[1]}${marker}${m[2]}${marker}${m[3]}`;
}

/** HTML tags GitHub renders but Slack cannot: dropped, with the text between them kept. */
const PRESENTATIONAL_TAGS =
  /<\/?(?:details|summary|sub|sup|kbd|b|i|em|strong|u|ins|mark|small|code|p|div|span|img|a|picture|source|center|h[1-6]|ul|ol|li|dl|dt|dd|table|thead|tbody|tr|td|th|hr|tt|s|strike|del|blockquote|pre|br|wbr)(?:\s[^<>]*)?\/?>/gi;

/**
 * Raw HTML from the notes: comments and presentational tags go, line breaks stay, and whatever else is
 * left (`Vec<T>`, `a < b`, an unknown tag) is kept as escaped text, so nothing is lost and nothing is live.
 */
function renderHtml(value: string): string {
  const text = value
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(?:summary|p|div|li|tr|h[1-6])>/gi, '\n')
    .replace(PRESENTATIONAL_TAGS, '');
  return escapeMrkdwn(text);
}

function renderInline(nodes: readonly PhrasingContent[], ctx: Context): string {
  let out = '';
  for (const node of nodes) out += renderPhrasing(node, ctx);
  return out;
}

function renderPhrasing(node: PhrasingContent, ctx: Context): string {
  switch (node.type) {
    case 'text':
      return escapeMrkdwn(node.value);
    case 'strong':
      return wrap('*', renderInline(node.children, ctx), ctx);
    case 'emphasis':
      return wrap('_', renderInline(node.children, ctx), ctx);
    case 'delete':
      return wrap('~', renderInline(node.children, ctx), ctx);
    case 'inlineCode':
      // Slack's inline code cannot hold a backtick: a look-alike keeps the span closed where the author meant.
      return node.value === '' ? '' : `\`${escapeMrkdwn(node.value).replace(/`/g, 'ˋ')}\``;
    case 'break':
      return '\n';
    case 'link': {
      const label = renderInline(node.children, { ...ctx, plain: true, inLink: true });
      return ctx.inLink ? label : link(node.url, label);
    }
    case 'image': {
      const alt = escapeMrkdwn(node.alt ?? '') || 'image';
      return ctx.inLink ? alt : link(node.url, alt);
    }
    case 'linkReference': {
      const label = renderInline(node.children, { ...ctx, plain: true, inLink: true });
      const def = ctx.definitions.get(node.identifier);
      if (ctx.inLink) return def ? label : `[${label}]`;
      if (!def)
        return node.referenceType === 'full'
          ? `[${label}][${escapeMrkdwn(node.label ?? node.identifier)}]`
          : `[${label}]`;
      return link(def.url, label);
    }
    case 'imageReference': {
      const def = ctx.definitions.get(node.identifier);
      const alt = escapeMrkdwn(node.alt ?? '') || 'image';
      return def && !ctx.inLink ? link(def.url, alt) : alt;
    }
    case 'footnoteReference':
      return `[^${escapeMrkdwn(node.label ?? node.identifier)}]`;
    case 'html':
      return renderHtml(node.value);
    default:
      return '';
  }
}

/** `label` is already escaped mrkdwn. A URL that is not http(s)/mailto leaves only the label. */
function link(url: string, label: string): string {
  const safe = safeLinkUrl(url);
  const text = label.replace(/\n/g, ' ').trim();
  if (safe === undefined) return text;
  // Slack ends the URL at the first `|`; one in the label is drawn as `∣` so no reading of the link can take it for
  // the separator and make the rest of the label the URL.
  const shown = text.replace(/\|/g, '∣');
  if (text === '' || text === escapeMrkdwn(url)) return `<${safe}>`;
  // A label that reads as another address (however it is spelled: see ./disguise) would hide where the link goes:
  // the label stays as text and the real target is shown as itself.
  if (disguisesTarget(text, safe)) return `${text} (<${safe}>)`;
  return `<${safe}|${shown}>`;
}

function renderList(list: List, ctx: Context, depth: number): string {
  const start = list.start ?? 1;
  return list.children
    .map((item, index) =>
      renderListItem(item, list.ordered ? `${start + index}.` : (BULLETS[depth % BULLETS.length] ?? '•'), ctx, depth),
    )
    .join('\n');
}

function renderListItem(item: ListItem, marker: string, ctx: Context, depth: number): string {
  const pad = INDENT.repeat(depth);
  const check = item.checked === true ? '☑ ' : item.checked === false ? '☐ ' : '';
  const lines: string[] = [];
  item.children.forEach((child, i) => {
    const text =
      child.type === 'list'
        ? renderList(child, ctx, depth + 1)
        : child.type === 'code'
          ? fence(codeText(child.value))
          : renderBlock(child, ctx);
    if (text === '') return;
    if (child.type === 'list') {
      lines.push(text);
    } else if (i === 0) {
      const [first = '', ...rest] = text.split('\n');
      lines.push(`${pad}${marker} ${check}${first}`, ...rest.map((l) => `${pad}${INDENT}${l}`));
    } else {
      lines.push(...text.split('\n').map((l) => `${pad}${INDENT}${l}`));
    }
  });
  if (lines.length === 0) lines.push(`${pad}${marker} ${check}`.trimEnd());
  return lines.join('\n');
}

/** Tables become a monospaced block with padded columns (Slack has no tables); cells are plain text. */
function renderTable(table: Table, ctx: Context): string {
  const rows = table.children.map((row) =>
    row.children.map((cell) =>
      unescapeForWidth(renderInline(cell.children, { ...ctx, plain: true }).replace(/\n/g, ' ')),
    ),
  );
  const columns = Math.max(0, ...rows.map((r) => r.length));
  if (columns === 0) return '';
  const widths = Array.from({ length: columns }, (_, c) =>
    Math.min(40, Math.max(1, ...rows.map((r) => [...(r[c] ?? '')].length))),
  );
  const line = (cells: string[]): string =>
    widths
      .map((w, c) => {
        const cell = cells[c] ?? '';
        return cell + ' '.repeat(Math.max(0, w - [...cell].length));
      })
      .join(' | ')
      .trimEnd();
  const [head = [], ...body] = rows;
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('-+-'), ...body.map(line)];
  return fence(codeText(out.join('\n')));
}

/**
 * Table cells are measured and padded as the reader sees them: the inline renderer's escapes are undone
 * here and the whole table is escaped once, as a block. Links keep only their label.
 */
function unescapeForWidth(text: string): string {
  return text
    .replace(/<[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<([^>]*)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
