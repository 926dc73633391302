import { isExpression } from './expressions';
import { mayBeOn } from './workflow';

/**
 * What each of our actions does with the GITHUB_TOKEN, by input: the table in this package's README, taken from the
 * Permissions sections and `token` descriptions of the actions' READMEs. A need applies when the input that calls for
 * it may be on (an expression may be).
 */

export type Level = 'read' | 'write';

export interface Need {
  scope: string;
  level: Level;
  /** What the action does with it, for the message. */
  why: string;
}

export interface StepFacts {
  /** A `with:` value as written, undefined when the step does not pass it. */
  input(name: string): string | undefined;
  /** The workflow's triggers (`push`, `pull_request`, …). */
  triggers: ReadonlySet<string>;
}

export function permissionsNeeded(action: string, step: StepFacts): Need[] {
  const needs = NEEDS[action];
  return needs ? needs(step) : [];
}

const NEEDS: Record<string, (step: StepFacts) => Need[]> = {
  'plan-lint': (step) => [
    { scope: 'contents', level: 'read', why: 'the PR template and config at the base ref' },
    { scope: 'pull-requests', level: 'read', why: 'the pull request and its files' },
    ...(mayBeOn(step.input('comment'))
      ? [{ scope: 'pull-requests', level: 'write' as const, why: 'the comment (`comment: true`)' }]
      : []),
  ],
  'changelog-release': (step) => {
    const mode = step.input('mode')?.trim() ?? 'publish';
    const read = { scope: 'contents', level: 'read' as const };
    const write = { scope: 'contents', level: 'write' as const };
    const pullRequest = { scope: 'pull-requests', level: 'write' as const };
    if (isExpression(mode))
      return [
        { ...write, why: 'whichever mode the expression picks: tags, commits, releases' },
        { ...pullRequest, why: 'whichever mode the expression picks: the release or merge-back PR' },
      ];
    switch (mode) {
      case 'check':
        return [{ ...read, why: 'the changelog (check mode)' }];
      case 'rollback':
        // Writes nothing, but GitHub lists draft releases only to tokens with push access, and a release whose
        // verification failed is still a draft: with read only, rollback would go one release too far.
        return [{ ...write, why: 'to see drafts: the failed release may be one (rollback mode writes nothing)' }];
      case 'merge-back':
        return [
          { ...read, why: 'compare the branch with its base (merge-back mode)' },
          { ...pullRequest, why: 'the merge-back pull request' },
        ];
      case 'prepare':
        return [
          { ...write, why: 'the changelog commit (and with `push: true` the tag)' },
          ...(step.input('push')?.trim() === 'true'
            ? []
            : [{ ...pullRequest, why: 'the release pull request (`push: false`)' }]),
        ];
      case 'annotate':
        return [{ ...write, why: "the failed release's notes (annotate mode)" }];
      case 'tag':
        return [{ ...write, why: 'the tag of the newest version (tag mode)' }];
      default:
        return [{ ...write, why: 'create, update and publish the release' }];
    }
  },
  'deploy-guard': (step) => {
    const needs: Need[] = [];
    if (mayBeOn(step.input('queue'))) {
      needs.push({ scope: 'actions', level: 'read', why: 'queue: the workflow runs' });
      if (step.input('environment') !== undefined)
        needs.push({ scope: 'deployments', level: 'read', why: "queue: the environment's deployments" });
    }
    if (mayBeOn(step.input('commit-gate'))) {
      needs.push(
        { scope: 'statuses', level: 'read', why: 'commit gate: the combined status' },
        { scope: 'checks', level: 'read', why: 'commit gate: the check runs' },
        { scope: 'actions', level: 'read', why: "commit gate: this run's jobs" },
      );
    }
    if (step.input('window') !== undefined && step.input('override-label') !== undefined && step.triggers.has('push'))
      needs.push({ scope: 'pull-requests', level: 'read', why: "override-label on a push: the commit's PRs" });
    const freeze = step.input('freeze')?.trim();
    if (freeze === 'sync') {
      needs.push(
        { scope: 'contents', level: 'read', why: 'freeze sync: the freeze record' },
        { scope: 'statuses', level: 'write', why: 'freeze sync: the merge-freeze status' },
      );
    } else if (freeze !== undefined && freeze !== '') {
      // on, off, or an expression that may be either.
      needs.push(
        { scope: 'contents', level: 'write', why: 'freeze: the freeze record (a ref)' },
        { scope: 'statuses', level: 'write', why: 'freeze: the merge-freeze status of open PRs' },
        { scope: 'pull-requests', level: 'read', why: 'freeze: the open PRs' },
      );
    }
    if (mayBeOn(step.input('cancel-window'))) {
      needs.push(
        { scope: 'actions', level: 'read', why: 'cancel window: whether the run was cancelled' },
        { scope: 'pull-requests', level: 'read', why: 'cancel window: the abort label' },
      );
    }
    if (step.input('contains') !== undefined && step.input('contains')?.trim() !== '')
      needs.push({ scope: 'contents', level: 'read', why: 'contains: compare the two commits' });
    return needs;
  },
  // deploy-notify's `token` is a Slack bot token. Its `github-token` reads the pull requests a failed release shipped,
  // for their rollback strategies, with `contents: read` and `pull-requests: read`; optional, like deploy-record's
  // `actions: read`: without them the alert says it could not read the plans, and the message itself goes out.
  'deploy-notify': () => [],
  'merge-gate': (step) => {
    const leads = step.input('leads');
    // merge-gate reads `leads` as a file path when it is one item holding `/` or `.` (a login holds neither).
    const leadsFile = leads !== undefined && (isExpression(leads) || /^[^,\s]*[/.][^,\s]*$/.test(leads.trim()));
    return [
      { scope: 'pull-requests', level: 'read', why: 'the pull request and its reviews' },
      ...(leadsFile ? [{ scope: 'contents', level: 'read' as const, why: 'the leads file at the base branch' }] : []),
      ...(mayBeOn(step.input('comment'))
        ? [{ scope: 'pull-requests', level: 'write' as const, why: 'the comment (`comment: true`)' }]
        : []),
    ];
  },
  // deploy-record calls GitHub only for the postmortem issue; `actions: read` (who approved) is optional: without it
  // the issue says "unknown".
  'deploy-record': (step) =>
    mayBeOn(step.input('postmortem'))
      ? [{ scope: 'issues', level: 'write', why: 'the postmortem issue (`postmortem: true`)' }]
      : [],
};

/** What a job's token may do: a scope → level map, or the repository's default when nothing is declared. */
export type Grant = { kind: 'declared'; scopes: Record<string, Level | 'none'>; all?: Level } | { kind: 'default' };

/** Whether a grant covers a need. Under the default, only the restricted default (contents: read) is assumed. */
export function grants(grant: Grant, need: Need): boolean {
  if (grant.kind === 'default')
    return need.level === 'read' && (need.scope === 'contents' || need.scope === 'packages');
  const level = grant.scopes[need.scope] ?? grant.all ?? 'none';
  return level === 'write' || (level === 'read' && need.level === 'read');
}
