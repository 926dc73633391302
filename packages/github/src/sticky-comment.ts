import type { Logger } from '@shipshape/kit';
import { messageOf } from '@shipshape/kit';
import { ownedByToken, startsWithMarker, type AuthoredComment, type TokenIdentity } from './comment-owner';

/** The calls a sticky comment makes (issue comments of one pull request), with the token's identity. */
export interface StickyCommentPort extends TokenIdentity {
  listComments(number: number): Promise<AuthoredComment[]>;
  /** The comment GitHub created (its id and author, to recognise it among racing runs' comments). */
  createComment(number: number, body: string): Promise<AuthoredComment>;
  updateComment(id: number, body: string): Promise<void>;
  /** Deletes a comment; one that is already gone is not an error. */
  deleteComment(id: number): Promise<void>;
}

export interface StickyComment {
  /** Every comment the action writes starts with this (an HTML comment, invisible when rendered). */
  marker: string;
  /** The action's name, for warnings (`Could not update the plan-lint comment: …`). */
  name: string;
}

export type CommentOutcome = 'created' | 'updated' | 'unchanged' | 'none' | 'failed';

/** The comments that start with the marker (candidates; ownership is decided by `ownedByToken`). */
const markedWith =
  (marker: string) =>
  (comments: readonly AuthoredComment[]): AuthoredComment[] =>
    comments.filter(startsWithMarker(marker));

/** The oldest of the comments (the lowest id), the one every racing run agrees on. */
const oldest = (comments: readonly AuthoredComment[]): AuthoredComment | undefined =>
  comments.reduce<AuthoredComment | undefined>((low, c) => (low === undefined || c.id < low.id ? c : low), undefined);

/**
 * Keeps ONE comment per PR, found by its marker and written by the token's own identity (`ownedByToken`): created
 * on the first failure, edited on later runs (not rewritten when the text is the same), turned into a "passing"
 * note when fixed, never created for a PR that passes. A comment someone else wrote with the marker (the PR's
 * author pasting it) is never edited or deleted. A write that is refused (a fork's read-only token) is a warning:
 * the summary, annotations and exit code still tell the result.
 */
export async function syncStickyComment(
  port: StickyCommentPort,
  sticky: StickyComment,
  number: number,
  body: string,
  failing: boolean,
  log: Logger,
): Promise<CommentOutcome> {
  const marked = markedWith(sticky.marker);
  try {
    const comments = marked(await port.listComments(number));
    const owned = comments.length > 0 ? await ownedByToken(port, comments) : undefined;
    const mine = owned ? oldest(comments.filter(owned)) : undefined;
    if (!mine) return failing ? await createOne(port, sticky, number, body, log) : 'none';
    if (mine.body === body) return 'unchanged';
    await port.updateComment(mine.id, body);
    return 'updated';
  } catch (error) {
    log.warning(`Could not update the ${sticky.name} comment: ${messageOf(error)}`);
    return 'failed';
  }
}

/**
 * Creates the comment, then makes sure it is the only one. Two runs on the same PR (an `edited` and a
 * `synchronize` event a second apart) can both find no comment and both create one; after creating, each lists
 * the comments again. Of the marked comments by the token's identity (the created comment's author), the lowest
 * id survives: a run whose own comment is not the survivor deletes it and writes its report into the survivor.
 * Whichever run
 * lists last sees both comments, so at least one of them cleans up; both doing it is harmless (a delete of a
 * comment already gone is not an error).
 */
async function createOne(
  port: StickyCommentPort,
  sticky: StickyComment,
  number: number,
  body: string,
  log: Logger,
): Promise<CommentOutcome> {
  const marked = markedWith(sticky.marker);
  let own: AuthoredComment | undefined;
  let after: AuthoredComment[] | undefined;
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
  const owned = author ? (c: AuthoredComment) => c.user?.login === author : await ownedByToken(port, after);
  const ours = after.filter(owned);
  const survivor = oldest(ours);
  if (!survivor) return 'created';
  if (own === undefined) {
    // Which of them is ours is unknown: every duplicate goes, the lowest id stays.
    for (const duplicate of ours.filter((c) => c.id !== survivor.id)) await port.deleteComment(duplicate.id);
    return 'created';
  }
  if (survivor.id === own.id) return 'created';
  log.debug(
    `Another run created the ${sticky.name} comment first (#${survivor.id}); deleting this run's (#${own.id}).`,
  );
  await port.deleteComment(own.id);
  if (survivor.body !== body) await port.updateComment(survivor.id, body);
  return 'updated';
}
