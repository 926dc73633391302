// `npm run demo` (node scripts/run-ts.mjs tests/demo/demo.ts): the release procedure run end to end on this
// machine; see release-demo.ts. `npm run demo -- lifecycle`: cutting a version, a failed verification, the
// rollback, a hotfix and a postmortem; see lifecycle-demo.ts. The exit code is 0 when every step went through.
import { runLifecycleDemo } from './lifecycle-demo';
import { runDemo } from './release-demo';

const scenario = process.argv[2] ?? 'release';
const scenarios: Record<string, () => Promise<number>> = {
  release: () => runDemo(),
  lifecycle: () => runLifecycleDemo(),
};
const chosen = scenarios[scenario];

if (!chosen) {
  process.stderr.write(`demo: unknown scenario '${scenario}'; expected one of: ${Object.keys(scenarios).join(', ')}\n`);
  process.exitCode = 2;
} else {
  chosen().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
