/**
 * Branch name patterns as in workflow `branches:` filters: `*` matches any characters but `/`, `**` any characters
 * at all, everything else itself (`hotfix/*` matches `hotfix/db-lock`, not `hotfix/db/lock`; `release/**` both).
 * Matched without regular expressions, in time proportional to the pattern's length times the name's.
 */

export class BranchPatternError extends Error {}

type Token = { kind: 'text'; text: string } | { kind: 'star' } | { kind: 'globstar' };

export interface BranchPattern {
  text: string;
  tokens: readonly Token[];
}

/**
 * Characters a branch name can never hold (git check-ref-format: space, `~ ^ : ? [ \`, control characters), so a
 * pattern holding one matches nothing and is refused rather than silently never matching.
 */
// eslint-disable-next-line no-control-regex -- control characters are what this refuses
const NEVER_IN_A_BRANCH = /[\s~^:?[\\\x00-\x1f\x7f]/;

export function parseBranchPattern(text: string): BranchPattern {
  const pattern = text.trim();
  if (pattern === '') throw new BranchPatternError('an empty pattern');
  const bad = NEVER_IN_A_BRANCH.exec(pattern);
  if (bad)
    throw new BranchPatternError(
      `'${pattern}' holds ${JSON.stringify(bad[0])}, which no branch name can contain, so it matches nothing`,
    );
  if (
    pattern.startsWith('/') ||
    pattern.endsWith('/') ||
    pattern.includes('//') ||
    pattern.includes('..') ||
    pattern.endsWith('.lock') ||
    pattern.includes('@{')
  ) {
    throw new BranchPatternError(
      `'${pattern}' can never be a branch name (a leading or trailing '/', '//', '..', '@{' or '.lock' at the end), so it matches nothing`,
    );
  }
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length;) {
    if (pattern.startsWith('**', i)) {
      tokens.push({ kind: 'globstar' });
      i += 2;
      while (pattern[i] === '*') i++;
    } else if (pattern[i] === '*') {
      tokens.push({ kind: 'star' });
      i++;
    } else {
      let end = i;
      while (end < pattern.length && pattern[end] !== '*') end++;
      tokens.push({ kind: 'text', text: pattern.slice(i, end) });
      i = end;
    }
  }
  return { text: pattern, tokens };
}

/** Whether `name` matches: a table of which (token, position) pairs are reachable, no backtracking. */
export function matchesBranch(pattern: BranchPattern, name: string): boolean {
  let reachable = new Set<number>([0]);
  for (const token of pattern.tokens) {
    const next = new Set<number>();
    for (const start of reachable) {
      if (token.kind === 'text') {
        if (name.startsWith(token.text, start)) next.add(start + token.text.length);
      } else {
        next.add(start);
        for (let end = start; end < name.length; end++) {
          if (token.kind === 'star' && name[end] === '/') break;
          next.add(end + 1);
        }
      }
    }
    reachable = next;
    if (reachable.size === 0) return false;
  }
  return reachable.has(name.length);
}

export const matchesAny = (patterns: readonly BranchPattern[], name: string): boolean =>
  patterns.some((p) => matchesBranch(p, name));
