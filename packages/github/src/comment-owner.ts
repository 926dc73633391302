/**
 * Which comments an action's token wrote: the identity rule every action with a sticky comment shares (plan-lint,
 * merge-gate), so that a comment anyone else wrote with an action's marker (a PR's author pasting it above all) is
 * never edited or deleted.
 */

/** What the rule needs of a comment (an issue comment as GitHub lists it). */
export interface AuthoredComment {
  id: number;
  body?: string;
  user: { login: string; type?: string } | null;
}

/** What the rule needs to know about the token. */
export interface TokenIdentity {
  /**
   * What the token acts as: an installation token (GITHUB_TOKEN, a GitHub App's) writes as the app's bot account,
   * any other token (personal access, OAuth, user-to-server) as its user. Read from the token itself, no request.
   */
  tokenKind(): Promise<'installation' | 'user'>;
  /** The login of the token's user (`GET /user`); undefined when the token may not ask (an installation token). */
  viewerLogin(): Promise<string | undefined>;
}

/** Whether a comment was written by the identity of the action's token. */
export type OwnedByToken = (comment: AuthoredComment) => boolean;

/**
 * A comment that may be the action's: every comment it writes starts with its marker. One that only quotes it
 * further down (a reply, a bot echoing the description) never is.
 */
export const startsWithMarker =
  (marker: string) =>
  (comment: AuthoredComment): boolean =>
    (comment.body ?? '').startsWith(marker);

/**
 * A GitHub App's account, which only the app's installation tokens write as: `github-actions[bot]` for
 * GITHUB_TOKEN, `<app-slug>[bot]` for an app's token. GitHub gives such accounts the type `Bot` and a login ending
 * in `[bot]`, which no person's login can contain.
 */
export const writtenByApp = (comment: AuthoredComment): boolean =>
  comment.user?.type === 'Bot' || (comment.user?.login ?? '').endsWith('[bot]');

/** GitHub logins are case-insensitive. */
const sameLogin = (a: string | undefined, b: string): boolean => a !== undefined && a.toLowerCase() === b.toLowerCase();

/**
 * Which of the marked comments the token wrote.
 *
 * - An installation token (GITHUB_TOKEN, a GitHub App's: `ghs_…`) writes as the app's bot account, and cannot call
 *   `GET /user` to say which: a marked comment by a bot account is taken as its own, one by a person never. No
 *   request is made. Only the repository's workflows and the apps installed on it write as bot accounts.
 * - A user token (a personal access token, OAuth or user-to-server token) writes as its user: the login
 *   `GET /user` answers, asked only when a marked comment by a person exists (a bot's comment is never a user
 *   token's). A token that turns out not to be allowed to ask is an installation token after all.
 */
export async function ownedByToken(identity: TokenIdentity, marked: readonly AuthoredComment[]): Promise<OwnedByToken> {
  if ((await identity.tokenKind()) === 'installation') return writtenByApp;
  if (!marked.some((comment) => !writtenByApp(comment))) return () => false;
  const login = await identity.viewerLogin();
  if (login === undefined) return writtenByApp;
  return (comment) => !writtenByApp(comment) && sameLogin(comment.user?.login, login);
}
