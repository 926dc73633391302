import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { parse as parseYaml } from 'yaml';
import { REPO_ROOT } from '@shipshape/testing/runner';

/**
 * A release published with the workflow's GITHUB_TOKEN starts no `on: release` workflow (GitHub's "Triggering a
 * workflow from a workflow"; the GitHub emulator records such events with `startsWorkflows: false`). The README
 * must not promise deploys from publishing without saying which token starts them, and must show it.
 */

const readme = readFileSync(join(REPO_ROOT, 'actions/changelog-release/README.md'), 'utf8');

interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  jobs?: Record<string, { steps?: Step[] }>;
}

/** The YAML blocks of the README that are whole workflows (they have `jobs:`). */
function workflowBlocks(): string[] {
  return [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '').filter((text) => /^jobs:/m.test(text));
}

describe('changelog-release README: release events and tokens', () => {
  it('says the GITHUB_TOKEN starts no `on: release` workflow, and which tokens do', () => {
    expect(readme).toMatch(/GITHUB_TOKEN[^.]*starts no `on: release` workflow/);
    expect(readme).toMatch(/GitHub App installation token/);
    expect(readme).toMatch(/personal access token/);
  });

  it('shows a workflow that publishes with a GitHub App token, and it parses', () => {
    const publishing = workflowBlocks().filter((text) => /publish: true/.test(text));
    expect(publishing.length).toBeGreaterThan(0);
    for (const text of publishing) {
      const parsed = parseWorkflow({ name: 'readme.yml', content: text }, new NoOperationTraceWriter());
      expect(parsed.context.errors.getErrors().map((e) => e.message)).toEqual([]);
      const steps = Object.values((parseYaml(text) as Workflow).jobs ?? {}).flatMap((job) => job.steps ?? []);
      const app = steps.find((s) => s.uses?.startsWith('actions/create-github-app-token@'));
      const publish = steps.find((s) => s.uses?.includes('/changelog-release@') && s.with?.publish === true);
      expect(app?.id).toBeDefined();
      expect(publish?.with?.token).toBe(`\${{ steps.${app?.id ?? '?'}.outputs.token }}`);
    }
  });
});
