import { loginKey, type Standing } from './reviews';

/** Whose standing change requests block: anyone's, only the leads', or nobody's. */
export type ChangeRequestScope = 'any' | 'leads' | 'off';

/**
 * The reviewers whose latest decisive review asks for changes. A change request stands until that reviewer approves
 * or it is dismissed (both replace it as the reviewer's standing state); a later comment does not lift it.
 */
export function standingChangeRequests(
  standing: ReadonlyMap<string, Standing>,
  scope: ChangeRequestScope,
  leads: readonly string[],
): string[] {
  if (scope === 'off') return [];
  const leadKeys = new Set(leads.map(loginKey));
  return [...standing.values()]
    .filter((s) => s.state === 'CHANGES_REQUESTED' && (scope === 'any' || leadKeys.has(loginKey(s.login))))
    .map((s) => s.login);
}
