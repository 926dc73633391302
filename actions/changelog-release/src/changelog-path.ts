import { posix } from 'node:path';
import { InputError, quoteForMessage } from '@shipshape/kit';
import { fillTemplate, type TagInfo } from './tag';
import type { WorkspaceFiles } from './workspace-files';

export type { WorkspaceFiles } from './workspace-files';

/**
 * A changelog path relative to the repository root, never leaving it: the value is used both in the workspace
 * and in the contents API, and `../` would read outside the checkout.
 */
export function checkRepositoryPath(path: string, input: string): string {
  const normalized = posix.normalize(path.replace(/\\/g, '/')).replace(/^\.\//, '');
  if (normalized === '' || normalized.startsWith('/') || normalized === '..' || normalized.startsWith('../')) {
    throw new InputError(
      input,
      'a path inside the repository such as CHANGELOG.md or packages/{package}/CHANGELOG.md',
      path,
    );
  }
  return normalized;
}

/**
 * The changelog to read for a tag: the `changelog` input with `{package}` / `{version}` filled in; for a package
 * tag with a plain file name (the default `CHANGELOG.md`), that file in the package's directory when the
 * workspace layout has one.
 */
export async function resolveChangelogPath(
  template: string,
  tag: TagInfo,
  files: WorkspaceFiles | undefined,
  input = 'changelog',
): Promise<string> {
  const filled = checkRepositoryPath(fillTemplate(template, { package: tag.package, version: tag.version }), input);
  if (!tag.package || template.includes('{package}') || filled.includes('/') || !files) return filled;
  // Loaded only for package tags: the glob matcher and the YAML parser are most of the bundle's start-up cost.
  const { findPackageDirectory } = await import('./workspace-layout');
  const dir = findPackageDirectory(files, tag.package);
  if (dir !== undefined && files.readText(`${dir}/${filled}`) !== undefined) return `${dir}/${filled}`;
  return filled;
}

/**
 * For the "no section" message: why a package tag ended up with the repository's own changelog (no package folder
 * with that file in the workspace layout, or no checkout to look in), and how to point at the right file.
 */
export function packageChangelogHint(
  template: string,
  tag: TagInfo,
  files: WorkspaceFiles | undefined,
  resolved: string,
): string | undefined {
  if (!tag.package || template.includes('{package}') || resolved.includes('/')) return undefined;
  const fix = 'set `changelog` to a template such as packages/{package}/CHANGELOG.md';
  const pkg = quoteForMessage(tag.package);
  if (!files)
    return `without a checkout the folder of package ${pkg} cannot be looked up: check out the repository or ${fix}`;
  return `no folder of package ${pkg} with a ${resolved} was found in the workspace layout (package.json workspaces, pnpm-workspace.yaml, lerna.json, else packages/*): ${fix}`;
}
