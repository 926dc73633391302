import { describe, expect, it } from '@jest/globals';
import { lintPlan, type LintResult } from '../../../actions/plan-lint/src/lint';
import { PRESETS } from '../../../actions/plan-lint/src/preset';
import { rulesFromTemplate } from '../../../actions/plan-lint/src/rules';

/**
 * Issue 17 item 1: every layout the seed template (the `rollout-rollback` preset) invites, written as people write
 * it. CommonMark reads a line that follows a list item's text without a blank line as a lazy continuation of that
 * item's paragraph, so `**Backuping steps**: None` right after a bullet sits inside the bullet; GitHub shows it on
 * a line of its own (soft breaks render as line breaks in PR bodies), and so must plan-lint read it: a
 * `**Label**:` that starts a line is a field wherever the parser put the line. The texts are this suite's own.
 */

const preset = rulesFromTemplate(PRESETS['rollout-rollback'] ?? '', 'preset rollout-rollback').rules;

const lint = (body: string, rules = preset): LintResult =>
  lintPlan({ title: 'Index orders by date', body, rules, labels: [], changedFiles: [], wip: 'fail' });

/** No blank lines at all: each field follows the previous one's bullet or step as a lazy continuation line. */
const compact = [
  '## Solution',
  '**Original issue and supporting materials**: #4411, the slow report query',
  '**Downsides**:',
  '  * the index costs some write throughput',
  '**Deployment risks**: a lock while the index builds',
  '**Deployment assistants**: @dba-oncall',
  '**Backing services related changes**:',
  '  * postgres: new index on `orders.created_at`',
  '**Backuping steps**: None',
  '**Deployment steps**:',
  '  1. [ ] Merge and watch the slow-query log',
  '  2. [ ] Run `reindex --concurrently`',
  '## Verification plan',
  'The report loads in under a second.',
  '## Rollback strategy',
  'Drop the index.',
  '',
].join('\n');

/** A blank line between every block. */
const spaced = compact.replace(/\n(?=\*\*|##|The report|Drop)/g, '\n\n');

/** Every field a bullet of its own, values in nested bullets. */
const bullets = [
  '## Solution',
  '- **Original issue and supporting materials**: #4411',
  '- **Downsides**:',
  '  - the index costs some write throughput',
  '## Roll-out plan',
  '- **Deployment risks**: a lock while the index builds',
  '- **Deployment assistants**: @dba-oncall',
  '- **Backing services related changes**:',
  '  - postgres: new index on `orders.created_at`',
  '- **Backuping steps**: None',
  '- **Deployment steps**:',
  '  1. [ ] Merge and watch the slow-query log',
  '## Verification plan',
  'The report loads in under a second.',
  '## Rollback strategy',
  'Drop the index.',
  '',
].join('\n');

const withRollout = (text: string): string =>
  text.replace('**Deployment risks**', '## Roll-out plan\n**Deployment risks**');

describe('plan-lint reads a field right after a list as GitHub shows it', () => {
  it.each([
    ['compact (no blank lines)', withRollout(compact)],
    ['spaced (blank lines between blocks)', withRollout(spaced)],
    ['fields in bullets', bullets],
    ['compact, CRLF (the web editor)', withRollout(compact).replace(/\n/g, '\r\n')],
    ['fields in bullets, CRLF', bullets.replace(/\n/g, '\r\n')],
    [
      'compact, the field after a numbered step',
      withRollout(compact)
        .replace(
          '**Deployment steps**:\n  1. [ ] Merge and watch the slow-query log\n  2. [ ] Run `reindex --concurrently`\n',
          '**Deployment steps**:\n  1. [ ] Merge and watch the slow-query log\n**Backuping steps**: None\n',
        )
        .replace('**Backuping steps**: None\n**Deployment steps**', '**Deployment steps**'),
    ],
  ])('%s: complete, each field with its own value', (_layout, body) => {
    const result = lint(body);
    expect(result.problems).toEqual([]);
    expect(result.plan['Backuping steps']).toBe('None');
    expect(result.plan['Backing services related changes']).toBe('postgres: new index on orders.created_at');
    expect(result.plan['Deployment steps']).toMatch(/^\[ \] Merge and watch the slow-query log/);
    expect(result.plan.Downsides).toBe('the index costs some write throughput');
  });

  it('an empty field right after a list is reported as empty, not missing', () => {
    const result = lint(withRollout(compact).replace('**Backuping steps**: None', '**Backuping steps**:'));
    expect(result.problems.map((p) => [p.section, p.code])).toEqual([['Backuping steps', 'empty']]);
  });

  it('a template in the compact layout asks for the field after its list', () => {
    const template = [
      '## Roll-out plan',
      '**Backing services related changes**:',
      '  * XXX',
      '**Backuping steps**:',
      '**Deployment steps**:',
      '  1. [ ] XXX',
      '**Deployment risks**:',
      '',
    ].join('\n');
    const rules = rulesFromTemplate(template, 'template').rules;
    expect(rules.map((r) => r.name)).toEqual([
      'Roll-out plan',
      'Backing services related changes',
      'Backuping steps',
      'Deployment steps',
      'Deployment risks',
    ]);
  });

  it('bold text opening a later line of a bullet is a field only when the rules know the name', () => {
    const body = withRollout(compact).replace(
      '  * postgres: new index on `orders.created_at`',
      '  * postgres: new index on `orders.created_at`\n    **Note**: built concurrently',
    );
    const result = lint(body);
    expect(result.problems).toEqual([]);
    expect(result.plan['Backing services related changes']).toBe(
      'postgres: new index on orders.created_at\nNote: built concurrently',
    );
  });
});
