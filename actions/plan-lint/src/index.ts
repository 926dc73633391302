/** What the CLI may use: the plan rules and the check, without the runner and the GitHub port. */
export { lintPlan, needsChangedFiles } from './lint';
export { DEFAULT_CONFIG_PATH, resolveRules } from './sources';
