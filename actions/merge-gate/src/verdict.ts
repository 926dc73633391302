import type { CommentOutcome } from '@shipshape/github';
import type { QuorumResult } from './quorum';

/** What the gate decides: its own file, so the report and the rules read it without importing the gate. */
export type RuleName = 'quorum' | 'change requests' | 'branches' | 'merge window' | 'wip';

export interface RuleRow {
  rule: RuleName;
  ok: boolean;
  /** Plain text; names from the PR (branches, logins) are in it, so the report escapes it. */
  detail: string;
}

export type GateResult =
  | {
      kind: 'verdict';
      number: number;
      allowed: boolean;
      /** One line: why the merge is allowed or blocked. */
      reason: string;
      rules: RuleRow[];
      quorum: QuorumResult | undefined;
      changeRequests: string[];
      /** What happened to the PR comment (`comment: true`), else undefined. */
      comment?: CommentOutcome;
    }
  | {
      kind: 'closed';
      number: number;
      merged: boolean;
      mergedBy: string | undefined;
      author: string | undefined;
      violation: boolean;
      reason: string;
      comment?: CommentOutcome;
    };
