import {
  MarkdownTooComplexError,
  parseMarkdownWithin,
  outlineOf,
  normalizeMarkdown,
  wipReason,
} from '@shipshape/markdown';
import type { RuleRow } from './verdict';
import type { PullInfo } from './github-port';

/** plan-lint's WIP rule on a pull request: its title, and the first line of its description parsed within bounds. */
export function wipRow(pull: PullInfo): RuleRow {
  let outline;
  try {
    outline = outlineOf(parseMarkdownWithin(normalizeMarkdown(pull.body ?? '')));
  } catch (error) {
    // A description too complex to read is judged by its title alone: only its own author loses by hiding a marker.
    if (!(error instanceof MarkdownTooComplexError)) throw error;
  }
  const wip = wipReason(pull.title, outline);
  return wip
    ? { rule: 'wip', ok: false, detail: `work in progress: ${wip}` }
    : { rule: 'wip', ok: true, detail: 'not marked work in progress' };
}
