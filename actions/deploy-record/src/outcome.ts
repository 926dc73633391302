/** How the deploy ended: `${{ job.status }}` (success, failure, cancelled) or a step's `outcome` (also skipped). */
export const OUTCOMES = ['success', 'failure', 'cancelled', 'skipped'] as const;
export type Outcome = (typeof OUTCOMES)[number];

const SHOWN: Record<Outcome, string> = {
  success: '✅ success',
  failure: '❌ failure',
  cancelled: '⚪ cancelled',
  skipped: '⏭️ skipped',
};

/** The outcome as the summary and the issue show it. */
export function outcomeText(outcome: Outcome): string {
  return SHOWN[outcome];
}
