/**
 * `shipshape check-workflows`: what actionlint cannot know about a workflow that uses our actions (their inputs and
 * outputs, the permissions each needs, deploy concurrency, release triggers, untrusted text in scripts). The checks are
 * pure logic on the files' text; reading them is readWorkflowFiles' through a WorkflowReader port, which
 * nodeWorkflowReader fills with node:fs.
 */
export { checkWorkflows, GITHUB_MAX_WORKFLOW_BYTES, type CheckOptions, type WorkflowFile } from './check';
export { CATALOG } from './catalog.generated';
export type { ActionSpec, Catalog, InputSpec } from './catalog';
export { compareFindings, formatFinding, type CheckId, type Finding } from './finding';
export { permissionsNeeded, type Level, type Need } from './permissions';
export {
  MAX_WORKFLOW_BYTES,
  readWorkflowFiles,
  type ReadOutcome,
  type ReadWorkflows,
  type WorkflowReader,
} from './reader';
export { nodeWorkflowReader } from './fs-reader';
