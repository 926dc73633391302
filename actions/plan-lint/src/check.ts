import type { Logger } from '@shipshape/kit';
import type { DirectoryEntry, PlanLintPort, PullInfo } from './github-port';
import { DEFAULT_SKIP_AUTHORS, DEFAULT_SKIP_LABELS, type Settings } from './inputs';
import { lintPlan, needsChangedFiles, type LintResult } from './lint';
import type { RuleSet } from './rules';
import { DEFAULT_CONFIG_PATH, TEMPLATE_FOLDERS, discoverTemplate, keysOfRules, resolveRules } from './sources';

export interface CheckOutcome {
  pr: PullInfo;
  result: LintResult;
  ruleSet: RuleSet;
  /** Why the PR is exempt, when it is. */
  skipped: string | undefined;
  draft: boolean;
}

/**
 * Checks the live PR: rules from the base ref (a PR cannot weaken its own rules), exemptions, the full list of
 * changed files when a rule depends on paths, then the lint itself.
 */
export async function checkPullRequest(settings: Settings, number: number, port: PlanLintPort, log: Logger): Promise<CheckOutcome> {
  const pr = await port.getPull(number);
  const ref = pr.base.ref;
  const body = pr.body ?? '';
  // Each read at most once, and the two every run needs (the config file, the .github listing) at the same
  // time: a cold run is mostly waiting for answers.
  const cache = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    let promise = cache.get(key) as Promise<T> | undefined;
    if (!promise) cache.set(key, (promise = load()));
    return promise;
  };
  const readAt = (path: string): Promise<string | undefined> => once(`read:${path}`, () => port.readFile(path, ref));
  const listAt = (path: string): Promise<DirectoryEntry[] | undefined> => once(`list:${path}`, () => port.listDirectory(path, ref));
  // Started early, awaited (and their errors reported) where they are used.
  readAt(settings.config ?? DEFAULT_CONFIG_PATH).catch(() => undefined);
  if (settings.template === undefined && settings.preset === undefined) listAt(TEMPLATE_FOLDERS[0] ?? '.github').catch(() => undefined);
  const { ruleSet, config, notes } = await resolveRules(settings, {
    readFile: readAt,
    findTemplate: () => discoverTemplate(listAt, readAt, () => keysOfRules(body), keysOfRules),
  });
  for (const note of notes) log.info(note);
  const labels = pr.labels.map((l) => l.name ?? '').filter((l) => l !== '');
  const draft = pr.draft === true;
  const skipLabels = settings.skipLabels ?? config?.skipLabels ?? DEFAULT_SKIP_LABELS;
  const skipAuthors = settings.skipAuthors ?? config?.skipAuthors ?? DEFAULT_SKIP_AUTHORS;
  const author = pr.user?.login ?? '';
  const exemptLabel = labels.find((l) => skipLabels.includes(l));
  const skipped = exemptLabel ? `the pull request has the label '${exemptLabel}'` : skipAuthors.includes(author) ? `the author ${author} is exempt` : undefined;
  const empty: LintResult = { valid: true, problems: [], items: [], plan: {}, wip: undefined };
  if (skipped) return { pr, result: empty, ruleSet, skipped, draft };
  const changedFiles = needsChangedFiles(ruleSet.rules) ? await port.changedFiles(number) : [];
  const failOnWip = settings.failOnWip ?? config?.failOnWip ?? true;
  const result = lintPlan({ title: pr.title, body: pr.body, rules: ruleSet.rules, labels, changedFiles, wip: failOnWip ? 'fail' : 'warn' });
  return { pr, result, ruleSet, skipped: undefined, draft };
}
