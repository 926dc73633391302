import { isMap, isScalar } from 'yaml';
import type { Finding } from '../finding';
import { entry, findingOn, scalarText, type Entry, type WorkflowSource } from '../source';
import { effectiveName } from '../uses';
import { withText, type JobView, type WorkflowView } from '../workflow';

/**
 * Deploy jobs in a concurrency group that drops runs. GitHub keeps at most one running and one pending run per group:
 * "Any existing pending job or workflow in the same concurrency group, if it exists, will be canceled and the new
 * queued job or workflow will take its place" (docs.github.com, "Control the concurrency of workflows and jobs"),
 * whether or not `cancel-in-progress` is set; `cancel-in-progress: true` cancels the running one too. Since
 * 2026-05-07 `queue: max` keeps up to 100 pending runs in order, only "when cancel-in-progress is false or not set"
 * (github.blog/changelog/2026-05-07-github-actions-concurrency-groups-now-allow-larger-queues). A dropped release
 * run is a version that never deploys and a release never published.
 */
export function checkConcurrency(view: WorkflowView): Finding[] {
  const { source } = view;
  const workflowBlock = entry(source, source.doc.contents, 'concurrency');
  const findings: Finding[] = [];
  for (const block of [workflowBlock, ...view.jobs.map((job) => entry(source, job.node, 'concurrency'))]) {
    if (!block || !isMap(block.value)) continue;
    const queue = entry(source, block.value, 'queue');
    if (queue && scalarText(source, entry(source, block.value, 'cancel-in-progress')?.value) === 'true') {
      findings.push(
        findingOn(
          source,
          queue.keyNode,
          'concurrency',
          'GitHub accepts `queue` only when cancel-in-progress is false or not set',
        ),
      );
    }
  }
  for (const job of view.jobs) {
    if (!deploys(source, job)) continue;
    const block = entry(source, job.node, 'concurrency') ?? workflowBlock;
    if (!block) continue;
    const problem = droppedRuns(source, block);
    if (problem === undefined) continue;
    const owner = block === workflowBlock ? "the workflow's concurrency group" : 'its concurrency group';
    findings.push(findingOn(source, block.keyNode, 'concurrency', `job '${job.id}' deploys, and ${owner} ${problem}`));
  }
  return findings;
}

function droppedRuns(source: WorkflowSource, block: Entry): string | undefined {
  if (isScalar(block.value)) {
    return 'keeps one pending run: a third run cancels the second before it deploys; use `group:` with `cancel-in-progress: false` and `queue: max`';
  }
  if (!isMap(block.value)) return undefined;
  const cancel = scalarText(source, entry(source, block.value, 'cancel-in-progress')?.value)?.trim();
  if (cancel === 'true') {
    return 'has `cancel-in-progress: true`: a new run cancels the running deploy; set it to false and add `queue: max`';
  }
  const queue = scalarText(source, entry(source, block.value, 'queue')?.value)?.trim();
  if (queue === 'max') return undefined;
  return 'keeps one pending run (no `queue: max`): a third run cancels the second before it deploys; add `queue: max`';
}

/**
 * A job that deploys or publishes with our actions: it guards (other than syncing the freeze status), notifies, or
 * publishes a release. An `environment:` alone does not count: a preview environment per PR cancels on purpose.
 */
export function deploys(source: WorkflowSource, job: JobView): boolean {
  return job.steps.some((step) => {
    const name = step.action ? effectiveName(step.action) : undefined;
    if (name === 'changelog-release') return withText(source, step, 'mode')?.trim() !== 'check';
    if (name === 'deploy-guard') return withText(source, step, 'freeze')?.trim() !== 'sync';
    return name === 'deploy-notify';
  });
}
