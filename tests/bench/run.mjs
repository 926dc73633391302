// `npm run bench`: bundles every tests/bench/*.bench.ts with ncc, runs each in its own process (so one
// benchmark's warm caches and JIT state never help another), collects the JSON object each prints on its
// last line, prints one table and writes .bench/results.json. Not part of `npm test`.
// Usage: npm run bench [-- name-filter]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const benchDir = join(root, 'tests/bench');
const outDir = join(root, '.bench');
const ncc = join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js');
const filter = process.argv[2];

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
  const run = spawnSync(process.execPath, [join(out, 'index.js')], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, SHIPSHAPE_REPO_ROOT: root },
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
  node: process.version,
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
