import { beforeAll, afterAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The CLI as a package: `npm pack` of packages/cli, installed offline into an empty folder with no workspace around
 * it, runs `shipshape --help` and every subcommand. The bundle must carry everything it needs (no dependencies).
 */
const CLI_DIR = new URL('../../packages/cli', import.meta.url).pathname;
const npm = (args: string[], cwd: string) =>
  spawnSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8' });

let home: string;
let bin: string;

// npm pack and an offline install take a few seconds; a busy machine gets room (a limit, not a measurement).
beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'shipshape-package-'));
  const packed = npm(['pack', '--pack-destination', home, '--json'], CLI_DIR);
  expect(packed.status).toBe(0);
  const [tarball] = JSON.parse(packed.stdout) as { filename: string }[];
  const filename = tarball?.filename ?? 'missing: npm pack printed no file';
  const project = join(home, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), '{ "name": "empty", "private": true }\n');
  const installed = npm(['install', '--offline', join(home, filename)], project);
  expect(installed.stderr).toBe('');
  expect(installed.status).toBe(0);
  bin = join(project, 'node_modules/.bin/shipshape');
}, 300_000);

afterAll(() => rmSync(home, { recursive: true, force: true }));

const run = (...args: string[]) => {
  const result = spawnSync(bin, args, { cwd: home, encoding: 'utf8', env: { PATH: process.env.PATH } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

describe('the CLI package (npm pack, installed into an empty folder)', () => {
  it('is named so npx finds it, ships dist only, and has no dependencies to fetch', () => {
    const installed = readdirSync(join(home, 'project/node_modules')).filter((n) => !n.startsWith('.'));
    expect(installed).toEqual(['shipshape']);
    expect(readdirSync(join(home, 'project/node_modules/shipshape')).sort()).toEqual(
      expect.arrayContaining(['dist', 'package.json']),
    );
    expect(readdirSync(join(home, 'project/node_modules/shipshape'))).not.toContain('src');
  });

  it('answers --help with every subcommand, and each subcommand its own help', () => {
    const help = run('--help');
    expect(help.code).toBe(0);
    const commands = [...help.stdout.matchAll(/^ {2}([a-z-]+) {2,}/gm)].map((m) => m[1] as string);
    expect(commands).toEqual(
      expect.arrayContaining(['changelog', 'window', 'plan-lint', 'notify', 'merge-gate', 'check-workflows', 'init']),
    );
    for (const command of commands) {
      const own = run(command, '--help');
      expect(own.code).toBe(0);
      expect(own.stdout).toMatch(new RegExp(`^Usage: shipshape ${command}`));
    }
  });

  it('runs real work with nothing around it: a window check and a workflow check', () => {
    const window = run('window', '--window', 'mon-fri 08:00-17:00 UTC', '--at', '2026-03-30T09:00:00Z');
    expect(window.code).toBe(0);
    expect(window.stdout).toMatch(/^open at Mon 2026-03-30 09:00/);
    const empty = run('check-workflows', 'no-such-dir');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^shipshape check-workflows: "no-such-dir": no such directory/);
  });
});
