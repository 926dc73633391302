import type { WorkflowFile } from './check';
import type { Finding } from './finding';

/**
 * The largest workflow file read. A workflow is a few kilobytes; the cap keeps a committed multi-gigabyte file (or a
 * file that grows while it is read) from filling memory. GitHub runs none over 500 KB (GITHUB_MAX_WORKFLOW_BYTES, a
 * finding of checkWorkflows), so a file between the two is still read and checked, with that finding.
 */
export const MAX_WORKFLOW_BYTES = 1024 * 1024;

/** What reading one directory entry gave: its text, or why it was not read. */
export type ReadOutcome =
  | { text: string }
  /** A symbolic link, directory, FIFO, socket or device: reading one could follow the link out, block, or never end. */
  | { refused: 'not-a-file' }
  /** Larger than the cap; `bytes` is its size (or how much was read before the cap, for a file that grew). */
  | { refused: 'too-large'; bytes: number };

/** What the checker needs from a file system: the port the CLI fills with node:fs (fs-reader.ts). */
export interface WorkflowReader {
  /** The names of the entries of a directory (not recursive); throws when it cannot be listed. */
  list(dir: string): Promise<string[]>;
  /** Reads a regular file of at most `maxBytes`, never following a link; throws when it cannot be read. */
  read(path: string, maxBytes: number): Promise<ReadOutcome>;
}

export interface ReadWorkflows {
  files: WorkflowFile[];
  /** Entries that could not be read or were refused, as `syntax` findings. */
  unreadable: Finding[];
}

/**
 * The `.yml` and `.yaml` files directly in `dir`, sorted: GitHub runs only those, never files in subdirectories.
 * `join` builds a path from the directory and a name (the CLI passes node:path's).
 */
export async function readWorkflowFiles(
  reader: WorkflowReader,
  dir: string,
  join: (dir: string, name: string) => string,
): Promise<ReadWorkflows> {
  const names = (await reader.list(dir)).filter((name) => /\.ya?ml$/i.test(name)).sort();
  const files: WorkflowFile[] = [];
  const unreadable: Finding[] = [];
  const refuse = (file: string, message: string): void => {
    unreadable.push({ file, line: 1, col: 1, check: 'syntax', message });
  };
  for (const name of names) {
    const path = join(dir, name);
    let outcome: ReadOutcome;
    try {
      outcome = await reader.read(path, MAX_WORKFLOW_BYTES);
    } catch (error) {
      refuse(path, `cannot be read: ${messageOf(error)}`);
      continue;
    }
    if ('text' in outcome) files.push({ path, text: outcome.text });
    else if (outcome.refused === 'not-a-file')
      refuse(path, 'not a regular file; GitHub reads only files committed in the repository');
    else refuse(path, `${outcome.bytes} bytes; a workflow file over 1 MiB (${MAX_WORKFLOW_BYTES} bytes) is not read`);
  }
  return { files, unreadable };
}

/** An error's message; `instanceof Error` is false for errors from another realm (a VM context, a worker). */
function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}
