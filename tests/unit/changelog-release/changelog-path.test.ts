import { describe, expect, it } from '@jest/globals';
import { InputError } from '@shipshape/kit';
import {
  packageChangelogHint,
  resolveChangelogPath,
  type WorkspaceFiles,
} from '../../../actions/changelog-release/src/changelog-path';
import { findPackageDirectory } from '../../../actions/changelog-release/src/workspace-layout';

/** A checkout as a map of files; `listed` records every folder listed, to see where a walk goes. */
function files(map: Record<string, string>, listed: string[] = []): WorkspaceFiles {
  return {
    readText: (path) => map[path],
    listDirectories: (path) => {
      listed.push(path);
      const prefix = path === '' ? '' : `${path}/`;
      return [
        ...new Set(
          Object.keys(map)
            .filter((p) => p.startsWith(prefix))
            .map((p) => p.slice(prefix.length).split('/'))
            .filter((parts) => parts.length > 1)
            .map((parts) => parts[0] ?? ''),
        ),
      ];
    },
  };
}

const manifest = (name: string): string => JSON.stringify({ name, version: '1.0.0' });

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
  it('fills a template', async () => {
    expect(
      await resolveChangelogPath(
        'packages/{package}/CHANGELOG.md',
        { tag: 'a@1.0.0', package: 'a', version: '1.0.0' },
        undefined,
      ),
    ).toBe('packages/a/CHANGELOG.md');
  });
  it('finds a package from the workspace layout, by manifest name or folder name', async () => {
    const at = (pkg: string): Promise<string> =>
      resolveChangelogPath('CHANGELOG.md', { tag: `${pkg}@1.0.0`, package: pkg, version: '1.0.0' }, monorepo);
    expect(await at('@acme/core')).toBe('packages/core/CHANGELOG.md');
    expect(await at('web')).toBe('packages/web-app/CHANGELOG.md');
    expect(await at('acme-cli')).toBe('tools/cli/CHANGELOG.md');
    expect(await at('unknown')).toBe('CHANGELOG.md');
    expect(
      await resolveChangelogPath('CHANGELOG.md', { tag: 'v1.0.0', package: undefined, version: '1.0.0' }, monorepo),
    ).toBe('CHANGELOG.md');
  });
  it("yarn's workspaces object; declarations of the wrong type add nothing", () => {
    const layout = (root: unknown, lerna?: unknown): WorkspaceFiles =>
      files({
        'package.json': JSON.stringify(root),
        ...(lerna === undefined ? {} : { 'lerna.json': JSON.stringify(lerna) }),
        'tools/cli/package.json': manifest('acme-cli'),
        'packages/core/package.json': manifest('@acme/core'),
      });
    expect(findPackageDirectory(layout({ workspaces: { packages: ['tools/*'], nohoist: ['**'] } }), 'acme-cli')).toBe(
      'tools/cli',
    );
    // A string is not a list of globs: nothing declared, so the packages/ folders are the layout.
    expect(findPackageDirectory(layout({ workspaces: 'tools/*' }), 'acme-cli')).toBeUndefined();
    expect(
      findPackageDirectory(layout({ workspaces: { packages: 'tools/*' } }, { packages: 'tools/*' }), '@acme/core'),
    ).toBe('packages/core');
    expect(findPackageDirectory(layout({ workspaces: [42, 'tools/*'] }), 'acme-cli')).toBe('tools/cli');
  });
  it('falls back to packages/* without declared workspaces', () => {
    expect(findPackageDirectory(files({ 'packages/x/CHANGELOG.md': '' }), 'x')).toBe('packages/x');
  });
  it('by folder name only when one folder has that name', () => {
    const twice = files({
      'package.json': JSON.stringify({ workspaces: ['apps/**'] }),
      'apps/a/web/package.json': manifest('a-web'),
      'apps/b/web/package.json': manifest('b-web'),
      'apps/b/web/CHANGELOG.md': '',
    });
    expect(findPackageDirectory(twice, 'web')).toBeUndefined();
    expect(findPackageDirectory(twice, 'b-web')).toBe('apps/b/web');
  });
  it('refuses paths outside the repository', async () => {
    const tag = { tag: 'v1.0.0', package: undefined, version: '1.0.0' };
    await expect(resolveChangelogPath('../secrets.md', tag, undefined)).rejects.toThrow(InputError);
    await expect(resolveChangelogPath('/etc/passwd', tag, undefined)).rejects.toThrow(
      /Input 'changelog' is invalid: expected a path inside the repository/,
    );
    expect(await resolveChangelogPath('./docs/../CHANGELOG.md', tag, undefined)).toBe('CHANGELOG.md');
  });
});

describe('pnpm-workspace.yaml', () => {
  const pnpm = (yaml: string, extra: Record<string, string> = {}, listed: string[] = []): WorkspaceFiles =>
    files(
      {
        'package.json': manifest('root'),
        'pnpm-workspace.yaml': yaml,
        'packages/core/package.json': manifest('@acme/core'),
        'packages/internal/package.json': manifest('@acme/internal'),
        'packages/group/ui/package.json': manifest('@acme/ui'),
        'packages/group/ui/test/fixture/package.json': manifest('@acme/fixture'),
        'packages/group/ui/node_modules/dep/package.json': manifest('dep'),
        'packages/group/README.md': '',
        'apps/web/package.json': manifest('web'),
        'apps/web/.cache/x/package.json': manifest('cached'),
        'docs/guide.md': '',
        ...extra,
      },
      listed,
    );
  const dir = (yaml: string, name: string, extra?: Record<string, string>): string | undefined =>
    findPackageDirectory(pnpm(yaml, extra), name);

  it('reads the packages globs: one level with *, any depth with **, plain paths', () => {
    const yaml = "packages:\n  - 'packages/*'\n  - apps/web\n";
    expect(dir(yaml, '@acme/core')).toBe('packages/core');
    expect(dir(yaml, 'web')).toBe('apps/web');
    // packages/* is one level: the nested package is not a workspace.
    expect(dir(yaml, '@acme/ui')).toBeUndefined();
    expect(dir('packages:\n  - "packages/**"\n', '@acme/ui')).toBe('packages/group/ui');
  });

  it('a negation excludes; pnpm never takes packages from test folders, node_modules or dot-folders', () => {
    const yaml = 'packages:\n  - packages/**\n  - apps/**\n  - "!packages/internal"\n';
    expect(dir(yaml, '@acme/internal')).toBeUndefined();
    expect(dir(yaml, '@acme/core')).toBe('packages/core');
    expect(dir(yaml, '@acme/fixture')).toBeUndefined();
    expect(dir(yaml, 'dep')).toBeUndefined();
    expect(dir(yaml, 'cached')).toBeUndefined();
    expect(dir('packages:\n  - packages/**\n  - "!**/group/**"\n', '@acme/ui')).toBeUndefined();
  });

  it('a folder without a manifest is not a package, even when its name fits', () => {
    expect(dir('packages:\n  - packages/**\n', 'group')).toBeUndefined();
  });

  it("braces and a pattern from the root; the walk starts at each pattern's fixed folder", () => {
    const listed: string[] = [];
    expect(findPackageDirectory(pnpm('packages:\n  - "{apps,packages}/*"\n', {}, listed), 'web')).toBe('apps/web');
    expect(findPackageDirectory(pnpm('packages:\n  - "**"\n', {}), '@acme/ui')).toBe('packages/group/ui');
    const narrow: string[] = [];
    findPackageDirectory(pnpm('packages:\n  - packages/*\n', {}, narrow), 'nothing');
    expect(narrow).toEqual(['packages']);
    expect(listed).toContain('');
  });

  it('is read next to package.json workspaces and lerna.json; the changelog path follows', async () => {
    const both = pnpm('packages: [apps/*]\n', {
      'package.json': JSON.stringify({ workspaces: ['packages/*'] }),
      'lerna.json': JSON.stringify({ packages: ['tools/*'] }),
      'tools/cli/package.json': manifest('acme-cli'),
      'apps/web/CHANGELOG.md': '## 1.0.0',
    });
    expect(findPackageDirectory(both, '@acme/core')).toBe('packages/core');
    expect(findPackageDirectory(both, 'acme-cli')).toBe('tools/cli');
    expect(findPackageDirectory(both, 'web')).toBe('apps/web');
    expect(
      await resolveChangelogPath('CHANGELOG.md', { tag: 'web@1.0.0', package: 'web', version: '1.0.0' }, both),
    ).toBe('apps/web/CHANGELOG.md');
  });

  it('patterns that leave the repository are not walked; ./ and / prefixes are the root', () => {
    const listed: string[] = [];
    expect(
      findPackageDirectory(
        pnpm('packages:\n  - ../*\n  - packages/../../x/*\n  - ./apps/*\n  - /packages/*\n', {}, listed),
        'web',
      ),
    ).toBe('apps/web');
    expect(listed.some((path) => path.includes('..'))).toBe(false);
    expect(findPackageDirectory(pnpm('packages:\n  - /packages/*\n'), '@acme/core')).toBe('packages/core');
  });

  it('a pnpm-workspace.yaml that is not YAML, or has no packages list, adds nothing (the default layout still applies)', () => {
    expect(dir('packages: [unclosed\n', '@acme/core')).toBe('packages/core');
    expect(dir('catalog:\n  react: ^18\n', '@acme/core')).toBe('packages/core');
    expect(dir('packages: apps/*\n', 'web')).toBeUndefined();
    expect(dir('packages:\n  - 42\n  - apps/*\n', 'web')).toBe('apps/web');
  });
});

describe('packageChangelogHint', () => {
  const web = { tag: 'web@1.0.0', package: 'web', version: '1.0.0' };
  it('explains why a package tag reads the root changelog, and how to point at its own', () => {
    expect(packageChangelogHint('CHANGELOG.md', web, monorepo, 'CHANGELOG.md')).toBe(
      'no folder of package "web" with a CHANGELOG.md was found in the workspace layout (package.json workspaces, pnpm-workspace.yaml, lerna.json, else packages/*): set `changelog` to a template such as packages/{package}/CHANGELOG.md',
    );
    expect(packageChangelogHint('CHANGELOG.md', web, undefined, 'CHANGELOG.md')).toMatch(
      /^without a checkout the folder of package "web" cannot be looked up/,
    );
  });
  it('says nothing when the package folder was found, the path is explicit, or the tag has no package', () => {
    expect(packageChangelogHint('CHANGELOG.md', web, monorepo, 'packages/web-app/CHANGELOG.md')).toBeUndefined();
    expect(
      packageChangelogHint('packages/{package}/CHANGELOG.md', web, monorepo, 'packages/web/CHANGELOG.md'),
    ).toBeUndefined();
    expect(packageChangelogHint('docs/CHANGES.md', web, monorepo, 'docs/CHANGES.md')).toBeUndefined();
    expect(
      packageChangelogHint(
        'CHANGELOG.md',
        { tag: 'v1.0.0', package: undefined, version: '1.0.0' },
        monorepo,
        'CHANGELOG.md',
      ),
    ).toBeUndefined();
  });
});
