// Fetches one pinned npm package into .cache/<folder> (git-ignored) on first use and reuses it afterwards.
// For the heavy tools that only a maintenance command needs (GitHub's OpenAPI description, a Node 24 binary):
// keeping them out of devDependencies keeps `npm ci` small, and every test runs without them.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = new URL('..', import.meta.url).pathname;

function installedVersion(packageDir) {
  const manifest = join(packageDir, 'package.json');
  if (!existsSync(manifest)) return undefined;
  return JSON.parse(readFileSync(manifest, 'utf8')).version;
}

/**
 * The directory of `name@version` under .cache/<folder>/node_modules, installed with npm when it is not there yet.
 * `log` tells what is happening (stderr by default); `rerun` is the command to name when the fetch fails.
 * Throws an Error with a one-paragraph explanation when npm cannot fetch the package (offline, unknown version).
 */
export function cachedPackage({
  name,
  version,
  folder,
  why,
  rerun,
  log = (line) => process.stderr.write(`${line}\n`),
}) {
  const prefix = join(REPO_ROOT, '.cache', folder);
  const packageDir = join(prefix, 'node_modules', name);
  const relative = `.cache/${folder}`;
  const present = installedVersion(packageDir);
  if (present === version) {
    log(`using ${name}@${version} from ${relative} (${why})`);
    return packageDir;
  }
  log(
    present
      ? `replacing ${name}@${present} in ${relative} with ${name}@${version} (${why})`
      : `fetching ${name}@${version} into ${relative} (${why}; once, then reused)`,
  );
  const npm = spawnSync(
    'npm',
    // --loglevel=error: `npm run --silent` passes its log level down, and npm's own reason must still reach us.
    [
      'install',
      '--prefix',
      prefix,
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      `${name}@${version}`,
    ],
    { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  if (npm.error || npm.status !== 0 || installedVersion(packageDir) !== version) {
    // npm's error code and its one-line reason (e.g. "FetchError: request to … failed, reason: …"), not its stack.
    const detail =
      npm.error?.message ??
      (npm.stderr ?? '')
        .split('\n')
        .filter((line) => /^npm error (code |[A-Za-z]*Error: |notarget |404 )/.test(line))
        .join('\n  ');
    throw new Error(
      `could not fetch ${name}@${version} into ${relative} with npm:\n` +
        `  ${detail || `npm exited with status ${npm.status}`}\n` +
        `If this machine is offline, run \`${rerun}\` again once it can reach the npm registry.`,
    );
  }
  log(`fetched ${name}@${version} into ${relative}`);
  return packageDir;
}
