// Prints one plain closing line ("tests: N passed, N failed, N skipped") after Jest's own summary, so any
// tool that reads the end of the log sees the counts without parsing Jest's format.
class ClosingLineReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stdout.write(`\ntests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped\n`);
  }
}
module.exports = ClosingLineReporter;
