/**
 * One pull request checked end to end, behind the GitHub port: read the live PR (payloads go stale), decide whether
 * it is exempt (skip label, draft), find the rules (template, preset or config at the base ref), then lint its body
 * with lint.ts. The orchestration of plan-lint; the rules themselves live in rules.ts, the verdicts in judge.ts.
 */
import type { Logger } from '@shipshape/kit';
import { refFiles, type RefFiles } from './base-files';
import type { PlanLintPort, PullInfo } from './github-port';
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
 * Starts every read the rules will need at one ref, so that they run side by side: the three folders GitHub takes a
 * PR template from (`.github/` also tells whether the default config file exists) when no input names the rules,
 * the config file and the template input. Each is requested once; its result (or error) is awaited where it is used.
 */
function prefetch(settings: Settings, files: RefFiles): void {
  const started: Promise<unknown>[] = [];
  if (settings.template === undefined && settings.preset === undefined)
    started.push(...TEMPLATE_FOLDERS.map((dir) => files.list(dir)));
  started.push(files.read(settings.config ?? DEFAULT_CONFIG_PATH));
  if (settings.template !== undefined) started.push(files.read(settings.template));
  for (const promise of started) promise.catch(() => undefined);
}

/**
 * Checks the live PR: rules from the base ref (a PR cannot weaken its own rules), exemptions, the full list of
 * changed files when a rule depends on paths, then the lint itself.
 *
 * `baseRefHint` is the base branch the event payload names. The payload is a snapshot taken when the event fired:
 * a re-run replays it unchanged, and the base may have been changed since by an `edited` event (which this action
 * treats as a no-op, since neither title nor body changed). So the hint is never trusted: the reads at the hinted
 * ref start together with the read of the live PR (one round trip instead of two), and are used only when the live
 * PR's base is the same branch; otherwise they are dropped and everything is read again at the live base.
 */
export async function checkPullRequest(
  settings: Settings,
  number: number,
  port: PlanLintPort,
  log: Logger,
  baseRefHint?: string,
): Promise<CheckOutcome> {
  const live = port.getPull(number);
  let files: RefFiles | undefined;
  if (baseRefHint !== undefined) {
    live.catch(() => undefined);
    files = refFiles(port, baseRefHint);
    prefetch(settings, files);
  }
  const pr = await live;
  const ref = pr.base.ref;
  const body = pr.body ?? '';
  if (files === undefined || baseRefHint !== ref) {
    if (files !== undefined)
      log.debug(
        `The event names the base branch ${baseRefHint}, the pull request now ${ref}: reading the rules at ${ref}.`,
      );
    files = refFiles(port, ref);
    prefetch(settings, files);
  }
  const atBase = files;
  const { ruleSet, config, notes } = await resolveRules(settings, {
    readFile: atBase.read,
    findTemplate: () => discoverTemplate(atBase.list, atBase.read, () => keysOfRules(body), keysOfRules),
  });
  for (const note of notes) log.info(note);
  const labels = pr.labels.map((l) => l.name ?? '').filter((l) => l !== '');
  const draft = pr.draft === true;
  const skipLabels = settings.skipLabels ?? config?.skipLabels ?? DEFAULT_SKIP_LABELS;
  const skipAuthors = settings.skipAuthors ?? config?.skipAuthors ?? DEFAULT_SKIP_AUTHORS;
  const author = pr.user?.login ?? '';
  const exemptLabel = labels.find((l) => skipLabels.includes(l));
  const skipped = exemptLabel
    ? `the pull request has the label '${exemptLabel}'`
    : skipAuthors.includes(author)
      ? `the author ${author} is exempt`
      : undefined;
  const empty: LintResult = { valid: true, problems: [], items: [], plan: {}, wip: undefined };
  if (skipped) return { pr, result: empty, ruleSet, skipped, draft };
  const changedFiles = needsChangedFiles(ruleSet.rules) ? await port.changedFiles(number) : [];
  const failOnWip = settings.failOnWip ?? config?.failOnWip ?? true;
  const result = lintPlan({
    title: pr.title,
    body: pr.body,
    rules: ruleSet.rules,
    labels,
    changedFiles,
    wip: failOnWip ? 'fail' : 'warn',
  });
  return { pr, result, ruleSet, skipped: undefined, draft };
}
