import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { changelogCommand } from '@shipshape/cli/commands/changelog';
import type { CliIO } from '@shipshape/cli/io';

const dir = mkdtempSync(join(tmpdir(), 'cl-'));
writeFileSync(join(dir, 'CHANGELOG.md'), '# Changelog\n\n## v1.2.3 (2024-01-01)\n\n- fix\n\n## v1.2.2\n\n- old\n');

function fakeIO(): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, cwd: dir };
}

describe('shipshape changelog', () => {
  it('prints the body', async () => {
    const io = fakeIO();
    expect(await changelogCommand.run(['--version', '1.2.3'], io)).toBe(0);
    expect(io.out.join('')).toBe('- fix\n');
  });
  it('prints JSON', async () => {
    const io = fakeIO();
    expect(await changelogCommand.run(['--file', 'CHANGELOG.md', '--version', 'v1.2.3', '--json'], io)).toBe(0);
    expect(JSON.parse(io.out.join(''))).toEqual({
      version: '1.2.3',
      date: '2024-01-01',
      title: 'v1.2.3 (2024-01-01)',
      body: '- fix',
      anchor: 'v123-2024-01-01',
    });
  });
  it('exits 1 with a hint when missing, 2 on usage errors', async () => {
    const io = fakeIO();
    expect(await changelogCommand.run(['--version', '1.2.4'], io)).toBe(1);
    expect(io.err.join('')).toContain('did you mean 1.2.3?');
    expect(await changelogCommand.run([], fakeIO())).toBe(2);
    expect(await changelogCommand.run(['--nope'], fakeIO())).toBe(2);
  });
});
