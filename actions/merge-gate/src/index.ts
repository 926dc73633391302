/** What the CLI may use: the rules and the verdict, without the runner and the GitHub port. */
export { decideMerge } from './gate';
export { INPUT, readSettings } from './inputs';
export { gateOutputs } from './report';
export type { MergeGatePort, PullInfo } from './github-port';
export type { Review } from './reviews';
