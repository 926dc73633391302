import type { Node } from 'yaml';
import { isExpression } from './expressions';
import { entries, entry, items, scalarText, type Entry, type WorkflowSource } from './source';
import { ourAction, type OurAction, type Recognition } from './uses';

/** A step, with the `uses:` of ours it names (if any) and its `with:` entries. */
export interface StepView {
  node: Node;
  id: string | undefined;
  uses: Entry | undefined;
  action: OurAction | undefined;
  with: Entry[];
  run: Entry | undefined;
}

export interface JobView {
  id: string;
  keyNode: Node;
  node: Node;
  steps: StepView[];
}

/** The parts of a workflow the checks read, each with its node for positions. */
export interface WorkflowView {
  source: WorkflowSource;
  jobs: JobView[];
}

export function viewWorkflow(source: WorkflowSource, recognition: Recognition): WorkflowView {
  const jobs = entries(source, entry(source, source.doc.contents, 'jobs')?.value).flatMap((job) =>
    job.value
      ? [{ id: job.key, keyNode: job.keyNode, node: job.value, steps: viewSteps(source, job.value, recognition) }]
      : [],
  );
  return { source, jobs };
}

function viewSteps(source: WorkflowSource, job: Node, recognition: Recognition): StepView[] {
  return items(source, entry(source, job, 'steps')?.value).map((node) => {
    const uses = entry(source, node, 'uses');
    const withEntries = entries(source, entry(source, node, 'with')?.value);
    const usesText = scalarText(source, uses?.value);
    const commandText = scalarText(source, withEntries.find((e) => e.key === 'command')?.value);
    const command = commandText === undefined || isExpression(commandText) ? undefined : commandText.trim();
    return {
      node,
      id: scalarText(source, entry(source, node, 'id')?.value),
      uses,
      action: usesText === undefined ? undefined : ourAction(usesText, command, recognition),
      with: withEntries,
      run: entry(source, node, 'run'),
    };
  });
}

/** A `with:` value as text, or undefined when the step does not pass it. */
export function withText(source: WorkflowSource, step: StepView, input: string): string | undefined {
  return scalarText(source, step.with.find((e) => e.key === input)?.value);
}

/**
 * Whether a boolean-like input may be on: a literal true (`true`, `'true'`, or a number other than 0 for numeric
 * inputs such as `cancel-window`), or an expression, which may evaluate to anything at run time.
 */
export function mayBeOn(value: string | undefined): boolean {
  if (value === undefined) return false;
  if (isExpression(value)) return true;
  const text = value.trim().toLowerCase();
  return text !== '' && text !== 'false' && text !== '0' && text !== 'no' && text !== 'off';
}

/** The GITHUB_TOKEN is used unless the step passes another token (`token:`, or the root action's `github-token:`). */
export function usesGithubToken(source: WorkflowSource, step: StepView, action?: string): boolean {
  // deploy-notify's `token` is a Slack bot token: only its `github-token` talks to GitHub.
  const token =
    action === 'deploy-notify'
      ? withText(source, step, 'github-token')
      : (withText(source, step, 'token') ?? withText(source, step, 'github-token'));
  return token === undefined || /^\$\{\{\s*(github\.token|secrets\.GITHUB_TOKEN)\s*\}\}$/.test(token.trim());
}
