/**
 * `shipshape init`: the example workflows a team picks, with its repository pin, deploy window, Slack secret and
 * queue filled in, and what the repository must still set by hand. Pure: the CLI writes the files and validates them.
 */
export { EXAMPLE, fillTemplate } from './fill';
export { FULL_SHA, readInitOptions, type InitOptions, type RawInitOptions } from './options';
export { WORKFLOWS_DIR, planInit, type InitPlan, type PlannedFile, type WorkflowTemplate } from './plan';
export { settingsToSet, type SettingsToSet } from './settings';
export { TEMPLATES } from './templates.generated';
