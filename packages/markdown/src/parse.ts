import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';

export { normalizeMarkdown } from './normalize';

const processor = unified().use(remarkParse).use(remarkGfm);

/** Parses already-normalized Markdown (GFM) into an mdast tree with positions. */
export function parseMarkdown(normalized: string): Root {
  return processor.parse(normalized);
}

/**
 * micromark's inline constructs, CommonMark's and GFM's: everything that is read inside a paragraph, heading or
 * table cell. Link reference definitions, footnote definitions and tables are blocks and stay.
 */
const INLINE_CONSTRUCTS = [
  'attention',
  'autolink',
  'characterEscape',
  'characterReference',
  'codeText',
  'hardBreakEscape',
  'htmlText',
  'labelEnd',
  'labelStartImage',
  'labelStartLink',
  'wwwAutolink',
  'protocolAutolink',
  'emailAutolink',
  'gfmFootnoteCall',
  'gfmPotentialFootnoteCall',
  'strikethrough',
  'tasklistCheck',
];

/** A remark plugin that turns the inline constructs off. */
function inlineAsText(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push({ disable: { null: INLINE_CONSTRUCTS } });
}

// Made on first use: most callers never read blocks only, and every processor made at load adds to a cold start.
let parseGfmBlocks: ((text: string) => Root) | undefined;
let parseCommonMarkBlocks: ((text: string) => Root) | undefined;

function blockParser(gfm: boolean): (text: string) => Root {
  const processor = gfm
    ? unified().use(remarkParse).use(remarkGfm).use(inlineAsText)
    : unified().use(remarkParse).use(inlineAsText);
  return (text) => processor.parse(text);
}

/**
 * The block structure of already-normalized Markdown (GFM): every block node sits exactly where `parseMarkdown`
 * puts it (CommonMark reads blocks before inlines), but paragraphs, headings and cells hold their source as plain
 * text (no emphasis, links, references, code spans or inline HTML). About a third cheaper, for callers that need
 * where the blocks are, not what their text says.
 *
 * GFM adds two blocks only: tables, whose delimiter row needs a `|` or an alignment colon beside a dash (`a` over
 * `-:` is a one-column table), and footnote definitions, which need `[^`. Text with none of these has the same
 * blocks in CommonMark, which micromark reads markedly faster (docs/performance.md, row 11), so such text is read
 * without the GFM extension.
 */
export function parseMarkdownBlocks(normalized: string): Root {
  const gfmBlocksPossible =
    normalized.includes('|') || normalized.includes('[^') || normalized.includes(':-') || normalized.includes('-:');
  if (gfmBlocksPossible) return (parseGfmBlocks ??= blockParser(true))(normalized);
  return (parseCommonMarkBlocks ??= blockParser(false))(normalized);
}
