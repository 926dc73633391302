import { messageOf, type Clock, type Logger } from '@shipshape/kit';
import type { PlanSection, RollbackPlans, ShippedPullPlan } from '@shipshape/slack';
import type { CommitPull, ShippedPullsPort } from './github-port';

/**
 * How far the lookup goes (stated in the README): the commits of the release read for their pull requests (one
 * compare page, one request each), and the pull requests whose descriptions are read. A release beyond either is
 * quoted in part, and the alert says so.
 */
export const MAX_COMMITS = 100;
export const MAX_PULLS = 20;
/** Commit → pulls requests in flight at once. */
const CONCURRENCY = 4;
/**
 * The lookup's own time budget, from its start: no commit → pulls request starts and no description is parsed after
 * it, and a parse gets no more than what is left of it (at most a parse's own limit), so reading the descriptions
 * counts against the same budget as the requests. A request already running when it runs out still ends within the
 * client's own timeout. The Slack delivery does not share it: its `timeout` starts when the delivery does.
 */
export const PLAN_BUDGET_MS = 60_000;

export interface PlanLookup {
  /** The previous release's tag or commit; undefined = the latest published release. */
  since: string | undefined;
  /** The deployed commit (a sha or a ref). */
  sha: string;
}

export interface PlanDeps {
  log: Logger;
  clock: Clock;
  /**
   * plan-lint's section reading (./plan-sections), loaded by the caller only when there are descriptions to read; a
   * parse may take at most `timeoutMs`.
   */
  readSections: () => Promise<(body: string | null, timeoutMs: number) => PlanSection[]>;
}

/** The plans, and a warning when GitHub could not be asked (the alert then says the plans are missing). */
export interface PlanResult {
  plans: RollbackPlans;
  warning: string | undefined;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/**
 * Runs `work` over `items` with at most `limit` in flight, starting none once `more()` says no; the results of the
 * items done, in the items' order (a prefix of them).
 */
async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  more: () => boolean,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  let stopped = items.length;
  const worker = async (): Promise<void> => {
    while (next < stopped) {
      if (!more()) {
        stopped = Math.min(stopped, next);
        return;
      }
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results.slice(0, stopped);
}

/**
 * The pull requests a release shipped, with their plans: the commits of `since...sha` (compare), then each commit's
 * merged pull requests, each description read with plan-lint's section reading. Never throws: a GitHub failure is a
 * warning, and the plans then carry a note saying they could not be read.
 */
export async function findRollbackPlans(
  port: ShippedPullsPort,
  lookup: PlanLookup,
  deps: PlanDeps,
): Promise<PlanResult> {
  const notes: string[] = [];
  const deadline = deps.clock.now() + PLAN_BUDGET_MS;
  let base: string | undefined;
  let pulls: CommitPull[];
  try {
    base = lookup.since ?? (await port.latestReleaseTag());
    if (base === undefined) {
      deps.log.info('No published release to compare with: no rollback plans to quote.');
      return { plans: { pulls: [], notes: ['No earlier published release to compare with.'] }, warning: undefined };
    }
    const compared = await port.compare(base, lookup.sha, MAX_COMMITS);
    if (compared.total > compared.shas.length)
      notes.push(
        `Only the first ${compared.shas.length} of ${compared.total} commits since ${base} were read for pull requests.`,
      );
    const perCommit = await mapBounded(
      compared.shas,
      CONCURRENCY,
      () => deps.clock.now() < deadline,
      (sha) => port.pullsOfCommit(sha),
    );
    if (perCommit.length < compared.shas.length)
      notes.push(
        `Stopped after ${PLAN_BUDGET_MS / 1000} s: the pull requests of ${perCommit.length} of ` +
          `${compared.shas.length} commits were read.`,
      );
    const seen = new Map<number, CommitPull>();
    for (const pull of perCommit.flat())
      if (pull.merged_at !== null && !seen.has(pull.number)) seen.set(pull.number, pull);
    pulls = [...seen.values()];
  } catch (error) {
    const reason = messageOf(error);
    return {
      plans: { pulls: [], notes: ['The rollback plans could not be read from GitHub (see the workflow run).'] },
      warning: `Rollback plans not quoted: ${reason}`,
    };
  }
  if (pulls.length > MAX_PULLS) {
    notes.push(`Only the first ${MAX_PULLS} of ${plural(pulls.length, 'pull request', 'pull requests')} were read.`);
    pulls = pulls.slice(0, MAX_PULLS);
  }
  const read = pulls.length > 0 ? await deps.readSections() : undefined;
  const quoted: ShippedPullPlan[] = [];
  for (const pull of pulls) {
    const leftMs = deadline - deps.clock.now();
    if (read !== undefined && leftMs <= 0) {
      notes.push(
        `Stopped after ${PLAN_BUDGET_MS / 1000} s: the descriptions of ${quoted.length} of ` +
          `${plural(pulls.length, 'pull request', 'pull requests')} were read.`,
      );
      break;
    }
    let sections: PlanSection[] = [];
    try {
      sections = read === undefined ? [] : read(pull.body, Math.ceil(leftMs));
    } catch (error) {
      notes.push(`The description of #${pull.number} could not be read: ${messageOf(error)}.`);
    }
    quoted.push({ number: pull.number, title: pull.title, url: pull.html_url, sections });
  }
  deps.log.info(
    `Rollback plans: ${plural(quoted.length, 'pull request', 'pull requests')} shipped since ${base}, ` +
      `${quoted.filter((p) => p.sections.length > 0).length} with a plan.`,
  );
  return { plans: { pulls: quoted, notes }, warning: undefined };
}
