import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { Code, Link, Root, RootContent } from 'mdast';
import { allCommands } from '../../packages/cli/src/commands/index';
import { normalizeMarkdown, parseMarkdown } from '../../packages/markdown/src/parse';
import { REPO_ROOT } from '@shipshape/testing/runner';

/**
 * The root README claims nothing that is not there: every relative link names a file in the repository,
 * every `npm run X` it shows is a package script, and the example workflows it lists exist.
 */

const readme = parseMarkdown(normalizeMarkdown(readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')));

function collect<T extends RootContent>(node: Root | RootContent, type: T['type'], found: T[] = []): T[] {
  if (node.type === type) found.push(node as T);
  if ('children' in node) for (const child of node.children) collect(child, type, found);
  return found;
}

describe('README.md', () => {
  it('links only to files that exist', () => {
    const targets = collect<Link>(readme, 'link')
      .map((link) => link.url)
      .filter((url) => !/^[a-z]+:/i.test(url) && !url.startsWith('#'))
      .map((url) => url.split('#')[0] ?? '');
    expect(targets.length).toBeGreaterThan(4);
    expect(targets.filter((target) => !existsSync(join(REPO_ROOT, target)))).toEqual([]);
  });

  it('shows only npm scripts that exist, including the two newcomer commands', () => {
    const scripts = (
      JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts;
    const code = collect<Code>(readme, 'code')
      .map((c) => c.value)
      .join('\n');
    const shown = [...code.matchAll(/\bnpm (?:run )?([\w:-]+)/g)]
      .map((m) => m[1] ?? '')
      .filter((s) => !['install', 'ci'].includes(s));
    expect(shown).toEqual(expect.arrayContaining(['demo', 'test']));
    expect(shown.filter((s) => !(s in scripts))).toEqual([]);
  });

  it('shows only shipshape subcommands that exist', () => {
    const code = collect<Code>(readme, 'code')
      .map((c) => c.value)
      .join('\n');
    const shown = [...code.matchAll(/\bnpx shipshape ([\w-]+)/g)]
      .map((m) => m[1] ?? '')
      .filter((c) => !c.startsWith('-'));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.filter((name) => !allCommands.some((c) => c.name === name))).toEqual([]);
  });
});
