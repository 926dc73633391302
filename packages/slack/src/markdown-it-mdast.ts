import MarkdownIt, { type Token } from 'markdown-it';
import type {
  AlignType,
  Blockquote,
  Code,
  Heading,
  Html,
  Link,
  List,
  ListItem,
  Paragraph,
  Parent,
  PhrasingContent,
  Root,
  RootContent,
  Table,
  TableCell,
  TableRow,
  Text,
} from 'mdast';

/**
 * GitHub-flavoured Markdown → mdast (the remark AST) through markdown-it's token stream.
 *
 * micromark (remark-parse) alone costs about as much on large release notes as a whole Slack renderer may take
 * (issue 6 asks for ≥ 10× faster than slackify-markdown); markdown-it is much faster and linear by design
 * (docs/performance.md, row 4). The tree it yields here is the one remark would give for the constructs release notes
 * use,
 * so the mdast → mrkdwn renderer stays as it is (tests/unit/slack/markdown-it-parity.test.ts holds the two parsers
 * to the same output over the changelog corpus and lists every known difference).
 */

/**
 * Deeper block nesting than this is not release notes; markdown-it drops what lies below its limit, so we refuse it.
 */
export const MAX_BLOCK_NESTING = 100;

export class MarkdownNestingError extends Error {
  constructor() {
    super(`the text nests blocks more than ${MAX_BLOCK_NESTING} levels deep`);
  }
}

type MarkdownItParser = InstanceType<typeof MarkdownIt>;

let parser: MarkdownItParser | undefined;

function markdownIt(): MarkdownItParser {
  if (parser) return parser;
  // html: raw HTML becomes html nodes (the renderer keeps its text, escaped), as remark does.
  // linkify: GFM's autolink literals — `http(s)://…` and e-mail addresses (filtered to GFM's rule in
  // isGfmAutolinkLiteral), and `www.…` through the schema below. No bare host names (`example.com`), no `//…`.
  const md = new MarkdownIt('default', { html: true, linkify: true, maxNesting: MAX_BLOCK_NESTING });
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: true, fuzzyIP: false });
  md.linkify
    .add('//', null)
    .add('ftp:', null)
    .add('www.', {
      validate: (text, pos) => wwwLinkLength(text.slice(pos)),
      normalize: (match) => {
        match.url = `http://${match.url}`;
      },
    });
  // GFM footnote definitions (`[^1]: …`) are text to us, as the remark renderer shows them; markdown-it would read
  // one whose note is a single word or URL as a link reference definition and drop it from the output.
  const reference = md.block.ruler.__rules__.find((rule) => rule.name === 'reference')?.fn;
  if (!reference) throw new Error('markdown-it has no "reference" block rule');
  md.block.ruler.at('reference', (state, startLine, endLine, silent) => {
    const start = (state.bMarks[startLine] ?? 0) + (state.tShift[startLine] ?? 0);
    if (state.src.startsWith('[^', start)) return false;
    return reference(state, startLine, endLine, silent);
  });
  // Link safety is the renderer's job (safeLinkUrl allows http(s) and mailto only and encodes what Slack needs), and
  // it needs the destination as written, like mdast's `url`: markdown-it would otherwise drop `[x](javascript:…)`
  // back to its source text and percent-encode every URL before we see it.
  md.validateLink = () => true;
  md.normalizeLink = (url) => url;
  md.normalizeLinkText = (text) => text;
  parser = md;
  return md;
}

/** Markdown (CR/LF already normalized) → mdast Root. Throws MarkdownNestingError for text nested past the limit. */
export function parseMarkdownToMdast(markdown: string): Root {
  const tokens = markdownIt().parse(markdown, {});
  return blocksToMdast(tokens);
}

type BlockParent = Root | Blockquote | List | ListItem | Table | TableRow;

const ALIGN: Record<string, AlignType> = {
  'text-align:left': 'left',
  'text-align:right': 'right',
  'text-align:center': 'center',
};

function blocksToMdast(tokens: readonly Token[]): Root {
  const root: Root = { type: 'root', children: [] };
  const stack: BlockParent[] = [root];
  // Headings, paragraphs and table cells hold the next inline token.
  let phrasingTarget: Heading | Paragraph | TableCell | undefined;
  let table: Table | undefined;
  for (const token of tokens) {
    if (token.nesting === 1 && token.level >= MAX_BLOCK_NESTING - 1) throw new MarkdownNestingError();
    const parent = stack[stack.length - 1] ?? root;
    const add = (node: RootContent): void => {
      (parent as Parent).children.push(node);
    };
    switch (token.type) {
      case 'paragraph_open': {
        const node: Paragraph = { type: 'paragraph', children: [] };
        add(node);
        phrasingTarget = node;
        break;
      }
      case 'heading_open': {
        const node: Heading = { type: 'heading', depth: Number(token.tag.slice(1)) as Heading['depth'], children: [] };
        add(node);
        phrasingTarget = node;
        break;
      }
      case 'inline':
        if (phrasingTarget) {
          const isFirstInItem =
            parent.type === 'listItem' && parent.children.length === 1 && parent.children[0] === phrasingTarget;
          phrasingTarget.children = inlineToMdast(token.children ?? []);
          if (isFirstInItem) detectTask(parent, phrasingTarget as Paragraph);
        }
        break;
      case 'paragraph_close':
      case 'heading_close':
      case 'th_close':
      case 'td_close':
        phrasingTarget = undefined;
        break;
      case 'blockquote_open': {
        const node: Blockquote = { type: 'blockquote', children: [] };
        add(node);
        stack.push(node);
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open': {
        const ordered = token.type === 'ordered_list_open';
        const start = ordered ? Number(attr(token, 'start') ?? '1') : null;
        const node: List = { type: 'list', ordered, start, spread: false, children: [] };
        add(node);
        stack.push(node);
        break;
      }
      case 'list_item_open': {
        const node: ListItem = { type: 'listItem', spread: false, checked: null, children: [] };
        add(node);
        stack.push(node);
        break;
      }
      case 'table_open': {
        table = { type: 'table', align: [], children: [] };
        add(table);
        stack.push(table);
        break;
      }
      case 'tr_open': {
        const node: TableRow = { type: 'tableRow', children: [] };
        (parent as Table).children.push(node);
        stack.push(node);
        break;
      }
      case 'th_open':
      case 'td_open': {
        const node: TableCell = { type: 'tableCell', children: [] };
        (parent as TableRow).children.push(node);
        if (token.type === 'th_open' && table) table.align?.push(ALIGN[attr(token, 'style') ?? ''] ?? null);
        phrasingTarget = node;
        break;
      }
      case 'blockquote_close':
      case 'bullet_list_close':
      case 'ordered_list_close':
      case 'list_item_close':
      case 'tr_close':
        stack.pop();
        break;
      case 'table_close':
        stack.pop();
        table = undefined;
        break;
      case 'fence':
      case 'code_block': {
        const lang = token.info.trim().split(/\s+/)[0] ?? '';
        const node: Code = {
          type: 'code',
          lang: lang === '' ? null : lang,
          meta: null,
          value: withoutFinalNewline(token.content),
        };
        add(node);
        break;
      }
      case 'hr':
        add({ type: 'thematicBreak' });
        break;
      case 'html_block': {
        const node: Html = { type: 'html', value: withoutFinalNewline(token.content) };
        add(node);
        break;
      }
      default:
        // thead/tbody wrappers carry nothing mdast keeps.
        break;
    }
  }
  return root;
}

function attr(token: Token, name: string): string | null {
  const value = token.attrGet(name);
  return value === null ? null : String(value);
}

function withoutFinalNewline(text: string): string {
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

type InlineParent = { children: PhrasingContent[] };

/** Inline tokens → phrasing content; adjacent text (and soft line breaks) merged into one text node, as in mdast. */
function inlineToMdast(tokens: readonly Token[]): PhrasingContent[] {
  const top: InlineParent = { children: [] };
  const stack: InlineParent[] = [top];
  const addText = (value: string): void => {
    if (value === '') return;
    const children = (stack[stack.length - 1] ?? top).children;
    const last = children[children.length - 1];
    if (last?.type === 'text') last.value += value;
    else children.push({ type: 'text', value });
  };
  const add = (node: PhrasingContent): void => {
    (stack[stack.length - 1] ?? top).children.push(node);
  };
  const open = (node: PhrasingContent & InlineParent): void => {
    add(node);
    stack.push(node);
  };
  tokens.forEach((token, index) => {
    switch (token.type) {
      case 'text':
      case 'text_special': {
        // White space at the end of a line is not content (CommonMark); markdown-it leaves tabs there, micromark
        // does not. Trimmed per token: the merged text node can be the whole paragraph.
        const next = tokens[index + 1]?.type;
        addText(next === 'softbreak' || next === 'hardbreak' ? token.content.replace(/[ \t]+$/, '') : token.content);
        break;
      }
      case 'softbreak':
        addText('\n');
        break;
      case 'hardbreak':
        add({ type: 'break' });
        break;
      case 'code_inline':
        add({ type: 'inlineCode', value: token.content });
        break;
      case 'html_inline':
        add({ type: 'html', value: token.content });
        break;
      case 'strong_open':
        open({ type: 'strong', children: [] });
        break;
      case 'em_open':
        open({ type: 'emphasis', children: [] });
        break;
      case 's_open':
        open({ type: 'delete', children: [] });
        break;
      case 'link_open':
        open({ type: 'link', url: attr(token, 'href') ?? '', title: attr(token, 'title'), children: [] });
        break;
      case 'strong_close':
      case 'em_close':
      case 's_close':
        stack.pop();
        break;
      case 'link_close': {
        const link = stack.pop() as Link;
        const parent = stack[stack.length - 1] ?? top;
        if (token.markup === 'linkify' && !isGfmAutolinkLiteral(link)) unwrapLink(parent, link);
        else if (token.markup === 'autolink' && isHtmlDeclaration(link)) asHtml(parent, link);
        break;
      }
      case 'image':
        add({
          type: 'image',
          url: attr(token, 'src') ?? '',
          title: attr(token, 'title'),
          alt: plainAlt(token.children ?? []),
        });
        break;
      default:
        break;
    }
  });
  return top.children;
}

/**
 * GFM links `https://…`, `http://…`, `www.…` and e-mail addresses in text, but not a bare `example.com`, and an
 * address only when its domain has a dot and ends in a letter (so `send@1.0.0`, a dependency pin, stays text).
 */
function isGfmAutolinkLiteral(link: Link): boolean {
  const first = link.children[0];
  const label = first?.type === 'text' && link.children.length === 1 ? first.value : '';
  if (link.url.startsWith('mailto:'))
    return /^(?:mailto:)?[\w+.-]+@[\w-]+(?:\.[\w-]+)+$/i.test(label) && /[a-z]$/i.test(label);
  return /^(?:https?:\/\/|www\.)/i.test(label);
}

/**
 * `<!subteam^S1|@x>` is both an e-mail autolink and an HTML declaration (`<!` and a letter); CommonMark (and
 * micromark) read it as HTML, markdown-it as a `mailto:` link. As HTML it stays visible, escaped text.
 */
function isHtmlDeclaration(link: Link): boolean {
  return link.url.startsWith('mailto:!') && /^[a-z]/i.test(link.url.slice('mailto:!'.length));
}

function asHtml(parent: InlineParent, link: Link): void {
  const index = parent.children.lastIndexOf(link);
  if (index !== -1) parent.children[index] = { type: 'html', value: `<${link.url.slice('mailto:'.length)}>` };
}

const WWW_TAIL = /^[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)*(?:[/?#][^\s<]*)?/u;

/**
 * Length of a GFM "extended www autolink" after its `www.` (0 for none): a domain, then a path up to white space
 * or `<`, without trailing punctuation, an unbalanced `)` or a trailing entity-like `&…;` (GFM's rules).
 */
function wwwLinkLength(tail: string): number {
  const m = WWW_TAIL.exec(tail);
  if (!m) return 0;
  let link = m[0];
  for (;;) {
    const entity = /&[a-z0-9]+;$/i.exec(link);
    if (entity) link = link.slice(0, entity.index);
    else if (/[?!.,:*_~"']$/.test(link)) link = link.slice(0, -1);
    else if (link.endsWith(')') && link.split('(').length < link.split(')').length) link = link.slice(0, -1);
    else break;
  }
  return link.length;
}

/** Replaces a link (the last child of `parent`) by its text, merged with the text around it. */
function unwrapLink(parent: InlineParent, link: Link): void {
  const index = parent.children.lastIndexOf(link);
  if (index === -1) return;
  const label = link.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
  parent.children.splice(index, 1);
  const before = parent.children[index - 1];
  if (before?.type === 'text') before.value += label;
  else parent.children.splice(index, 0, { type: 'text', value: label });
}

/** An image's alt text as mdast keeps it: the label's plain text. */
function plainAlt(tokens: readonly Token[]): string {
  let out = '';
  for (const token of tokens) {
    if (token.type === 'text' || token.type === 'text_special' || token.type === 'code_inline') out += token.content;
    else if (token.type === 'softbreak') out += '\n';
    else if (token.type === 'image') out += plainAlt(token.children ?? []);
  }
  return out;
}

/**
 * GFM task list items: `[ ]`, `[x]` or `[X]` followed by a space, tab or line end at the start of an item's first
 * paragraph. markdown-it has no task lists, so this reads the first text node of that paragraph (tokens, not source).
 */
function detectTask(item: ListItem, paragraph: Paragraph): void {
  const head = paragraph.children[0];
  if (head?.type !== 'text') return;
  const match = /^\[([ xX])\](?:[ \t]|\n|$)/.exec(head.value);
  if (!match) return;
  const rest = head.value.slice(3);
  // A lone marker with nothing after it is text in GFM (`- [ ]` alone is not an empty task).
  if (rest.trim() === '' && paragraph.children.length === 1) return;
  item.checked = match[1] !== ' ';
  // Like mdast-util-gfm-task-list-item: the one whitespace character after the marker goes with it.
  const after: Text = { type: 'text', value: rest.slice(1) };
  if (after.value === '') paragraph.children.shift();
  else paragraph.children[0] = after;
}
