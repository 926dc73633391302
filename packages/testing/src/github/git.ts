import { createHash } from 'node:crypto';

/** Git object ids computed as git does, so blob shas in contents answers are the real ones. */
export function blobSha(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

export function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

export interface CommitPerson {
  name: string;
  email: string;
  date: string;
}

export interface FileChange {
  filename: string;
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  additions: number;
  deletions: number;
  changes: number;
  sha: string | null;
  patch?: string;
  previous_filename?: string;
}

export interface CommitRecord {
  sha: string;
  treeSha: string;
  message: string;
  parents: string[];
  /** The full tree after this commit: path → text. */
  tree: Map<string, string>;
  author: CommitPerson;
  committer: CommitPerson;
  /** The GitHub user credited as author (its login), or null for an unknown email. */
  authorLogin: string | null;
}

function lineCount(text: string | undefined): number {
  if (text === undefined || text === '') return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** The changed files between two trees, as GitHub lists them (added, removed, modified with line counts). */
export function diffTrees(before: Map<string, string>, after: Map<string, string>): FileChange[] {
  const changes: FileChange[] = [];
  const paths = new Set([...before.keys(), ...after.keys()]);
  for (const filename of [...paths].sort()) {
    const old = before.get(filename);
    const now = after.get(filename);
    if (old === now) continue;
    if (old === undefined) {
      const additions = lineCount(now);
      changes.push({ filename, status: 'added', additions, deletions: 0, changes: additions, sha: blobSha(now ?? '') });
    } else if (now === undefined) {
      const deletions = lineCount(old);
      changes.push({ filename, status: 'removed', additions: 0, deletions, changes: deletions, sha: null });
    } else {
      // A line-set difference is enough for counts; the emulator does not compute patches.
      const oldLines = old.split('\n');
      const newLines = now.split('\n');
      const oldSet = new Set(oldLines);
      const newSet = new Set(newLines);
      const additions = newLines.filter((l) => !oldSet.has(l)).length;
      const deletions = oldLines.filter((l) => !newSet.has(l)).length;
      changes.push({
        filename,
        status: 'modified',
        additions,
        deletions,
        changes: additions + deletions,
        sha: blobSha(now),
      });
    }
  }
  return changes;
}
