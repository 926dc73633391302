import { constants, type Stats } from 'node:fs';
import { lstat, open, readdir } from 'node:fs/promises';
import type { ReadOutcome, WorkflowReader } from './reader';

const CHUNK = 64 * 1024;
// O_NOFOLLOW: a link swapped in after lstat fails to open. O_NONBLOCK: a FIFO swapped in opens without waiting for a
// writer. Neither exists on Windows, where 0 leaves the flags as they are.
const FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * The node:fs side of the reader port. Only a regular file is opened (lstat, so a link is never followed: a committed
 * `z.yml -> /dev/zero` would otherwise be read forever), and at most `maxBytes + 1` bytes are read from it.
 */
export const nodeWorkflowReader: WorkflowReader = {
  list: (dir) => readdir(dir),
  async read(path, maxBytes) {
    const entry = await lstat(path);
    if (!entry.isFile()) return { refused: 'not-a-file' };
    if (entry.size > maxBytes) return { refused: 'too-large', bytes: entry.size };
    const handle = await open(path, FLAGS);
    try {
      // The entry may have been replaced between lstat and open: read only the file lstat saw.
      if (!sameFile(entry, await handle.stat())) return { refused: 'not-a-file' };
      return await readAtMost(handle, maxBytes);
    } finally {
      await handle.close();
    }
  },
};

function sameFile(a: Stats, b: Stats): boolean {
  return b.isFile() && a.dev === b.dev && a.ino === b.ino;
}

/** Reads until the end or one byte past the cap (a file that grew since lstat), whichever comes first. */
async function readAtMost(handle: Awaited<ReturnType<typeof open>>, maxBytes: number): Promise<ReadOutcome> {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total <= maxBytes) {
    const chunk = Buffer.alloc(Math.min(CHUNK, maxBytes + 1 - total));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, total);
    if (bytesRead === 0) break;
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
  }
  if (total > maxBytes) return { refused: 'too-large', bytes: total };
  return { text: Buffer.concat(chunks, total).toString('utf8') };
}
