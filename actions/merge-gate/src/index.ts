/** What the CLI may use: the rules and the verdict, without the runner. */
export { decideMerge, type GateResult, type RuleRow } from './gate';
export { INPUT, readSettings, type Settings } from './inputs';
export { gateOutputs, gateSummary } from './report';
export type { MergeGatePort, PullInfo } from './github-port';
export { githubMergeGatePort } from './github-port';
