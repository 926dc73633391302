import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { lintPlan } from '../../../actions/plan-lint/src/lint';
import { rulesFromTemplate } from '../../../actions/plan-lint/src/rules';
import { REPO_ROOT } from '@shipshape/testing/runner';

/**
 * shipshape's own PR template (.github/pull_request_template.md), read the way plan-lint reads it on this repository's
 * pull requests (.github/workflows/plan-lint.yml): it asks for a roll-out plan, a verification plan and a rollback
 * strategy; a description left as the template fails on every item, a filled-in one passes.
 */

const template = readFileSync(join(REPO_ROOT, '.github', 'pull_request_template.md'), 'utf8');
const { rules } = rulesFromTemplate(template, '.github/pull_request_template.md');

const lint = (body: string) =>
  lintPlan({ title: 'Add the project workflows', body, rules, labels: [], changedFiles: [], wip: 'fail' });

const FILLED = `## Solution

**Issue**: #21, items 5 and 6.

**What changes**: shipshape gets its own CI, release and plan-lint workflows.

## Roll-out plan

**Actions and packages touched**: none; workflows and documents only.

**Inputs, outputs and defaults**: None

**Bundles and generated files**: N/A

**Changelog**: an entry under Unreleased.

## Verification plan

npm test -- tests/workflows tests/unit/house

## Rollback strategy

Revert the merge commit; nothing was released.
`;

describe("shipshape's PR template", () => {
  it('requires the solution, the roll-out plan and its fields, the verification plan and the rollback strategy', () => {
    expect(rules.map((r) => `${r.kind}:${r.name}`)).toEqual([
      'section:Solution',
      'field:Issue',
      'field:What changes',
      'section:Roll-out plan',
      'field:Actions and packages touched',
      'field:Inputs, outputs and defaults',
      'field:Bundles and generated files',
      'field:Changelog',
      'section:Verification plan',
      'section:Rollback strategy',
    ]);
  });

  it('fails a description left as the template, naming every unanswered item', () => {
    const result = lint(template);
    expect(result.valid).toBe(false);
    expect(result.problems.map((p) => [p.section, p.code])).toEqual([
      ['Issue', 'html-comment'],
      ['What changes', 'html-comment'],
      ['Actions and packages touched', 'html-comment'],
      ['Inputs, outputs and defaults', 'html-comment'],
      ['Bundles and generated files', 'html-comment'],
      ['Changelog', 'html-comment'],
      ['Verification plan', 'html-comment'],
      ['Rollback strategy', 'html-comment'],
    ]);
  });

  it('passes a filled-in description, and fails one without its rollback strategy', () => {
    expect(lint(FILLED).problems).toEqual([]);
    expect(lint(FILLED).valid).toBe(true);
    const withoutRollback = FILLED.slice(0, FILLED.indexOf('## Rollback strategy'));
    expect(lint(withoutRollback).problems.map((p) => [p.section, p.code])).toEqual([['Rollback strategy', 'missing']]);
  });
});
