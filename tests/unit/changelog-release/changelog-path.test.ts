import { describe, expect, it } from '@jest/globals';
import { InputError } from '@shipshape/kit';
import { findPackageDirectory, resolveChangelogPath, type WorkspaceFiles } from '@shipshape/action-changelog-release/changelog-path';

function files(map: Record<string, string>): WorkspaceFiles {
  return {
    readText: (path) => map[path],
    listDirectories: (path) => [
      ...new Set(
        Object.keys(map)
          .filter((p) => p.startsWith(`${path}/`))
          .map((p) => p.slice(path.length + 1).split('/'))
          .filter((parts) => parts.length > 1)
          .map((parts) => parts[0] ?? ''),
      ),
    ],
  };
}

const monorepo = files({
  'package.json': JSON.stringify({ workspaces: ['packages/*', 'tools/cli'] }),
  'packages/core/package.json': JSON.stringify({ name: '@acme/core' }),
  'packages/core/CHANGELOG.md': '## 1.0.0',
  'packages/web-app/package.json': JSON.stringify({ name: 'web' }),
  'packages/web-app/CHANGELOG.md': '## 1.0.0',
  'tools/cli/package.json': JSON.stringify({ name: 'acme-cli' }),
  'tools/cli/CHANGELOG.md': '## 1.0.0',
  'CHANGELOG.md': '## 1.0.0',
});

describe('resolveChangelogPath', () => {
  it('fills a template', () => {
    expect(resolveChangelogPath('packages/{package}/CHANGELOG.md', { tag: 'a@1.0.0', package: 'a', version: '1.0.0' }, undefined)).toBe('packages/a/CHANGELOG.md');
  });
  it('finds a package from the workspace layout, by manifest name or folder name', () => {
    const at = (pkg: string): string => resolveChangelogPath('CHANGELOG.md', { tag: `${pkg}@1.0.0`, package: pkg, version: '1.0.0' }, monorepo);
    expect(at('@acme/core')).toBe('packages/core/CHANGELOG.md');
    expect(at('web')).toBe('packages/web-app/CHANGELOG.md');
    expect(at('acme-cli')).toBe('tools/cli/CHANGELOG.md');
    expect(at('unknown')).toBe('CHANGELOG.md');
    expect(resolveChangelogPath('CHANGELOG.md', { tag: 'v1.0.0', package: undefined, version: '1.0.0' }, monorepo)).toBe('CHANGELOG.md');
  });
  it('falls back to packages/* without declared workspaces', () => {
    expect(findPackageDirectory(files({ 'packages/x/CHANGELOG.md': '' }), 'x')).toBe('packages/x');
  });
  it('refuses paths outside the repository', () => {
    const tag = { tag: 'v1.0.0', package: undefined, version: '1.0.0' };
    expect(() => resolveChangelogPath('../secrets.md', tag, undefined)).toThrow(InputError);
    expect(() => resolveChangelogPath('/etc/passwd', tag, undefined)).toThrow(/Input 'changelog' is invalid: expected a path inside the repository/);
    expect(resolveChangelogPath('./docs/../CHANGELOG.md', tag, undefined)).toBe('CHANGELOG.md');
  });
});
