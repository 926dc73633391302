import { InputError, type Clock, type Logger } from '@shipshape/kit';
import { syncStickyComment, type StickyCommentPort } from '@shipshape/github';
import { describeLocal, isOpen, nextOpening } from '@shipshape/window';
import { matchesAny } from './branch-pattern';
import { checkBranches } from './branch-rules';
import { standingChangeRequests } from './change-requests';
import type { MergeGatePort, PullInfo } from './github-port';
import type { Settings } from './inputs';
import { LeadsError, parseLeadsFile } from './leads';
import { countQuorum, describeQuorum, type QuorumResult } from './quorum';
import { COMMENT, commentBody } from './report';
import { loginKey, standingStates } from './reviews';
import type { GateResult, RuleRow } from './verdict';

export type { GateResult, RuleName, RuleRow } from './verdict';

export interface GateDeps {
  port: MergeGatePort;
  /** The PR comment's calls; needed only with `comment: true`. */
  comments?: StickyCommentPort;
  clock: Clock;
  log: Logger;
}

async function leadLogins(settings: Settings, port: MergeGatePort, pull: PullInfo): Promise<string[]> {
  const source = settings.leads;
  if (!source) return [];
  if (source.kind === 'logins') return source.logins;
  // Read at the base: a PR cannot name its own approvers by editing the file.
  const text = await port.readFile(source.path, pull.base.ref);
  if (text === undefined)
    throw new InputError('leads', `a file that exists at the base branch '${pull.base.ref}'`, source.path);
  try {
    return parseLeadsFile(text, source.path);
  } catch (error) {
    if (error instanceof LeadsError)
      throw new InputError('leads', `a CODEOWNERS-style file of @login entries — ${error.message}`, source.path);
    throw error;
  }
}

function afterClose(settings: Settings, pull: PullInfo): GateResult {
  const author = pull.user?.login;
  const mergedBy = pull.merged_by?.login;
  const merged = pull.merged === true;
  const violation =
    merged &&
    settings.authorMerges &&
    author !== undefined &&
    mergedBy !== undefined &&
    loginKey(author) !== loginKey(mergedBy);
  const reason = !merged
    ? `#${pull.number} was closed without merging.`
    : violation
      ? `#${pull.number} was merged by ${mergedBy ?? 'someone'}, not by its author ${author ?? ''} (author-merges: only the author merges and deploys).`
      : `#${pull.number} was merged by ${mergedBy ?? 'an unknown user'}.`;
  return { kind: 'closed', number: pull.number, merged, mergedBy, author, violation, reason };
}

function windowRow(settings: Settings, pull: PullInfo, now: number, log: Logger): RuleRow | undefined {
  const spec = settings.window;
  if (!spec || (settings.windowBases.length > 0 && !matchesAny(settings.windowBases, pull.base.ref))) return undefined;
  const text = spec.windows.map((w) => w.text).join('; ');
  if (isOpen(spec, now)) return { rule: 'merge window', ok: true, detail: `inside the merge window (${text})` };
  const zone = spec.windows[0]?.zone ?? 'UTC';
  const next = nextOpening(spec, now);
  const closed = `outside the merge window (${text}) at ${describeLocal(now, zone)}; it opens ${next === undefined ? 'not within a year' : describeLocal(next, zone)}`;
  // The same override as deploy-guard's: a reason given to the run, or the override label on the pull request.
  const label =
    settings.overrideLabel !== undefined && pull.labels.some((l) => l.name === settings.overrideLabel)
      ? `label '${settings.overrideLabel}'`
      : undefined;
  const override = settings.overrideReason ?? label;
  if (override) {
    log.warning(`Merge window overridden for #${pull.number}: ${override}`);
    return { rule: 'merge window', ok: true, detail: `${closed}; overridden: ${override}` };
  }
  return { rule: 'merge window', ok: false, detail: closed };
}

/**
 * One verdict for one pull request: the rules that are enabled, in a fixed order, each a row; allowed when every
 * row passes. Reads the live pull request unless the event's copy is current, and the reviews only when a rule
 * needs them.
 */
async function judge(settings: Settings, deps: GateDeps): Promise<GateResult> {
  const { port, clock, log } = deps;
  const { target } = settings;
  const pull = target.pull ?? (await port.getPull(target.number));
  if (target.event === 'pull_request' && target.action === 'closed') return afterClose(settings, pull);
  const rules: RuleRow[] = [];
  let quorum: QuorumResult | undefined;
  let changeRequests: string[] = [];
  const author = pull.user?.login;
  if (settings.leads || settings.changeRequests !== 'off') {
    const leads = await leadLogins(settings, port, pull);
    const standing = standingStates(await port.listReviews(pull.number));
    if (settings.leads) {
      quorum = countQuorum({
        leads,
        rule: settings.quorum,
        author,
        headSha: settings.approvalsOnHead ? pull.head.sha : undefined,
        standing,
      });
      const detail = `${quorum.approvals} of ${quorum.required} lead approvals (quorum ${describeQuorum(settings.quorum)} of ${quorum.eligible} leads${quorum.eligible < quorum.leads.length ? ', the author excluded' : ''})`;
      rules.push({
        rule: 'quorum',
        ok: quorum.met,
        detail: quorum.met ? detail : `${detail}; ${quorum.missing} more needed`,
      });
    }
    changeRequests = standingChangeRequests(standing, settings.changeRequests, leads);
    if (settings.changeRequests !== 'off') {
      rules.push(
        changeRequests.length === 0
          ? { rule: 'change requests', ok: true, detail: 'no standing change request' }
          : { rule: 'change requests', ok: false, detail: `changes requested by ${changeRequests.join(', ')}` },
      );
    }
  }
  const branches = checkBranches(settings.baseRules, settings.headPatterns, pull.base.ref, pull.head.ref);
  if (branches) rules.push({ rule: 'branches', ok: branches.ok, detail: branches.detail });
  const window = windowRow(settings, pull, clock.now(), log);
  if (window) rules.push(window);
  // The Markdown parser is loaded only when the WIP rule is on: a chunk of its own, most of the bundle's code.
  if (settings.wip) rules.push((await import('./wip-rule')).wipRow(pull));
  const failed = rules.filter((row) => !row.ok);
  const allowed = failed.length === 0;
  const reason = allowed
    ? `#${pull.number} may be merged.`
    : `#${pull.number} may not be merged: ${failed.map((row) => `${row.rule}: ${row.detail}`).join('; ')}.`;
  return { kind: 'verdict', number: pull.number, allowed, reason, rules, quorum, changeRequests };
}

/**
 * The verdict, and with `comment: true` one comment kept on the PR: written while it is blocked (or after a merge
 * by someone else), turned into a passing note when it no longer is, never created for a PR that passes. The rule
 * for which comment is the gate's own is plan-lint's (`@shipshape/github/comment-owner`).
 */
export async function decideMerge(settings: Settings, deps: GateDeps): Promise<GateResult> {
  const result = await judge(settings, deps);
  if (!settings.comment || !deps.comments) return result;
  const failing = result.kind === 'verdict' ? !result.allowed : result.violation;
  const comment = await syncStickyComment(
    deps.comments,
    COMMENT,
    result.number,
    commentBody(result),
    failing,
    deps.log,
  );
  return { ...result, comment };
}
