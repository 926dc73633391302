import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkWorkflowsCommand } from '../../../packages/cli/src/commands/check-workflows';
import type { CliIO } from '../../../packages/cli/src/io';
import { tempWorkflowDir } from './fixtures';

/** `shipshape check-workflows` in-process, on a temporary repository: exit codes, paths relative to cwd, --json. */

const CLEAN = `on: push
permissions: {}
jobs:
  a:
    runs-on: ubuntu-latest
    permissions:
      actions: read
    steps:
      - uses: acme/shipshape/actions/deploy-guard@v1
        with:
          queue: true
`;
const TYPO = CLEAN.replace('queue: true', 'queue: true\n          comit-gate: true');

function fakeIO(cwd: string, env: Record<string, string> = {}): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t), env, cwd };
}

let repo = '';
let remove: () => void = () => undefined;
beforeAll(() => {
  ({ dir: repo, remove } = tempWorkflowDir({}));
  mkdirSync(join(repo, '.github/workflows'), { recursive: true });
  writeFileSync(join(repo, '.github/workflows/clean.yml'), CLEAN);
  mkdirSync(join(repo, 'bad'));
  writeFileSync(join(repo, 'bad/typo.yml'), TYPO);
  mkdirSync(join(repo, 'empty'));
  mkdirSync(join(repo, 'kit'));
  writeFileSync(
    join(repo, 'kit/root.yml'),
    CLEAN.replace('acme/shipshape/actions/deploy-guard@v1', 'acme/deploy-kit@v1').replace(
      'with:\n',
      'with:\n          command: deploy-gaurd\n',
    ),
  );
  mkdirSync(join(repo, 'linked'));
  writeFileSync(join(repo, 'linked/real.yml'), CLEAN);
  symlinkSync('/dev/zero', join(repo, 'linked/zero.yml'));
});
afterAll(() => remove());

describe('shipshape check-workflows', () => {
  it('exit 0 on a clean .github/workflows (the default directory)', async () => {
    const io = fakeIO(repo);
    expect(await checkWorkflowsCommand.run([], io)).toBe(0);
    expect(io.out.join('')).toBe('1 workflow file checked: no findings\n');
  });

  it('exit 1 with file:line:col relative to where it runs', async () => {
    const io = fakeIO(repo);
    expect(await checkWorkflowsCommand.run(['bad'], io)).toBe(1);
    expect(io.out.join('')).toBe(
      "bad/typo.yml:12:11: 'comit-gate' is not an input of deploy-guard (did you mean 'commit-gate'?); the action never reads it [unknown-input]\n1 workflow file checked: 1 finding\n",
    );
    const below = fakeIO(join(repo, 'bad'));
    expect(await checkWorkflowsCommand.run(['.'], below)).toBe(1);
    expect(below.out.join('')).toMatch(/^typo\.yml:12:11: /);
  });

  it('--json', async () => {
    const io = fakeIO(repo);
    expect(await checkWorkflowsCommand.run(['bad', '--json'], io)).toBe(1);
    expect(JSON.parse(io.out.join(''))).toEqual({
      files: 1,
      findings: [expect.objectContaining({ file: 'bad/typo.yml', line: 12, col: 11, check: 'unknown-input' })],
    });
  });

  it('exit 2 naming the directory when it does not exist or holds no workflow', async () => {
    const missing = fakeIO(repo);
    expect(await checkWorkflowsCommand.run(['nowhere'], missing)).toBe(2);
    expect(missing.err.join('')).toBe('shipshape check-workflows: "nowhere": no such directory\n');
    const empty = fakeIO(repo);
    expect(await checkWorkflowsCommand.run(['empty'], empty)).toBe(2);
    expect(empty.err.join('')).toBe('shipshape check-workflows: "empty": no .yml or .yaml files\n');
    const two = fakeIO(repo);
    expect(await checkWorkflowsCommand.run(['bad', 'empty'], two)).toBe(2);
    expect(two.err.join('')).toMatch(/^shipshape check-workflows: unexpected argument "empty"\n/);
  });

  it('--repo: the root action of a copy with another name is checked as ours', async () => {
    const plain = fakeIO(repo);
    expect(await checkWorkflowsCommand.run(['kit'], plain)).toBe(0);
    const io = fakeIO(repo);
    expect(await checkWorkflowsCommand.run(['kit', '--repo', 'acme/deploy-kit'], io)).toBe(1);
    expect(io.out.join('')).toMatch(
      /^kit\/root\.yml:11:20: 'deploy-gaurd' is not a shipshape command \(did you mean 'deploy-guard'\?\)/,
    );
    const bad = fakeIO(repo);
    expect(await checkWorkflowsCommand.run(['kit', '--repo', 'deploy-kit'], bad)).toBe(2);
    expect(bad.err.join('')).toMatch(/--repo must be owner\/name \(e\.g\. acme\/deploy-kit\), got "deploy-kit"/);
  });

  it('a workflow that is a symbolic link (to /dev/zero) is a finding, never read', async () => {
    const io = fakeIO(repo);
    expect(await checkWorkflowsCommand.run(['linked'], io)).toBe(1);
    expect(io.out.join('')).toBe(
      'linked/zero.yml:1:1: not a regular file; GitHub reads only files committed in the repository [syntax]\n2 workflow files checked: 1 finding\n',
    );
  });

  it('--help names the operand and the exit codes', async () => {
    const io = fakeIO(repo);
    expect(await checkWorkflowsCommand.run(['--help'], io)).toBe(0);
    expect(io.out.join('')).toMatch(/^Usage: shipshape check-workflows \[options\] \[dir\]\n/);
    expect(io.out.join('')).toMatch(/Exit codes: 0 nothing found, 1 findings, 2 /);
  });

  it('under GITHUB_ACTIONS a hostile key cannot start a workflow command', async () => {
    writeFileSync(join(repo, 'bad/hostile.yml'), TYPO.replace('comit-gate: true', '"##[error]x": 1'));
    const io = fakeIO(repo, { GITHUB_ACTIONS: 'true' });
    expect(await checkWorkflowsCommand.run(['bad'], io)).toBe(1);
    expect(io.out.join('')).not.toMatch(/##\[/);
    // The same run outside Actions prints the key as written: the test above is not vacuous.
    const plain = fakeIO(repo);
    await checkWorkflowsCommand.run(['bad'], plain);
    expect(plain.out.join('')).toMatch(/'##\[error\]x' is not an input/);
  });
});
