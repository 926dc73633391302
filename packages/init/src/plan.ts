import { InputError } from '@shipshape/kit';
import { fillTemplate } from './fill';
import type { InitOptions } from './options';
import { settingsToSet, type SettingsToSet } from './settings';

/** One example workflow as shipped inside the CLI: its name and text. */
export interface WorkflowTemplate {
  name: string;
  /** One line: what the workflow does, for `--help` and the list. */
  summary: string;
  text: string;
}

export interface PlannedFile {
  /** Relative to the repository root: `.github/workflows/<name>.yml`. */
  path: string;
  text: string;
}

export interface InitPlan {
  files: PlannedFile[];
  settings: SettingsToSet;
}

export const WORKFLOWS_DIR = '.github/workflows';

const EXAMPLE_QUEUE = /^\s*workflows:\s+([^#\n]*?)\s*(?:#.*)?$/m;

/**
 * The workflows a deploy queues behind: the ones given, or the example's own list cut to the files that will exist.
 * deploy-guard refuses a `workflows:` name with no workflow file, so naming one that is neither written now nor
 * already in the repository would fail the first deploy.
 */
function queueBehind(options: InitOptions, template: WorkflowTemplate, present: ReadonlySet<string>): string[] {
  if (options.queueBehind !== undefined) {
    for (const file of options.queueBehind)
      if (!present.has(file))
        throw new InputError(
          'queue-behind',
          `workflow files written now or already in ${WORKFLOWS_DIR} (${[...present].sort().join(', ')})`,
          file,
        );
    return [...options.queueBehind];
  }
  const example =
    EXAMPLE_QUEUE.exec(template.text)?.[1]
      ?.split(',')
      .map((f) => f.trim()) ?? [];
  return example.filter((file) => present.has(file));
}

/**
 * The files `shipshape init` writes, and what the repository must still set: no I/O, so tests read it directly.
 * `existing` names the workflow files already in the repository's .github/workflows.
 */
export function planInit(
  options: InitOptions,
  templates: readonly WorkflowTemplate[],
  existing: readonly string[] = [],
): InitPlan {
  const present = new Set([...existing, ...options.workflows.map((name) => `${name}.yml`)]);
  const files = options.workflows.map((name) => {
    const template = templates.find((t) => t.name === name);
    if (template === undefined) throw new Error(`no template named ${name}`);
    const queue = queueBehind(options, template, present);
    const filled = fillTemplate(name, template.text, {
      ...options,
      queueBehind: queue.length > 0 ? queue : [`${name}.yml`],
    });
    return { path: `${WORKFLOWS_DIR}/${name}.yml`, text: filled };
  });
  return { files, settings: settingsToSet(files) };
}
