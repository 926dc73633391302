import type { Logger } from '@shipshape/kit';
import { syncStickyComment, type CommentOutcome } from '@shipshape/github';
import type { PlanLintPort } from './github-port';
import { COMMENT_MARKER } from './report';

export type { CommentOutcome };

/**
 * plan-lint's one comment per PR, by the rules every action's sticky comment follows
 * (`@shipshape/github/sticky-comment`).
 */
export function syncComment(
  port: PlanLintPort,
  number: number,
  body: string,
  failing: boolean,
  log: Logger,
): Promise<CommentOutcome> {
  return syncStickyComment(port, { marker: COMMENT_MARKER, name: 'plan-lint' }, number, body, failing, log);
}
