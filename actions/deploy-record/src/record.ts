import { ShipshapeError, summaryLine, truncate, type Clock, type Logger } from '@shipshape/kit';
import { ganttChart } from './gantt';
import type { PostmortemPort } from './github-port';
import type { Settings } from './inputs';
import { outcomeText } from './outcome';
import {
  MAX_TITLE_CHARS,
  commitText,
  runUrl,
  triggeredByText,
  writePostmortem,
  type PostmortemOutcome,
  type RunFacts,
} from './postmortem';
import { timelineTable } from './timeline-table';

export interface RecordDeps {
  /** The GitHub calls; undefined without `postmortem`. */
  port: PostmortemPort | undefined;
  run: RunFacts;
  clock: Clock;
  log: Logger;
}

export interface DeployRecord {
  /** The timeline as a Markdown table (with the steps that did not run). */
  table: string;
  /** The ```mermaid gantt block; undefined when no step has a time. */
  gantt: string | undefined;
  /** The postmortem issue; undefined without `postmortem`, or when it could not be written. */
  postmortem: PostmortemOutcome | undefined;
  /** Why the postmortem issue could not be written: the step fails, after the timeline is in the summary. */
  failure?: string;
}

/** `Postmortem: Out-of-band deploy #42 (2026-12-05)`: the run and the day the deploy started. */
export function defaultTitle(settings: Settings, run: RunFacts, now: number): string {
  const starts = settings.timeline.steps.map((step) => step.start);
  const day = new Date(starts.length > 0 ? Math.min(...starts) : now).toISOString().slice(0, 10);
  return `Postmortem: ${run.workflow || 'deploy'}${run.runNumber ? ` #${run.runNumber}` : ''} (${day})`;
}

/** The link to the Slack message; the URL was checked to be https, and its parentheses are percent-encoded. */
function permalinkText(permalink: string | undefined): string {
  if (permalink === undefined) return 'none';
  return `[Slack message](${permalink.replace(/\(/g, '%28').replace(/\)/g, '%29')})`;
}

/** The deploy's record: the timeline drawn, and with `postmortem` the run's issue written. */
export async function recordDeploy(settings: Settings, deps: RecordDeps): Promise<DeployRecord> {
  const table = timelineTable(settings.timeline);
  const gantt = ganttChart(settings.timeline.steps, settings.outcome);
  if (!settings.postmortem || deps.port === undefined) return { table, gantt, postmortem: undefined };
  const { run } = deps;
  const title = truncate(settings.title ?? defaultTitle(settings, run, deps.clock.now()), MAX_TITLE_CHARS);
  let postmortem: PostmortemOutcome;
  try {
    postmortem = await writePostmortem(
      {
        title,
        template: settings.template.text,
        labels: settings.labels,
        runId: run.runId,
        values: {
          reason: settings.reason === undefined ? 'none given' : summaryLine(settings.reason),
          triggered_by: triggeredByText(run),
          commit: commitText(run),
          timeline: table,
          gantt: gantt ?? '',
          outcome: outcomeText(settings.outcome),
          permalink: permalinkText(settings.permalink),
          run_url: `[${summaryLine(run.workflow || 'run')} #${summaryLine(run.runNumber || String(run.runId))}](${runUrl(run)})`,
        },
      },
      deps.port,
      deps.log,
    );
  } catch (error) {
    // Only our own errors carry a message meant for the reader; anything else still fails the step as unexpected.
    if (!(error instanceof ShipshapeError)) throw error;
    return { table, gantt, postmortem: undefined, failure: error.message };
  }
  deps.log.info(`Postmortem issue #${postmortem.number} ${postmortem.result}: ${postmortem.url}`);
  return { table, gantt, postmortem };
}
