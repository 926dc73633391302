import type { Logger } from '@shipshape/kit';
import { messageOf } from '@shipshape/kit';
import { ownedByToken, startsWithMarker } from '@shipshape/github/comment-owner';
import type { CommentInfo, PlanLintPort } from './github-port';
import { COMMENT_MARKER } from './report';

export type CommentOutcome = 'created' | 'updated' | 'unchanged' | 'none' | 'failed';

/** Every comment plan-lint writes starts with its marker. */
const carriesMarker = startsWithMarker(COMMENT_MARKER);
const marked = (comments: readonly CommentInfo[]): CommentInfo[] => comments.filter(carriesMarker);

/** The oldest of the comments (the lowest id), the one every racing run agrees on. */
const oldest = (comments: readonly CommentInfo[]): CommentInfo | undefined => comments.reduce<CommentInfo | undefined>((low, c) => (low === undefined || c.id < low.id ? c : low), undefined);

/**
 * Keeps ONE comment per PR, found by its marker and written by the token's own identity (`ownedByToken`): created
 * on the first failure, edited on later runs (not rewritten when the text is the same), turned into a "passing"
 * note when fixed, never created for a plan that passes. A comment someone else wrote with the marker (the PR's
 * author pasting it) is never edited or deleted. A write that is refused (a fork's read-only token) is a warning:
 * the summary, annotations and exit code still tell the result.
 */
export async function syncComment(port: PlanLintPort, number: number, body: string, failing: boolean, log: Logger): Promise<CommentOutcome> {
  try {
    const comments = marked(await port.listComments(number));
    const owned = comments.length > 0 ? await ownedByToken(port, comments) : undefined;
    const mine = owned ? oldest(comments.filter(owned)) : undefined;
    if (!mine) return failing ? await createOne(port, number, body, log) : 'none';
    if (mine.body === body) return 'unchanged';
    await port.updateComment(mine.id, body);
    return 'updated';
  } catch (error) {
    log.warning(`Could not update the plan-lint comment: ${messageOf(error)}`);
    return 'failed';
  }
}

/**
 * Creates the comment, then makes sure it is the only one. Two runs on the same PR (an `edited` and a
 * `synchronize` event a second apart) can both find no comment and both create one; after creating, each lists
 * the comments again. Of the marked comments by the token's identity (the created comment's author), the lowest
 * id survives: a run whose own comment is not the survivor deletes it and writes its report into the survivor. Whichever run
 * lists last sees both comments, so at least one of them cleans up; both doing it is harmless (a delete of a
 * comment already gone is not an error).
 */
async function createOne(port: PlanLintPort, number: number, body: string, log: Logger): Promise<CommentOutcome> {
  let own: CommentInfo | undefined;
  let after: CommentInfo[] | undefined;
  try {
    own = await port.createComment(number, body);
  } catch (error) {
    // An ambiguous failure (5xx, dropped connection) may have created it: look before trying once more.
    const again = marked(await port.listComments(number));
    if (again.some(await ownedByToken(port, again))) after = again;
    else {
      log.debug(`Creating the comment failed (${messageOf(error)}); trying once more.`);
      own = await port.createComment(number, body);
    }
  }
  after ??= marked(await port.listComments(number));
  const author = own?.user?.login;
  // The created comment's record names the token's identity exactly; without it (the create answered with an
  // error) the same rule as for finding the comment applies.
  const owned = author ? (c: CommentInfo) => c.user?.login === author : await ownedByToken(port, after);
  const ours = after.filter(owned);
  const survivor = oldest(ours);
  if (!survivor) return 'created';
  if (own === undefined) {
    // Which of them is ours is unknown: every duplicate goes, the lowest id stays.
    for (const duplicate of ours.filter((c) => c.id !== survivor.id)) await port.deleteComment(duplicate.id);
    return 'created';
  }
  if (survivor.id === own.id) return 'created';
  log.debug(`Another run created the plan-lint comment first (#${survivor.id}); deleting this run's (#${own.id}).`);
  await port.deleteComment(own.id);
  if (survivor.body !== body) await port.updateComment(survivor.id, body);
  return 'updated';
}
