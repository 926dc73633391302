import { beforeAll, describe, expect, it } from '@jest/globals';
import { ConfigError } from '@shipshape/kit';
import { parseConfig, type PlanConfig } from '../../../actions/plan-lint/src/config';
import { judge } from '../../../actions/plan-lint/src/judge';
import { lintPlan } from '../../../actions/plan-lint/src/lint';
import { DEFAULT_PRESET, PRESETS } from '../../../actions/plan-lint/src/preset';
import { applyConfig, rulesFromTemplate } from '../../../actions/plan-lint/src/rules';

const text = (...lines: string[]) => ({ lines, hadComment: false, hadHtml: false });

describe('judge', () => {
  it.each([['None'], ['None.'], ['N/A'], ['n/a'], ['Not applicable'], ['NA'], ['no']])(
    'an explicit "%s" passes',
    (...row) => {
      expect(judge(text(row[0]), ['None']).code).toBeUndefined();
    },
  );
  it('fails empty text, and says so when only a template comment was left', () => {
    expect(judge(text(), []).code).toBe('empty');
    expect(judge({ lines: [], hadComment: true, hadHtml: false }, []).code).toBe('html-comment');
  });
  it.each([['XXX'], ['[ ] XXX'], ['TODO: write it'], ['tbd'], ['xxxx']])('flags the placeholder %s', (...row) => {
    expect(judge(text('step one', row[0]), []).code).toBe('placeholder');
  });
  it('does not take words that merely start like placeholders', () => {
    expect(judge(text('Todoist integration is behind a flag'), []).code).toBeUndefined();
  });
  it('fails text identical to the template, line by line, but not a ticked box', () => {
    const template = ['[ ] YES 💚', '[ ] NO ❌'];
    expect(judge(text('[ ] YES 💚', '[ ] NO ❌'), template).code).toBe('unchanged');
    expect(judge(text('[x] YES 💚', '[ ] NO ❌'), template).code).toBeUndefined();
    expect(judge(text('Revert the merge.', 'We also drop the new column.'), ['Revert the merge']).code).toBeUndefined();
  });
});

describe('rulesFromTemplate', () => {
  const preset = rulesFromTemplate(PRESETS[DEFAULT_PRESET] ?? '', 'preset');
  it('makes every heading and bold field of the house template a rule', () => {
    expect(
      preset.rules.map((r) => `${r.kind}:${r.name}${r.parent ? `<${r.parent}` : ''}${r.presenceOnly ? '!' : ''}`),
    ).toEqual([
      'section:Solution!',
      'field:Original issue and supporting materials<Solution',
      'field:Downsides<Solution',
      'section:Roll-out plan!',
      'field:Deployment risks<Roll-out plan',
      'field:Deployment assistants<Roll-out plan',
      'field:Backing services related changes<Roll-out plan',
      'field:Backuping steps<Roll-out plan',
      'field:Deployment steps<Roll-out plan',
      'section:Verification plan',
      'section:Rollback strategy',
    ]);
    expect(preset.rules.find((r) => r.name === 'Deployment steps')?.templateLines).toEqual(['[ ] XXX']);
  });

  it('leaves out optional headings and headings inside HTML comments', () => {
    const rules = rulesFromTemplate(
      '## Summary\nwhat\n## [optional] GIF\n**Which**:\n<!--\n## Ticket\n-->\n## Risks (optional)\n',
      't',
    ).rules;
    expect(rules.map((r) => r.name)).toEqual(['Summary']);
    expect(rules[0]?.templateLines).toEqual(['what']);
  });
});

describe('parseConfig and applyConfig', () => {
  const base = rulesFromTemplate(PRESETS[DEFAULT_PRESET] ?? '', 'preset');
  let config: PlanConfig;
  beforeAll(async () => {
    config = await parseConfig(
      [
        'aliases:',
        '  Rollback strategy: [Rollback plan]',
        'optional: [Downsides]',
        'require: [Monitoring]',
        'when:',
        "  - paths: ['migrations/**', '**/*.tf']",
        '    labels: [database]',
        '    require: [Backuping steps, Data migration]',
        'skip-labels: [hotfix]',
        'fail-on-wip: false',
      ].join('\n'),
      '.github/plan-lint.yml',
    );
  });
  let rules: ReturnType<typeof applyConfig>['rules'];
  beforeAll(() => {
    rules = applyConfig(base, config).rules;
  });

  it('reads every key', () => {
    expect(config.skipLabels).toEqual(['hotfix']);
    expect(config.failOnWip).toBe(false);
    expect(config.when[0]?.condition).toEqual({ paths: ['migrations/**', '**/*.tf'], labels: ['database'] });
  });

  it('adds aliases, optional items, extra and conditional rules', () => {
    const filled =
      '## Solution\n**Original issue and supporting materials**: x\n## Roll-out plan\n**Deployment risks**: none\n**Deployment assistants**: me\n**Backing services related changes**: none\n**Backuping steps**:\n**Deployment steps**:\n1. [ ] go\n## Verification plan\nlook\n## Rollback plan\nrevert\n## Monitoring\ndashboards\n';
    const lint = (changedFiles: string[], labels: string[] = []) =>
      lintPlan({ title: 't', body: filled, rules, labels, changedFiles, wip: 'fail' }).problems.map(
        (p) => `${p.section}:${p.code}`,
      );
    expect(lint(['src/app.ts'])).toEqual([]);
    expect(lint(['infra/main.tf'])).toEqual(['Backuping steps:empty', 'Data migration:missing']);
    expect(lint([], ['database'])).toEqual(['Backuping steps:empty', 'Data migration:missing']);
    expect(lint(['migrations/001.sql'])).toHaveLength(2);
  });

  it.each([
    ['not: [valid', /not valid YAML/],
    ['- a list', /mapping of settings/],
    ['colour: blue', /unknown key 'colour'/],
    ['require: 3', /'require' must be a list/],
    ['when: [{ paths: [a] }]', /'when\[0\].require' must name/],
    ['when: [{ require: [a] }]', /needs 'paths' or 'labels'/],
    ['fail-on-wip: maybe', /'fail-on-wip' must be true or false/],
  ])('rejects %s with a clear error', async (...row) => {
    const [yaml, message] = row as [string, RegExp];
    await expect(parseConfig(yaml, 'plan-lint.yml')).rejects.toThrow(ConfigError);
    await expect(parseConfig(yaml, 'plan-lint.yml')).rejects.toThrow(message);
  });

  it('takes an empty file as no changes', async () => {
    expect(await parseConfig('', 'x.yml')).toMatchObject({ require: [], optional: [], when: [] });
  });
});
