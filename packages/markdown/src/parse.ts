import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

/**
 * Markdown as users write it on GitHub arrives with CRLF line endings (the web editor) and sometimes a BOM.
 * Every parser in the suite works on this normalized text, so node positions index into it and a verbatim
 * slice of it never carries a stray `\r`.
 */
export function normalizeMarkdown(text: string): string {
  const noBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return noBom.includes('\r') ? noBom.replace(/\r\n?/g, '\n') : noBom;
}

const processor = unified().use(remarkParse).use(remarkGfm);

/** Parses already-normalized Markdown (GFM) into an mdast tree with positions. */
export function parseMarkdown(normalized: string): Root {
  return processor.parse(normalized);
}
