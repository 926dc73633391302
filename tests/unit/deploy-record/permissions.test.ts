import { describe, expect, it } from '@jest/globals';
import { permissionsNeeded } from '@shipshape/workflows';

/** What check-workflows asks of a job that runs deploy-record (packages/workflows/README.md, the permissions table). */
const needs = (inputs: Record<string, string>): string[] =>
  permissionsNeeded('deploy-record', { input: (name) => inputs[name], triggers: new Set(['workflow_dispatch']) }).map(
    (n) => `${n.scope}: ${n.level}`,
  );

describe('deploy-record permissions for check-workflows', () => {
  it('needs issues: write only for a postmortem (who approved degrades to unknown without actions: read)', () => {
    expect(needs({})).toEqual([]);
    expect(needs({ postmortem: 'false' })).toEqual([]);
    expect(needs({ postmortem: 'true' })).toEqual(['issues: write']);
    expect(needs({ postmortem: '${{ inputs.postmortem }}' })).toEqual(['issues: write']);
  });
});
