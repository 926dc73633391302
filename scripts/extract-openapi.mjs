// Extracts the GitHub REST operations the emulator serves, plus every component they reference (transitively),
// from @octokit/openapi's description of api.github.com into packages/testing/fixtures/github-openapi.json.
// The full description is 13 MB (the package is 385 MB), far too much to parse in every test process.
//
// The package is not a devDependency: `npm run openapi:refresh` (scripts/openapi-refresh.mjs) fetches it into
// .cache/openapi and runs this extraction; this script alone never touches the network.
//
// Usage: node scripts/extract-openapi.mjs           write the fixture from the package in .cache/openapi
//        node scripts/extract-openapi.mjs --check   exit 1 if the committed fixture differs from a fresh extraction
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
export const fixturePath = join(root, 'packages/testing/fixtures/github-openapi.json');
/** Where `npm run openapi:refresh` installs @octokit/openapi. */
export const cachedPackageDir = join(root, '.cache/openapi/node_modules/@octokit/openapi');

/** The operations the emulator serves ("METHOD /template", exactly as in GitHub's REST documentation). */
export const EMULATED_OPERATIONS = [
  'GET /repos/{owner}/{repo}',
  'GET /repos/{owner}/{repo}/contents/{path}',
  'PUT /repos/{owner}/{repo}/contents/{path}',
  'GET /repos/{owner}/{repo}/commits/{ref}',
  'GET /repos/{owner}/{repo}/compare/{basehead}',
  'GET /repos/{owner}/{repo}/git/ref/{ref}',
  'GET /repos/{owner}/{repo}/git/matching-refs/{ref}',
  'POST /repos/{owner}/{repo}/git/refs',
  'PATCH /repos/{owner}/{repo}/git/refs/{ref}',
  'DELETE /repos/{owner}/{repo}/git/refs/{ref}',
  'GET /repos/{owner}/{repo}/releases',
  'POST /repos/{owner}/{repo}/releases',
  'GET /repos/{owner}/{repo}/releases/latest',
  'GET /repos/{owner}/{repo}/releases/tags/{tag}',
  'GET /repos/{owner}/{repo}/releases/{release_id}',
  'PATCH /repos/{owner}/{repo}/releases/{release_id}',
  'DELETE /repos/{owner}/{repo}/releases/{release_id}',
  'POST /repos/{owner}/{repo}/releases/generate-notes',
  'GET /repos/{owner}/{repo}/pulls',
  'POST /repos/{owner}/{repo}/pulls',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}',
  'PATCH /repos/{owner}/{repo}/pulls/{pull_number}',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/files',
  'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews',
  'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls',
  'GET /repos/{owner}/{repo}/issues',
  'POST /repos/{owner}/{repo}/issues',
  'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
  'GET /repos/{owner}/{repo}/issues/{issue_number}',
  'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
  'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
  'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
  'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}',
  'GET /repos/{owner}/{repo}/issues/{issue_number}/labels',
  'POST /repos/{owner}/{repo}/statuses/{sha}',
  'GET /repos/{owner}/{repo}/commits/{ref}/status',
  'GET /repos/{owner}/{repo}/commits/{ref}/statuses',
  'GET /repos/{owner}/{repo}/commits/{ref}/check-runs',
  'GET /repos/{owner}/{repo}/actions/workflows',
  'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}',
  'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs',
  'GET /repos/{owner}/{repo}/actions/runs',
  'GET /repos/{owner}/{repo}/actions/runs/{run_id}',
  'GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs',
  'GET /repos/{owner}/{repo}/actions/runs/{run_id}/approvals',
  'GET /repos/{owner}/{repo}/deployments',
  'POST /repos/{owner}/{repo}/deployments',
  'GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
  'POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
  'GET /repos/{owner}/{repo}/actions/variables',
  'POST /repos/{owner}/{repo}/actions/variables',
  'GET /repos/{owner}/{repo}/actions/variables/{name}',
  'PATCH /repos/{owner}/{repo}/actions/variables/{name}',
  'DELETE /repos/{owner}/{repo}/actions/variables/{name}',
];

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** Documentation-only keys: dropping them shrinks the fixture about tenfold and changes no validation. */
const DROPPED_KEYS = new Set([
  'description',
  'examples',
  'example',
  'externalDocs',
  'tags',
  'x-github',
  'x-octokit',
  'x-githubEnterpriseOnly',
]);

/** Drops documentation keys, but keeps the keys of `properties` maps (a property may be called "description"). */
function stripSchema(value) {
  if (Array.isArray(value)) return value.map(stripSchema);
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const [key, child] of Object.entries(value)) {
    if (DROPPED_KEYS.has(key)) continue;
    if ((key === 'properties' || key === 'patternProperties') && child && typeof child === 'object') {
      out[key] = Object.fromEntries(Object.entries(child).map(([name, schema]) => [name, stripSchema(schema)]));
    } else {
      out[key] = stripSchema(child);
    }
  }
  return out;
}

function collectRefs(value, into) {
  if (Array.isArray(value)) {
    for (const item of value) collectRefs(item, into);
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') into.add(child);
      else collectRefs(child, into);
    }
  }
}

function resolvePointer(document, ref) {
  if (!ref.startsWith('#/')) throw new Error(`extract-openapi: external $ref ${ref} is not supported`);
  let node = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = node?.[key];
  }
  if (node === undefined) throw new Error(`extract-openapi: dangling $ref ${ref}`);
  return node;
}

/** Pure: the fixture object for a parsed description, a package version and a list of operations. */
export function extractOpenApi(description, version, operations = EMULATED_OPERATIONS) {
  const paths = {};
  for (const operation of operations) {
    const [method, template] = operation.split(' ');
    const source = description.paths[template]?.[method.toLowerCase()];
    if (!source) throw new Error(`extract-openapi: ${operation} is not in the description`);
    const { summary, operationId, parameters, requestBody, responses } = source;
    // Only success responses: errors are answered by the emulator in GitHub's common error shape.
    const success = Object.fromEntries(Object.entries(responses).filter(([code]) => /^2\d\d$/.test(code)));
    paths[template] ??= {};
    paths[template][method.toLowerCase()] = stripSchema({
      summary,
      operationId,
      parameters,
      requestBody,
      responses: success,
    });
  }

  const components = {};
  const pending = new Set();
  collectRefs(paths, pending);
  const seen = new Set();
  while (pending.size > 0) {
    const [ref] = pending;
    pending.delete(ref);
    if (seen.has(ref)) continue;
    seen.add(ref);
    const [section, kind, name, ...rest] = ref.slice(2).split('/');
    if (section !== 'components' || !kind || !name || rest.length > 0)
      throw new Error(`extract-openapi: unexpected $ref ${ref}`);
    const node = stripSchema(resolvePointer(description, ref));
    components[kind] ??= {};
    components[kind][name] = node;
    collectRefs(node, pending);
  }
  const sortedComponents = Object.fromEntries(
    Object.keys(components)
      .sort()
      .map((section) => [
        section,
        Object.fromEntries(
          Object.keys(components[section])
            .sort()
            .map((k) => [k, components[section][k]]),
        ),
      ]),
  );

  // Every route GitHub has, so the emulator can tell "not a GitHub route" from "a route we do not emulate".
  const routes = {};
  for (const template of Object.keys(description.paths).sort()) {
    const methods = Object.keys(description.paths[template]).filter((m) => METHODS.includes(m));
    if (methods.length > 0) routes[template] = methods.map((m) => m.toUpperCase());
  }

  return {
    openapi: description.openapi,
    info: { title: description.info.title, version: description.info.version },
    'x-extracted-from': {
      package: '@octokit/openapi',
      version,
      file: 'generated/api.github.com.json',
      script: 'scripts/extract-openapi.mjs',
    },
    paths,
    components: sortedComponents,
    'x-github-routes': routes,
  };
}

/** The @octokit/openapi version the committed fixture was extracted from (the pin `openapi:refresh` reuses). */
export function fixturePackageVersion() {
  return JSON.parse(readFileSync(fixturePath, 'utf8'))['x-extracted-from'].version;
}

/** GitHub's description from an installed @octokit/openapi, or undefined when it is not installed there. */
export function loadInstalledDescription(packageDir = cachedPackageDir) {
  const packageJson = join(packageDir, 'package.json');
  if (!existsSync(packageJson)) return undefined;
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8'));
  const description = JSON.parse(readFileSync(join(packageDir, 'generated/api.github.com.json'), 'utf8'));
  return { description, version };
}

/** Writes the fixture, or with `check` only compares it; returns the exit code and prints one line. */
export function extractInto({ description, version }, { check }) {
  const text = render(extractOpenApi(description, version));
  if (check) {
    let current = '';
    try {
      current = readFileSync(fixturePath, 'utf8');
    } catch {
      // A missing fixture is simply out of date.
    }
    if (current !== text) {
      console.error(
        `extract-openapi: ${fixturePath} is out of date with @octokit/openapi ${version}; run npm run openapi:refresh`,
      );
      return 1;
    }
    console.log(`extract-openapi: fixture matches @octokit/openapi ${version}`);
    return 0;
  }
  writeFileSync(fixturePath, text);
  console.log(
    `extract-openapi: wrote ${fixturePath} (${(text.length / 1024).toFixed(0)} KiB, @octokit/openapi ${version}, ${EMULATED_OPERATIONS.length} operations)`,
  );
  return 0;
}

export function render(fixture) {
  return `${JSON.stringify(fixture, null, 1)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const installed = loadInstalledDescription();
  if (!installed) {
    console.error(
      'extract-openapi: @octokit/openapi is not in .cache/openapi; run npm run openapi:refresh (it fetches the ' +
        'version the fixture records, then extracts)',
    );
    process.exitCode = 2;
  } else {
    process.exitCode = extractInto(installed, { check: process.argv.includes('--check') });
  }
}
