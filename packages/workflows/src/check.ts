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

/**
 * Every check on a set of workflow files, checked together (a release published in one file can be meant to start
 * another). Findings come sorted by file, line and column, each once; a file that is not valid YAML gets one `syntax`
 * finding and no other.
 */
export function checkWorkflows(files: readonly WorkflowFile[], catalog: Catalog = CATALOG): Finding[] {
  const findings: Finding[] = [];
  const views: WorkflowView[] = [];
  for (const file of files) {
    const parsed = parseWorkflowSource(file.path, file.text);
    if (!parsed.ok) {
      findings.push(parsed.finding);
      continue;
    }
    const view = viewWorkflow(parsed.source, catalog);
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
