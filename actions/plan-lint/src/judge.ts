/**
 * Verdicts on one answer: is this text under a heading or after a field label a real answer, or the template's own
 * text left in, a placeholder (XXX, TODO), an HTML comment only, or nothing? Used by lint.ts for each item.
 */
import type { PlainText } from '@shipshape/markdown';

export type ProblemCode =
  'missing' | 'misnamed' | 'empty' | 'html-comment' | 'placeholder' | 'unchanged' | 'wip' | 'unreadable';

/** Explicit "nothing to say" answers: a simple change has no deployment risks, and saying so is an answer. */
const NOTHING = new Set([
  'none',
  'n/a',
  'na',
  'n.a',
  'not applicable',
  'nothing',
  'no',
  'nope',
  'nil',
  '-',
  '–',
  '—',
  'none needed',
  'not needed',
  'no risks',
  'no risk',
]);

const PLACEHOLDER = /^(?:x{3,}|todo|tbd|fixme)(?![\p{L}\p{N}])/iu;

const TASK_BOX = /^\[[ x]\] /;

/** Lower-cased, without a task box and trailing punctuation: how two answers are compared. */
function comparable(line: string): string {
  return line
    .toLowerCase()
    .replace(/[\s.:;!]+$/u, '')
    .trim();
}

export function isExplicitNothing(lines: readonly string[]): boolean {
  const text = comparable(lines.join(' '));
  return NOTHING.has(text);
}

/**
 * The placeholder word of the first line that is, or starts with, one (`XXX`, `TODO: …`), upper-cased. Only the
 * word is returned, never the rest of the line: messages must not carry PR text (it would reach comments).
 */
export function placeholderWord(lines: readonly string[]): string | undefined {
  for (const line of lines) {
    const match = PLACEHOLDER.exec(line.replace(TASK_BOX, ''));
    if (match) return match[0].toUpperCase().slice(0, 8);
  }
  return undefined;
}

export interface Verdict {
  code: Exclude<ProblemCode, 'missing' | 'misnamed' | 'wip' | 'unreadable'> | undefined;
  /** For placeholders: the placeholder word. */
  detail?: string;
}

/**
 * Whether the text under a section or field answers it. Order matters: an explicit "None" passes even when the
 * template says the same; then empty (or only the template's HTML comment), then untouched template text (every
 * line as in the template, task boxes included, so ticking a box is an answer), then leftover placeholders.
 */
export function judge(text: PlainText, templateLines: readonly string[]): Verdict {
  const { lines } = text;
  if (lines.length === 0) return { code: text.hadComment ? 'html-comment' : 'empty' };
  if (isExplicitNothing(lines)) return { code: undefined };
  if (templateLines.length > 0) {
    const template = new Set(templateLines.map(comparable));
    if (lines.every((line) => template.has(comparable(line)))) return { code: 'unchanged' };
  }
  const placeholder = placeholderWord(lines);
  if (placeholder !== undefined) return { code: 'placeholder', detail: placeholder };
  return { code: undefined };
}

/**
 * The text between a heading and its first field or sub-heading, where the fields carry the answers: nothing there
 * (or only an HTML comment, which GitHub does not show) is fine. Visible text is judged like a field's value: the
 * template's own instruction left as it was is "unchanged", a leftover `XXX`/`TODO` a placeholder; prose the author
 * wrote there (even next to the kept instruction) passes.
 */
export function judgeIntro(text: PlainText, templateLines: readonly string[]): Verdict {
  if (text.lines.length === 0) return { code: undefined };
  return judge(text, templateLines);
}
