// The closing line of `npm test` says "passed" only for a run that really passed.
import { expect, test } from "vitest";
import { summarize } from "../../scripts/test-summary.mjs";

const report = (over: Record<string, unknown> = {}) =>
  JSON.stringify({ success: true, numTotalTests: 3, numPassedTests: 3, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0, testResults: [], ...over });
const reports = (files: Record<string, string>) => (file: string) => {
  if (!(file in files)) throw new Error("ENOENT");
  return files[file]!;
};

test("a clean run counts its tests as passed", () => {
  expect(summarize("check typecheck 0\nrun embedded 0 a.json", reports({ "a.json": report() }))).toMatchObject({ passed: 3, failed: 0 });
});

test("an unhandled error outside the tests fails the run though every test passed", () => {
  expect(summarize("run embedded 1 a.json", reports({ "a.json": report() }))).toMatchObject({ passed: 3, failed: 1 });
  expect(summarize("run embedded 0 a.json", reports({ "a.json": report({ success: false }) }))).toMatchObject({ failed: 1 });
});

test("a failed global setup, a crash or a missing report is a failure, not zero", () => {
  expect(summarize("run embedded 1 a.json", reports({ "a.json": report({ success: false, numTotalTests: 0, numPassedTests: 0 }) }))).toMatchObject({
    passed: 0,
    failed: 1,
  });
  expect(summarize("run embedded 1 gone.json", reports({}))).toMatchObject({ passed: 0, failed: 1 });
  expect(summarize("run embedded 0 bad.json", reports({ "bad.json": "{ not json" }))).toMatchObject({ failed: 1 });
});

test("a run of zero tests is a failure", () => {
  expect(summarize("run embedded 0 a.json", reports({ "a.json": report({ numTotalTests: 0, numPassedTests: 0 }) }))).toMatchObject({ passed: 0, failed: 1 });
});

test("failed tests and files that failed to load are counted once each", () => {
  const files = [
    { status: "failed", assertionResults: [{ status: "failed" }, { status: "passed" }] },
    { status: "failed", assertionResults: [] },
  ];
  const r = report({ success: false, numPassedTests: 1, numFailedTests: 1, testResults: files });
  expect(summarize("run embedded 1 a.json", reports({ "a.json": r }))).toMatchObject({ passed: 1, failed: 2 });
});

test("a failed type check or lint counts; a run that never started adds nothing", () => {
  expect(summarize("check typecheck 2\ncheck lint 1\nrun embedded 0 a.json", reports({ "a.json": report() }))).toMatchObject({ passed: 3, failed: 2 });
  expect(summarize("run embedded 0 a.json", reports({ "a.json": report(), "external.json": report({ numPassedTests: 99 }) }))).toMatchObject({ passed: 3 });
});

test("checks alone, with no test run recorded, are not a pass", () => {
  expect(summarize("check build 0\ncheck typecheck 0", reports({}))).toMatchObject({ passed: 0, failed: 1 });
  expect(summarize("", reports({}))).toMatchObject({ passed: 0, failed: 1 });
});

test("each failed test is named with its file and the first line of its message, so the end of the output says what failed", () => {
  const files = [
    {
      name: "/somewhere/hearth/tests/e2e/a.test.ts",
      status: "failed",
      assertionResults: [{ status: "failed", fullName: "a journey", failureMessages: ["\u001b[31mTimeoutError\u001b[39m: waited 30000ms\n    at line 42"] }],
    },
    { name: "/somewhere/hearth/tests/unit/b.test.ts", status: "failed", message: "Cannot find module x", assertionResults: [] },
  ];
  const r = report({ success: false, numPassedTests: 0, numFailedTests: 1, testResults: files });
  expect(summarize("run embedded 1 a.json", reports({ "a.json": r })).problems).toEqual([
    "embedded: tests/e2e/a.test.ts > a journey: TimeoutError: waited 30000ms",
    "embedded: tests/unit/b.test.ts: Cannot find module x",
  ]);
});
