import { describe, expect, it } from 'vitest';
import { addReports, reportTotals, summaryLine } from '../test-totals.mjs';

// File results in the shape vitest 4.1's JSON reporter writes them (taken from real reports, trimmed).
const files = {
  // A `beforeAll` that timed out: its tests are skipped, the file failed, its message is empty.
  hookTimeout: {
    name: '/repo/infra/tests/gatehouse-stack.test.ts',
    status: 'failed',
    message: '',
    assertionResults: [
      { title: 'a', status: 'skipped', failureMessages: [] },
      { title: 'b', status: 'skipped', failureMessages: [] },
      { title: 'outside the describe', status: 'passed', failureMessages: [] },
    ],
  },
  // A file-level `beforeAll` that threw.
  hookThrew: {
    name: '/repo/tests/throwing-hook.test.ts',
    status: 'failed',
    message: 'boom',
    assertionResults: [{ title: 'x', status: 'skipped', failureMessages: [] }],
  },
  // An `afterAll` that threw after every test passed.
  afterAllThrew: {
    name: '/repo/tests/after-all.test.ts',
    status: 'failed',
    message: 'after boom',
    assertionResults: [{ title: 'y', status: 'passed', failureMessages: [] }],
  },
  importFailed: {
    name: '/repo/tests/import.test.ts',
    status: 'failed',
    message: "Cannot find module './nope.js' imported from /repo/tests/import.test.ts",
    assertionResults: [],
  },
  skippedOnly: {
    name: '/repo/tests/skipped.test.ts',
    status: 'passed',
    message: '',
    assertionResults: [
      { title: 's', status: 'skipped', failureMessages: [] },
      { title: 't', status: 'todo', failureMessages: [] },
    ],
  },
  passAndFail: {
    name: '/repo/tests/mix.test.ts',
    status: 'failed',
    message: '',
    assertionResults: [
      { title: 'p', status: 'passed', failureMessages: [] },
      { title: 'f', status: 'failed', failureMessages: ['AssertionError: expected 1 to be 2'] },
    ],
  },
  allPassed: {
    name: '/repo/tests/green.test.ts',
    status: 'passed',
    message: '',
    assertionResults: [
      { title: 'g1', status: 'passed', failureMessages: [] },
      { title: 'g2', status: 'passed', failureMessages: [] },
    ],
  },
};

/** A report as vitest writes it: the top-level counts are vitest's own, computed from the tests. */
function reportOf(...testResults) {
  const all = testResults.flatMap((file) => file.assertionResults);
  const count = (status) => all.filter((assertion) => assertion.status === status).length;
  return {
    numTotalTestSuites: testResults.length,
    numFailedTestSuites: testResults.filter((file) => file.status === 'failed').length,
    numTotalTests: all.length,
    numPassedTests: count('passed'),
    numFailedTests: count('failed'),
    numPendingTests: count('skipped'),
    numTodoTests: count('todo'),
    success: testResults.every((file) => file.status === 'passed'),
    testResults,
  };
}

describe('reportTotals', () => {
  it.each([
    ['a beforeAll that timed out', files.hookTimeout, { passed: 1, failed: 1, skipped: 2 }],
    ['a beforeAll that threw', files.hookThrew, { passed: 0, failed: 1, skipped: 1 }],
    ['an afterAll that threw', files.afterAllThrew, { passed: 1, failed: 1, skipped: 0 }],
    ['a file that failed to import', files.importFailed, { passed: 0, failed: 1, skipped: 0 }],
    ['a file whose tests are all skipped or todo', files.skippedOnly, { passed: 0, failed: 0, skipped: 2 }],
    ['a file with a passed and a failed test', files.passAndFail, { passed: 1, failed: 1, skipped: 0 }],
    ['a file whose tests all passed', files.allPassed, { passed: 2, failed: 0, skipped: 0 }],
  ])('counts %s', (_, file, expected) => {
    expect(reportTotals(reportOf(file))).toEqual(expected);
  });

  it('counts a failed suite when the report lists no file', () => {
    expect(reportTotals({ numPassedTests: 3, numFailedTests: 0, numFailedTestSuites: 2 })).toEqual({
      passed: 3,
      failed: 2,
      skipped: 0,
    });
  });

  it('counts an empty report as nothing', () => {
    expect(reportTotals({})).toEqual({ passed: 0, failed: 0, skipped: 0 });
  });
});

describe('addReports', () => {
  it('adds up the reports of several packages, failed suites included', () => {
    const reports = [
      reportOf(files.allPassed, files.hookTimeout),
      reportOf(files.importFailed, files.skippedOnly),
      reportOf(files.passAndFail),
    ];
    expect(addReports(reports)).toEqual({ passed: 4, failed: 3, skipped: 4 });
  });
});

describe('summaryLine', () => {
  it.each([
    [{ passed: 5, failed: 0, skipped: 0 }, false, '5 passed, 0 failed'],
    [{ passed: 5, failed: 0, skipped: 2 }, false, '5 passed, 0 failed, 2 skipped'],
    [{ passed: 5, failed: 1, skipped: 0 }, true, '5 passed, 1 failed'],
    [
      { passed: 5, failed: 0, skipped: 0 },
      true,
      '5 passed, 0 failed; FAILED: a task failed, see its output above',
    ],
  ])('prints %o with tasks failed=%s as %s', (totals, tasksFailed, line) => {
    expect(summaryLine(totals, tasksFailed)).toBe(line);
  });
});
