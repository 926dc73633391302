import { closeSync, constants, fstatSync, openSync, readSync, readdirSync, realpathSync } from 'node:fs';
import { posix, sep } from 'node:path';
import { ConfigError, InputError, quoteForMessage } from './errors';

/**
 * The one way an action reads a file named by an input (`notes-file`, `blackout`, `changelog`, …). A workspace is
 * a checkout of text that someone else wrote, often a pull request's own tree, so the path and the file are
 * both untrusted:
 * - the path stays inside the workspace: no absolute path, no `..` that climbs out of it;
 * - no symbolic link (anywhere along the path) leads out of it: `notes.md -> /proc/self/environ` is refused;
 * - only a regular file is read (a folder, a FIFO or a device gets a clear error, and opening never blocks);
 * - at most `maxBytes` bytes, and the text must be UTF-8 (a byte-order mark is dropped).
 * A file that does not exist reads as `undefined`: whether that is an error is the caller's decision.
 */
export interface WorkspaceReadOptions {
  /** The input the path came from; every error names it. */
  input: string;
  /** The largest file read, in bytes (default 10 MiB). */
  maxBytes?: number;
}

export interface WorkspaceReader {
  /** The workspace folder as given (GITHUB_WORKSPACE). */
  readonly root: string;
  readText(path: string, options: WorkspaceReadOptions): string | undefined;
  /** Names of the sub-folders of a folder inside the workspace (symbolic links are not followed); empty when absent. */
  listDirectories(path: string, options: WorkspaceReadOptions): string[];
  /** Whether the workspace folder exists and holds anything (a checkout was made). */
  hasFiles(): boolean;
  /** The same reads with the input fixed: what a domain module that reads several files for one input is given. */
  forInput(input: string, maxBytes?: number): InputFiles;
}

/** Reads on behalf of one input (a changelog and the manifests around it, say). */
export interface InputFiles {
  readText(path: string): string | undefined;
  listDirectories(path: string): string[];
}

export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

const INSIDE = 'a relative path inside the workspace (the checked-out repository), such as docs/notes.md';

/** The path relative to the workspace, normalised; throws for one that is absolute or climbs out. */
export function workspaceRelativePath(path: string, input: string): string {
  if (path.includes('\0')) throw new InputError(input, INSIDE, path);
  const slashed = path.replace(/\\/g, '/');
  if (slashed.startsWith('/') || /^[A-Za-z]:/.test(slashed)) throw new InputError(input, INSIDE, path);
  const normalized = posix.normalize(slashed).replace(/^(\.\/)+/, '');
  if (normalized === '..' || normalized.startsWith('../')) throw new InputError(input, INSIDE, path);
  return normalized === '.' ? '' : normalized.replace(/\/+$/, '');
}

const missing = (error: unknown): boolean => {
  const code = (error as { code?: string } | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function createWorkspaceReader(root: string): WorkspaceReader {
  let realRoot: string | undefined;
  const rootReal = (): string => (realRoot ??= realpathSync(root));

  /** The real path of `relative`, or undefined when it does not exist; throws when a link leads out. */
  function resolveInside(path: string, input: string): string | undefined {
    const relative = workspaceRelativePath(path, input);
    let real: string;
    try {
      real = realpathSync(relative === '' ? root : `${root}${sep}${relative}`);
    } catch (error) {
      if (missing(error)) return undefined;
      const code = (error as { code?: string } | null)?.code;
      if (code === 'ELOOP')
        throw new ConfigError(
          `Input '${input}': ${quoteForMessage(path)} is a loop of symbolic links; it is not read.`,
          { cause: error },
        );
      throw new ConfigError(`Input '${input}': ${quoteForMessage(path)} cannot be resolved (${code ?? 'an error'}).`, {
        cause: error,
      });
    }
    const top = rootReal();
    if (real !== top && !real.startsWith(top.endsWith(sep) ? top : top + sep)) {
      throw new ConfigError(
        `Input '${input}': ${quoteForMessage(path)} leads outside the workspace through a symbolic link; it is not read.`,
      );
    }
    return real;
  }

  const reader: WorkspaceReader = {
    root,
    forInput(input, maxBytes) {
      return {
        readText: (path) => reader.readText(path, { input, maxBytes }),
        listDirectories: (path) => reader.listDirectories(path, { input }),
      };
    },
    hasFiles() {
      try {
        return readdirSync(root).length > 0;
      } catch (error) {
        if (missing(error)) return false;
        throw error;
      }
    },
    readText(path, options) {
      const { input } = options;
      const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
      const real = resolveInside(path, input);
      if (real === undefined) return undefined;
      // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever. O_NOFOLLOW: the path was
      // just resolved, so a link in its last part now means it was swapped in between.
      let fd: number;
      try {
        fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
      } catch (error) {
        const code = (error as { code?: string } | null)?.code ?? 'an error';
        throw new ConfigError(`Input '${input}': ${quoteForMessage(path)} cannot be opened (${code}).`, {
          cause: error,
        });
      }
      try {
        const stat = fstatSync(fd);
        if (stat.isDirectory())
          throw new ConfigError(`Input '${input}': ${quoteForMessage(path)} is a folder; expected a file.`);
        if (!stat.isFile())
          throw new ConfigError(
            `Input '${input}': ${quoteForMessage(path)} is not a regular file; expected a text file.`,
          );
        if (stat.size > maxBytes) {
          throw new ConfigError(
            `Input '${input}': ${quoteForMessage(path)} is ${stat.size} bytes; at most ${maxBytes} bytes are read.`,
          );
        }
        // Read at most one byte past the limit: a file that grows while it is read cannot make us read more.
        const buffer = Buffer.alloc(Math.min(maxBytes + 1, stat.size + 1));
        let length = 0;
        for (let n = 1; n > 0 && length < buffer.length; length += n)
          n = readSync(fd, buffer, length, buffer.length - length, null);
        if (length > maxBytes)
          throw new ConfigError(
            `Input '${input}': ${quoteForMessage(path)} is over ${maxBytes} bytes; it is not read.`,
          );
        if (length === buffer.length)
          throw new ConfigError(`Input '${input}': ${quoteForMessage(path)} changed while it was read; try again.`);
        try {
          return utf8.decode(buffer.subarray(0, length));
        } catch {
          throw new ConfigError(`Input '${input}': ${quoteForMessage(path)} is not UTF-8 text; save it as UTF-8.`);
        }
      } finally {
        closeSync(fd);
      }
    },
    listDirectories(path, options) {
      const real = resolveInside(path, options.input);
      if (real === undefined) return [];
      try {
        return readdirSync(real, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? [entry.name] : []));
      } catch (error) {
        if (missing(error)) return [];
        throw error;
      }
    },
  };
  return reader;
}
