// Cold start of every action's committed bundle, run through the runner harness exactly as GitHub runs it, as a
// ratio to a bare `node -e ""` spawned the same way in the same run. Runtimes: Node 24 (what `runs.using: node24`
// gives) and Node 20. Every target on every runtime is measured once per round, in a rotating order, so machine
// noise hits all of them alike; the figure is the median of ROUNDS rounds. Also reports each bundle's size.
// An action whose bundle does not exist yet is skipped with a notice (and picked up once its dist exists).
// The emulators speak plain HTTP, so a run here never loads node:https, which a real run loads at its first request.
// See tests/bench/README.md.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startGitHubEmulator } from '@shipshape/testing/github-emulator';
import { SlackEmulator } from '@shipshape/testing/slack-emulator';
import { runActionBundle, runnerNode } from '@shipshape/testing/runner';
import { bundlePath, bundleSize, median, nodeVersion, findNode20, type BenchRow } from './support';
import { SCENARIOS, prepareScenarios } from './scenarios';

const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 21));
const START_RATIO_GOAL = 1.8;
const BUNDLE_GOAL_KB = 600;

/** Wall time of `node <args>` spawned like the runner spawns a bundle (pipes, from spawn to close). */
function spawnTime(node: string, args: string[]): Promise<number> {
  const started = performance.now();
  const child = spawn(node, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', LANG: 'C.UTF-8' },
  });
  child.stdout.resume();
  child.stderr.resume();
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', () => resolve(performance.now() - started));
  });
}

/** Bytes of JavaScript in an action's dist/: the entry and every chunk it may load. */
function codeBytes(action: string): number {
  const dist = dirname(bundlePath(action));
  return readdirSync(dist)
    .filter((name) => name.endsWith('.js'))
    .reduce((sum, name) => sum + statSync(join(dist, name)).size, 0);
}

interface Target {
  key: string;
  runtime: string;
  measure(): Promise<number>;
}

async function main(): Promise<void> {
  const github = await startGitHubEmulator();
  const slack = await SlackEmulator.start();
  const notes: string[] = [];
  const rows: BenchRow[] = [];
  const node20 = findNode20();
  const runtimes = [{ label: `Node ${nodeVersion(runnerNode())}`, node: runnerNode() }];
  if (node20) runtimes.push({ label: `Node ${nodeVersion(node20)}`, node: node20 });
  else notes.push('NOTICE: no Node 20 binary found on PATH (set SHIPSHAPE_NODE20): Node 20 not measured');

  const { ready, skipped } = prepareScenarios(SCENARIOS, github, slack);
  for (const s of skipped) {
    notes.push(`NOTICE: ${s.action} skipped: ${s.reason}`);
    process.stderr.write(`bench: NOTICE: ${s.action} skipped: ${s.reason}\n`);
  }

  const targets: Target[] = [];
  for (const runtime of runtimes) {
    targets.push({ key: 'bare', runtime: runtime.label, measure: () => spawnTime(runtime.node, ['-e', '']) });
    // What a real run adds at its first request to api.github.com or Slack (the TLS stack), absent from the scenarios.
    targets.push({
      key: 'https',
      runtime: runtime.label,
      measure: () => spawnTime(runtime.node, ['-e', "require('node:https')"]),
    });
    for (const p of ready) {
      // The bundle alone: loaded with no runner environment, it stops at its first input error (no network).
      targets.push({
        key: `${p.action} load`,
        runtime: runtime.label,
        measure: () => spawnTime(runtime.node, [bundlePath(p.action)]),
      });
      targets.push({
        key: p.action,
        runtime: runtime.label,
        async measure() {
          p.beforeEach?.();
          const result = await runActionBundle({ ...p.options, node: runtime.node });
          if (result.exitCode !== 0) {
            throw new Error(
              `${p.action} failed in its bench scenario on ${runtime.label} (exit ${result.exitCode}): ${result.failure ?? result.stderr.slice(0, 500)}`,
            );
          }
          return result.durationMs;
        },
      });
    }
  }
  const failed = new Map<string, string>();
  const times = new Map<string, number[]>(targets.map((t) => [`${t.runtime}|${t.key}`, []]));
  // Round -1 warms the page cache and the emulators' JIT; it is not counted.
  for (let round = -1; round < ROUNDS; round++) {
    const rotation = ((round % targets.length) + targets.length) % targets.length;
    const order = [...targets.slice(rotation), ...targets.slice(0, rotation)];
    for (const target of order) {
      const id = `${target.runtime}|${target.key}`;
      if (failed.has(id)) continue;
      try {
        const ms = await target.measure();
        if (round >= 0) times.get(id)?.push(ms);
      } catch (error) {
        failed.set(id, (error as Error).message);
      }
    }
  }

  for (const runtime of runtimes) {
    const bare = median(times.get(`${runtime.label}|bare`) ?? []);
    rows.push({ label: `${runtime.label}: bare node -e ""`, medianMs: bare, ratio: 1 });
    const https = median(times.get(`${runtime.label}|https`) ?? []);
    rows.push({ label: `${runtime.label}: bare node + require('node:https')`, medianMs: https, ratio: https / bare });
    for (const p of ready) {
      const id = `${runtime.label}|${p.action}`;
      const failure = failed.get(id);
      if (failure) {
        rows.push({ label: `${runtime.label}: ${p.action} cold start`, error: failure });
        continue;
      }
      const ms = median(times.get(id) ?? []);
      const ratio = ms / bare;
      rows.push({
        label: `${runtime.label}: ${p.action} cold start`,
        medianMs: ms,
        ratio,
        goal: `≤ ${START_RATIO_GOAL}× bare node`,
        met: ratio <= START_RATIO_GOAL,
      });
      const load = median(times.get(`${id} load`) ?? []);
      rows.push({ label: `${runtime.label}: ${p.action} bundle load only`, medianMs: load, ratio: load / bare });
    }
  }
  for (const s of SCENARIOS) {
    const size = bundleSize(s.action);
    if (!size) continue;
    const kb = size.indexBytes / 1024;
    rows.push({
      label: `${s.action} bundle (dist/index.js)`,
      value: Math.round(kb),
      unit: 'KB',
      goal: `< ${BUNDLE_GOAL_KB} KB`,
      met: kb < BUNDLE_GOAL_KB,
    });
    rows.push({ label: `${s.action} dist/ total`, value: Math.round(size.distBytes / 1024), unit: 'KB' });
    // Code a run does not always need sits in lazy chunks (dist/<id>.index.js), read only when its import runs.
    rows.push({
      label: `${s.action} all code (index.js + lazy chunks)`,
      value: Math.round(codeBytes(s.action) / 1024),
      unit: 'KB',
    });
  }
  await github.close();
  await slack.close();
  notes.push(
    `median of ${ROUNDS} rounds after 1 warm-up; every target once per round in rotating order; durations from spawn to exit, as on a runner`,
  );
  notes.push(
    'cold start = the minimal scenario end to end against the emulators (their answer time included); load only = the bundle started without a runner environment, stopping at its first input error',
  );
  notes.push(
    "the emulators speak plain HTTP: a real run also loads node:https at its first request (the 'bare node + node:https' row minus bare node)",
  );
  console.log(JSON.stringify({ name: 'cold-start', rows, notes: notes.join('; ') }));
}

await main();
