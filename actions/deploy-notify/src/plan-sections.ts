import {
  matchKey,
  normalizeMarkdown,
  outlineOf,
  parseMarkdownWithin,
  plainText,
  type ParseLimits,
} from '@shipshape/markdown';
import type { PlanSection } from '@shipshape/slack';

/**
 * The plan sections a failure alert quotes, by the names of plan-lint's built-in template (actions/plan-lint,
 * preset `rollout-rollback`): the section `## Rollback strategy` and the field `**Deployment assistants**:`.
 */
export const QUOTED_SECTIONS = ['Rollback strategy', 'Deployment assistants'] as const;

/**
 * A description is text anyone with write access typed: parsed within a budget (@shipshape/markdown's bounded
 * parse), as plan-lint parses it. GitHub stores at most 65,536 characters of a pull request's body.
 */
const BODY_LIMITS: ParseLimits = { maxChars: 256 * 1024, timeoutMs: 5_000 };

/**
 * Reads a pull request's description the way plan-lint does (lintPlan in actions/plan-lint/src/lint.ts): normalised,
 * parsed by remark within a budget, outlined into headings and bold fields (`outlineOf`, with a bold bullet a field
 * only for the names looked for), names compared by `matchKey` (case, punctuation and emoji do not matter), and a
 * section's text taken as plan-lint records it in its `plan` output (its own text when it has fields or sub-headings,
 * else all it covers). Returns the sections found, in QUOTED_SECTIONS order, with their non-empty plain-text lines.
 * Throws MarkdownTooComplexError for a description over the budget: BODY_LIMITS, or `timeoutMs` when that is less
 * (what is left of the lookup's budget).
 */
export function readPlanSections(body: string | null, timeoutMs: number = BODY_LIMITS.timeoutMs): PlanSection[] {
  const keys = new Map<string, string>(QUOTED_SECTIONS.map((name) => [matchKey(name), name]));
  const limits: ParseLimits = { ...BODY_LIMITS, timeoutMs: Math.max(1, Math.min(BODY_LIMITS.timeoutMs, timeoutMs)) };
  const outline = outlineOf(parseMarkdownWithin(normalizeMarkdown(body ?? ''), limits), {
    listField: (label) => keys.has(label.key),
  });
  const found = new Map<string, PlanSection>();
  for (const item of outline.items) {
    const name = keys.get(item.key);
    if (name === undefined || found.has(name)) continue;
    const text = outline.hasChildren(item) ? plainText(outline.ownContent(item)) : outline.fullText(item);
    found.set(name, { name, lines: text.lines.map((line) => line.trim()).filter((line) => line !== '') });
  }
  return QUOTED_SECTIONS.flatMap((name) => {
    const section = found.get(name);
    return section === undefined ? [] : [section];
  });
}
