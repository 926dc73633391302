import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mergeGateCommand } from '../../../packages/cli/src/commands/merge-gate';
import type { CliIO } from '../../../packages/cli/src/io';

const HEAD = 'a'.repeat(40);

function workdir(
  reviews: { login: string; state: string; commit?: string }[],
): CliIO & { out: string[]; err: string[] } {
  const cwd = mkdtempSync(join(tmpdir(), 'merge-gate-cli-'));
  const pull = {
    number: 7,
    title: 'Release',
    body: '',
    state: 'open',
    user: { login: 'dave' },
    labels: [],
    base: { ref: 'master' },
    head: { ref: 'develop', sha: HEAD },
  };
  writeFileSync(join(cwd, 'pr.json'), JSON.stringify(pull));
  writeFileSync(
    join(cwd, 'reviews.json'),
    JSON.stringify(
      reviews.map((r, i) => ({ id: i + 1, user: { login: r.login }, state: r.state, commit_id: r.commit ?? HEAD })),
    ),
  );
  writeFileSync(join(cwd, 'LEADS'), '* @alice @bob @carol\n');
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, cwd };
}

const FILES = ['--pull-file', 'pr.json', '--reviews-file', 'reviews.json'];

describe('shipshape merge-gate', () => {
  it('blocks at 1 of 3 leads (exit 1) and passes at 2 of 3 (exit 0), from a local leads file', async () => {
    const one = workdir([{ login: 'alice', state: 'APPROVED' }]);
    expect(await mergeGateCommand.run([...FILES, '--leads', './LEADS'], one)).toBe(1);
    expect(one.out.join('')).toMatch(/^#7 may not be merged: quorum: 1 of 2 lead approvals/);
    const two = workdir([
      { login: 'alice', state: 'APPROVED' },
      { login: 'bob', state: 'APPROVED' },
    ]);
    expect(await mergeGateCommand.run([...FILES, '--leads', './LEADS', '--json'], two)).toBe(0);
    expect(JSON.parse(two.out.join(''))).toMatchObject({
      allowed: true,
      missing: 0,
      approvals: { counted: ['alice', 'bob'] },
    });
  });

  it('judges the window at --at', async () => {
    const io = workdir([]);
    const args = [...FILES, '--window', 'mon-fri 08:00-17:00 Europe/Paris', '--change-requests', 'off'];
    expect(await mergeGateCommand.run([...args, '--at', '2026-12-04T15:30:00Z'], io)).toBe(0);
    expect(await mergeGateCommand.run([...args, '--at', '2026-12-04T18:30:00Z'], io)).toBe(1);
  });

  it('a bad value is a usage error naming the flag', async () => {
    const io = workdir([]);
    expect(await mergeGateCommand.run([...FILES, '--leads', 'alice', '--quorum', 'most'], io)).toBe(2);
    expect(io.err.join('')).toMatch(/^shipshape merge-gate: --quorum is invalid: expected 'half', 'majority', 'all'/);
    expect(await mergeGateCommand.run(['--pull-file', 'missing.json', '--reviews-file', 'reviews.json'], io)).toBe(2);
    expect(io.err.join('')).toMatch(/cannot read the pull request file missing.json: ENOENT/);
  });
});
