import { parse } from 'yaml';

/** What a repository must still set up by hand for the written workflows to work. */
export interface SettingsToSet {
  /** Secrets the workflows read (`secrets.X`, GITHUB_TOKEN aside). */
  secrets: string[];
  /** Repository variables they read (`vars.X`) with no fallback: they must be set. */
  variables: string[];
  /** Variables read as `vars.X || <value>`: set one only to override the value init wrote. */
  optionalVariables: string[];
  /** Deployment environments the jobs run in (protection rules, required reviewers). */
  environments: string[];
  /** Check names to make required in branch protection or a ruleset: the pull-request jobs' names. */
  requiredChecks: string[];
  /** Of those, the ones whose workflow does not run on `merge_group`: requiring them stalls a merge queue. */
  checksWithoutMergeQueue: string[];
  /** Files the workflows read from the repository (merge-gate's leads file), to add before the first run. */
  files: string[];
  /** Commit statuses to make required (the merge freeze), from deploy-guard's `freeze-context` or its default. */
  requiredStatuses: string[];
}

interface Job {
  name?: unknown;
  environment?: unknown;
  steps?: { uses?: unknown; with?: Record<string, unknown> }[];
}

const DEFAULT_FREEZE_CONTEXT = 'merge-freeze';
const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target', 'merge_group'];

function events(on: unknown): string[] {
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.filter((e): e is string => typeof e === 'string');
  return on !== null && typeof on === 'object' ? Object.keys(on) : [];
}

const sorted = (values: Iterable<string>): string[] => [...new Set(values)].sort();

/** Reads what the written workflows expect the repository to have. Input: the files we wrote ourselves. */
export function settingsToSet(files: readonly { text: string }[]): SettingsToSet {
  const secrets: string[] = [];
  const variables: string[] = [];
  const optionalVariables: string[] = [];
  const checksWithoutMergeQueue: string[] = [];
  const toAdd: string[] = [];
  const environments: string[] = [];
  const requiredChecks: string[] = [];
  const requiredStatuses: string[] = [];
  for (const { text } of files) {
    for (const match of text.matchAll(/\bsecrets\.([A-Za-z_][A-Za-z0-9_]*)/g))
      if (match[1] !== 'GITHUB_TOKEN') secrets.push(match[1] as string);
    for (const match of text.matchAll(/\bvars\.([A-Za-z_][A-Za-z0-9_]*)(\s*\|\|)?/g))
      (match[2] === undefined ? variables : optionalVariables).push(match[1] as string);
    const workflow = parse(text) as { on?: unknown; jobs?: Record<string, Job> } | null;
    const triggers = events(workflow?.on);
    const onPullRequests = triggers.some((e) => PULL_REQUEST_EVENTS.includes(e));
    for (const [id, job] of Object.entries(workflow?.jobs ?? {})) {
      const environment =
        typeof job.environment === 'object' ? (job.environment as { name?: unknown })?.name : job.environment;
      if (typeof environment === 'string' && !environment.includes('${{')) environments.push(environment);
      const check = typeof job.name === 'string' ? job.name : id;
      if (onPullRequests) requiredChecks.push(check);
      if (onPullRequests && !triggers.includes('merge_group')) checksWithoutMergeQueue.push(check);
      for (const step of job.steps ?? []) {
        const leads = step.with?.leads;
        if (typeof step.uses === 'string' && /\/actions\/merge-gate@/.test(step.uses) && typeof leads === 'string')
          toAdd.push(`${leads} (merge-gate's leads, one login per line; read at the base branch)`);
        if (typeof step.uses !== 'string' || !/\/actions\/deploy-guard@/.test(step.uses)) continue;
        if (step.with?.freeze === undefined) continue;
        const context = step.with?.['freeze-context'];
        requiredStatuses.push(typeof context === 'string' ? context : DEFAULT_FREEZE_CONTEXT);
      }
    }
  }
  return {
    secrets: sorted(secrets),
    variables: sorted(variables.filter((v) => !optionalVariables.includes(v))),
    optionalVariables: sorted(optionalVariables),
    environments: sorted(environments),
    requiredChecks: sorted(requiredChecks),
    checksWithoutMergeQueue: sorted(checksWithoutMergeQueue),
    files: sorted(toAdd),
    requiredStatuses: sorted(requiredStatuses),
  };
}
