import type { Catalog } from './catalog';
import { CATALOG } from './catalog.generated';
import { checkConcurrency } from './checks/concurrency';
import { checkInputs } from './checks/inputs';
import { checkOutputs } from './checks/outputs';
import { checkPermissions } from './checks/permissions';
import { checkReleaseTriggers } from './checks/release-trigger';
import { checkRunInjection } from './checks/run-injection';
import { compareFindings, type Finding } from './finding';
import { parseWorkflowSource } from './source';
import { viewWorkflow, type WorkflowView } from './workflow';

/** A workflow file's path (as it should appear in findings) and text. */
export interface WorkflowFile {
  path: string;
  text: string;
}

export interface CheckOptions {
  /** What our actions declare; CATALOG (generated from the action.yml files) unless a test passes another. */
  catalog?: Catalog | undefined;
  /**
   * `owner/name` of the user's copy of shipshape, so that its root action (`<owner/name>@<ref>`) and its misspelt
   * `actions/<name>` are recognised when the copy has another name than shipshape.
   */
  repository?: string | undefined;
}

const REPOSITORY = /^[\w.-]+\/[\w.-]+$/;
/**
 * GitHub starts no run for a workflow file over 500 KB, and says so nowhere but the run page: "each workflow file must
 * be 500 KB (512,000 bytes) or smaller to trigger a run" (docs.github.com/en/actions/reference/limits).
 */
export const GITHUB_MAX_WORKFLOW_BYTES = 512_000;

/**
 * Every check on a set of workflow files, checked together (a release published in one file can be meant to start
 * another). Findings come sorted by file, line and column, each once; a file that is not valid YAML gets one `syntax`
 * finding and no other.
 */
export function checkWorkflows(files: readonly WorkflowFile[], options: CheckOptions = {}): Finding[] {
  const { catalog = CATALOG, repository } = options;
  if (repository !== undefined && !REPOSITORY.test(repository))
    throw new TypeError(`checkWorkflows: repository must be owner/name, got ${JSON.stringify(repository)}`);
  const findings: Finding[] = [];
  const views: WorkflowView[] = [];
  for (const file of files) {
    const bytes = new TextEncoder().encode(file.text).length;
    if (bytes > GITHUB_MAX_WORKFLOW_BYTES)
      findings.push({
        file: file.path,
        line: 1,
        col: 1,
        check: 'syntax',
        message: `${bytes} bytes: GitHub starts no run for a workflow file over 500 KB (${GITHUB_MAX_WORKFLOW_BYTES} bytes)`,
      });
    const parsed = parseWorkflowSource(file.path, file.text);
    if (!parsed.ok) {
      findings.push(parsed.finding);
      continue;
    }
    const view = viewWorkflow(parsed.source, { catalog, repository });
    views.push(view);
    findings.push(
      ...checkInputs(view, catalog),
      ...checkOutputs(view, catalog),
      ...checkPermissions(view),
      ...checkConcurrency(view),
      ...checkRunInjection(view),
    );
  }
  findings.push(...checkReleaseTriggers(views));
  // Steps sharing an anchored `with:` would report the same key twice: one finding per position and message.
  const unique = new Map(findings.map((f) => [`${f.file}:${f.line}:${f.col}:${f.check}:${f.message}`, f]));
  return [...unique.values()].sort(compareFindings);
}
