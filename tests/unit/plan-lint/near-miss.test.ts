import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { lintPlan, type LintResult } from '../../../actions/plan-lint/src/lint';
import { nearMissFinder } from '../../../actions/plan-lint/src/near-miss';
import { PRESETS } from '../../../actions/plan-lint/src/preset';
import { applyConfig, rulesFromTemplate, type PlanRule } from '../../../actions/plan-lint/src/rules';
import { parseConfig } from '../../../actions/plan-lint/src/config';
import { commentBody, summaryMarkdown } from '../../../actions/plan-lint/src/report';
import { CORPUS_DIR, corpusAvailable } from '@shipshape/testing/corpus';

/**
 * Issue 17 item 2: a heading or field named close to the template's (`**Backup steps**:` for `**Backuping
 * steps**:`, `## Rollback plan` for `## Rollback strategy`) is a near miss (`misnamed`), not "missing", and the
 * message says how to accept the name for good (the config's `aliases`). The bodies are this suite's own text.
 */

const preset = rulesFromTemplate(PRESETS['rollout-rollback'] ?? '', 'preset rollout-rollback').rules;

const lint = (body: string, rules: readonly PlanRule[] = preset): LintResult =>
  lintPlan({ title: 'Add the orders export', body, rules, labels: [], changedFiles: [], wip: 'fail' });

const filled = [
  '## Solution',
  '**Original issue and supporting materials**: #812',
  '**Downsides**: None',
  '## Roll-out plan',
  '**Deployment risks**: low',
  '**Deployment assistants**: @oncall',
  '**Backing services related changes**: none',
  '**Backuping steps**: snapshot the orders table',
  '**Deployment steps**:',
  '  1. [x] deploy',
  '## Verification plan',
  'Download one export.',
  '## Rollback strategy',
  'Revert the merge.',
  '',
].join('\n');

describe('near-miss labels', () => {
  it('`**Backup steps**:` for `**Backuping steps**:` is misnamed, with the name to use and the alias that accepts it', () => {
    const result = lint(filled.replace('**Backuping steps**:', '**Backup steps**:'));
    expect(result.valid).toBe(false);
    expect(result.problems).toEqual([
      {
        section: 'Backuping steps',
        code: 'misnamed',
        message:
          'Field "Backuping steps" is missing: found "Backup steps" — did you mean "Backuping steps"? Rename it, or accept the name for good in the config file (.github/plan-lint.yml) with aliases: {"Backuping steps": ["Backup steps"]}.',
      },
    ]);
  });

  it('`## Rollback plan` for `## Rollback strategy`, though the template also has "Roll-out plan" and "Verification plan"', () => {
    const result = lint(filled.replace('## Rollback strategy', '## Rollback plan'));
    expect(result.problems.map((p) => [p.section, p.code])).toEqual([['Rollback strategy', 'misnamed']]);
    expect(result.problems[0]?.message).toMatch(/found "Rollback plan" — did you mean "Rollback strategy"\?/);
  });

  it('a near-miss field in the compact layout, right after a list, is found too', () => {
    const body = filled.replace(
      '**Backing services related changes**: none\n**Backuping steps**: snapshot the orders table',
      '**Backing services related changes**:\n  * postgres\n**Backup steps**: snapshot',
    );
    expect(lint(body).problems.map((p) => [p.section, p.code])).toEqual([['Backuping steps', 'misnamed']]);
  });

  it('the alias the message proposes makes the plan pass', async () => {
    const config = await parseConfig(
      'aliases:\n  "Backuping steps": ["Backup steps"]\n  Rollback strategy: [Rollback plan]\n',
      '.github/plan-lint.yml',
    );
    const rules = applyConfig({ rules: preset, source: 'preset' }, config).rules;
    const result = lint(
      filled.replace('**Backuping steps**:', '**Backup steps**:').replace('## Rollback strategy', '## Rollback plan'),
      rules,
    );
    expect(result.problems).toEqual([]);
  });

  it('a missing item with nothing close to it is still missing; an unrelated heading is not a near miss', () => {
    const result = lint(filled.replace('## Rollback strategy\nRevert the merge.\n', '## Screenshots\nnone\n'));
    expect(result.problems.map((p) => [p.section, p.code])).toEqual([['Rollback strategy', 'missing']]);
  });

  it('one shared word out of several distinctive ones is no near miss', () => {
    // "change" is one of {backing, service, related, change}: a heading about other changes does not mean it.
    const result = lint(
      filled.replace('**Backing services related changes**: none', '**Changes to the alerting**: none'),
    );
    expect(result.problems.map((p) => [p.section, p.code])).toEqual([['Backing services related changes', 'missing']]);
  });

  it('quotes only letters, digits, spaces, hyphens and apostrophes of the found label, so it cannot become Markdown, a mention or a command', () => {
    const result = lint(
      filled.replace('## Rollback strategy', '## Rollback [plan](https://evil.example) @team ::error::x <b>'),
    );
    const message = result.problems[0]?.message ?? '';
    expect(result.problems[0]?.code).toBe('misnamed');
    // The link keeps its text only (remark drops the target); the rest loses every symbol.
    expect(message).toMatch(/found "Rollback plan team error x b"/);
    const ctx = { number: 5, source: 'preset rollout-rollback', draft: false };
    for (const text of [summaryMarkdown(result, ctx), commentBody(result, preset, ctx)]) {
      expect(text).not.toMatch(/evil\.example|@team|::error|<b>/);
    }
    // A misnamed item is renamed, not pasted again: the skeleton leaves it out.
    expect(commentBody(result, preset, ctx)).not.toMatch(/```markdown/);
  });
});

describe("the similarity rule finds no near miss between a template's own items", () => {
  /** Each item of a template, written under its own name, read against the template's other items. */
  const ownNamesAreNotNearMisses = (rules: readonly PlanRule[]): string[] => {
    const finder = nearMissFinder(rules);
    const confusions: string[] = [];
    for (const missing of rules) {
      for (const other of rules) {
        if (other === missing || other.name === missing.name) continue;
        if (finder.similar(other.name, missing)) confusions.push(`${other.name} ~ ${missing.name}`);
      }
    }
    return confusions;
  };

  it('the preset', () => {
    expect(ownNamesAreNotNearMisses(preset)).toEqual([]);
  });

  const dir = corpusAvailable() ? join(CORPUS_DIR, 'pr-templates') : undefined;
  const files = dir ? readdirSync(dir).filter((f) => f.endsWith('.md')) : [];
  (files.length > 0 ? it.each(files) : it.skip.each(['(no corpus)']))('corpus template %s', (file) => {
    const rules = rulesFromTemplate(readFileSync(join(dir ?? '', file), 'utf8'), file).rules;
    expect(ownNamesAreNotNearMisses(rules)).toEqual([]);
  });
});
