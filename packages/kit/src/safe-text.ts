/**
 * Untrusted text (PR bodies, changelogs, commit messages, check and job names) must never be able to issue a workflow
 * command. The runner (actions/runner, src/Runner.Common/ActionCommand.cs) reads a stdout line as a command in two
 * ways: `TryParseV2` when the line, after `TrimStart()`, starts with `::`; and the legacy `TryParse` when `##[`
 * occurs ANYWHERE in the line (`message.IndexOf("##[")`). We break both by inserting a zero-width space: after the
 * first colon of a leading `::`, and between the two hashes of every `##[`. The text stays readable in the log.
 */
// .NET's TrimStart() trims Unicode White_Space, which JavaScript's \s covers except U+0085 (NEL).
const COMMAND_START = /^([\s\u0085]*)::/;
const LEGACY_COMMAND = /##\[/g;
const ZWSP = '\u200b';

/**
 * Breaks every `##[` in a text. Enough for the data of a command we print ourselves (`::error::…`): the runner
 * parses such a line as that command and never looks at it again, but an annotation shown elsewhere and our own
 * security checks stay simpler when no line carries `##[` at all.
 */
export function breakLegacyCommands(text: string): string {
  return text.includes('##[') ? text.replace(LEGACY_COMMAND, `#${ZWSP}#[`) : text;
}

function neutralizeLine(line: string): string {
  return breakLegacyCommands(line.replace(COMMAND_START, (_m, ws: string) => `${ws}:${ZWSP}:`));
}

export function neutralizeWorkflowCommands(text: string): string {
  if (!text.includes('::') && !text.includes('##[')) return text;
  return text
    .split(/(\r\n|\r|\n)/)
    .map((part) => neutralizeLine(part))
    .join('');
}

/** True when some line of `text` would be read by the runner as a workflow command (either form). */
export function containsWorkflowCommand(text: string): boolean {
  return text.split(/\r\n|\r|\n/).some((line) => COMMAND_START.test(line) || line.includes('##['));
}

/** Escapes text for HTML (job summaries are rendered as GitHub-flavoured Markdown with HTML). */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/**
 * Makes untrusted text safe for one cell of a Markdown table in a job summary: HTML-escaped (so it cannot
 * open tags or comments), pipes escaped, and line breaks turned into <br>.
 */
export function markdownTableCell(text: string): string {
  return escapeHtml(text)
    .replace(/\|/g, '\\|')
    .replace(/\r\n|\r|\n/g, '<br>');
}

/** Shortens text to at most `max` UTF-16 code units, marking the cut; never splits a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const last = text.charCodeAt(end - 1);
  if (end > 0 && last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/**
 * Untrusted Markdown shown verbatim in a job summary: a fenced code block whose fence is longer than any run of
 * backticks in the text, so nothing in it can close the fence, open HTML (`<details>`, `<!--`) or render as a link.
 */
export function markdownCodeBlock(text: string, info = 'markdown'): string {
  // A loop, not Math.max(...runs): one argument per backtick run overflows the stack on a long text.
  let longest = 0;
  for (const run of text.matchAll(/`+/g)) longest = Math.max(longest, run[0].length);
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${text.replace(/\r\n?/g, '\n').replace(/\n$/, '')}\n${fence}`;
}
