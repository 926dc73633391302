import { isMap } from 'yaml';
import type { Finding } from '../finding';
import { grants, permissionsNeeded, type Grant, type Level, type Need } from '../permissions';
import { entries, entry, findingOn, scalarText, type Entry, type WorkflowSource } from '../source';
import { actionLabel, effectiveName } from '../uses';
import { usesGithubToken, withText, type WorkflowView } from '../workflow';
import { triggersOf } from '../triggers';

/**
 * Each step of ours against the GITHUB_TOKEN permissions of its job (the job's `permissions:`, else the workflow's).
 * A job-level block grants only what it lists, so a missing scope fails the step with HTTP 403 at run time, often
 * only on the path that needs it (a freeze, a comment). Steps given another token (`token:` from a secret or an app)
 * are skipped: that token's rights are set elsewhere.
 */
export function checkPermissions(view: WorkflowView): Finding[] {
  const { source } = view;
  const root = source.doc.contents;
  const triggers = new Set(triggersOf(source).map((t) => t.name));
  const workflowBlock = entry(source, root, 'permissions');
  const findings: Finding[] = [];
  for (const job of view.jobs) {
    const jobBlock = entry(source, job.node, 'permissions');
    const block = jobBlock ?? workflowBlock;
    const grant = grantOf(source, block);
    for (const step of job.steps) {
      const name = step.action ? effectiveName(step.action) : undefined;
      if (!step.action || name === undefined || !step.uses || !usesGithubToken(source, step, name)) continue;
      const needs = permissionsNeeded(name, { input: (input) => withText(source, step, input), triggers });
      const missing = strongest(needs.filter((need) => !grants(grant, need)));
      if (missing.length === 0) continue;
      const list = missing.map((n) => `${n.scope}: ${n.level} (${n.why})`).join(', ');
      const where =
        block === undefined
          ? `neither job '${job.id}' nor the workflow declares permissions, so the token gets the repository's default (read-only contents when the default is restricted); declare them on the job`
          : `${jobBlock ? `job '${job.id}'` : 'the workflow'}'s permissions (line ${source.lines.linePos(block.keyNode.range?.[0] ?? 0).line}) do not grant it`;
      findings.push(
        findingOn(source, step.uses.keyNode, 'permissions', `${actionLabel(step.action)} needs ${list}; ${where}`),
      );
    }
  }
  return findings;
}

function grantOf(source: WorkflowSource, block: Entry | undefined): Grant {
  if (!block) return { kind: 'default' };
  if (isMap(block.value)) {
    const scopes: Record<string, Level | 'none'> = {};
    for (const e of entries(source, block.value)) {
      const level = scalarText(source, e.value);
      scopes[e.key] = level === 'write' || level === 'read' ? level : 'none';
    }
    return { kind: 'declared', scopes };
  }
  const text = scalarText(source, block.value);
  if (text === 'write-all') return { kind: 'declared', scopes: {}, all: 'write' };
  if (text === 'read-all') return { kind: 'declared', scopes: {}, all: 'read' };
  return { kind: 'declared', scopes: {} };
}

/** One need per scope, the strongest (write over read), first reason kept. */
function strongest(needs: Need[]): Need[] {
  const byScope = new Map<string, Need>();
  for (const need of needs) {
    const seen = byScope.get(need.scope);
    if (!seen || (seen.level === 'read' && need.level === 'write')) byScope.set(need.scope, need);
  }
  return [...byScope.values()];
}
