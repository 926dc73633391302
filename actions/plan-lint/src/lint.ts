/**
 * The lint itself, pure: a PR body's outline (headings, fields) against a rule set, giving one problem per missing,
 * misnamed, empty or placeholder item and the plan as read. No I/O: check.ts hands it the body and the rules.
 */
import picomatch from 'picomatch';
import {
  MarkdownTooComplexError,
  parseMarkdownWithin,
  type ParseLimits,
  matchKey,
  outlineOf,
  type Outline,
  type OutlineItem,
  normalizeMarkdown,
  plainText,
  wipReason,
} from '@shipshape/markdown';
import { judge, judgeIntro, type ProblemCode } from './judge';
import { nearMissFinder, quotable } from './near-miss';
import { DEFAULT_CONFIG_PATH } from './sources';
import type { Condition, PlanRule } from './rules';

export interface Problem {
  /** The finest level that is wrong: the field if the problem is in a field, else the heading. */
  section: string;
  code: ProblemCode;
  message: string;
}

export interface ItemReport {
  name: string;
  kind: PlanRule['kind'];
  parent: string | undefined;
  status: 'passed' | 'failed' | 'not required';
  code?: ProblemCode;
  problem?: string;
  fix?: string;
}

export interface LintInput {
  title: string;
  /** The PR description; GitHub sends null for an empty one. */
  body: string | null;
  rules: readonly PlanRule[];
  labels: readonly string[];
  /** Changed files; only needed when a rule has path conditions. */
  changedFiles: readonly string[];
  /** fail: WIP makes the plan invalid; warn: reported but not a problem. */
  wip: 'fail' | 'warn';
  limits?: ParseLimits;
}

export interface LintResult {
  valid: boolean;
  problems: Problem[];
  items: ItemReport[];
  /** section/field → plain text, for later deploy or notify steps. */
  plan: Record<string, string>;
  /** Why the PR is WIP, when it is (reported even when it only warns). */
  wip: string | undefined;
}

const FIX: Record<Exclude<ProblemCode, 'misnamed' | 'wip' | 'unreadable'>, (rule: PlanRule) => string> = {
  missing: (rule) =>
    rule.kind === 'field'
      ? `add a line \`**${rule.name}**: …\`${rule.parent ? ` under "${rule.parent}"` : ''} and answer it`
      : `add a heading \`## ${rule.name}\` and fill it in`,
  empty: () => 'write the answer, or `None` / `N/A` if there is nothing to say',
  'html-comment': () => 'write the answer below the template comment (or `None`)',
  placeholder: () => 'replace the placeholder with the real answer',
  unchanged: () => "replace the template text with this change's answer (or `None`)",
};

const MESSAGE: Record<Exclude<ProblemCode, 'misnamed' | 'wip' | 'unreadable'>, string> = {
  missing: 'is missing',
  empty: 'is empty',
  'html-comment': "only contains the template's HTML comment",
  placeholder: 'still contains a placeholder',
  unchanged: 'is unchanged from the template',
};

/** Problems in the text above a heading's fields (the heading itself is there, and its fields are judged apart). */
const INTRO_MESSAGE: Partial<Record<ProblemCode, string>> = {
  placeholder: 'still contains a placeholder above its fields',
  unchanged: "still has the template's instructions above its fields",
};

/**
 * A near miss: the item is there under another name. The message quotes the found name (reduced by `quotable`,
 * since it is PR text) and the config entry that accepts it for good. Not as a code span: the summary and the
 * comment HTML-escape messages, and an entity inside a code span would show as `&quot;`.
 */
function misnamed(rule: PlanRule, found: string): { message: string; fix: string } {
  const name = quotable(found);
  const alias = `aliases: {${JSON.stringify(rule.name)}: [${JSON.stringify(name)}]}`;
  return {
    message: `${describe(rule)} is missing: found "${name}" — did you mean "${rule.name}"? Rename it, or accept the name for good in the config file (${DEFAULT_CONFIG_PATH}) with ${alias}.`,
    fix: `rename "${name}" to "${rule.name}", or add ${alias} to the config file`,
  };
}

const INTRO_FIX = "replace the template's text under the heading with this change's answer, or delete it";

export function conditionHolds(
  conditions: readonly Condition[],
  files: readonly string[],
  labels: readonly string[],
): boolean {
  return conditions.some((condition) => {
    if (condition.labels.some((label) => labels.includes(label))) return true;
    if (condition.paths.length === 0) return false;
    const matches = picomatch(condition.paths, { dot: true });
    return files.some((file) => matches(file));
  });
}

export function needsChangedFiles(rules: readonly PlanRule[]): boolean {
  return rules.some((rule) => rule.when?.some((condition) => condition.paths.length > 0));
}

/** The body item a rule refers to: same kind first, a field under its template heading first, then any match. */
function locate(outline: Outline, rule: PlanRule): OutlineItem | undefined {
  const candidates = outline.items.filter((item) => rule.keys.includes(item.key));
  const sameKind = candidates.filter(
    (item) => rule.kind === 'any' || (rule.kind === 'field') === (item.kind === 'field'),
  );
  if (rule.kind === 'field' && rule.parent !== undefined) {
    const parentKey = matchKey(rule.parent);
    const underParent = sameKind.find((item) => item.parent !== undefined && matchKey(item.parent) === parentKey);
    if (underParent) return underParent;
  }
  return sameKind[0] ?? candidates[0];
}

function describe(rule: PlanRule): string {
  return rule.kind === 'field'
    ? `Field "${rule.name}"`
    : rule.kind === 'section'
      ? `Section "${rule.name}"`
      : `"${rule.name}"`;
}

/** Lints one description against rules. Pure: no I/O; the caller fetches the body, files and labels. */
export function lintPlan(input: LintInput): LintResult {
  const problems: Problem[] = [];
  const items: ItemReport[] = [];
  const plan = new Map<string, string>();
  const nearMisses = nearMissFinder(input.rules);
  let outline: Outline | undefined;
  try {
    // `- **Label**: …` in a list is a field only for the names the rules know: bold text opening an ordinary
    // bullet must not cut a section's text short or pass for an answer.
    // A bold bullet close to a rule's name is read as a field too, so that it can be reported as a near miss.
    const known = new Set(input.rules.flatMap((rule) => rule.keys));
    outline = outlineOf(parseMarkdownWithin(normalizeMarkdown(input.body ?? ''), input.limits), {
      listField: (label) => known.has(label.key) || nearMisses.nearAny(label.text),
    });
  } catch (error) {
    if (!(error instanceof MarkdownTooComplexError)) throw error;
    problems.push({
      section: 'Description',
      code: 'unreadable',
      message: `The description could not be checked: ${error.message}.`,
    });
  }
  const wip = wipReason(input.title, outline);
  if (wip && input.wip === 'fail') {
    problems.push({
      section: 'Title',
      code: 'wip',
      message: `The pull request is work in progress: ${wip}. Remove the marker when it is ready to merge.`,
    });
  }
  if (outline) {
    const required = input.rules.filter(
      (rule) => !rule.when || conditionHolds(rule.when, input.changedFiles, input.labels),
    );
    const located = new Map(required.map((rule) => [rule, locate(outline as Outline, rule)]));
    const near = nearMisses.find(
      required.filter((rule) => located.get(rule) === undefined),
      outline.items,
    );
    for (const rule of input.rules) {
      const report: ItemReport = { name: rule.name, kind: rule.kind, parent: rule.parent, status: 'passed' };
      items.push(report);
      if (!located.has(rule)) {
        report.status = 'not required';
        continue;
      }
      const item = located.get(rule);
      const found = near.get(rule);
      if (!item && found) {
        const { message, fix } = misnamed(rule, found.text);
        Object.assign(report, { status: 'failed', code: 'misnamed', problem: message, fix });
        problems.push({ section: rule.name, code: 'misnamed', message });
        continue;
      }
      let verdict: { code: Exclude<ProblemCode, 'misnamed' | 'wip' | 'unreadable'> | undefined; detail?: string };
      // A heading whose fields or sub-headings carry the answers: only the text above them is judged here.
      const intro = item !== undefined && rule.presenceOnly && item.kind === 'heading' && outline.hasChildren(item);
      if (!item) verdict = { code: 'missing' };
      else if (intro) verdict = judgeIntro(plainText(outline.ownContent(item)), rule.introLines);
      else verdict = judge(outline.fullText(item, { labels: false }), rule.templateLines);
      const { code, detail } = verdict;
      if (code === undefined) continue;
      const what = (intro ? INTRO_MESSAGE[code] : undefined) ?? MESSAGE[code];
      const message = `${describe(rule)} ${what}${detail ? ` ("${detail}")` : ''}.`;
      const fix = intro ? INTRO_FIX : FIX[code](rule);
      Object.assign(report, { status: 'failed', code, problem: message, fix });
      problems.push({ section: rule.name, code, message });
    }
    for (const item of outline.items) {
      const rule = input.rules.find((r) => r.keys.includes(item.key));
      const name = rule?.name ?? item.text;
      if (plan.has(name)) continue;
      // A heading with fields or sub-sections: only its own text (its children have their own entries).
      const text = outline.hasChildren(item) ? plainText(outline.ownContent(item)) : outline.fullText(item);
      plan.set(name, text.lines.join('\n'));
    }
  }
  return { valid: problems.length === 0, problems, items, plan: Object.fromEntries(plan), wip };
}
