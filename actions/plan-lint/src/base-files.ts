import type { DirectoryEntry, PlanLintPort } from './github-port';

/**
 * The contents API lists at most 1,000 entries of a directory; a listing that long may be cut short, so a name
 * missing from it proves nothing.
 */
const LISTING_LIMIT = 1000;

/** The repository's files at one ref, each listing and each file requested at most once. */
export interface RefFiles {
  /** A file's text; undefined when it does not exist. */
  read(path: string): Promise<string | undefined>;
  /** A directory's entries; undefined when it does not exist. */
  list(dir: string): Promise<DirectoryEntry[] | undefined>;
}

function parentOf(path: string): { dir: string; name: string } {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? { dir: '', name: path } : { dir: path.slice(0, slash), name: path.slice(slash + 1) };
}

/**
 * Reads at one ref through the port. A file whose folder has already been listed is only requested when the
 * listing shows it: `.github/` is listed anyway to find the PR template, and it answers whether the config file
 * exists without a request that would mostly be a 404.
 */
export function refFiles(port: PlanLintPort, ref: string): RefFiles {
  const listings = new Map<string, Promise<DirectoryEntry[] | undefined>>();
  const texts = new Map<string, Promise<string | undefined>>();
  const list = (dir: string): Promise<DirectoryEntry[] | undefined> => {
    let listing = listings.get(dir);
    if (!listing) listings.set(dir, (listing = port.listDirectory(dir, ref)));
    return listing;
  };
  const lookup = async (path: string): Promise<string | undefined> => {
    const { dir, name } = parentOf(path);
    const listing = listings.get(dir);
    if (listing) {
      const entries = await listing;
      if (entries === undefined) return undefined;
      if (entries.length < LISTING_LIMIT && !entries.some((e) => e.name === name && e.type !== 'dir')) return undefined;
    }
    return port.readFile(path, ref);
  };
  const read = (path: string): Promise<string | undefined> => {
    let text = texts.get(path);
    if (!text) texts.set(path, (text = lookup(path)));
    return text;
  };
  return { read, list };
}
