import { describe, expect, it } from '@jest/globals';
import { matchesBranch, parseBranchPattern } from '../../../actions/merge-gate/src/branch-pattern';
import { checkBranches, parseBaseRules } from '../../../actions/merge-gate/src/branch-rules';

const matches = (pattern: string, name: string): boolean => matchesBranch(parseBranchPattern(pattern), name);

describe('branch patterns', () => {
  it.each([
    ['hotfix/*', 'hotfix/db-lock', true],
    ['hotfix/*', 'hotfix/db/lock', false],
    ['release/**', 'release/1.2/rc', true],
    ['develop', 'develop', true],
    ['develop', 'develop2', false],
    ['*', 'feature/x', false],
    ['**', 'feature/x', true],
    ['feat*/*-fix', 'feature/login-fix', true],
  ])('%s against %s: %s', (pattern, name, expected) => {
    expect(matches(pattern, name)).toBe(expected);
  });

  it('a pattern of many stars against a long name ends after counted work (no backtracking)', () => {
    const pattern = parseBranchPattern(`${'a*'.repeat(60)}b`);
    // Each token visits at most name.length + 1 positions from each reachable start: bounded by tokens × length².
    expect(matchesBranch(pattern, 'a'.repeat(250))).toBe(false);
  });
});

describe('base rules', () => {
  const rules = parseBaseRules('master: develop, hotfix/*\ndevelop: feature/*, fix/*');

  it('a base with a rule takes only its heads, and says which', () => {
    expect(checkBranches(rules, [], 'master', 'hotfix/urgent')).toMatchObject({ ok: true });
    expect(checkBranches(rules, [], 'master', 'feature/x')).toEqual({
      ok: false,
      detail:
        "base rule 'master: develop, hotfix/*': 'master' takes pull requests only from 'develop', 'hotfix/*', not from 'feature/x'",
    });
  });

  it('head-pattern applies to bases without a rule', () => {
    const heads = ['feature/*', 'fix/*'].map(parseBranchPattern);
    expect(checkBranches([], heads, 'main', 'feature/a')).toMatchObject({ ok: true });
    expect(checkBranches([], heads, 'main', 'wip')).toMatchObject({
      ok: false,
      detail: "head-pattern: head branches must match 'feature/*', 'fix/*'; 'wip' does not",
    });
    expect(checkBranches(rules, heads, 'master', 'develop')).toMatchObject({ ok: true });
    expect(checkBranches([], [], 'main', 'anything')).toBeUndefined();
  });
});
