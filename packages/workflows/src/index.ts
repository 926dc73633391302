/**
 * `shipshape check-workflows`: what actionlint cannot know about a workflow that uses our actions (their inputs and
 * outputs, the permissions each needs, deploy concurrency, release triggers, untrusted text in scripts). Pure logic:
 * it receives the files' text; reading them is the caller's (readWorkflowFiles with a WorkflowReader).
 */
export { checkWorkflows, type WorkflowFile } from './check';
export { CATALOG } from './catalog.generated';
export type { ActionSpec, Catalog, InputSpec } from './catalog';
export { compareFindings, formatFinding, type CheckId, type Finding } from './finding';
export { permissionsNeeded, type Level, type Need } from './permissions';
export { readWorkflowFiles, type ReadWorkflows, type WorkflowReader } from './reader';
