import { shown } from './finding';
import type { ActionSpec, Catalog, InputSpec } from './catalog';

/**
 * Which of our actions a step's `uses:` names. Three spellings reach them: `<owner>/shipshape/actions/<name>@<ref>`,
 * the root action `<owner>/shipshape@<ref>` with `command: <name>`, and `./actions/<name>` inside a checkout of
 * shipshape itself. Any owner counts (a fork or a copy under another organization).
 */
export type OurAction =
  | { kind: 'action'; name: string; spec: ActionSpec }
  /** `<owner>/shipshape/actions/<name>@…` where no action has that name (a typo). */
  | { kind: 'unknown'; name: string }
  /** The root action; `command` is the literal command when the step gives one, `spec` its action when it exists. */
  | { kind: 'root'; command: string | undefined; spec: ActionSpec | undefined };

const REMOTE = /^[\w.-]+\/shipshape\/actions\/(?<name>[\w.-]+)\/?@\S+$/;
const ROOT = /^[\w.-]+\/shipshape@\S+$/;
const LOCAL = /^\.\/actions\/(?<name>[\w.-]+)\/?$/;

/** `command` is the root action's `with: command:` value, undefined when absent or an expression. */
export function ourAction(uses: string, command: string | undefined, catalog: Catalog): OurAction | undefined {
  const trimmed = uses.trim();
  const remote = REMOTE.exec(trimmed)?.groups?.name;
  if (remote !== undefined) {
    const spec = catalog.actions[remote];
    return spec ? { kind: 'action', name: remote, spec } : { kind: 'unknown', name: remote };
  }
  // A repository's own ./actions/<name> is ours only when the name is one of ours.
  const local = LOCAL.exec(trimmed)?.groups?.name;
  if (local !== undefined) {
    const spec = catalog.actions[local];
    return spec ? { kind: 'action', name: local, spec } : undefined;
  }
  if (ROOT.test(trimmed))
    return { kind: 'root', command, spec: command === undefined ? undefined : catalog.actions[command] };
  return undefined;
}

/** What a reader calls the action: `deploy-guard`, or `shipshape (command: deploy-guard)` for the root action. */
export function actionLabel(action: OurAction): string {
  if (action.kind !== 'root') return action.name;
  return action.command === undefined ? 'shipshape' : `shipshape (command: ${shown(action.command)})`;
}

/**
 * The inputs a step may pass. The root action takes its own (`command`, `github-token`) plus the chosen command's;
 * when the command is an expression, any command's input may be meant, so the union is accepted.
 */
export function inputsOf(action: OurAction, catalog: Catalog): Record<string, InputSpec> | undefined {
  if (action.kind === 'action') return action.spec.inputs;
  if (action.kind === 'unknown') return undefined;
  if (action.spec) return { ...catalog.rootInputs, ...action.spec.inputs };
  const union: Record<string, InputSpec> = {};
  for (const spec of Object.values(catalog.actions)) {
    for (const [name, input] of Object.entries(spec.inputs))
      union[name] = { required: false, hasDefault: input.hasDefault };
  }
  return { ...union, ...catalog.rootInputs };
}

/** The outputs a step's `steps.<id>.outputs.*` may name; the union of all when the root command is not literal. */
export function outputsOf(action: OurAction, catalog: Catalog): string[] | undefined {
  if (action.kind === 'action') return action.spec.outputs;
  if (action.kind === 'unknown') return undefined;
  if (action.spec) return action.spec.outputs;
  if (action.command !== undefined) return undefined;
  return [...new Set(Object.values(catalog.actions).flatMap((spec) => spec.outputs))];
}

/** The action whose behaviour a step gets: its name, or the root action's literal, known command. */
export function effectiveName(action: OurAction): string | undefined {
  if (action.kind === 'action') return action.name;
  if (action.kind === 'root' && action.spec) return action.command;
  return undefined;
}
