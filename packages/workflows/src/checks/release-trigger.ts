import { isMap } from 'yaml';
import type { Finding } from '../finding';
import { entry, findingOn, items, scalarText } from '../source';
import { triggersOf } from '../triggers';
import { effectiveName } from '../uses';
import { mayBeOn, usesGithubToken, withText, type WorkflowView } from '../workflow';

/**
 * An `on: release` workflow fed by a release that changelog-release publishes with the GITHUB_TOKEN never runs for it:
 * "events triggered by the GITHUB_TOKEN, with the exception of workflow_dispatch and repository_dispatch, will not
 * create a new workflow run" (docs.github.com, "GITHUB_TOKEN", "When GITHUB_TOKEN triggers workflow runs"). Reported
 * on the `release` trigger, naming the publishing steps of the workflows checked together.
 */
export function checkReleaseTriggers(views: readonly WorkflowView[]): Finding[] {
  const publishers = views.flatMap((view) =>
    view.jobs.flatMap((job) =>
      job.steps.flatMap((step) => {
        if (!step.action || effectiveName(step.action) !== 'changelog-release' || !step.uses) return [];
        const input = (name: string): string | undefined => withText(view.source, step, name);
        if (input('mode')?.trim() === 'check' || !usesGithubToken(view.source, step)) return [];
        // A draft starts no `release` workflow whoever creates it; only publishing (or a non-draft release) does.
        const draftOnly = input('draft')?.trim() === 'true' && !mayBeOn(input('publish'));
        if (draftOnly) return [];
        return [`${view.source.file}:${view.source.lines.linePos(step.uses.keyNode.range?.[0] ?? 0).line}`];
      }),
    ),
  );
  if (publishers.length === 0) return [];
  const findings: Finding[] = [];
  for (const view of views) {
    for (const trigger of triggersOf(view.source)) {
      if (trigger.name !== 'release') continue;
      const types = isMap(trigger.config)
        ? items(view.source, entry(view.source, trigger.config, 'types')?.value).map((t) => scalarText(view.source, t))
        : [];
      if (types.length > 0 && types.every((t) => t === 'deleted' || t === 'unpublished')) continue;
      findings.push(
        findingOn(
          view.source,
          trigger.node,
          'release-trigger',
          `this workflow does not run for the release published with GITHUB_TOKEN at ${publishers.join(', ')}: GitHub starts no workflow for events that token causes; give that step a GitHub App or personal access token as \`token:\`, or call this workflow from the publishing one`,
        ),
      );
    }
  }
  return findings;
}
