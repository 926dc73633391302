import { describe, expect, it } from '@jest/globals';
import { lintPlan, type LintInput } from '../../../actions/plan-lint/src/lint';
import { DEFAULT_PRESET, PRESETS } from '../../../actions/plan-lint/src/preset';
import { anyRule, rulesFromTemplate } from '../../../actions/plan-lint/src/rules';

const preset = rulesFromTemplate(PRESETS[DEFAULT_PRESET] ?? '', 'preset');

const FILLED = `## Solution
**Original issue and supporting materials**: https://example.com/issues/1
**Downsides**: None.
## Roll-out plan
**Deployment risks**: N/A
**Deployment assistants**: @ops-oncall
**Backing services related changes**: none
**Backuping steps**: Snapshot the orders table before deploying.
**Deployment steps**:
  1. [ ] Run the migration
  2. [ ] Deploy the app
## Verification plan
Watch the error rate dashboard for 30 minutes.
## Rollback strategy
Revert the merge and redeploy; the migration is backwards compatible.
`;

function lint(body: string | null, extra: Partial<LintInput> = {}) {
  return lintPlan({
    title: 'Add orders export',
    body,
    rules: preset.rules,
    labels: [],
    changedFiles: [],
    wip: 'fail',
    ...extra,
  });
}

const codes = (body: string | null, extra: Partial<LintInput> = {}) =>
  Object.fromEntries(lint(body, extra).problems.map((p) => [p.section, p.code]));

describe('lintPlan with the default preset', () => {
  it('passes a filled plan, with unticked deployment steps', () => {
    const result = lint(FILLED);
    expect(result.problems).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.plan['Rollback strategy']).toBe(
      'Revert the merge and redeploy; the migration is backwards compatible.',
    );
    expect(result.plan['Deployment steps']).toBe('[ ] Run the migration\n[ ] Deploy the app');
  });

  it('fails the untouched template on every leaf', () => {
    const result = lint(PRESETS[DEFAULT_PRESET] ?? '');
    expect(result.valid).toBe(false);
    expect(codes(PRESETS[DEFAULT_PRESET] ?? '')).toEqual({
      'Original issue and supporting materials': 'empty',
      Downsides: 'empty',
      'Deployment risks': 'empty',
      'Deployment assistants': 'empty',
      'Backing services related changes': 'empty',
      'Backuping steps': 'empty',
      'Deployment steps': 'unchanged',
      'Verification plan': 'empty',
      'Rollback strategy': 'empty',
    });
  });
});

describe('lintPlan variants', () => {
  it('matches headings case-, punctuation- and colon-insensitively, at any level, setext too', () => {
    const body = FILLED.replace('## Roll-out plan', '# ROLLOUT PLAN:')
      .replace('## Verification plan\n', '\nVerification Plan:\n-----------------\n')
      .replace('## Rollback strategy', '#### rollback strategy');
    expect(lint(body).problems).toEqual([]);
  });

  it('accepts the colon inside the bold', () => {
    expect(lint(FILLED.replace('**Deployment risks**:', '**Deployment risks:**')).problems).toEqual([]);
  });

  it('names the field, not the heading, when a field is wrong', () => {
    const result = lint(
      FILLED.replace('**Backuping steps**: Snapshot the orders table before deploying.', '**Backuping steps**: XXX'),
    );
    expect(result.problems).toEqual([
      {
        section: 'Backuping steps',
        code: 'placeholder',
        message: 'Field "Backuping steps" still contains a placeholder ("XXX").',
      },
    ]);
  });

  it('reports a missing section and a leftover HTML comment', () => {
    const body = FILLED.replace(
      'Watch the error rate dashboard for 30 minutes.',
      '<!-- How will you know it works? -->',
    ).replace(/## Rollback strategy[\s\S]*$/, '');
    expect(codes(body)).toEqual({ 'Verification plan': 'html-comment', 'Rollback strategy': 'missing' });
  });

  it('does not count headings inside a code fence', () => {
    const body = FILLED.replace(/## Rollback strategy[\s\S]*$/, '```md\n## Rollback strategy\nrevert\n```\n');
    expect(codes(body)['Rollback strategy']).toBe('missing');
  });

  it('treats a null body as an empty description', () => {
    expect(lint(null).problems.map((p) => p.code)).toEqual(Array(preset.rules.length).fill('missing'));
  });

  it('parses CRLF and BOM bodies exactly like LF', () => {
    const crlf = `\ufeff${FILLED.replace(/\n/g, '\r\n')}`;
    expect(lint(crlf)).toEqual(lint(FILLED));
  });

  it.each([['[WIP] Export orders'], ['WIP: export orders'], ['[wip]export']])(
    'fails a WIP title "%s" with code wip',
    (...row) => {
      const result = lint(FILLED, { title: row[0] });
      expect(result.valid).toBe(false);
      expect(result.problems).toEqual([expect.objectContaining({ code: 'wip' })]);
    },
  );

  it('fails a body starting with "Work In Progress, do not merge", or only warns when asked', () => {
    const body = `Work In Progress, do not merge\n\n${FILLED}`;
    expect(lint(body).problems.map((p) => p.code)).toEqual(['wip']);
    const warned = lint(body, { wip: 'warn' });
    expect(warned.valid).toBe(true);
    expect(warned.wip).toMatch(/Work In Progress/);
  });

  it('does not call a title WIP for a word that only starts with it', () => {
    expect(lint(FILLED, { title: 'Wipe stale caches' }).valid).toBe(true);
  });

  it('gives a clear verdict, not an exception, for a body too large or too complex to parse', () => {
    const huge = lint('x'.repeat(3 * 1024 * 1024));
    expect(huge.valid).toBe(false);
    expect(huge.problems).toEqual([expect.objectContaining({ section: 'Description', code: 'unreadable' })]);
    const slow = lint('*a'.repeat(200_000), { limits: { maxChars: 1_000_000, timeoutMs: 100 } });
    // Refused before micromark by the complexity pre-check (packages/markdown), or stopped by the time budget.
    expect(slow.problems[0]?.message).toMatch(
      /could not be checked: (?:parsing the text took longer than|the text is too large to parse safely)/,
    );
  });

  it('keeps NUL bytes and lone surrogates as ordinary text', () => {
    const body = FILLED.replace('Revert the merge', 'Revert\u0000 the \ud800merge');
    expect(lint(body).valid).toBe(true);
  });
});

describe('lintPlan against a repository template', () => {
  const template = rulesFromTemplate(
    '## Rollback Plan\nIf a change needs to be reverted, we will publish an updated version of the library.\n\n## Relations\nCloses #0000\n\n## Risk\n**Risk level**: None\n',
    'template',
  );
  const run = (body: string) =>
    lintPlan({ title: 't', body, rules: template.rules, labels: [], changedFiles: [], wip: 'fail' }).problems.map(
      (p) => `${p.section}:${p.code}`,
    );

  it("fails the template's own text per section and field, passes an answer added to it", () => {
    expect(
      run(
        '## Rollback Plan\nIf a change needs to be reverted, we will publish an updated version of the library.\n## Relations\nCloses #0000\n## Risk\n**Risk level**: low\n',
      ),
    ).toEqual(['Rollback Plan:unchanged', 'Relations:unchanged']);
    expect(
      run(
        '## Rollback Plan\nIf a change needs to be reverted, we will publish an updated version of the library.\nRevert commit abc.\n## Relations\nCloses #12\n## Risk\n**Risk level**: low\n',
      ),
    ).toEqual([]);
  });

  it('takes an explicit None even where the template says None', () => {
    expect(run('## Rollback Plan\nrevert\n## Relations\nnone\n## Risk\n**Risk level**: None\n')).toEqual([]);
  });

  it('accepts a field written as a heading, and a heading written as a field', () => {
    expect(run('## Rollback Plan\nrevert\n## Relations\nCloses #1\n## Risk\n### Risk level\nlow\n')).toEqual([]);
    expect(run('**Rollback plan**: revert\n## Relations\nCloses #1\n## Risk\n**Risk level**: low\n')).toEqual([]);
  });
});

describe('lintPlan: labels are not answers', () => {
  it('fails a section whose only content is empty fields or bare sub-headings, and keeps labels in the plan', () => {
    expect(
      codes(FILLED.replace('Watch the error rate dashboard for 30 minutes.', '**Staging**:\n### Production\n'))[
        'Verification plan'
      ],
    ).toBe('empty');
    const result = lint(FILLED.replace('Watch the error rate dashboard for 30 minutes.', '**Staging**: smoke tests'));
    expect(result.valid).toBe(true);
    expect(result.plan['Verification plan']).toBe('');
    expect(result.plan.Staging).toBe('smoke tests');
  });
});

describe('lintPlan: a field name used under two headings', () => {
  it('checks the field under the heading the template puts it under', () => {
    const rules = rulesFromTemplate('## Staging\n**Steps**:\n## Production\n**Steps**:\n', 't').rules;
    const run = (body: string) =>
      lintPlan({ title: '', body, rules, labels: [], changedFiles: [], wip: 'fail' }).problems.map(
        (p) => `${p.section}:${p.code}`,
      );
    expect(run('## STAGING:\n**Steps**: deploy to staging\n## production\n**Steps**:\n')).toEqual(['Steps:empty']);
  });
});

describe('lintPlan: text between a heading and its first field', () => {
  const template = rulesFromTemplate(
    '## Roll-out plan\nDescribe how the change ships.\n**Deployment risks**:\n**Deployment steps**:\n## Rollback strategy\n',
    'template',
  );
  const run = (body: string, rules = template.rules) =>
    lintPlan({ title: 't', body, rules, labels: [], changedFiles: [], wip: 'fail' }).problems;
  const fields = '**Deployment risks**: low\n**Deployment steps**: deploy\n## Rollback strategy\nrevert\n';

  it("fails the template's instruction line left in place, naming the heading", () => {
    expect(run(`## Roll-out plan\nDescribe how the change ships.\n${fields}`)).toEqual([
      {
        section: 'Roll-out plan',
        code: 'unchanged',
        message: 'Section "Roll-out plan" still has the template\'s instructions above its fields.',
      },
    ]);
    expect(template.rules.find((r) => r.name === 'Roll-out plan')?.introLines).toEqual([
      'Describe how the change ships.',
    ]);
  });

  it('passes prose the author wrote there, an instruction kept next to it, nothing at all, or only a comment', () => {
    expect(run(`## Roll-out plan\nShips behind the orders-export flag.\n${fields}`)).toEqual([]);
    expect(run(`## Roll-out plan\nDescribe how the change ships.\nShips behind a flag.\n${fields}`)).toEqual([]);
    expect(run(`## Roll-out plan\n${fields}`)).toEqual([]);
    expect(run(`## Roll-out plan\n<!-- Describe how the change ships. -->\n${fields}`)).toEqual([]);
    expect(run(`## Roll-out plan\nNone.\n${fields}`)).toEqual([]);
  });

  it('flags a placeholder there, with or without a template', () => {
    expect(run(`## Roll-out plan\nTODO: describe\n${fields}`)).toEqual([
      {
        section: 'Roll-out plan',
        code: 'placeholder',
        message: 'Section "Roll-out plan" still contains a placeholder above its fields ("TODO").',
      },
    ]);
    const body = FILLED.replace('## Roll-out plan\n', '## Roll-out plan\n<!-- how --> XXX\n');
    expect(codes(body)).toEqual({ 'Roll-out plan': 'placeholder' });
    expect(lint(FILLED.replace('## Roll-out plan\n', '## Roll-out plan\nWe ship it on Tuesday.\n')).valid).toBe(true);
  });

  it('judges the text above sub-headings the same way', () => {
    const rules = rulesFromTemplate('## Verification\nList the checks.\n### Staging\n### Production\n', 't').rules;
    expect(
      run('## Verification\nList the checks.\n### Staging\nsmoke tests\n### Production\ndashboards\n', rules).map(
        (p) => `${p.section}:${p.code}`,
      ),
    ).toEqual(['Verification:unchanged']);
    expect(run('## Verification\n### Staging\nsmoke tests\n### Production\ndashboards\n', rules)).toEqual([]);
  });
});

describe('lintPlan: fields written as list items', () => {
  const asList = FILLED.replace(/^\*\*/gm, '- **');

  it('reads the preset fields written as `- **Label**: value`', () => {
    expect(asList).toContain('- **Deployment risks**: N/A');
    const result = lint(asList);
    expect(result.problems).toEqual([]);
    expect(result.plan['Deployment steps']).toBe('[ ] Run the migration\n[ ] Deploy the app');
    expect(
      codes(
        asList.replace('- **Backuping steps**: Snapshot the orders table before deploying.', '- **Backuping steps**:'),
      ),
    ).toEqual({ 'Backuping steps': 'empty' });
    expect(codes(asList.replace('- **Deployment risks**: N/A', '- **Deployment risks**: XXX'))).toEqual({
      'Deployment risks': 'placeholder',
    });
  });

  it('does not make fields of ordinary bold text in a bullet', () => {
    const body = FILLED.replace(
      'Watch the error rate dashboard for 30 minutes.',
      '- **Breaking**: no\n- **Dashboards**: orders, errors',
    );
    const result = lint(body);
    expect(result.problems).toEqual([]);
    expect(result.plan['Verification plan']).toBe('Breaking: no\nDashboards: orders, errors');
    expect(Object.keys(result.plan)).not.toContain('Breaking');
    // A section holding only such a bullet is not empty.
    expect(
      codes(FILLED.replace('Watch the error rate dashboard for 30 minutes.', '- **Staging**: smoke tests'))[
        'Verification plan'
      ],
    ).toBeUndefined();
  });

  it('takes list-item fields from a template and checks them in the body', () => {
    const template = rulesFromTemplate(
      '## Deploy\n- **Risks**:\n- **Steps**:\n  1. [ ] XXX\n- **Note**: keep PRs small\n',
      't',
    );
    expect(template.rules.map((r) => `${r.kind}:${r.name}`)).toEqual(['section:Deploy', 'field:Risks', 'field:Steps']);
    const run = (body: string) =>
      lintPlan({ title: 't', body, rules: template.rules, labels: [], changedFiles: [], wip: 'fail' }).problems.map(
        (p) => `${p.section}:${p.code}`,
      );
    expect(run('## Deploy\n- **Risks**:\n- **Steps**:\n  1. [ ] XXX\n- **Note**: keep PRs small\n')).toEqual([
      'Risks:empty',
      'Steps:unchanged',
    ]);
    expect(
      run('## Deploy\n- **Risks**: low\n- **Steps**:\n  1. [ ] migrate\n  2. [ ] deploy\n- **Note**: keep PRs small\n'),
    ).toEqual([]);
    expect(run('## Deploy\n**Risks**: low\n**Steps**: deploy\n')).toEqual([]);
  });

  it('reads a config name written as a list item', () => {
    const rules = [...preset.rules, anyRule('Monitoring')];
    const result = lintPlan({
      title: 't',
      body: `${FILLED}\n- **Monitoring**: the orders dashboard\n`,
      rules,
      labels: [],
      changedFiles: [],
      wip: 'fail',
    });
    expect(result.problems).toEqual([]);
    expect(result.plan.Monitoring).toBe('the orders dashboard');
  });
});
