import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { Catalog } from '../catalog';
import { expressionsIn, stepOutputReferences, type StepOutputReference } from '../expressions';
import type { Finding } from '../finding';
import { entries, entry, findingAt, items, rawText, resolved, type WorkflowSource } from '../source';
import { didYouMean } from '../suggest';
import { actionLabel, outputsOf } from '../uses';
import type { StepView, WorkflowView } from '../workflow';

/**
 * `steps.<id>.outputs.<name>`: the step must come earlier in the job (a step sees only the steps before it; a job's
 * `outputs:` sees all of them), and when it uses one of our actions, the action must declare the output. An undeclared
 * output is an empty string at run time: `if: steps.guard.outputs.decison == 'proceed'` is silently never true.
 */
export function checkOutputs(view: WorkflowView, catalog: Catalog): Finding[] {
  const { source } = view;
  const findings: Finding[] = [];
  for (const job of view.jobs) {
    const earlier = new Map<string, StepView>();
    for (const step of job.steps) {
      for (const ref of referencesIn(source, step.node, true))
        findings.push(...judge(ref, earlier, `earlier step of job '${job.id}'`));
      if (step.id !== undefined) earlier.set(step.id, step);
    }
    const all = new Map(job.steps.flatMap((s) => (s.id === undefined ? [] : [[s.id, s] as const])));
    const outputs = entry(source, job.node, 'outputs')?.value;
    for (const ref of referencesIn(source, outputs, false))
      findings.push(...judge(ref, all, `step of job '${job.id}'`));
  }
  return findings;

  function judge(ref: StepOutputReference, steps: ReadonlyMap<string, StepView>, where: string): Finding[] {
    const step = steps.get(ref.step);
    if (!step) {
      return [
        findingAt(
          source,
          ref.offset,
          'unknown-step',
          `steps.${ref.step}: no ${where} has id '${ref.step}'${didYouMean(ref.step, steps.keys())}`,
        ),
      ];
    }
    const declared = step.action ? outputsOf(step.action, catalog) : undefined;
    if (!step.action || !declared || declared.includes(ref.output)) return [];
    return [
      findingAt(
        source,
        ref.offset,
        'unknown-output',
        `steps.${ref.step}.outputs.${ref.output}: ${actionLabel(step.action)} has no output '${ref.output}'${didYouMean(ref.output, declared)} (it would be empty); outputs: ${declared.join(', ')}`,
      ),
    ];
  }
}

/**
 * Every step output reference in a node's scalars, with offsets in the file. A step's top-level `if:` is an expression
 * even without `${{ }}`; elsewhere only the text inside `${{ }}` is.
 */
function referencesIn(source: WorkflowSource, node: unknown, isStep: boolean): StepOutputReference[] {
  const found: StepOutputReference[] = [];
  // Each node once: an alias repeats a node already in the file (and aliases of aliases could repeat it exponentially).
  const seen = new Set<Node>();
  const visit = (value: Node | null, bareExpression: boolean): void => {
    if (!value || seen.has(value)) return;
    seen.add(value);
    if (isScalar(value)) {
      const raw = rawText(source, value);
      const texts =
        bareExpression && !raw.text.includes('${{')
          ? [{ text: raw.text, offset: 0 }]
          : expressionsIn(raw.text).map((e) => ({ text: e.body, offset: e.bodyOffset }));
      for (const text of texts) {
        for (const ref of stepOutputReferences(text.text))
          found.push({ ...ref, offset: raw.offset + text.offset + ref.offset });
      }
    } else if (isMap(value)) {
      for (const e of entries(source, value)) visit(e.value, false);
    } else if (isSeq(value)) {
      for (const item of items(source, value)) visit(item, false);
    }
  };
  const start = resolved(source, node);
  if (isStep && isMap(start)) {
    for (const e of entries(source, start)) visit(e.value, e.key === 'if');
  } else {
    visit(start, false);
  }
  return found;
}
