import type { WorkflowFile } from './check';
import type { Finding } from './finding';

/** What the checker needs from a file system: the port the CLI fills with node:fs and tests with a temp directory. */
export interface WorkflowReader {
  /** The names of the entries of a directory (not recursive); throws when it cannot be listed. */
  list(dir: string): Promise<string[]>;
  read(path: string): Promise<string>;
}

export interface ReadWorkflows {
  files: WorkflowFile[];
  /** Files that exist but could not be read, as `syntax` findings. */
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
  for (const name of names) {
    const path = join(dir, name);
    try {
      files.push({ path, text: await reader.read(path) });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      unreadable.push({ file: path, line: 1, col: 1, check: 'syntax', message: `cannot be read: ${reason}` });
    }
  }
  return { files, unreadable };
}
