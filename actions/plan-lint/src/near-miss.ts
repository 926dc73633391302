import type { OutlineItem } from '@shipshape/markdown';
import type { PlanRule } from './rules';

/**
 * Words that say nothing about which item a name means: a heading "Notes and caveats" shares "and" with
 * "Original issue and supporting materials" and is no near miss of it.
 */
const STOP_WORDS = new Set([
  'a',
  'an',
  'and',
  'any',
  'are',
  'as',
  'at',
  'be',
  'by',
  'do',
  'for',
  'from',
  'how',
  'if',
  'in',
  'is',
  'it',
  'no',
  'not',
  'of',
  'on',
  'or',
  'our',
  'out',
  'the',
  'this',
  'to',
  'up',
  'what',
  'when',
  'which',
  'why',
  'with',
  'your',
]);

/**
 * A crude English stem, the same on both sides: "Backuping" and "Backup", "steps" and "step", "strategies" and
 * "strategy".
 */
function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  for (const suffix of ['ing', 'ed', 's']) {
    if (word.length - suffix.length >= 3 && word.endsWith(suffix) && !word.endsWith('ss'))
      return word.slice(0, -suffix.length);
  }
  return word;
}

/** The stemmed words of a name that can tell it apart: case, punctuation and stop words do not count. */
export function nameWords(name: string): Set<string> {
  const words = name
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u);
  return new Set(words.filter((w) => w.length > 1 && !STOP_WORDS.has(w)).map(stem));
}

/**
 * How a found label is quoted in a message: only letters, digits, marks, spaces, hyphens and apostrophes, at most
 * `QUOTE_MAX` characters (cut between words, marked `…`). The label is PR text, and messages reach annotations, the
 * summary and the PR comment; what is
 * left cannot form Markdown, HTML, a link, a mention or a workflow command.
 */
const QUOTE_MAX = 60;

export function quotable(label: string): string {
  const clean = label
    .normalize('NFKC')
    .replace(/[^\p{L}\p{M}\p{N}' -]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (clean.length <= QUOTE_MAX) return clean;
  // Cut between words, so that the quote shows no half word.
  const cut = clean.slice(0, QUOTE_MAX + 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > 0 ? cut.slice(0, space) : clean.slice(0, QUOTE_MAX)).trim()}…`;
}

export interface NearMissFinder {
  /** Whether `label` is close to `rule`'s name: it shares a word only that rule's name has. */
  similar(label: string, rule: PlanRule): boolean;
  /** Whether `label` is close to the name of any rule (a bold bullet worth reading as a field). */
  nearAny(label: string): boolean;
  /** For each missing rule, the unmatched heading or field of the body that is its near miss, if any. */
  find(missing: readonly PlanRule[], items: readonly OutlineItem[]): Map<PlanRule, OutlineItem>;
}

/**
 * The similarity rule. A word of a rule's name is *distinctive* when no other rule's name has it (after stemming):
 * in the preset, "rollback" is distinctive of "Rollback strategy" while "plan" is not ("Roll-out plan",
 * "Verification plan"), "backup" of "Backuping steps" while "step" is not ("Deployment steps"). A label the rules do
 * not know is a near miss of a rule when it shares at least one distinctive word of that rule's name and at least
 * half of them: "Rollback plan" shares "rollback" of {rollback, strategy}, while "Changes to security controls"
 * shares only "change" of {backing, service, related, change} and is no near miss of "Backing services related
 * changes". So a template's own items
 * are never near misses of one another, by construction: a distinctive word of one is in no other's name.
 * Each found item answers one rule at most: the first missing rule (in the rules' order) with the most shared words.
 */
export function nearMissFinder(rules: readonly PlanRule[]): NearMissFinder {
  const wordsOf = new Map(rules.map((rule) => [rule, nameWords(rule.name)]));
  const uses = new Map<string, number>();
  for (const words of wordsOf.values()) for (const word of words) uses.set(word, (uses.get(word) ?? 0) + 1);
  const distinctive = new Map(
    [...wordsOf].map(([rule, words]) => [rule, [...words].filter((word) => uses.get(word) === 1)]),
  );
  const known = new Set(rules.flatMap((rule) => rule.keys));
  /** How many distinctive words of the rule's name the label shares; 0 unless that is at least half of them. */
  const shared = (label: string, rule: PlanRule): number => {
    const words = nameWords(label);
    const own = distinctive.get(rule) ?? [];
    const count = own.filter((word) => words.has(word)).length;
    return count * 2 >= own.length ? count : 0;
  };
  return {
    similar: (label, rule) => shared(label, rule) > 0,
    nearAny: (label) => rules.some((rule) => shared(label, rule) > 0),
    find(missing, items) {
      const found = new Map<PlanRule, OutlineItem>();
      const taken = new Set<OutlineItem>();
      const unknown = items.filter((item) => !known.has(item.key));
      for (const rule of missing) {
        let best: { item: OutlineItem; score: number } | undefined;
        for (const item of unknown) {
          if (taken.has(item)) continue;
          const score = shared(item.text, rule);
          if (score > 0 && (!best || score > best.score)) best = { item, score };
        }
        if (best) {
          found.set(rule, best.item);
          taken.add(best.item);
        }
      }
      return found;
    },
  };
}
