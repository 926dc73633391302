// Builds every action's committed bundle (actions/<name>/dist) and the CLI (packages/cli/dist) with ncc.
// Usage: node scripts/build.mjs [name ...]   (names of actions, or 'cli'; default: all)
//
// Why the output looks the way it does (cold start is what a runner pays on every job; tests/bench/README.md):
// - Actions are CommonJS (dist/package.json says so; `node dist/index.js` stays the entry). Node compiles an ES
//   module before running any of it, a CommonJS wrapper through V8's lazy path, so the same bundles start sooner
//   (docs/performance.md, row 5). The CLI stays an ES module (top-level await, and no runner waits on it).
// - ncc's own minify only mangles (terser with compress off), so dead code stays in; swc's minifier (already a dev
//   dependency, for jest) compresses too: unused exports and test doubles go, and bundles are smaller.
// - `await import()` without `webpackMode: "eager"` puts code a run does not always need in a chunk of its own
//   (dist/<id>.index.js), read only when that import runs. ncc leaves chunks unminified, so every .js is minified
//   here, and licenses.txt is written here from all chunks (ncc's license file keeps only the last chunk's).
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const ncc = require('@vercel/ncc');
const { minify } = require('@swc/core');

const targets = [
  ...readdirSync(join(root, 'actions'))
    .filter((name) => existsSync(join(root, 'actions', name, 'src/main.ts')))
    .map((name) => ({ name, dir: join(root, 'actions', name), entry: 'src/main.ts', format: 'commonjs' })),
  { name: 'cli', dir: join(root, 'packages/cli'), entry: 'src/main.ts', format: 'module' },
].filter((t) => existsSync(join(t.dir, t.entry)));

async function minified(code, format) {
  const result = await minify(code, {
    compress: { ecma: 2020 },
    // Names stay: errors report `new.target.name`, and stack traces in debug logs stay readable.
    mangle: { keep_classnames: true, keep_fnames: true },
    module: format === 'module',
    ecma: 2020,
    // Legal comments (/*! … */, @license) stay, as terser under ncc kept them.
    format: { comments: 'some' },
  });
  return result.code;
}

/** The folder of the nearest package.json above a bundled file: a dependency, or one of our workspace packages. */
function packageDir(file) {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  return undefined;
}

/** licenses.txt in ncc's format (name, license, text; by name) for every package any chunk bundles. */
function licenses(modulePaths, self) {
  const texts = new Map();
  for (const file of modulePaths) {
    const dir = packageDir(file);
    if (!dir || dir === self || texts.has(dir)) continue;
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    if (!manifest.name) continue;
    const licenseFile = readdirSync(dir).find((f) => /^(licen[cs]e|copying)([.-]|$)/i.test(f));
    const text = licenseFile ? readFileSync(join(dir, licenseFile), 'utf8').trim() : '';
    const type = typeof manifest.license === 'string' ? manifest.license : (manifest.license?.type ?? '');
    texts.set(dir, { name: manifest.name, text: [manifest.name, type, text].filter((s) => s !== '').join('\n') });
  }
  const unique = new Map([...texts.values()].map((p) => [p.name, p.text]));
  return [...unique]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, text]) => `${text}\n`)
    .join('\n');
}

async function build(target) {
  const out = join(target.dir, 'dist');
  const entry = join(target.dir, target.entry);
  // ncc reads the tsconfig.json of the folder it runs in, so each target carries its own.
  process.chdir(target.dir);
  const { code, assets, stats } = await ncc(entry, { esm: target.format === 'module', minify: false, quiet: true });
  const files = {
    'index.js': { source: await minified(code, target.format), mode: code.startsWith('#!') ? 0o755 : 0o644 },
  };
  for (const [name, asset] of Object.entries(assets)) {
    if (name === 'package.json') continue;
    files[name] = {
      source: name.endsWith('.js') ? await minified(String(asset.source), target.format) : asset.source,
      mode: 0o644,
    };
  }
  const bundled = stats
    .toJson({ modules: true, nestedModules: true })
    .modules.flatMap((m) => [m, ...(m.modules ?? [])])
    .filter((m) => m.nameForCondition || !/^(external|webpack\/)/.test(m.name ?? ''))
    .map((m) => m.nameForCondition ?? resolve(target.dir, (m.name ?? '').replace(/ \+ \d+ modules$/, '')));
  files['licenses.txt'] = { source: licenses(bundled, target.dir), mode: 0o644 };
  files['package.json'] = { source: `${JSON.stringify({ type: target.format }, null, 2)}\n`, mode: 0o644 };
  rmSync(out, { recursive: true, force: true });
  for (const [name, file] of Object.entries(files)) {
    mkdirSync(dirname(join(out, name)), { recursive: true });
    writeFileSync(join(out, name), file.source, { mode: file.mode });
  }
  return out;
}

const wanted = process.argv.slice(2);
let failed = false;
for (const target of targets) {
  if (wanted.length > 0 && !wanted.includes(target.name)) continue;
  try {
    console.log(`build: ${target.name} -> ${await build(target)}`);
  } catch (error) {
    console.error(`build: ${target.name} failed\n${error?.message ?? error}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
