// Prints one plain closing line ("tests: N passed, N failed, N skipped") as the very last line of the run,
// after Jest's own summary, so any tool that reads the end of the log sees the counts without parsing Jest's format.
const { writeSync } = require('node:fs');

class ClosingLineReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped\n`;
    process.once('exit', () => writeSync(1, line));
  }
}
module.exports = ClosingLineReporter;
