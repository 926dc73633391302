/**
 * Markdown as users write it on GitHub arrives with CRLF line endings (the web editor) and sometimes a BOM.
 * Every parser in the suite works on this normalized text, so node positions index into it and a verbatim
 * slice of it never carries a stray `\r`. A file of its own so that callers that do not parse with remark
 * (the Slack notes renderer) can use it without loading remark into their bundle.
 */
export function normalizeMarkdown(text: string): string {
  const noBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return noBom.includes('\r') ? noBom.replace(/\r\n?/g, '\n') : noBom;
}
