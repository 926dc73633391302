import type { Logger } from '@shipshape/kit';
import { refFiles } from './base-files';
import type { PlanLintPort, PullInfo } from './github-port';
import { DEFAULT_SKIP_AUTHORS, DEFAULT_SKIP_LABELS, type Settings } from './inputs';
import { lintPlan, needsChangedFiles, type LintResult } from './lint';
import type { RuleSet } from './rules';
import { TEMPLATE_FOLDERS, discoverTemplate, keysOfRules, resolveRules } from './sources';

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
  // Everything at the base ref, each listing and file at most once. Unless an input names the rules, `.github/`
  // is listed first: it holds the PR template in most repositories, and its listing tells whether the config
  // file (by default in the same folder) exists, sparing a request that is a 404 in most repositories.
  const files = refFiles(port, ref);
  if (settings.template === undefined && settings.preset === undefined) {
    // Started now, awaited (and its error reported) where it is used.
    files.list(TEMPLATE_FOLDERS[0] ?? '.github').catch(() => undefined);
  }
  const { ruleSet, config, notes } = await resolveRules(settings, {
    readFile: files.read,
    findTemplate: () => discoverTemplate(files.list, files.read, () => keysOfRules(body), keysOfRules),
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
