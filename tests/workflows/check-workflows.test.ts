import { describe, expect, it } from '@jest/globals';
import { checkWorkflows, formatFinding } from '@shipshape/workflows';
import { exampleWorkflows } from './model';

/**
 * The example workflows pass the checks `shipshape check-workflows` runs on a user's repository (inputs, outputs,
 * permissions, deploy concurrency, release triggers, untrusted text in scripts), checked together as one directory.
 */
describe('shipshape check-workflows on workflows-examples/', () => {
  const examples = exampleWorkflows();

  it('finds nothing in any of them', () => {
    expect(examples.length).toBeGreaterThanOrEqual(6);
    const findings = checkWorkflows(examples.map((e) => ({ path: `workflows-examples/${e.file}`, text: e.text })));
    expect(findings.map(formatFinding)).toEqual([]);
  });
});
