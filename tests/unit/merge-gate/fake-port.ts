import type { MergeGatePort, PullInfo } from '../../../actions/merge-gate/src/github-port';
import type { Review } from '../../../actions/merge-gate/src/reviews';

/** One pull request, its reviews and files per ref, in memory; every call is recorded. */
export class FakeMergeGatePort implements MergeGatePort {
  readonly calls: string[] = [];
  reviews: Review[] = [];
  files: Record<string, Record<string, string>> = {};
  private nextReview = 1;

  constructor(public pr: PullInfo) {}

  async getPull(number: number): Promise<PullInfo> {
    this.calls.push(`getPull ${number}`);
    return structuredClone(this.pr);
  }
  async listReviews(number: number): Promise<Review[]> {
    this.calls.push(`listReviews ${number}`);
    return this.reviews.map((r) => ({ ...r }));
  }
  async readFile(path: string, ref: string): Promise<string | undefined> {
    this.calls.push(`readFile ${path}@${ref}`);
    return this.files[ref]?.[path];
  }

  /** A submitted review, on the head commit unless another is given. */
  review(login: string, state: Review['state'], commit = this.pr.head.sha): Review {
    const review = { id: this.nextReview++, user: { login }, state, commit_id: commit };
    this.reviews.push(review);
    return review;
  }
  /** As GitHub does on dismissal: the review stays in the list, its state becomes DISMISSED. */
  dismiss(review: Review): void {
    review.state = 'DISMISSED';
  }
}

export const HEAD = 'a'.repeat(40);
export const OLD = 'b'.repeat(40);

export function pull(overrides: Partial<PullInfo> = {}): PullInfo {
  return {
    number: 7,
    title: 'Add rollout',
    body: 'Adds the rollout.',
    state: 'open',
    merged: false,
    merged_by: null,
    user: { login: 'author' },
    labels: [],
    base: { ref: 'master' },
    head: { ref: 'develop', sha: HEAD },
    ...overrides,
  };
}
