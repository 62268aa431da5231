// Adds up vitest JSON reports into the one `N passed, N failed` line that `npm test` ends with.
//
// What vitest 4.1 writes, per test file (`testResults[]`):
//   - `status: 'failed'` with failed `assertionResults` when tests failed;
//   - `status: 'failed'` with no failed `assertionResults` when the file failed outside any test: an
//     import or syntax error, no test in the file (`assertionResults` empty), a `beforeAll`/`afterAll` that
//     threw or timed out (the tests under a failed `beforeAll` are reported `skipped`, and the hook's error
//     is not among them);
//   - `status: 'passed'` when nothing failed, including a file whose tests are all skipped or todo.
// So a file that failed without a failed test counts once as failed: otherwise a hook timeout that skips
// twenty tests would read as twenty skips and no failure.

/**
 * @typedef {{ status: string }} AssertionResult
 * @typedef {{ status: string, assertionResults?: AssertionResult[] }} FileResult
 * @typedef {{ numPassedTests?: number, numFailedTests?: number, numPendingTests?: number,
 *   numTodoTests?: number, numFailedTestSuites?: number, testResults?: FileResult[] }} VitestReport
 * @typedef {{ passed: number, failed: number, skipped: number }} Totals
 */

/** @param {VitestReport} report @returns {Totals} */
export function reportTotals(report) {
  const files = report.testResults ?? [];
  const failedOutsideTests = files.filter(
    (file) =>
      file.status !== 'passed' &&
      !(file.assertionResults ?? []).some((assertion) => assertion.status === 'failed'),
  ).length;
  let failed = (report.numFailedTests ?? 0) + failedOutsideTests;
  // A report that says suites failed but names no failing file (e.g. written by another reporter version)
  // must still not read as green.
  if (failed === 0 && (report.numFailedTestSuites ?? 0) > 0) failed = report.numFailedTestSuites ?? 0;
  return {
    passed: report.numPassedTests ?? 0,
    failed,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
}

/** @param {VitestReport[]} reports @returns {Totals} */
export function addReports(reports) {
  const sum = { passed: 0, failed: 0, skipped: 0 };
  for (const report of reports) {
    const totals = reportTotals(report);
    sum.passed += totals.passed;
    sum.failed += totals.failed;
    sum.skipped += totals.skipped;
  }
  return sum;
}

/**
 * The closing line of `npm test`. `tasksFailed` is turbo's verdict (lint, type check, synth, a test run
 * that wrote no report): when it failed, the line says so even if every counted test passed.
 * @param {Totals} totals @param {boolean} tasksFailed
 */
export function summaryLine({ passed, failed, skipped }, tasksFailed) {
  const counts = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
  return tasksFailed && failed === 0 ? `${counts}; FAILED: a task failed, see its output above` : counts;
}
