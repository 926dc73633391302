import { ConfigError } from '@shipshape/kit';
import {
  MarkdownTooComplexError,
  parseMarkdownWithin,
  matchKey,
  outlineOf,
  normalizeMarkdown,
  plainText,
  type PlainText,
} from '@shipshape/markdown';
import { placeholderWord } from './judge';

/** Required only when the PR changes a file matching one of `paths` or carries one of `labels`. */
export interface Condition {
  paths: string[];
  labels: string[];
}

/** One thing a plan must contain: a heading (section), a bold field, or either (`any`, from a config name). */
export interface PlanRule {
  name: string;
  kind: 'section' | 'field' | 'any';
  /** Match keys of the name and its aliases. */
  keys: string[];
  /** For a field: the heading it sits under in the template. */
  parent: string | undefined;
  /** The template's own text for this item (guidance, placeholders, default answers): "not filled" when left alone. */
  templateLines: string[];
  /**
   * For a heading with fields or sub-headings: the template's text between the heading and its first field or
   * sub-heading (an instruction line); left in place unchanged, it is "not filled". Empty when there is none.
   */
  introLines: string[];
  /** A heading whose fields or sub-headings carry the content: it must be there; its children are checked. */
  presenceOnly: boolean;
  /** Required only under these conditions (any of them); undefined = always. */
  when: Condition[] | undefined;
}

export interface RuleSet {
  rules: PlanRule[];
  /** Where the rules came from, for the summary: `preset rollout-rollback`, `template .github/…`, `config …`. */
  source: string;
}

const OPTIONAL_MARK = /[([]\s*optional\s*[)\]]/i;

/**
 * In a template, a list item opening with a bold label is a field to fill when nothing real follows the label:
 * `- **Risks**:`, `- **Risks**: XXX`, `- **Risks**: <!-- describe -->`, or a label over a nested checklist of
 * placeholders. A bullet whose label is followed by text (`- **Note**: keep PRs small`) is emphasis in guidance,
 * not a question: it makes no required field.
 */
function templateListField(_label: { text: string; key: string }, value: () => PlainText): boolean {
  const { lines } = value();
  return lines.length === 0 || placeholderWord(lines) !== undefined;
}

/**
 * Every heading and bold field of a template becomes a required item; its text in the template is what "not
 * filled" looks like. Headings marked `(optional)` or `[optional]` are left out. Headings inside HTML comments
 * or code fences are not headings (remark decides), so a template that comments out its sections asks for none.
 */
export function rulesFromTemplate(template: string, source: string): RuleSet {
  let outline;
  try {
    outline = outlineOf(parseMarkdownWithin(normalizeMarkdown(template), { maxChars: 512 * 1024, timeoutMs: 10_000 }), {
      listField: templateListField,
    });
  } catch (error) {
    if (error instanceof MarkdownTooComplexError)
      throw new ConfigError(`The template ${source} cannot be used: ${error.message}.`);
    throw error;
  }
  const rules: PlanRule[] = [];
  const seen = new Set<string>();
  let skippedParent: string | undefined;
  for (const item of outline.items) {
    if (item.kind === 'heading') skippedParent = OPTIONAL_MARK.test(item.text) ? item.text : undefined;
    if (OPTIONAL_MARK.test(item.text) || (item.kind === 'field' && skippedParent !== undefined)) continue;
    if (item.key === '') continue;
    const id = `${item.kind}:${item.parent ?? ''}:${item.key}`;
    if (seen.has(id)) continue;
    seen.add(id);
    rules.push({
      name: item.text,
      kind: item.kind === 'heading' ? 'section' : 'field',
      keys: [item.key],
      parent: item.parent,
      templateLines: outline.fullText(item, { labels: false }).lines,
      introLines: outline.hasChildren(item) ? plainText(outline.ownContent(item)).lines : [],
      presenceOnly: outline.hasChildren(item),
      when: undefined,
    });
  }
  return { rules, source };
}

/** Finds the rule a config name refers to (by name or any alias). */
export function findRule(rules: readonly PlanRule[], name: string): PlanRule | undefined {
  const key = matchKey(name);
  return rules.find((rule) => rule.keys.includes(key));
}

export function anyRule(name: string): PlanRule {
  return {
    name,
    kind: 'any',
    keys: [matchKey(name)],
    parent: undefined,
    templateLines: [],
    introLines: [],
    presenceOnly: false,
    when: undefined,
  };
}

/** Applies a config file's changes to base rules: extra and conditional items, aliases, optional items. */
export function applyConfig(
  base: RuleSet,
  config: {
    require: string[];
    optional: string[];
    aliases: Record<string, string[]>;
    when: { condition: Condition; require: string[] }[];
  },
): RuleSet {
  const rules = base.rules.map((rule) => ({ ...rule, keys: [...rule.keys] }));
  const ensure = (name: string): PlanRule => {
    const found = findRule(rules, name);
    if (found) return found;
    const rule = anyRule(name);
    rules.push(rule);
    return rule;
  };
  for (const name of config.require) ensure(name);
  for (const { condition, require } of config.when) {
    for (const name of require) {
      const rule = ensure(name);
      rule.when = [...(rule.when ?? []), condition];
    }
  }
  for (const [name, aliases] of Object.entries(config.aliases)) {
    const rule = ensure(name);
    for (const alias of aliases) {
      const key = matchKey(alias);
      if (key !== '' && !rule.keys.includes(key)) rule.keys.push(key);
    }
  }
  const optional = new Set(config.optional.map(matchKey));
  return {
    rules: rules.filter((rule) => !rule.keys.some((key) => optional.has(key)) || rule.when !== undefined),
    source: base.source,
  };
}
