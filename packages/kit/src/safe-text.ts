/**
 * Untrusted text (PR bodies, changelogs, commit messages) must never be able to issue a workflow command.
 * The runner treats a stdout line as a command when, after leading whitespace, it starts with `::` (or the
 * legacy `##[`). We break such a line by inserting a zero-width space after the first colon/hash: the text
 * stays readable in the log, but no longer parses as a command.
 */
// U+0085 (NEL) too: JavaScript's \s leaves it out, but the runner (.NET) trims it as whitespace.
const COMMAND_START = /^([\s\u0085]*)(::|##\[)/;
const ZWSP = '\u200b';

export function neutralizeWorkflowCommands(text: string): string {
  if (!text.includes('::') && !text.includes('##[')) return text;
  return text
    .split(/(\r\n|\r|\n)/)
    .map((part) => part.replace(COMMAND_START, (_m, ws: string, cmd: string) => `${ws}${cmd[0]}${ZWSP}${cmd.slice(1)}`))
    .join('');
}

/** True when some line of `text` would be read by the runner as a workflow command. */
export function containsWorkflowCommand(text: string): boolean {
  return text.split(/\r\n|\r|\n/).some((line) => COMMAND_START.test(line));
}

/** Escapes text for HTML (job summaries are rendered as GitHub-flavoured Markdown with HTML). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
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

/** Shortens text to at most `max` characters, marking the cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/**
 * Untrusted Markdown shown verbatim in a job summary: a fenced code block whose fence is longer than any run of
 * backticks in the text, so nothing in it can close the fence, open HTML (`<details>`, `<!--`) or render as a link.
 */
export function markdownCodeBlock(text: string, info = 'markdown'): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${info}\n${text.replace(/\r\n?/g, '\n').replace(/\n$/, '')}\n${fence}`;
}
