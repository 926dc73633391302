// Builds every action's committed bundle (actions/<name>/dist) and the CLI (packages/cli/dist) with ncc.
// Usage: node scripts/build.mjs [name ...]   (names of actions, or 'cli'; default: all)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const ncc = join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js');

const targets = [
  ...readdirSync(join(root, 'actions'))
    .filter((name) => existsSync(join(root, 'actions', name, 'src/main.ts')))
    .map((name) => ({ name, dir: join(root, 'actions', name), entry: 'src/main.ts' })),
  { name: 'cli', dir: join(root, 'packages/cli'), entry: 'src/main.ts' },
].filter((t) => existsSync(join(t.dir, t.entry)));

const wanted = process.argv.slice(2);
let failed = false;
for (const target of targets) {
  if (wanted.length > 0 && !wanted.includes(target.name)) continue;
  const out = join(target.dir, 'dist');
  rmSync(out, { recursive: true, force: true });
  // ncc reads the tsconfig.json of the folder it runs in, so each target carries its own.
  const result = spawnSync(process.execPath, [ncc, 'build', target.entry, '-o', 'dist', '--minify', '--license', 'licenses.txt', '--quiet'], {
    cwd: target.dir,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error(`build: ${target.name} failed`);
    failed = true;
  } else {
    console.log(`build: ${target.name} -> ${out}`);
  }
}
process.exit(failed ? 1 : 0);
