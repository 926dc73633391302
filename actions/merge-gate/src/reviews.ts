/**
 * A reviewer's standing state, from the reviews of a pull request as GitHub lists them (oldest first: "The list of
 * reviews returns in chronological order", https://docs.github.com/rest/pulls/reviews#list-reviews-for-a-pull-request).
 *
 * - APPROVED and CHANGES_REQUESTED set the reviewer's state; a later one replaces an earlier one.
 * - COMMENTED does not change it: a comment after an approval leaves the approval standing.
 * - A dismissed review is listed with the state DISMISSED ("Dismissing a review changes the status of the review to
 *   a review comment", https://docs.github.com/pull-requests/collaborating-with-pull-requests/reviewing-changes-in-pull-requests/dismissing-a-pull-request-review):
 *   it takes back what that review said. A reviewer whose only decisive review was dismissed stands nowhere.
 * - PENDING reviews are drafts only their author sees; they never count.
 */

export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';

/** A review as the list endpoint gives it (the fields the gate reads). */
export interface Review {
  id: number;
  user: { login: string } | null;
  state: string;
  /** The commit the review was given on; null for some very old reviews. */
  commit_id: string | null;
  submitted_at?: string | null;
}

export interface Standing {
  login: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'DISMISSED';
  /** The commit of the review that set the state. */
  commitId: string | null;
  reviewId: number;
}

/** GitHub logins are case-insensitive: one key per person. */
export const loginKey = (login: string): string => login.toLowerCase();

/** Each reviewer's standing state, keyed by lower-cased login. Reviewers who only commented are absent. */
export function standingStates(reviews: readonly Review[]): Map<string, Standing> {
  const standing = new Map<string, Standing>();
  // Sorted by id as well as listed: ids grow with submission, so a list that arrives out of order cannot put an old
  // approval after a newer change request.
  const ordered = [...reviews].sort((a, b) => a.id - b.id);
  for (const review of ordered) {
    const login = review.user?.login;
    if (!login) continue;
    if (review.state !== 'APPROVED' && review.state !== 'CHANGES_REQUESTED' && review.state !== 'DISMISSED') continue;
    standing.set(loginKey(login), { login, state: review.state, commitId: review.commit_id, reviewId: review.id });
  }
  return standing;
}
