import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { REPO_ROOT } from '@shipshape/testing/runner';

/**
 * The example workflows and our action.yml files, read from disk at test time, as plain typed values. The
 * workflow test, the action-metadata test and the demo all read the same files through this module.
 */

export const ACTION_NAMES = [
  'plan-lint',
  'changelog-release',
  'deploy-guard',
  'deploy-notify',
  'merge-gate',
  'deploy-record',
] as const;
export type ActionName = (typeof ACTION_NAMES)[number];

export const EXAMPLES_DIR = join(REPO_ROOT, 'workflows-examples');

/** shipshape's own workflows (CI, release, plan-lint on its pull requests). */
export const OWN_WORKFLOWS_DIR = join(REPO_ROOT, '.github', 'workflows');

/** `<owner>/shipshape/actions/<name>@<ref>`: a step that uses one of our actions. */
const OUR_ACTION = /^(?<owner>[\w.-]+)\/shipshape\/actions\/(?<name>[\w-]+)@(?<ref>[\w.-]+)$/;

export interface ActionInput {
  description?: string;
  required?: boolean;
  default?: string | number | boolean;
}

export interface ActionMetadata {
  name?: string;
  description?: string;
  branding?: { icon?: string; color?: string };
  inputs?: Record<string, ActionInput>;
  outputs?: Record<string, { description?: string }>;
  runs?: { using?: string; main?: string };
}

export type Scalar = string | number | boolean | null;

export interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: Scalar;
  with?: Record<string, Scalar>;
  env?: Record<string, Scalar>;
}

export interface Job {
  name?: string;
  if?: Scalar;
  'runs-on'?: string;
  'timeout-minutes'?: number;
  permissions?: Record<string, string> | string;
  concurrency?: { group?: string; 'cancel-in-progress'?: boolean | string; queue?: string } | string;
  environment?: string;
  env?: Record<string, Scalar>;
  strategy?: { matrix?: Record<string, unknown>; 'fail-fast'?: boolean | string };
  steps?: Step[];
}

export interface Workflow {
  name?: string;
  on?: Record<string, unknown>;
  permissions?: Record<string, string> | string;
  concurrency?: unknown;
  env?: Record<string, Scalar>;
  jobs?: Record<string, Job>;
}

export interface ExampleWorkflow {
  file: string;
  text: string;
  workflow: Workflow;
}

/** Every `.yml` / `.yaml` workflow of a folder, by file name. */
export function readWorkflows(dir: string): ExampleWorkflow[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      return { file, text, workflow: parseYaml(text) as Workflow };
    });
}

export function exampleWorkflows(): ExampleWorkflow[] {
  return readWorkflows(EXAMPLES_DIR);
}

export function ownWorkflows(): ExampleWorkflow[] {
  return readWorkflows(OWN_WORKFLOWS_DIR);
}

export function actionYamlPath(name: string): string {
  return join(REPO_ROOT, 'actions', name, 'action.yml');
}

export function actionExists(name: string): boolean {
  return existsSync(actionYamlPath(name));
}

export function readActionMetadata(name: string): ActionMetadata {
  const path = actionYamlPath(name);
  try {
    return parseYaml(readFileSync(path, 'utf8')) as ActionMetadata;
  } catch (error) {
    throw new Error(
      `actions/${name}/action.yml is not valid YAML (GitHub could not load the action): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** The action of ours a step uses (`your-org/shipshape/actions/deploy-guard@v1` → deploy-guard), if any. */
export function ourAction(step: Step): { owner: string; name: string; ref: string } | undefined {
  const match = step.uses === undefined ? null : OUR_ACTION.exec(step.uses);
  if (!match?.groups) return undefined;
  const { owner = '', name = '', ref = '' } = match.groups;
  return { owner, name, ref };
}

/** `./actions/<name>`: a step of shipshape's own workflows that runs one of our actions from the checkout. */
const LOCAL_ACTION = /^\.\/actions\/(?<name>[\w-]+)$/;

/** The action of ours a step runs from the checkout (`./actions/plan-lint` → plan-lint), if any. */
export function localAction(step: Step): { name: string } | undefined {
  const name = step.uses === undefined ? undefined : LOCAL_ACTION.exec(step.uses)?.groups?.name;
  return name === undefined ? undefined : { name };
}

/** Every `${{ … }}` expression in a string. */
export function expressionsIn(text: string): string[] {
  const found: string[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf('${{', from);
    if (start < 0) return found;
    const end = text.indexOf('}}', start + 3);
    if (end < 0) return found;
    found.push(text.slice(start + 3, end).trim());
    from = end + 2;
  }
}

/** `steps.<id>.outputs.<name>` references (GitHub allows hyphens in both) in an expression. */
export function stepOutputReferences(expression: string): { step: string; output: string }[] {
  return [...expression.matchAll(/\bsteps\.([\w-]+)\.outputs\.([\w-]+)/g)].map((m) => ({
    step: m[1] ?? '',
    output: m[2] ?? '',
  }));
}

/** Every string a step carries expressions in: `if`, `with`, `env`, `run`. */
export function stepTexts(step: Step): string[] {
  const texts: string[] = [];
  if (typeof step.if === 'string') texts.push(step.if.includes('${{') ? step.if : `\${{ ${step.if} }}`);
  for (const value of Object.values(step.with ?? {})) if (typeof value === 'string') texts.push(value);
  for (const value of Object.values(step.env ?? {})) if (typeof value === 'string') texts.push(value);
  if (step.run !== undefined) texts.push(step.run);
  return texts;
}
