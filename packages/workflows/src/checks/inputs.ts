import type { Catalog } from '../catalog';
import { shown, type Finding } from '../finding';
import { findingOn } from '../source';
import { didYouMean } from '../suggest';
import { actionLabel, inputsOf } from '../uses';
import { withText, type WorkflowView } from '../workflow';

/**
 * `with:` keys our actions do not declare, and required inputs a step leaves out. GitHub only warns about an unknown
 * input in the run log, and the action reads its default instead: a misspelt `comit-gate: true` runs deploy-guard with
 * the commit gate off.
 */
export function checkInputs(view: WorkflowView, catalog: Catalog): Finding[] {
  const { source } = view;
  const findings: Finding[] = [];
  for (const job of view.jobs) {
    for (const step of job.steps) {
      const action = step.action;
      if (!action || !step.uses) continue;
      if (action.kind === 'unknown') {
        findings.push(
          findingOn(
            source,
            step.uses.value ?? step.uses.keyNode,
            'unknown-action',
            `shipshape has no action '${action.name}'${didYouMean(action.name, Object.keys(catalog.actions))}`,
          ),
        );
        continue;
      }
      if (action.kind === 'root') {
        const command = step.with.find((e) => e.key === 'command');
        if (command && action.command !== undefined && !action.spec) {
          findings.push(
            findingOn(
              source,
              command.value ?? command.keyNode,
              'unknown-input',
              `'${shown(action.command)}' is not a shipshape command${didYouMean(action.command, Object.keys(catalog.actions))}; commands: ${Object.keys(catalog.actions).join(', ')}`,
            ),
          );
          continue;
        }
      }
      const inputs = inputsOf(action, catalog);
      if (!inputs) continue;
      const label = actionLabel(action);
      for (const given of step.with) {
        if (given.key in inputs) continue;
        findings.push(
          findingOn(
            source,
            given.keyNode,
            'unknown-input',
            `'${shown(given.key)}' is not an input of ${label}${didYouMean(given.key, Object.keys(inputs))}; the action never reads it`,
          ),
        );
      }
      const passed = new Set(step.with.map((e) => e.key));
      for (const [name, spec] of Object.entries(inputs)) {
        if (!spec.required || spec.hasDefault || passed.has(name)) continue;
        findings.push(
          findingOn(
            source,
            step.uses.keyNode,
            'missing-input',
            `${label} needs input '${name}' (required, no default)`,
          ),
        );
      }
      // deploy-notify declares no required input, but posts nowhere without one of its two destinations (its README,
      // "Inputs": an incoming-webhook URL, or a bot token and a channel ID).
      if ((action.kind === 'action' ? action.name : action.command) === 'deploy-notify') {
        const webhook = withText(source, step, 'webhook-url');
        const token = withText(source, step, 'token');
        const channel = withText(source, step, 'channel');
        const missing =
          webhook === undefined && token === undefined
            ? "'webhook-url', or 'token' and 'channel'"
            : webhook === undefined && channel === undefined
              ? "'channel' (the channel ID to post in with 'token')"
              : undefined;
        if (missing !== undefined)
          findings.push(findingOn(source, step.uses.keyNode, 'missing-input', `${label} needs ${missing}`));
      }
    }
  }
  return findings;
}
