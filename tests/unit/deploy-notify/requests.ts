import type { DeployContext } from '@shipshape/slack';
import type { NotifyRequest } from '../../../actions/deploy-notify/src/notify';

/** A deploy context for the notify tests: v1.2.3 to production, started by octocat, unless `over` says otherwise. */
export const ctx = (over: Partial<DeployContext> = {}): DeployContext => ({
  status: 'started',
  template: { kind: 'deploy' },
  environment: 'production',
  version: '1.2.3',
  actor: 'octocat',
  ...over,
});

/** A notify request of run 100 (attempt 1) in o/r, with no notes, mentions or message yet. */
export function request(over: Partial<NotifyRequest> = {}, ctxOver: Partial<DeployContext> = {}): NotifyRequest {
  return {
    ctx: ctx(ctxOver),
    notes: undefined,
    mentions: [],
    mentionsOnFailure: [],
    messageTs: undefined,
    key: { repository: 'o/r', runId: '100', environment: 'production' },
    runAttempt: '1',
    ...over,
  };
}
