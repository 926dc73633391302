import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
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

describe("shipshape check-workflows on the project's own .github/workflows", () => {
  it('finds nothing (the local ./actions/<name> uses are ours too)', () => {
    const dir = new URL('../../.github/workflows/', import.meta.url).pathname;
    const files = readdirSync(dir)
      .filter((name) => name.endsWith('.yml'))
      .map((name) => ({ path: `.github/workflows/${name}`, text: readFileSync(join(dir, name), 'utf8') }));
    expect(files.map((f) => f.path)).toEqual(
      expect.arrayContaining(['.github/workflows/ci.yml', '.github/workflows/release.yml']),
    );
    expect(checkWorkflows(files).map(formatFinding)).toEqual([]);
  });
});
