import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { planLintCommand } from '../../../packages/cli/src/commands/plan';
import type { CliIO } from '../../../packages/cli/src/io';
import { DEFAULT_PRESET, PRESETS } from '../../../actions/plan-lint/src/preset';

const dir = mkdtempSync(join(tmpdir(), 'plan-cli-'));
const FILLED = (PRESETS[DEFAULT_PRESET] ?? '')
  .replace(/\*\*:/g, '**: None')
  .replace('1. [ ] XXX', '1. [ ] deploy')
  .replace('## Verification plan', '## Verification plan\nWatch the dashboards.')
  .replace('## Rollback strategy', '## Rollback strategy\nRevert.');
writeFileSync(join(dir, 'filled.md'), FILLED);
writeFileSync(join(dir, 'empty.md'), PRESETS[DEFAULT_PRESET] ?? '');
writeFileSync(join(dir, 'template.md'), '## Summary\n## Risks\n');
writeFileSync(join(dir, 'small.md'), '## Summary\nAdds export\n## Risks\nNone\n');
writeFileSync(
  join(dir, 'plan-lint.yml'),
  "template: template.md\nwhen:\n  - paths: ['migrations/**']\n    require: [Rollback]\n",
);
writeFileSync(join(dir, 'bad.yml'), 'colour: blue\n');
writeFileSync(join(dir, 'files.txt'), 'src/a.ts\nmigrations/001.sql\n');

function fakeIO(): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, cwd: dir };
}

describe('shipshape plan-lint', () => {
  it('passes a filled plan against the default preset (exit 0)', async () => {
    const io = fakeIO();
    expect(await planLintCommand.run(['--body-file', 'filled.md'], io)).toBe(0);
    expect(io.out.join('')).toMatch(/^Plan check passed/);
  });

  it('fails the untouched preset (exit 1) and prints JSON on request', async () => {
    const io = fakeIO();
    expect(await planLintCommand.run(['--body-file', 'empty.md', '--json'], io)).toBe(1);
    const report = JSON.parse(io.out.join('')) as {
      valid: boolean;
      problems: { section: string; code: string; message: string }[];
    };
    expect(report.valid).toBe(false);
    expect(report.problems.find((p) => p.section === 'Deployment steps')?.code).toBe('unchanged');
    expect(Object.keys(report.problems[0] ?? {}).sort()).toEqual(['code', 'message', 'section']);
  });

  it('names a near miss and the alias that accepts it (exit 1)', async () => {
    writeFileSync(join(dir, 'renamed.md'), FILLED.replace('## Rollback strategy', '## Rollback plan'));
    const io = fakeIO();
    expect(await planLintCommand.run(['--body-file', 'renamed.md'], io)).toBe(1);
    expect(io.out.join('')).toContain(
      'Section "Rollback strategy" is missing: found "Rollback plan" — did you mean "Rollback strategy"?',
    );
    expect(io.out.join('')).toContain('aliases: {"Rollback strategy": ["Rollback plan"]}');
  });

  it('fails a WIP title', async () => {
    const io = fakeIO();
    expect(await planLintCommand.run(['--body-file', 'filled.md', '--title', '[WIP] thing'], io)).toBe(1);
    expect(io.out.join('')).toMatch(/work in progress/);
  });

  it('uses a template, a config with conditional rules, changed files and labels', async () => {
    expect(await planLintCommand.run(['--body-file', 'small.md', '--template', 'template.md'], fakeIO())).toBe(0);
    expect(await planLintCommand.run(['--body-file', 'small.md', '--config', 'plan-lint.yml'], fakeIO())).toBe(0);
    const io = fakeIO();
    expect(
      await planLintCommand.run(
        ['--body-file', 'small.md', '--config', 'plan-lint.yml', '--changed-files', 'files.txt', '--labels', 'a,b'],
        io,
      ),
    ).toBe(1);
    expect(io.out.join('')).toMatch(/"Rollback" is missing/);
  });

  it.each([
    [[], /--body-file is required/],
    [['--body-file', 'nope.md'], /cannot read the body file nope\.md: ENOENT/],
    [['--body-file', 'small.md', '--config', 'bad.yml'], /bad\.yml: unknown key 'colour'/],
    [['--body-file', 'small.md', '--config', 'missing.yml'], /missing\.yml does not exist/],
    [['--body-file', 'small.md', '--template', 'missing.md'], /template missing\.md does not exist/],
    [['--bogus'], /^shipshape plan-lint: unknown option "--bogus"\n/],
  ])('exits 2 with a clear message for %j', async (...row) => {
    const [args, message] = row as [string[], RegExp];
    const io = fakeIO();
    expect(await planLintCommand.run(args, io)).toBe(2);
    expect(io.err.join('')).toMatch(message);
  });
});
