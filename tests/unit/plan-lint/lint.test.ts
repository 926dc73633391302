import { describe, expect, it } from '@jest/globals';
import { lintPlan, type LintInput } from '@shipshape/action-plan-lint/lint';
import { DEFAULT_PRESET, PRESETS } from '@shipshape/action-plan-lint/preset';
import { rulesFromTemplate } from '@shipshape/action-plan-lint/rules';

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
  return lintPlan({ title: 'Add orders export', body, rules: preset.rules, labels: [], changedFiles: [], wip: 'fail', ...extra });
}

const codes = (body: string | null, extra: Partial<LintInput> = {}) =>
  Object.fromEntries(lint(body, extra).problems.map((p) => [p.section, p.code]));

describe('lintPlan with the default preset', () => {
  it('passes a filled plan, with unticked deployment steps', () => {
    const result = lint(FILLED);
    expect(result.problems).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.plan['Rollback strategy']).toBe('Revert the merge and redeploy; the migration is backwards compatible.');
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
    const body = FILLED.replace('## Roll-out plan', '# ROLLOUT PLAN:').replace('## Verification plan\n', '\nVerification Plan:\n-----------------\n').replace('## Rollback strategy', '#### rollback strategy');
    expect(lint(body).problems).toEqual([]);
  });

  it('accepts the colon inside the bold', () => {
    expect(lint(FILLED.replace('**Deployment risks**:', '**Deployment risks:**')).problems).toEqual([]);
  });

  it('names the field, not the heading, when a field is wrong', () => {
    const result = lint(FILLED.replace('**Backuping steps**: Snapshot the orders table before deploying.', '**Backuping steps**: XXX'));
    expect(result.problems).toEqual([{ section: 'Backuping steps', code: 'placeholder', message: 'Field "Backuping steps" still contains a placeholder ("XXX").' }]);
  });

  it('reports a missing section and a leftover HTML comment', () => {
    const body = FILLED.replace('Watch the error rate dashboard for 30 minutes.', '<!-- How will you know it works? -->').replace(/## Rollback strategy[\s\S]*$/, '');
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

  it.each([['[WIP] Export orders'], ['WIP: export orders'], ['[wip]export']])('fails a WIP title "%s" with code wip', (...row) => {
    const result = lint(FILLED, { title: row[0] });
    expect(result.valid).toBe(false);
    expect(result.problems).toEqual([expect.objectContaining({ code: 'wip' })]);
  });

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
    expect(slow.problems[0]?.message).toMatch(/could not be checked: parsing the text took longer than/);
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
  const run = (body: string) => lintPlan({ title: 't', body, rules: template.rules, labels: [], changedFiles: [], wip: 'fail' }).problems.map((p) => `${p.section}:${p.code}`);

  it("fails the template's own text per section and field, passes an answer added to it", () => {
    expect(run('## Rollback Plan\nIf a change needs to be reverted, we will publish an updated version of the library.\n## Relations\nCloses #0000\n## Risk\n**Risk level**: low\n')).toEqual([
      'Rollback Plan:unchanged',
      'Relations:unchanged',
    ]);
    expect(run('## Rollback Plan\nIf a change needs to be reverted, we will publish an updated version of the library.\nRevert commit abc.\n## Relations\nCloses #12\n## Risk\n**Risk level**: low\n')).toEqual([]);
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
    expect(codes(FILLED.replace('Watch the error rate dashboard for 30 minutes.', '**Staging**:\n### Production\n'))['Verification plan']).toBe('empty');
    const result = lint(FILLED.replace('Watch the error rate dashboard for 30 minutes.', '**Staging**: smoke tests'));
    expect(result.valid).toBe(true);
    expect(result.plan['Verification plan']).toBe('');
    expect(result.plan.Staging).toBe('smoke tests');
  });
});

describe('lintPlan: a field name used under two headings', () => {
  it('checks the field under the heading the template puts it under', () => {
    const rules = rulesFromTemplate('## Staging\n**Steps**:\n## Production\n**Steps**:\n', 't').rules;
    const run = (body: string) => lintPlan({ title: '', body, rules, labels: [], changedFiles: [], wip: 'fail' }).problems.map((p) => `${p.section}:${p.code}`);
    expect(run('## STAGING:\n**Steps**: deploy to staging\n## production\n**Steps**:\n')).toEqual(['Steps:empty']);
  });
});
