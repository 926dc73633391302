// Prints one plain closing line ("tests: N passed, N failed, N skipped") as the very last line of the run,
// after Jest's own summary, so any tool that reads the end of the log sees the counts without parsing Jest's format.
// A test file that fails before any test runs (a syntax error, a missing corpus under CI) has no tests to count,
// so the line then adds "N files failed to run": "0 failed" alone would read as a clean run.
const { writeSync } = require('node:fs');

class ClosingLineReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const broken = results.numRuntimeErrorTestSuites;
    const files = broken > 0 ? `, ${broken} ${broken === 1 ? 'file' : 'files'} failed to run` : '';
    const line = `tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped${files}\n`;
    process.once('exit', () => writeSync(1, line));
  }
}
module.exports = ClosingLineReporter;
