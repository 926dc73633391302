import { posix } from 'node:path';
import type { WorkspaceFiles } from './workspace-files';

/**
 * The `version` of the package.json next to the changelog (a monorepo package's own), else of the root one: what
 * check mode compares the changelog against when neither `version` nor a tag names one.
 */
export function manifestVersion(files: WorkspaceFiles | undefined, changelogPath: string): string | undefined {
  const dir = posix.dirname(changelogPath);
  for (const path of dir === '.' ? ['package.json'] : [`${dir}/package.json`, 'package.json']) {
    const text = files?.readText(path);
    if (text === undefined) continue;
    try {
      const version = (JSON.parse(text) as { version?: unknown }).version;
      return typeof version === 'string' && version !== '' ? version : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
