import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `shipshape init` then `shipshape check-workflows`, the two commands of a new user, through the committed CLI
 * bundle on an empty repository: what is written, what is refused, and that the written files pass the check.
 */
const BIN = new URL('../../packages/cli/dist/index.js', import.meta.url).pathname;
const SHA = '0123456789abcdef0123456789abcdef01234567';

function shipshape(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function withRepository(body: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-init-'));
  try {
    body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const INIT = [
  'init',
  '--workflows',
  'pr-checks,release',
  '--uses',
  `acme/shipshape@${SHA}`,
  '--tag',
  'v1.2.0',
  '--yes',
];

describe('shipshape init (committed bundle, empty repository)', () => {
  it('writes the workflows picked, pinned to the SHA, and check-workflows passes them', () => {
    withRepository((dir) => {
      const init = shipshape(dir, ...INIT);
      expect(init.stderr).toBe('');
      expect(init.code).toBe(0);
      expect(init.stdout).toMatch(
        /^wrote \.github\/workflows\/pr-checks\.yml\nwrote \.github\/workflows\/release\.yml\n/,
      );
      expect(init.stdout).toMatch(/secrets: SLACK_BOT_TOKEN/);
      expect(init.stdout).toMatch(/required checks: .*Roll-out plan/);
      expect(readdirSync(join(dir, '.github/workflows')).sort()).toEqual(['pr-checks.yml', 'release.yml']);
      for (const file of ['pr-checks.yml', 'release.yml']) {
        const text = readFileSync(join(dir, '.github/workflows', file), 'utf8');
        const ours = text.match(/uses: \S*shipshape\S*/g) ?? [];
        expect(ours.length).toBeGreaterThan(0);
        for (const uses of ours) expect(uses).toMatch(new RegExp(`^uses: acme/shipshape(/actions/[a-z-]+)?@${SHA}$`));
      }
      const check = shipshape(dir, 'check-workflows');
      expect(check.stdout).toBe('2 workflow files checked: no findings\n');
      expect(check.code).toBe(0);
    });
  });

  it('never overwrites without --force, and writes nothing at all when one file exists', () => {
    withRepository((dir) => {
      mkdirSync(join(dir, '.github/workflows'), { recursive: true });
      writeFileSync(join(dir, '.github/workflows/release.yml'), 'name: ours\n');
      const refused = shipshape(dir, ...INIT);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(
        /^shipshape init: \.github\/workflows\/release\.yml already exists; nothing written/,
      );
      expect(readdirSync(join(dir, '.github/workflows'))).toEqual(['release.yml']);
      expect(readFileSync(join(dir, '.github/workflows/release.yml'), 'utf8')).toBe('name: ours\n');
      const forced = shipshape(dir, ...INIT, '--force');
      expect(forced.code).toBe(0);
      expect(readFileSync(join(dir, '.github/workflows/release.yml'), 'utf8')).toMatch(
        /^# Written by `shipshape init`/,
      );
    });
  });

  it('never writes through a symbolic link, even with --force (a dangling one included)', () => {
    withRepository((dir) => {
      const outside = mkdtempSync(join(tmpdir(), 'shipshape-outside-'));
      try {
        mkdirSync(join(dir, '.github'));
        symlinkSync(outside, join(dir, '.github/workflows'));
        const linkedDir = shipshape(dir, ...INIT, '--force');
        expect(linkedDir.code).toBe(1);
        expect(linkedDir.stderr).toMatch(/^shipshape init: \.github\/workflows is a symbolic link/);
        rmSync(join(dir, '.github/workflows'));
        mkdirSync(join(dir, '.github/workflows'));
        symlinkSync(join(outside, 'release.yml'), join(dir, '.github/workflows/release.yml'));
        const dangling = shipshape(dir, ...INIT, '--force');
        expect(dangling.code).toBe(1);
        expect(dangling.stderr).toMatch(/release\.yml is a symbolic link/);
        expect(readdirSync(outside)).toEqual([]);
        expect(readdirSync(join(dir, '.github/workflows'))).toEqual(['release.yml']);
      } finally {
        rmSync(outside, { recursive: true, force: true });
      }
    });
  });

  it('refuses a target directory that is missing, or a workflow path that is a directory, writing nothing', () => {
    withRepository((dir) => {
      const missing = shipshape(dir, ...INIT, 'no-such-repo');
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/^shipshape init: "no-such-repo" is not a directory/);
      mkdirSync(join(dir, '.github/workflows/release.yml'), { recursive: true });
      const inTheWay = shipshape(dir, ...INIT, '--force');
      expect(inTheWay.code).toBe(1);
      expect(inTheWay.stderr).toMatch(/\.github\/workflows\/release\.yml is in the way/);
      expect(readdirSync(join(dir, '.github/workflows'))).toEqual(['release.yml']);
    });
  });

  it('ends a bad or missing value with a usage error naming the flag', () => {
    withRepository((dir) => {
      const missing = shipshape(dir, 'init', '--workflows', 'release', '--yes');
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/^shipshape init: --uses is required\nRun 'shipshape init --help' for usage\.\n$/);
      const zone = shipshape(dir, ...INIT, '--time-zone', 'Mars/Olympus');
      expect(zone.code).toBe(2);
      expect(zone.stderr).toMatch(/^shipshape init: --time-zone is invalid/);
      expect(readdirSync(dir)).toEqual([]);
    });
  });

  it('finds a misspelt input that turns a check off, with its line', () => {
    withRepository((dir) => {
      expect(shipshape(dir, ...INIT).code).toBe(0);
      const path = join(dir, '.github/workflows/release.yml');
      writeFileSync(path, readFileSync(path, 'utf8').replace('commit-gate: true', 'comit-gate: true'));
      const check = shipshape(dir, 'check-workflows');
      expect(check.code).toBe(1);
      expect(check.stdout).toMatch(/^\.github\/workflows\/release\.yml:\d+:\d+: .*comit-gate.*commit-gate/m);
    });
  });
});
