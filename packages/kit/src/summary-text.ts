/**
 * Text shown in the job summary exactly as it reads. The summary's cells and its **Reason:** line mix our words
 * with names third parties chose: check-run names and status contexts (any app, any PR workflow), workflow and run
 * names, branch names, labels and the reason inputs workflows fill from event data. GitHub renders the summary as
 * GitHub Flavored Markdown with HTML, so such a name could otherwise show a link whose label reads like a GitHub URL,
 * an image (a tracking pixel), emphasis, or HTML.
 *
 * How, per whitespace-separated word:
 * - A word that GFM could turn into a link by itself (an autolink literal: `scheme://…`, `www.…`, an address with
 *   `@`) is shown as a code span: nothing inside a code span is Markdown or HTML, and no autolink is found in one.
 * - Any other word is escaped character by character: `& < > " '` as HTML entities (no tag, comment, angle autolink
 *   or entity can open, whatever the renderer does with a backslash before `<`), and with a backslash (CommonMark:
 *   an escaped ASCII punctuation character is literal) each character that opens or closes an inline construct
 *   anywhere in a line: `` ` `` code, `*` `_` emphasis, `[` `]` links, images, references and footnotes (`!` and
 *   `(` only mean something after a `[`), `~` strikethrough, `$` GitHub's math, `|` a table cell, `\` itself.
 *   Characters that matter only at the start of a line (`#`, `-`, `>`, `=`, digits) never start one here: a cell
 *   or a line that follows a label.
 * - Line breaks become `<br>`: a real line break could start a new block (a heading, a list, a table row).
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const MARKDOWN_PUNCTUATION = /[\\`*_[\]~$|]/;
/** What makes GFM link a word without any brackets: a URL scheme, `www.`, or an e-mail address (or xmpp:/mailto:). */
const LINKABLE_WORD = /[a-z][a-z0-9+.-]*:\/\/|www\.|@/i;

function escapeWord(word: string): string {
  let out = '';
  for (const char of word) out += ENTITIES[char] ?? (MARKDOWN_PUNCTUATION.test(char) ? `\\${char}` : char);
  return out;
}

/** A code span that nothing inside can close: its fence is longer than any run of backticks in the word. */
function codeSpan(word: string): string {
  let longest = 0;
  for (const run of word.matchAll(/`+/g)) longest = Math.max(longest, run[0].length);
  const fence = '`'.repeat(longest + 1);
  // A space keeps a backtick at either end from joining the fence (CommonMark strips one space on each side).
  const pad = word.startsWith('`') || word.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${word}${pad}${fence}`;
}

function renderWord(word: string, inTable: boolean): string {
  if (!LINKABLE_WORD.test(word)) return escapeWord(word);
  // In a table row GFM splits cells at pipes before it reads code spans, and a backslash before a pipe inside a code
  // span is ambiguous there: a linkable word with pipes is shown as pieces, the pipes escaped between them.
  if (inTable && word.includes('|'))
    return word
      .split('|')
      .map((piece) => renderWord(piece, true))
      .join('\\|');
  return codeSpan(word);
}

function render(text: string, inTable: boolean): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) =>
      line
        .split(/(\s+)/)
        .map((part, index) => (index % 2 === 1 || part === '' ? part : renderWord(part, inTable)))
        .join(''),
    )
    .join('<br>');
}

/** Any text, as one cell of a Markdown table in the summary: shown as it reads, never rendered as Markdown. */
export function summaryCell(text: string): string {
  return render(text, true);
}

/** Any text, as (part of) a paragraph of the summary: shown as it reads, never rendered as Markdown. */
export function summaryLine(text: string): string {
  return render(text, false);
}
