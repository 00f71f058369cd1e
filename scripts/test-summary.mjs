// Prints the one closing line for the whole of `npm test`, "N passed, N failed", from the steps
// scripts/test.sh recorded in tests/.tmp/steps (one line each: `check NAME CODE` or
// `run NAME CODE REPORT`). A step counts as failed when it exited non-zero; a test run counts as
// failed as well when its report is missing or unreadable, when vitest did not call it a success,
// when it ran no test at all, or when it exited non-zero with no failed test to show for it (an
// unhandled error, a crash, a failed global setup). A run that was not recorded never ran, and
// adds nothing: its tests are not "passed".
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

export function summarize(stepsText, readReport) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const problems = [];
  for (const line of stepsText.split("\n").filter((l) => l.trim())) {
    const [kind, name, codeText, reportFile] = line.trim().split(/\s+/);
    const code = Number(codeText);
    if (kind === "check") {
      if (code !== 0) {
        failed++;
        problems.push(`${name} failed (exit ${codeText})`);
      }
      continue;
    }
    let report = null;
    try {
      report = JSON.parse(readReport(reportFile));
    } catch {
      report = null;
    }
    if (!report) {
      failed++;
      problems.push(`${name}: no test report (the run crashed or never started)`);
      continue;
    }
    const failedHere =
      (report.numFailedTests ?? 0) +
      (report.testResults ?? []).filter((file) => file.status === "failed" && !(file.assertionResults ?? []).some((t) => t.status === "failed")).length;
    for (const file of report.testResults ?? []) {
      const where = relativeName(file.name ?? "");
      const failedTests = (file.assertionResults ?? []).filter((t) => t.status === "failed");
      for (const t of failedTests) problems.push(`${name}: ${where} > ${t.fullName ?? t.title}: ${firstLine(t.failureMessages)}`);
      if (file.status === "failed" && failedTests.length === 0) problems.push(`${name}: ${where}: ${firstLine([file.message])}`);
    }
    passed += report.numPassedTests ?? 0;
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    failed += failedHere;
    if (failedHere > 0) continue;
    if ((report.numTotalTests ?? 0) === 0) {
      failed++;
      problems.push(`${name}: ran no test`);
    } else if (report.success !== true || code !== 0) {
      failed++;
      problems.push(`${name}: errors outside the tests (exit ${codeText})`);
    }
  }
  if (!/^run /m.test(stepsText) && failed === 0) {
    failed++;
    problems.push("no test run was recorded");
  }
  return { passed, failed, skipped, problems };
}

// A failed test is named in the closing lines, with the first line of its message, so that a
// failure can be read from the end of a long run's output.
function relativeName(file) {
  const at = file.indexOf("/tests/");
  return at >= 0 ? file.slice(at + 1) : file;
}

function firstLine(messages) {
  const text = (messages ?? []).find((m) => typeof m === "string" && m.trim()) ?? "no message";
  return text
    .replace(/\u001b\[[0-9;]*m/g, "")
    .trim()
    .split("\n")[0]
    .slice(0, 200);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const stepsFile = process.argv[2] ?? "tests/.tmp/steps";
  let text = "";
  try {
    text = readFileSync(stepsFile, "utf8");
  } catch {
    text = "";
  }
  const result = summarize(text, (file) => readFileSync(file, "utf8"));
  for (const problem of result.problems) console.log(`  ${problem}`);
  console.log(`\n${result.passed} passed, ${result.failed} failed${result.skipped ? `, ${result.skipped} skipped` : ""}`);
  process.exit(result.failed ? 1 : 0);
}
