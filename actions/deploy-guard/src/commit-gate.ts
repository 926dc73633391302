import { runIdFromUrl } from './environment';
import type { CheckInfo, JobInfo, StatusInfo } from './github-port';

/**
 * The commit gate: the combined status AND the check runs of one commit. Only the newest check run per
 * (app, name) counts. Check runs of this workflow run that have not finished (this job, and jobs that wait
 * for it) are ignored: they cannot finish before we do. Zero statuses means "no statuses", not pending.
 */

/**
 * A required context as written: `name` matches a status context or a check run name; `app/name` also matches
 * a check run called `name` from the app with that slug (status contexts often contain slashes themselves,
 * e.g. `ci/circleci: build`, so the whole text is always tried as a name too).
 */
export interface RequiredCheck {
  text: string;
}

export interface GateVerdict {
  state: 'success' | 'pending' | 'failure';
  /** What failed or what we wait for, by name. */
  failing: string[];
  pending: string[];
  passed: string[];
}

const SUCCESS_CONCLUSIONS = new Set(['success', 'neutral', 'skipped']);

function matchesCheck(want: RequiredCheck, check: CheckInfo): boolean {
  if (check.name === want.text) return true;
  const slash = want.text.indexOf('/');
  return slash > 0 && check.app?.slug === want.text.slice(0, slash) && check.name === want.text.slice(slash + 1);
}

/**
 * The newest check run per name in each check suite. A re-run lands in the same suite (an Actions re-run keeps its
 * run, and so its suite) and replaces the earlier result. Two workflows' jobs of one name are two suites and both
 * count, as branch protection counts them (ruma/ruma#531, canonical/operator-workflows#1050: a required `check`
 * means every job named `check`): keyed by name alone, a newer green job of one workflow would hide a red one of
 * another (jsboige/CoursIA#11808).
 */
function newestPerName(checks: readonly CheckInfo[]): CheckInfo[] {
  const newest = new Map<string, CheckInfo>();
  for (const check of checks) {
    const key = `${check.app?.slug ?? ''}\u0000${check.check_suite?.id ?? ''}\u0000${check.name}`;
    const seen = newest.get(key);
    const newer =
      !seen ||
      (check.started_at ?? '') > (seen.started_at ?? '') ||
      ((check.started_at ?? '') === (seen.started_at ?? '') && check.id > seen.id);
    if (newer) newest.set(key, check);
  }
  return [...newest.values()];
}

/**
 * Check runs that belong to unfinished jobs of this workflow run. A job's check run has the job's id, and its
 * details_url names its run (`…/actions/runs/<run id>/job/<job id>`): that URL decides, so a check run of another run
 * is never ours even when its job has the name of one of ours (a CI job called `build` or `smoke`), and ours are known
 * without listing this run's jobs. Only an Actions check run without such a URL falls back to the job list.
 */
export function isOwnUnfinishedCheck(check: CheckInfo, ownJobs: readonly JobInfo[], ownRunId?: number): boolean {
  if (check.status === 'completed') return false;
  const runId = check.app?.slug === 'github-actions' ? runIdFromUrl(check.details_url) : undefined;
  if (runId !== undefined && ownRunId !== undefined) return runId === ownRunId;
  return ownJobs.some(
    (job) =>
      job.status !== 'completed' &&
      (job.id === check.id || (check.app?.slug === 'github-actions' && job.name === check.name)),
  );
}

/**
 * Whether this run's jobs must be listed to tell its own check runs: only when an unfinished Actions check run does
 * not name its run in its details_url (GitHub's do; the job list is the fallback), or when this run's id is unknown.
 */
export function needsOwnJobs(checks: readonly CheckInfo[], ownRunId: number | undefined): boolean {
  return checks.some(
    (c) =>
      c.status !== 'completed' &&
      c.app?.slug === 'github-actions' &&
      (ownRunId === undefined || runIdFromUrl(c.details_url) === undefined),
  );
}

function checkState(check: CheckInfo): 'success' | 'pending' | 'failure' {
  if (check.status !== 'completed') return 'pending';
  return SUCCESS_CONCLUSIONS.has(check.conclusion ?? '') ? 'success' : 'failure';
}

function statusState(status: StatusInfo): 'success' | 'pending' | 'failure' {
  if (status.state === 'success') return 'success';
  return status.state === 'pending' ? 'pending' : 'failure';
}

function label(check: CheckInfo): string {
  return check.app?.slug && check.app.slug !== 'github-actions' ? `${check.app.slug}/${check.name}` : check.name;
}

export function evaluateCommit(
  statuses: readonly StatusInfo[],
  checks: readonly CheckInfo[],
  required: readonly RequiredCheck[],
  ownJobs: readonly JobInfo[],
  /** Status contexts the guard sets itself (the merge-freeze status): a deploy must not wait on its own freeze. */
  ownContexts: readonly string[] = [],
  /** Check runs (ids) that wait for this run (see gate-waiters.ts): never waited on. */
  waitingOnUs: ReadonlySet<number> = new Set(),
  /** This workflow run's id, to tell its jobs' check runs from other runs' jobs of the same name. */
  ownRunId?: number,
): GateVerdict {
  statuses = statuses.filter((s) => !ownContexts.includes(s.context));
  const verdict: GateVerdict = { state: 'success', failing: [], pending: [], passed: [] };
  const add = (state: 'success' | 'pending' | 'failure', name: string): void => {
    (state === 'success' ? verdict.passed : state === 'pending' ? verdict.pending : verdict.failing).push(name);
  };
  const counted = newestPerName(checks).filter(
    (c) => !isOwnUnfinishedCheck(c, ownJobs, ownRunId) && !waitingOnUs.has(c.id),
  );
  if (required.length === 0) {
    for (const status of statuses) add(statusState(status), status.context);
    for (const check of counted) add(checkState(check), label(check));
  } else {
    for (const want of required) {
      const status = statuses.find((s) => s.context === want.text);
      const check = counted.find((c) => matchesCheck(want, c));
      const name = want.text;
      if (!status && !check) {
        add('pending', `${name} (not reported yet)`);
        continue;
      }
      const states = [status && statusState(status), check && checkState(check)].filter((s) => s !== undefined);
      add(states.includes('failure') ? 'failure' : states.includes('pending') ? 'pending' : 'success', name);
    }
  }
  verdict.state = verdict.failing.length > 0 ? 'failure' : verdict.pending.length > 0 ? 'pending' : 'success';
  return verdict;
}
