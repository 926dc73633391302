import { shown } from './finding';
import type { ActionSpec, Catalog, InputSpec } from './catalog';

/**
 * Which of our actions a step's `uses:` names. Three spellings reach them: `<owner>/<repo>/actions/<name>@<ref>`, the
 * root action `<owner>/shipshape@<ref>` with `command: <name>`, and `./actions/<name>` inside a checkout of shipshape
 * itself. Any owner counts (a fork or a copy under another organization), and so does any repository name for one of
 * our action names (a copy renamed `deploy-kit`); GitHub compares owner and repository names case-insensitively.
 */
export type OurAction =
  | { kind: 'action'; name: string; spec: ActionSpec }
  /** `<owner>/shipshape/actions/<name>@…` (or the user's repository) where no action has that name (a typo). */
  | { kind: 'unknown'; name: string }
  /** The root action; `command` is the literal command when the step gives one, `spec` its action when it exists. */
  | { kind: 'root'; command: string | undefined; spec: ActionSpec | undefined };

/** What tells our steps from others: the actions, and the user's own copy of shipshape when it has another name. */
export interface Recognition {
  catalog: Catalog;
  /** `owner/name` of the user's shipshape repository, when known (`shipshape init --uses`, `--repo`). */
  repository: string | undefined;
}

const REMOTE = /^(?<repository>[\w.-]+\/[\w.-]+)\/actions\/(?<name>[\w.-]+)\/?@\S+$/;
const ROOT = /^(?<repository>[\w.-]+\/[\w.-]+)@\S+$/;
const LOCAL = /^\.\/actions\/(?<name>[\w.-]+)\/?$/;

/** `command` is the root action's `with: command:` value, undefined when absent or an expression. */
export function ourAction(uses: string, command: string | undefined, recognition: Recognition): OurAction | undefined {
  const { catalog } = recognition;
  const trimmed = uses.trim();
  const remote = REMOTE.exec(trimmed)?.groups;
  if (remote?.name !== undefined && remote.repository !== undefined) {
    const spec = catalog.actions[remote.name];
    if (spec) return { kind: 'action', name: remote.name, spec };
    // Another repository's `actions/<name>` (a monorepo of its own actions) is not ours: only a shipshape repository
    // can have a misspelt action of ours.
    return isShipshape(remote.repository, recognition) ? { kind: 'unknown', name: remote.name } : undefined;
  }
  // A repository's own ./actions/<name> is ours only when the name is one of ours.
  const local = LOCAL.exec(trimmed)?.groups?.name;
  if (local !== undefined) {
    const spec = catalog.actions[local];
    return spec ? { kind: 'action', name: local, spec } : undefined;
  }
  const root = ROOT.exec(trimmed)?.groups?.repository;
  if (root !== undefined && isShipshape(root, recognition))
    return { kind: 'root', command, spec: command === undefined ? undefined : catalog.actions[command] };
  return undefined;
}

/** A repository named shipshape under any owner, or the user's own copy, in any letter case. */
function isShipshape(repository: string, recognition: Recognition): boolean {
  const wanted = repository.toLowerCase();
  return wanted.split('/')[1] === 'shipshape' || wanted === recognition.repository?.toLowerCase();
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
