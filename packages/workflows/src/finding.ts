/** One problem the checker reports, at a 1-based line and column of a workflow file. */
export interface Finding {
  file: string;
  line: number;
  col: number;
  check: CheckId;
  message: string;
}

/**
 * Which check reported a finding (README.md describes each): `syntax` is a file that is not readable YAML or not a
 * workflow mapping, so the other checks could not read it.
 */
export type CheckId =
  | 'syntax'
  | 'unknown-action'
  | 'unknown-input'
  | 'missing-input'
  | 'unknown-output'
  | 'unknown-step'
  | 'permissions'
  | 'concurrency'
  | 'release-trigger'
  | 'run-injection';

/** `file:line:col: message [check]`, the form editors and terminals turn into links. */
export function formatFinding(finding: Finding): string {
  return `${finding.file}:${finding.line}:${finding.col}: ${finding.message} [${finding.check}]`;
}

export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.col - b.col || (a.check < b.check ? -1 : a.check > b.check ? 1 : 0);
}

/**
 * A name taken from the workflow (an input key, a command), as shown inside a message: one line, control characters
 * replaced, at most 60 characters, so a hostile key cannot start a new output line.
 */
export function shown(text: string): string {
  // eslint-disable-next-line no-control-regex -- replacing control characters is the point
  const line = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, '?');
  return line.length > 60 ? `${line.slice(0, 60)}…` : line;
}
