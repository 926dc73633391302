/** The gate without the runner: settings, the checks' loop and verdict, the GitHub port, and the report. */
export { runGuard, type GuardContext, type GuardDeps, type GuardResult } from './guard';
export { guardContext } from './event-context';
export { githubGuardPort, type GuardPort } from './github-port';
export { INPUT, readSettings, type EventPayload, type Settings } from './inputs';
export { ConditionalClient } from './poll';
export { guardOutputs, renderSummary } from './report';
