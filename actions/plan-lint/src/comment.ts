import type { Logger } from '@shipshape/kit';
import { messageOf } from '@shipshape/kit';
import type { PlanLintPort } from './github-port';
import { COMMENT_MARKER } from './report';

export type CommentOutcome = 'created' | 'updated' | 'unchanged' | 'none' | 'failed';

/**
 * Keeps ONE marked comment per PR: created on the first failure, edited on later runs (not rewritten when the
 * text is the same), turned into a "passing" note when fixed, never created for a plan that passes. A comment
 * with the marker written by a bot is preferred over one a person pasted. A write that is refused (a fork's
 * read-only token) is a warning: the summary, annotations and exit code still tell the result.
 */
export async function syncComment(port: PlanLintPort, number: number, body: string, failing: boolean, log: Logger): Promise<CommentOutcome> {
  try {
    const comments = (await port.listComments(number)).filter((c) => (c.body ?? '').includes(COMMENT_MARKER));
    const mine = comments.find((c) => c.user?.type === 'Bot' || (c.user?.login ?? '').endsWith('[bot]')) ?? comments[0];
    if (!mine) {
      if (!failing) return 'none';
      try {
        await port.createComment(number, body);
      } catch (error) {
        // An ambiguous failure (5xx, dropped connection) may have created it: look before trying once more.
        const again = (await port.listComments(number)).some((c) => (c.body ?? '').includes(COMMENT_MARKER));
        if (again) return 'created';
        log.debug(`Creating the comment failed (${messageOf(error)}); trying once more.`);
        await port.createComment(number, body);
      }
      return 'created';
    }
    if (mine.body === body) return 'unchanged';
    await port.updateComment(mine.id, body);
    return 'updated';
  } catch (error) {
    log.warning(`Could not update the plan-lint comment: ${messageOf(error)}`);
    return 'failed';
  }
}
