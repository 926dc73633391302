import { describe, expect, it } from '@jest/globals';
import { lintPlan } from '../../actions/plan-lint/src/lint';
import { anyRule, rulesFromTemplate, type PlanRule } from '../../actions/plan-lint/src/rules';
import { parseMarkdownWithin } from '../../packages/markdown/src/bounded-parse';
import { matchKey } from '../../packages/markdown/src/match-key';
import { outlineOf } from '../../packages/markdown/src/outline';
import { normalizeMarkdown } from '../../packages/markdown/src/parse';
import { plainText } from '../../packages/markdown/src/plain-text';
import {
  CORPUS_SKIP_REASON,
  corpusAvailable,
  corpusManifest,
  corpusText,
  type CorpusEntry,
} from '@shipshape/testing/corpus';

/**
 * The real PR templates and descriptions of ../shared/corpus against manifest.json's judgements: which headings
 * a reader sees (none inside HTML comments), and which sections are empty or still the template's text.
 */

interface TemplateEntry extends CorpusEntry {
  headings: { line: number; level: number; text: string; inside_html_comment: boolean }[];
}
interface BodyEntry extends CorpusEntry {
  title: string;
  sections_present: string[];
  sections_empty_or_placeholder: string[];
  sections_template_default_unchanged: string[];
}

const available = corpusAvailable();
const manifest = available ? corpusManifest() : [];
const templates = manifest.filter((e): e is TemplateEntry => e.kind === 'pr-template');
const bodies = manifest.filter((e): e is BodyEntry => e.kind === 'pr-body');
// Without the corpus the suites are skipped (counted as skipped, their titles say why), never passed.
const describeCorpus = available ? describe : describe.skip;
const skipNote = available ? '' : ` (${CORPUS_SKIP_REASON})`;

/**
 * Where this linter, reading the text alone, disagrees with the manifest's human judgement, and why. Each entry
 * is a section the manifest calls empty or placeholder that no rule without a house template can see.
 */
const KNOWN_MISSES: Record<string, Record<string, string>> = {
  'pr-bodies/Shopify__cli__pr4343.md': {
    'Measuring impact':
      'an unticked multiple-choice list; the stored template has no such section, and unticked boxes are valid answers elsewhere',
  },
  'pr-bodies/singer-io__tap-zendesk__pr134.md': {
    'Description of change':
      "the template's instruction '(write a short description…)' is left; the corpus has no template for this repository",
  },
  'pr-bodies/sportnginlegacy__hubstats__pr17.md': {
    'Deploy Plan': "only the template's blockquote prompt; no template in the corpus",
    URLs: "only the template's blockquote prompt; no template in the corpus",
    'QA Plan': "only the template's blockquote prompt; no template in the corpus",
  },
  'pr-bodies/sportnginlegacy__hubstats__pr72.md': {
    URLs: "only the template's blockquote prompt; no template in the corpus",
  },
  'pr-bodies/sportngin__octopolo__pr88.md': {
    'Deploy Plan': 'instruction text of a template the corpus does not have',
    'Rollback Plan': 'instruction text of a template the corpus does not have',
    'QA Plan': 'instruction text of a template the corpus does not have',
  },
  'pr-bodies/zendesk__zendesk_app_framework_sdk__pr170.md': {
    Tasks: 'unticked template tasks; unticked boxes are valid answers without the template',
    'DevQA Steps': "keeps 'Add specific DevQA instructions here ....' next to a real step; no template in the corpus",
    Risks: "keeps the unselected '[HIGH | medium | low]' choices; no template in the corpus",
  },
  'pr-bodies/hashicorp__terraform-provider-aws__pr48093.md': {
    'Changes to Security Controls':
      "the question is left unanswered; the corpus has the awscc template, not this repository's",
    Relations: "keeps 'Closes #0000'; the corpus has the awscc template, not this repository's",
    'Output from Acceptance Testing':
      "keeps the example block with 'TestAccXXX' inside a code fence (an identifier, not a placeholder line)",
  },
  'pr-bodies/hashicorp__terraform-provider-aws__pr44085.md': {
    'Output from Acceptance Testing':
      "keeps the example block with 'TestAccXXX' inside a code fence (an identifier, not a placeholder line)",
  },
};

function outline(text: string) {
  return outlineOf(parseMarkdownWithin(normalizeMarkdown(text)));
}

/** Rules for a body: its repository's template from the corpus when there is one, plus every heading it has. */
function rulesFor(body: BodyEntry): PlanRule[] {
  const template = templates.find((t) => t.source_repo === body.source_repo);
  const fromTemplate = template ? rulesFromTemplate(corpusText(template.file), template.file).rules : [];
  const rules = [...fromTemplate];
  for (const name of body.sections_present) {
    if (!rules.some((r) => r.keys.includes(matchKey(name)))) rules.push({ ...anyRule(name), kind: 'section' });
  }
  return rules;
}

describeCorpus(`plan-lint corpus: PR templates${skipNote}`, () => {
  it('has the template entries', () => {
    expect(templates.length).toBe(10);
  });

  for (const entry of templates) {
    it(`${entry.file}: sees exactly the headings outside HTML comments`, () => {
      const seen = outline(corpusText(entry.file)).items.filter((i) => i.kind === 'heading');
      const expected = entry.headings.filter((h) => !h.inside_html_comment);
      // The manifest quotes the heading's Markdown; a reader (and plan-lint) sees its text.
      const asText = (markdown: string): string => plainText(parseMarkdownWithin(markdown).children).lines.join(' ');
      expect(seen.map((h) => [h.line, h.level, h.text])).toEqual(
        expected.map((h) => [h.line, h.level, asText(h.text)]),
      );
    });
  }
});

describeCorpus(`plan-lint corpus: PR bodies${skipNote}`, () => {
  it('has the body entries', () => {
    expect(bodies.length).toBe(14);
  });

  for (const entry of bodies) {
    it(`${entry.file}: finds the sections present`, () => {
      const headings = outline(corpusText(entry.file))
        .items.filter((i) => i.kind === 'heading')
        .map((h) => h.text);
      expect(headings).toEqual(entry.sections_present);
    });

    it(`${entry.file}: flags the empty and placeholder sections (template defaults either way)`, () => {
      const result = lintPlan({
        title: entry.title,
        body: corpusText(entry.file),
        rules: rulesFor(entry),
        labels: [],
        changedFiles: [],
        wip: 'fail',
      });
      const present = new Set(entry.sections_present.map(matchKey));
      const flagged = result.problems
        .filter((p) => p.code !== 'missing' && present.has(matchKey(p.section)))
        .map((p) => p.section);
      const known = KNOWN_MISSES[entry.file] ?? {};
      const mustFlag = entry.sections_empty_or_placeholder.filter((s) => !(s in known));
      const mayFlag = new Set(
        [...entry.sections_empty_or_placeholder, ...entry.sections_template_default_unchanged].map(matchKey),
      );
      expect({
        missed: mustFlag.filter((s) => !flagged.some((f) => matchKey(f) === matchKey(s))),
        wrong: flagged.filter((f) => !mayFlag.has(matchKey(f))),
      }).toEqual({ missed: [], wrong: [] });
      // A known miss that starts being caught should leave the list.
      expect(Object.keys(known).filter((s) => flagged.some((f) => matchKey(f) === matchKey(s)))).toEqual([]);
    });
  }
});
