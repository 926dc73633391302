import { escapeHtml, markdownTableCell } from '@shipshape/kit';
import type { ItemReport, LintResult, Problem } from './lint';
import type { PlanRule } from './rules';

export const COMMENT_MARKER = '<!-- shipshape:plan-lint -->';

export interface ReportContext {
  number: number | undefined;
  source: string;
  draft: boolean;
  /** Why the check was skipped (exempt label or author), if it was. */
  skipped?: string;
}

/** The step's one-line outcome. */
export function oneLine(result: LintResult, ctx: ReportContext): string {
  if (ctx.skipped) return `Plan check skipped: ${ctx.skipped}.`;
  if (result.valid) return result.wip ? `Plan check passed (warning: ${result.wip}).` : 'Plan check passed.';
  const first = result.problems
    .slice(0, 3)
    .map((p) => `${p.section} (${p.code})`)
    .join(', ');
  const more = result.problems.length > 3 ? `, and ${result.problems.length - 3} more` : '';
  return `Plan check failed: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}: ${first}${more}.`;
}

const STATUS: Record<ItemReport['status'], string> = {
  passed: '✅ passed',
  failed: '❌ failed',
  'not required': '➖ not required',
};

function itemName(item: ItemReport): string {
  return item.kind === 'field' && item.parent ? `${item.parent} › ${item.name}` : item.name;
}

/** The job summary: one row per item, with what is wrong and how to fix it. Every cell is escaped. */
export function summaryMarkdown(result: LintResult, ctx: ReportContext): string {
  const lines = [
    `### Plan check${ctx.number ? ` for #${ctx.number}` : ''}: ${ctx.skipped ? 'skipped' : result.valid ? 'passed' : ctx.draft ? 'failed (draft: not blocking)' : 'failed'}`,
    '',
  ];
  if (ctx.skipped) return [...lines, markdownTableCell(ctx.skipped), ''].join('\n');
  lines.push(`Rules from ${markdownTableCell(ctx.source)}.`, '');
  if (result.wip) lines.push(`⚠️ Work in progress: ${markdownTableCell(result.wip)}.`, '');
  const general = result.problems.filter((p) => p.code === 'unreadable');
  for (const p of general) lines.push(`❌ ${markdownTableCell(p.message)}`, '');
  if (result.items.length > 0) {
    lines.push('| Section / field | Status | What is wrong | How to fix |', '| --- | --- | --- | --- |');
    for (const item of result.items) {
      lines.push(
        `| ${markdownTableCell(itemName(item))} | ${STATUS[item.status]} | ${markdownTableCell(item.problem ?? '')} | ${markdownTableCell(item.fix ?? '')} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** A fence longer than any backtick run in the text, so names cannot close it. */
function fenceFor(text: string): string {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === '`' ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return '`'.repeat(Math.max(3, longest + 1));
}

/** Markdown the author can paste: the missing and empty items, fields under their heading. */
export function skeleton(rules: readonly PlanRule[], problems: readonly Problem[]): string {
  // A misnamed item is there under another name: renaming it is the fix, not pasting it again.
  const wanted = new Set(
    problems.filter((p) => p.code !== 'wip' && p.code !== 'unreadable' && p.code !== 'misnamed').map((p) => p.section),
  );
  const lines: string[] = [];
  let heading: string | undefined;
  for (const rule of rules) {
    if (!wanted.has(rule.name)) continue;
    if (rule.kind === 'field') {
      if (rule.parent && rule.parent !== heading) {
        lines.push('', `## ${rule.parent}`);
        heading = rule.parent;
      }
      lines.push(`**${rule.name}**: `);
    } else {
      lines.push('', `## ${rule.name}`, '');
      heading = rule.name;
    }
  }
  return lines.join('\n').trim();
}

/** Comment text: the problems and a skeleton while failing; a short "passing" note once fixed. */
export function commentBody(result: LintResult, rules: readonly PlanRule[], ctx: ReportContext): string {
  if (result.valid) {
    return `${COMMENT_MARKER}\n### ✅ Plan check passed\n\nThe description now has every required section and field. Thank you!\n`;
  }
  const lines = [
    COMMENT_MARKER,
    '### ❌ Plan check failed',
    '',
    `The description needs a few more answers before this can merge${ctx.draft ? ' (this is a draft, so it does not block yet)' : ''}:`,
    '',
  ];
  for (const p of result.problems) lines.push(`- ${escapeHtml(p.message)}`);
  const text = skeleton(rules, result.problems);
  if (text !== '') {
    const fence = fenceFor(text);
    lines.push('', 'Copy, paste into the description and fill in:', '', `${fence}markdown`, text, fence);
  }
  lines.push('', `<sub>Rules from ${escapeHtml(ctx.source)}. This comment is updated on every run.</sub>`, '');
  return lines.join('\n');
}
