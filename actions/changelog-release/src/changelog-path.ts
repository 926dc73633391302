import { posix } from 'node:path';
import { InputError } from '@shipshape/kit';
import { fillTemplate, type TagInfo } from './tag';

/** Read access to the checked-out workspace, passed in so tests use a map of files. */
export interface WorkspaceFiles {
  readText(path: string): string | undefined;
  /** The sub-directories of a directory (names only); empty when it does not exist. */
  listDirectories(path: string): string[];
}

/**
 * A changelog path relative to the repository root, never leaving it: the value is used both in the workspace
 * and in the contents API, and `../` would read outside the checkout.
 */
export function checkRepositoryPath(path: string, input: string): string {
  const normalized = posix.normalize(path.replace(/\\/g, '/')).replace(/^\.\//, '');
  if (normalized === '' || normalized.startsWith('/') || normalized === '..' || normalized.startsWith('../')) {
    throw new InputError(input, 'a path inside the repository such as CHANGELOG.md or packages/{package}/CHANGELOG.md', path);
  }
  return normalized;
}

interface PackageManifest {
  name?: string;
  version?: string;
  workspaces?: string[] | { packages?: string[] };
}

function readJson<T>(files: WorkspaceFiles, path: string): T | undefined {
  const text = files.readText(path);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

/** Directories named by workspace globs (`packages/*`, `apps/**`, `tools/cli`); other glob forms are skipped. */
function expandWorkspaceGlobs(files: WorkspaceFiles, globs: string[]): string[] {
  const dirs: string[] = [];
  for (const glob of globs) {
    const clean = glob.replace(/^\.\//, '').replace(/\/+$/, '');
    const star = /^(.*?)\/\*{1,2}$/.exec(clean);
    if (star?.[1] !== undefined && !star[1].includes('*')) dirs.push(...files.listDirectories(star[1]).map((d) => `${star[1]}/${d}`));
    else if (!clean.includes('*') && clean !== '') dirs.push(clean);
  }
  return dirs;
}

/**
 * The directory of a monorepo package in the checked-out workspace: the workspace (npm / yarn `workspaces`,
 * lerna.json `packages`, else `packages/*`) whose package.json is named `name`, or whose folder is.
 */
export function findPackageDirectory(files: WorkspaceFiles, name: string): string | undefined {
  const root = readJson<PackageManifest>(files, 'package.json');
  const lerna = readJson<{ packages?: string[] }>(files, 'lerna.json');
  const declared = Array.isArray(root?.workspaces) ? root.workspaces : (root?.workspaces?.packages ?? []);
  const globs = [...declared, ...(lerna?.packages ?? [])];
  const dirs = expandWorkspaceGlobs(files, globs.length > 0 ? globs : ['packages/*']);
  const unscoped = name.replace(/^@[^/]+\//, '');
  return (
    dirs.find((dir) => readJson<PackageManifest>(files, `${dir}/package.json`)?.name === name) ??
    dirs.find((dir) => posix.basename(dir) === unscoped)
  );
}

/**
 * The changelog to read for a tag: the `changelog` input with `{package}` / `{version}` filled in; for a package
 * tag with a plain file name (the default `CHANGELOG.md`), that file in the package's directory when the
 * workspace layout has one.
 */
export function resolveChangelogPath(template: string, tag: TagInfo, files: WorkspaceFiles | undefined, input = 'changelog'): string {
  const filled = checkRepositoryPath(fillTemplate(template, { package: tag.package, version: tag.version }), input);
  if (!tag.package || template.includes('{package}') || filled.includes('/') || !files) return filled;
  const dir = findPackageDirectory(files, tag.package);
  if (dir !== undefined && files.readText(`${dir}/${filled}`) !== undefined) return `${dir}/${filled}`;
  return filled;
}
