/** The deploy record without the runner: settings, the timeline and its chart, the postmortem and its GitHub port. */
export { INPUT, readSettings, type Settings } from './inputs';
export { parseTimeline, parseTime, type Timeline, type TimelineStep } from './timeline';
export { ganttChart, mermaidLabel } from './gantt';
export { timelineTable } from './timeline-table';
export { BUILT_IN_TEMPLATE, PLACEHOLDERS, checkTemplate, fillTemplate } from './template';
export { writePostmortem, issueBody, type RunFacts, type PostmortemOutcome } from './postmortem';
export { githubPostmortemPort, type PostmortemPort } from './github-port';
export { recordDeploy, type DeployRecord } from './record';
export { recordOutputs, recordSummary } from './report';
