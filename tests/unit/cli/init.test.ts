import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initCommand } from '../../../packages/cli/src/commands/init';
import type { CliIO } from '../../../packages/cli/src/io';

function fakeIO(cwd: string, answers: string[] | undefined): CliIO & { out: string[]; err: string[]; asked: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const asked: string[] = [];
  const ask = answers && (async (question: string) => (asked.push(question), answers.shift() ?? ''));
  return { out, err, asked, stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, cwd, ask };
}

function inTempDir(body: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'shipshape-init-unit-'));
  return body(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

describe('shipshape init at a terminal', () => {
  it('asks for the workflows and the pin the flags did not give', () =>
    inTempDir(async (dir) => {
      const io = fakeIO(dir, ['staging', `acme/shipshape@${'b'.repeat(40)}`]);
      expect(await initCommand.run([], io)).toBe(0);
      expect(io.asked).toEqual([expect.stringMatching(/^Workflows \(.*staging.*\): $/), expect.stringMatching(/sha/)]);
      expect(readdirSync(join(dir, '.github/workflows'))).toEqual(['staging.yml']);
    }));

  it('asks nothing with --yes, and an empty answer is the usage error the flag would give', () =>
    inTempDir(async (dir) => {
      const yes = fakeIO(dir, ['staging']);
      expect(await initCommand.run(['--yes'], yes)).toBe(2);
      expect(yes.asked).toEqual([]);
      expect(yes.err.join('')).toMatch(/^shipshape init: --workflows is required\n/);
      const empty = fakeIO(dir, ['']);
      expect(await initCommand.run([], empty)).toBe(2);
      expect(empty.err.join('')).toMatch(/--workflows is required \(no answer given\)/);
      expect(readdirSync(dir)).toEqual([]);
    }));
});
