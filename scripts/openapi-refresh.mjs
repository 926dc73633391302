// `npm run openapi:refresh [-- <version>] [-- --check]`: fetches @octokit/openapi (GitHub's OpenAPI description,
// ~385 MB unpacked, so not a devDependency) into .cache/openapi and re-extracts the emulator's fixture,
// packages/testing/fixtures/github-openapi.json, with scripts/extract-openapi.mjs.
// Without a version it reuses the one the committed fixture records (after editing EMULATED_OPERATIONS, say);
// with one, it moves the fixture to that version. --check only compares (exit 1 when the fixture is stale).
import { cachedPackage } from './cached-package.mjs';
import { extractInto, fixturePackageVersion, loadInstalledDescription } from './extract-openapi.mjs';

const args = process.argv.slice(2);
const check = args.includes('--check');
const requested = args.find((arg) => !arg.startsWith('--'));
const version = requested ?? fixturePackageVersion();

try {
  const packageDir = cachedPackage({
    name: '@octokit/openapi',
    version,
    folder: 'openapi',
    why: 'the source of the GitHub emulator’s OpenAPI fixture',
    rerun: `npm run openapi:refresh${requested ? ` -- ${requested}` : ''}`,
  });
  const installed = loadInstalledDescription(packageDir);
  if (!installed) throw new Error(`${packageDir} has no package.json after the install`);
  process.exitCode = extractInto(installed, { check });
} catch (error) {
  console.error(`openapi:refresh: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
