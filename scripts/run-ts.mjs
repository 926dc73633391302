// Runs a TypeScript entry point (demo, benchmarks) by bundling it with ncc into .cache/ first, so it uses
// exactly the module resolution the action bundles use. Usage: node scripts/run-ts.mjs <file.ts> [args…]
// --transpile-only: CI type-checks the whole project separately; a demo run should not wait for it.
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs <file.ts> [args…]');
  process.exit(2);
}
const out = join(
  root,
  '.cache',
  relative(root, join(process.cwd(), entry)).replace(/[\\/]/g, '_').replace(/\.ts$/, ''),
);
const ncc = join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js');
const build = spawnSync(process.execPath, [ncc, 'build', entry, '-o', out, '--quiet', '--transpile-only'], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (build.status !== 0) process.exit(build.status ?? 1);
const run = spawnSync(process.execPath, [join(out, 'index.js'), ...args], {
  stdio: 'inherit',
  env: { ...process.env, SHIPSHAPE_REPO_ROOT: root },
});
process.exit(run.status ?? 1);
