import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { transformFileSync } from '@swc/core';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { REPO_ROOT, parseFileCommands, parseWorkflowCommands, type WorkflowCommand } from '@shipshape/testing/runner';

/**
 * Proof that our runner protocol (packages/kit, docs/performance.md row 1) says what @actions/core says: the same
 * scenario of outputs, state, masks, annotations, debug lines, a failure and a summary, with hostile values, is run
 * once through @actions/core and once through the kit, each in a process of its own as a step would, and what each
 * leaves on stdout and in the file commands is parsed the way the runner parses it. The parses must be equal.
 *
 * Deliberate differences, each asserted below rather than hidden:
 * - the kit breaks `##[` inside annotation and debug messages with a zero-width space (the runner's legacy parse
 *   finds `##[` anywhere in a line), so messages are compared with U+200B removed;
 * - the kit also masks each line of a multi-line secret (the runner masks line by line), so its masks are a superset;
 * - the kit ends a summary chunk with a newline when it lacks one.
 * The kit writes no GITHUB_ENV or GITHUB_PATH (no action exports variables or paths), so those are not compared.
 */

interface Scenario {
  outputs: [string, string][];
  state: [string, string][];
  secrets: string[];
  annotations: {
    level: 'error' | 'warning' | 'notice';
    message: string;
    title?: string;
    file?: string;
    line?: number;
  }[];
  debug: string[];
  summary: string;
  failure: string;
}

const HOSTILE = [
  'plain',
  '',
  'multi\nline\r\nvalue\rwith a lone CR',
  '100% done %0A %25 %3A',
  'ghadelimiter_00000000-0000-0000-0000-000000000000\nEOF\nname<<EOF',
  'separators\u2028line\u2029paragraph\u0085next',
  '::error::inner command',
  'key=value, other:thing',
  'emoji 🚀 and ##[warning]legacy',
  'x'.repeat(100_000),
];

const scenario: Scenario = {
  outputs: HOSTILE.map((value, i) => [`out-${i}`, value]),
  state: HOSTILE.map((value, i) => [`state_${i}`, value]),
  secrets: ['s3cr3t-value', 'multi\nline-secret', 'with % and :: inside'],
  annotations: HOSTILE.slice(0, 9).flatMap((message, i) => [
    { level: 'error' as const, message, title: `title: a,b\n${i}`, file: `src/a,b:${i}.ts`, line: i + 1 },
    { level: 'warning' as const, message },
    { level: 'notice' as const, message, title: message },
  ]),
  debug: HOSTILE.slice(0, 9),
  summary: `## Summary\n\n| a | b |\n| - | - |\n| ${HOSTILE[8]} | 100% |`,
  failure: 'failed: multi\nline %0A ::error:: ##[error]',
};

const CORE_DRIVER = `
const [corePath, scenarioPath] = process.argv.slice(2);
const core = await import(corePath);
const fs = await import('node:fs');
const s = JSON.parse(fs.readFileSync(scenarioPath, 'utf8'));
for (const secret of s.secrets) core.setSecret(secret);
for (const [name, value] of s.outputs) core.setOutput(name, value);
for (const [name, value] of s.state) core.saveState(name, value);
for (const a of s.annotations) core[a.level](a.message, { title: a.title, file: a.file, startLine: a.line });
for (const m of s.debug) core.debug(m);
await core.summary.addRaw(s.summary).write();
core.setFailed(s.failure);
`;

const KIT_DRIVER = `
const [kitDir, scenarioPath] = process.argv.slice(2);
const kit = require(kitDir + '/action.js');
const fs = require('node:fs');
const s = JSON.parse(fs.readFileSync(scenarioPath, 'utf8'));
kit.maskSecrets(...s.secrets);
kit.writeOutputs(Object.fromEntries(s.outputs));
for (const [name, value] of s.state) kit.saveState(name, value);
for (const a of s.annotations) kit.runnerLogger[a.level](a.message, { title: a.title, file: a.file, startLine: a.line });
for (const m of s.debug) kit.runnerLogger.debug(m);
kit.writeSummary(s.summary);
kit.stepFailed(s.failure);
`;

interface StepResult {
  exitCode: number | null;
  commands: WorkflowCommand[];
  outputs: Record<string, string>;
  state: Record<string, string>;
  summary: string;
}

let work: string;
let kitDir: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'core-differential-'));
  // The kit as the bundles compile it (swc, CommonJS), without building a bundle.
  kitDir = join(work, 'kit');
  mkdirSync(kitDir);
  const source = join(REPO_ROOT, 'packages/kit/src');
  for (const file of readdirSync(source).filter((f) => f.endsWith('.ts'))) {
    const { code } = transformFileSync(join(source, file), {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
    });
    writeFileSync(join(kitDir, file.replace(/\.ts$/, '.js')), code);
  }
  writeFileSync(join(work, 'scenario.json'), JSON.stringify(scenario));
  writeFileSync(join(work, 'core-driver.mjs'), CORE_DRIVER);
  writeFileSync(join(work, 'kit-driver.cjs'), KIT_DRIVER);
});

function runStep(driver: string, target: string): StepResult {
  const dir = mkdtempSync(join(work, 'step-'));
  const files = { output: join(dir, 'output'), state: join(dir, 'state'), summary: join(dir, 'summary') };
  for (const file of Object.values(files)) writeFileSync(file, '');
  const child = spawnSync(process.execPath, [join(work, driver), target, join(work, 'scenario.json')], {
    env: {
      PATH: process.env.PATH,
      GITHUB_OUTPUT: files.output,
      GITHUB_STATE: files.state,
      GITHUB_STEP_SUMMARY: files.summary,
    },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.error) throw child.error;
  return {
    exitCode: child.status,
    commands: parseWorkflowCommands(child.stdout),
    outputs: parseFileCommands(readFileSync(files.output, 'utf8')),
    state: parseFileCommands(readFileSync(files.state, 'utf8')),
    summary: readFileSync(files.summary, 'utf8'),
  };
}

const withoutZwsp = (command: WorkflowCommand): WorkflowCommand => ({
  ...command,
  message: command.message.replace(/\u200b/g, ''),
});

describe('the kit and @actions/core, parsed as the runner parses them', () => {
  let core: StepResult;
  let kit: StepResult;
  beforeAll(() => {
    // @actions/core 3 is ESM-only; its entry is named in its package.json (`exports['.'].import`).
    const corePath = pathToFileURL(join(REPO_ROOT, 'node_modules/@actions/core/lib/core.js')).href;
    core = runStep('core-driver.mjs', corePath);
    kit = runStep('kit-driver.cjs', kitDir);
  });

  it('fail the step alike', () => {
    expect(core.exitCode).toBe(1);
    expect(kit.exitCode).toBe(1);
  });

  it('write the same outputs and state, whatever the values hold', () => {
    expect(Object.keys(core.outputs)).toHaveLength(HOSTILE.length);
    expect(kit.outputs).toEqual(core.outputs);
    expect(kit.state).toEqual(core.state);
  });

  it('print the same annotations, debug lines and failure (the kit breaking ##[ with a zero-width space)', () => {
    const notMask = (c: WorkflowCommand): boolean => c.command !== 'add-mask';
    const coreCommands = core.commands.filter(notMask);
    const kitCommands = kit.commands.filter(notMask);
    expect(coreCommands.length).toBe(scenario.annotations.length + scenario.debug.length + 1);
    expect(kitCommands.map(withoutZwsp)).toEqual(coreCommands);
    const legacy = kitCommands.filter((c, i) => c.message !== coreCommands[i]?.message);
    expect(legacy.length).toBeGreaterThan(0);
    expect(legacy.every((c) => !c.message.includes('##[') && c.message.replace(/\u200b/g, '').includes('##['))).toBe(
      true,
    );
  });

  it('mask every secret core masks (and each line of a multi-line one)', () => {
    const masks = (r: StepResult): string[] => r.commands.filter((c) => c.command === 'add-mask').map((c) => c.message);
    expect(masks(kit)).toEqual(expect.arrayContaining(masks(core)));
    expect(masks(kit)).toEqual(expect.arrayContaining(['multi', 'line-secret']));
  });

  it('append the same summary (the kit ends it with a newline)', () => {
    expect(core.summary).toBe(scenario.summary);
    expect(kit.summary).toBe(`${scenario.summary}\n`);
  });
});
