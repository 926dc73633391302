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

/** The files `shipshape init` writes, and what the repository must still set: no I/O, so tests read it directly. */
export function planInit(options: InitOptions, templates: readonly WorkflowTemplate[]): InitPlan {
  const files = options.workflows.map((name) => {
    const template = templates.find((t) => t.name === name);
    if (template === undefined) throw new Error(`no template named ${name}`);
    return { path: `${WORKFLOWS_DIR}/${name}.yml`, text: fillTemplate(name, template.text, options) };
  });
  return { files, settings: settingsToSet(files) };
}
