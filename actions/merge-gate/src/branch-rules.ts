import {
  BranchPatternError,
  matchesAny,
  matchesBranch,
  parseBranchPattern,
  type BranchPattern,
} from './branch-pattern';

/** `master: develop, hotfix/*`: which head branches may target the bases the first pattern matches. */
export interface BaseRule {
  text: string;
  base: BranchPattern;
  heads: readonly BranchPattern[];
}

export class BaseRulesError extends Error {}

/** Rules separated by newlines or `;`, each `<base pattern>: <head pattern>, <head pattern>, …`. */
export function parseBaseRules(text: string): BaseRule[] {
  const rules: BaseRule[] = [];
  for (const line of text.split(/[;\n]/)) {
    const rule = line.trim();
    if (rule === '') continue;
    const colon = rule.indexOf(':');
    if (colon < 0)
      throw new BaseRulesError(
        `'${rule}' has no ':' (expected '<base>: <head>, <head>', e.g. 'master: develop, hotfix/*')`,
      );
    const heads = rule
      .slice(colon + 1)
      .split(',')
      .map((h) => h.trim())
      .filter((h) => h !== '');
    if (heads.length === 0) throw new BaseRulesError(`'${rule}' names no head branch after ':'`);
    try {
      rules.push({ text: rule, base: parseBranchPattern(rule.slice(0, colon)), heads: heads.map(parseBranchPattern) });
    } catch (error) {
      if (error instanceof BranchPatternError) throw new BaseRulesError(`in '${rule}': ${error.message}`);
      throw error;
    }
  }
  if (rules.length === 0) throw new BaseRulesError('no rule');
  return rules;
}

export interface BranchVerdict {
  ok: boolean;
  /** Which rule was applied and, on a violation, which heads it allows. */
  detail: string;
}

const names = (patterns: readonly BranchPattern[]): string => patterns.map((p) => `'${p.text}'`).join(', ');

/**
 * A base with a rule of its own takes only the heads that rule allows (the first rule whose base matches); any
 * other base takes the heads `head-pattern` allows, when it is set.
 */
export function checkBranches(
  baseRules: readonly BaseRule[],
  headPatterns: readonly BranchPattern[],
  base: string,
  head: string,
): BranchVerdict | undefined {
  const rule = baseRules.find((r) => matchesBranch(r.base, base));
  if (rule) {
    return matchesAny(rule.heads, head)
      ? { ok: true, detail: `'${head}' may target '${base}' (base rule '${rule.text}')` }
      : {
          ok: false,
          detail: `base rule '${rule.text}': '${base}' takes pull requests only from ${names(rule.heads)}, not from '${head}'`,
        };
  }
  if (headPatterns.length === 0) return undefined;
  return matchesAny(headPatterns, head)
    ? { ok: true, detail: `'${head}' matches head-pattern` }
    : { ok: false, detail: `head-pattern: head branches must match ${names(headPatterns)}; '${head}' does not` };
}
