/**
 * Built-in templates, used when a repository has neither a config file nor a pull-request template of its own.
 * `rollout-rollback` is a real house template of a team that ships carefully: how the change rolls out, how it
 * is verified, how it is undone.
 */
export const PRESETS: Readonly<Record<string, string>> = {
  'rollout-rollback': [
    '## Solution',
    '**Original issue and supporting materials**:',
    '**Downsides**:',
    '## Roll-out plan',
    '**Deployment risks**:',
    '**Deployment assistants**:',
    '**Backing services related changes**:',
    '**Backuping steps**:',
    '**Deployment steps**:',
    '  1. [ ] XXX',
    '## Verification plan',
    '## Rollback strategy',
    '',
  ].join('\n'),
};

export const DEFAULT_PRESET = 'rollout-rollback';

export function presetNames(): string[] {
  return Object.keys(PRESETS);
}
