// `npm run demo` (node scripts/run-ts.mjs tests/demo/demo.ts): the release procedure run end to end on this
// machine; see release-demo.ts. The exit code is 0 when the release went through.
import { runDemo } from './release-demo';

runDemo().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
