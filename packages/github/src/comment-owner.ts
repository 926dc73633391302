import type { CommentInfo, PlanLintPort } from './github-port';
import { COMMENT_MARKER } from './report';

/** Whether a comment was written by the identity of plan-lint's token. */
export type OwnedByToken = (comment: CommentInfo) => boolean;

/**
 * A comment that may be plan-lint's: every comment it writes starts with the marker. One that only quotes it
 * further down (a reply, a bot echoing the description) never is.
 */
export const carriesMarker = (comment: CommentInfo): boolean => (comment.body ?? '').startsWith(COMMENT_MARKER);

/**
 * A GitHub App's account, which only the app's installation tokens write as: `github-actions[bot]` for
 * GITHUB_TOKEN, `<app-slug>[bot]` for an app's token. GitHub gives such accounts the type `Bot` and a login ending
 * in `[bot]`, which no person's login can contain.
 */
export const writtenByApp = (comment: CommentInfo): boolean => comment.user?.type === 'Bot' || (comment.user?.login ?? '').endsWith('[bot]');

/** GitHub logins are case-insensitive. */
const sameLogin = (a: string | undefined, b: string): boolean => a !== undefined && a.toLowerCase() === b.toLowerCase();

/**
 * Which of the marked comments plan-lint's token wrote, so that a comment anyone else wrote with the marker (the
 * PR's author above all) is never edited or deleted.
 *
 * - An installation token (GITHUB_TOKEN, a GitHub App's: `ghs_…`) writes as the app's bot account, and cannot call
 *   `GET /user` to say which: a marked comment by a bot account is taken as its own, one by a person never. No
 *   request is made. Only the repository's workflows and the apps installed on it write as bot accounts.
 * - A user token (a personal access token, OAuth or user-to-server token) writes as its user: the login
 *   `GET /user` answers, asked only when a marked comment by a person exists (a bot's comment is never a user
 *   token's). A token that turns out not to be allowed to ask is an installation token after all.
 */
export async function ownedByToken(port: PlanLintPort, marked: readonly CommentInfo[]): Promise<OwnedByToken> {
  if ((await port.tokenKind()) === 'installation') return writtenByApp;
  if (!marked.some((comment) => !writtenByApp(comment))) return () => false;
  const login = await port.viewerLogin();
  if (login === undefined) return writtenByApp;
  return (comment) => !writtenByApp(comment) && sameLogin(comment.user?.login, login);
}
