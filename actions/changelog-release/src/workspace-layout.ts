import { posix } from 'node:path';
import picomatch from 'picomatch';
import { parse as parseYaml } from 'yaml';
import type { WorkspaceFiles } from './workspace-files';

interface PackageManifest {
  name?: unknown;
  workspaces?: unknown;
}

/** The strings of a JSON or YAML value that should be a list of globs (anything else gives none). */
function globList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
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

/** The `packages:` globs of pnpm-workspace.yaml (a file that is absent, unreadable or has no list gives none). */
function readPnpmPackages(files: WorkspaceFiles): string[] {
  const text = files.readText('pnpm-workspace.yaml') ?? files.readText('pnpm-workspace.yml');
  if (text === undefined) return [];
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch {
    return [];
  }
  return globList(doc !== null && typeof doc === 'object' ? (doc as { packages?: unknown }).packages : undefined);
}

/** One set of workspace globs and what its tool never treats as a package. */
interface WorkspaceGlobs {
  patterns: string[];
  ignore: string[];
}

/** npm, yarn and lerna never look inside node_modules. */
const NPM_IGNORE = ['**/node_modules/**'];
/** What pnpm's package finder ignores on top of the `!` patterns. */
const PNPM_IGNORE = ['**/node_modules/**', '**/bower_components/**', '**/test/**', '**/tests/**'];
/** Folders a walk never enters: they hold dependencies or tooling, never workspace packages. */
const NEVER_ENTERED = new Set(['node_modules', 'bower_components']);
/** How deep a `**` (or a brace) pattern walks below its fixed prefix, and how many folders a lookup visits at most. */
const MAX_GLOBSTAR_DEPTH = 8;
const MAX_VISITED = 20_000;

const MANIFESTS = ['package.json', 'package.yaml', 'package.json5'];

function normalizeGlob(glob: string): string {
  return glob
    .trim()
    .replace(/^(\.?\/)+/, '')
    .replace(/\/+$/, '')
    .replace(/^\.$/, '');
}

/** Only folders inside the checkout are walked: a `../` pattern would list folders outside it. */
const leavesRepository = (glob: string): boolean => glob.split('/').includes('..');

/**
 * The directories that workspace globs name, as the package managers read them (picomatch syntax: `*`, globstars,
 * braces), minus those an `!` pattern or the tool's own ignore list excludes. A directory counts only when it holds a
 * package manifest, as for the tools themselves. The walk starts at each pattern's fixed prefix, never enters
 * dot-folders or node_modules, and sorts, so the answer does not depend on the disk's order.
 */
export function expandWorkspaceGlobs(files: WorkspaceFiles, globs: WorkspaceGlobs): string[] {
  const include = globs.patterns
    .filter((g) => !g.trim().startsWith('!'))
    .map(normalizeGlob)
    .filter((g) => g !== '' && !leavesRepository(g));
  const exclude = [
    ...globs.ignore,
    ...globs.patterns.filter((g) => g.trim().startsWith('!')).map((g) => normalizeGlob(g.trim().slice(1))),
  ];
  const excluded = exclude.length > 0 ? picomatch(exclude) : () => false;
  const found = new Set<string>();
  let visited = 0;
  for (const pattern of include) {
    const matches = picomatch(pattern);
    const { base, glob } = picomatch.scan(pattern);
    const depth =
      glob === '' ? 0 : glob.includes('**') || glob.includes('{') ? MAX_GLOBSTAR_DEPTH : glob.split('/').length;
    let level = [base];
    for (let d = 0; d <= depth && level.length > 0; d++) {
      const next: string[] = [];
      for (const dir of level) {
        if (++visited > MAX_VISITED) return [...found];
        if (
          dir !== '' &&
          matches(dir) &&
          !excluded(dir) &&
          MANIFESTS.some((m) => files.readText(`${dir}/${m}`) !== undefined)
        )
          found.add(dir);
        if (d === depth) continue;
        for (const child of files.listDirectories(dir).sort()) {
          if (!child.startsWith('.') && !NEVER_ENTERED.has(child)) next.push(dir === '' ? child : `${dir}/${child}`);
        }
      }
      level = next;
    }
  }
  return [...found];
}

/** The glob walk reads a folder's package.json to see that it is a package, the name match reads it again. */
function readingEachFileOnce(files: WorkspaceFiles): WorkspaceFiles {
  const texts = new Map<string, string | undefined>();
  return {
    readText(path) {
      if (!texts.has(path)) texts.set(path, files.readText(path));
      return texts.get(path);
    },
    listDirectories: (path) => files.listDirectories(path),
  };
}

/**
 * The directory of a monorepo package in the checked-out workspace: the workspace (npm / yarn `workspaces`,
 * pnpm-workspace.yaml `packages`, lerna.json `packages`; without any, the folders of `packages/`) whose package.json
 * is named `name`, else the only one whose folder is.
 */
export function findPackageDirectory(checkout: WorkspaceFiles, name: string): string | undefined {
  const files = readingEachFileOnce(checkout);
  const root = readJson<PackageManifest>(files, 'package.json');
  const lerna = readJson<{ packages?: unknown }>(files, 'lerna.json');
  // npm and yarn: `workspaces: [...]`; yarn also `workspaces: { packages: [...] }`.
  const workspaces = root?.workspaces;
  const npm = Array.isArray(workspaces)
    ? globList(workspaces)
    : globList(
        workspaces !== null && typeof workspaces === 'object'
          ? (workspaces as { packages?: unknown }).packages
          : undefined,
      );
  const sets: WorkspaceGlobs[] = [
    { patterns: [...npm, ...globList(lerna?.packages)], ignore: NPM_IGNORE },
    { patterns: readPnpmPackages(files), ignore: PNPM_IGNORE },
  ].filter((set) => set.patterns.length > 0);
  const unscoped = name.replace(/^@[^/]+\//, '');
  // No declared layout: the folders of `packages/`, manifest or not (non-JavaScript monorepos too).
  const dirs =
    sets.length > 0
      ? [...new Set(sets.flatMap((set) => expandWorkspaceGlobs(files, set)))]
      : files
          .listDirectories('packages')
          .sort()
          .map((dir) => `packages/${dir}`);
  const byName = dirs.find((dir) => readJson<PackageManifest>(files, `${dir}/package.json`)?.name === name);
  if (byName !== undefined) return byName;
  // A folder name is a guess: with two folders of that name (nested workspaces), neither is picked.
  const byFolder = dirs.filter((dir) => posix.basename(dir) === unscoped);
  return byFolder.length === 1 ? byFolder[0] : undefined;
}
