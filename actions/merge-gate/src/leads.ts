/**
 * Who the leads are: logins given in the input, or a CODEOWNERS-style file read at the PR's base ref (so that a PR
 * cannot name its own approvers by editing the file).
 */

/** GitHub's login rule: letters, digits and single hyphens, not at either end, at most 39 characters. */
const LOGIN = /^[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}$/;

export class LeadsError extends Error {}

export type LeadsSource = { kind: 'logins'; logins: string[] } | { kind: 'file'; path: string };

/** A value with `/` or `.` is a path (a login holds neither); otherwise every item is a login, `@` optional. */
export function readLeadsSource(items: readonly string[]): LeadsSource {
  if (items.length === 0) throw new LeadsError('no lead');
  if (items.length === 1 && /[/.]/.test(items[0] ?? ''))
    return { kind: 'file', path: (items[0] ?? '').replace(/^\.\//, '') };
  return { kind: 'logins', logins: uniqueLogins(items.map((item) => item.replace(/^@/, ''))) };
}

function uniqueLogins(logins: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const login of logins) {
    if (!LOGIN.test(login)) throw new LeadsError(`'${login}' is not a GitHub login`);
    if (!seen.has(login.toLowerCase())) seen.set(login.toLowerCase(), login);
  }
  if (seen.size === 0) throw new LeadsError('no lead');
  return [...seen.values()];
}

/** Bounds on a leads file: it names people, so a few thousand lines is already far more than any team. */
export const MAX_LEADS_FILE_BYTES = 64 * 1024;

/**
 * The `@login` owners of a CODEOWNERS-style file: `#` starts a comment, a line is a path pattern followed by owners
 * (`* @alice @bob`), or owners alone. Teams (`@org/team`) and e-mail addresses are refused: resolving them needs
 * organization read access the workflow token does not have, and an unresolved entry would silently shrink the quorum.
 */
export function parseLeadsFile(text: string, path: string): string[] {
  if (text.length > MAX_LEADS_FILE_BYTES)
    throw new LeadsError(`${path} is ${text.length} characters; a leads file may hold at most ${MAX_LEADS_FILE_BYTES}`);
  const owners: string[] = [];
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') continue;
    for (const token of line.split(/\s+/)) {
      if (token.startsWith('@')) {
        if (token.includes('/'))
          throw new LeadsError(
            `${path} line ${index + 1} names the team ${token}; list the leads' logins (teams cannot be read with the workflow token)`,
          );
        owners.push(token.slice(1));
      } else if (token.includes('@')) {
        throw new LeadsError(`${path} line ${index + 1} names an e-mail address; list the leads' logins as @login`);
      }
    }
  }
  if (owners.length === 0) throw new LeadsError(`${path} names no lead (expected @login entries)`);
  return uniqueLogins(owners);
}
