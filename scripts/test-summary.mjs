// Adds up what scripts/test-all.sh ran: each stage without its own test count (typecheck, lint,
// build) counts as one check; vitest and Playwright contribute their test counts. Writes
// .test-summary/summary.json and exits 1 if anything failed.
import fs from "node:fs";
import path from "node:path";

const read = (file) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : null);
const stages = fs.existsSync(".test-summary/stages.txt")
  ? fs.readFileSync(".test-summary/stages.txt", "utf8").trim().split("\n")
  : [];
let passed = 0;
let failed = 0;
let skipped = 0;
// CI keeps only the tail of what a run printed: the names of what failed are repeated at the end.
const failures = [];

for (const line of stages) {
  const [name, result] = line.split(" ");
  if (name === "e2e" && result !== "ok" && result !== "fail") {
    failed += 1; // "e2e skipped: …" — the build failed, so e2e could not run
    continue;
  }
  if (name === "unit" || name === "e2e") {
    const report = read(name === "unit" ? ".test-summary/vitest.json" : ".test-summary/e2e.json");
    if (!report) {
      failed += 1; // the runner died before writing its report
      continue;
    }
    if (name === "unit") {
      passed += report.numPassedTests;
      failed += report.numFailedTests;
      skipped += report.numPendingTests + report.numTodoTests;
      for (const file of report.testResults ?? []) {
        const failedTests = (file.assertionResults ?? []).filter((t) => t.status === "failed");
        const where = path.relative(process.cwd(), file.name);
        for (const t of failedTests) failures.push(`unit  ${where} › ${t.fullName}`);
        if (file.status === "failed" && failedTests.length === 0) {
          failures.push(`unit  ${where}: ${(file.message ?? "failed to load").split("\n")[0]}`);
        }
      }
      // A file that fails to load, or an error thrown outside any test, has no test in the counts
      // but fails the run.
      if (result !== "ok" && report.numFailedTests === 0) {
        failed += 1;
        if (!failures.some((f) => f.startsWith("unit "))) {
          failures.push("unit  vitest failed with every test passing: an unhandled error (see \"Unhandled Errors\" in its output)");
        }
      }
    } else {
      passed += report.stats.expected + report.stats.flaky;
      failed += report.stats.unexpected;
      skipped += report.stats.skipped;
      collectE2e(report.suites ?? [], []);
      if (result !== "ok" && report.stats.unexpected === 0) {
        failed += 1;
        failures.push("e2e   Playwright failed with no unexpected test result (see its output)");
      }
    }
    continue;
  }
  if (result === "ok") passed += 1;
  else {
    failed += 1;
    failures.push(`${name} failed (see its stage's output)`);
  }
}

function collectE2e(suites, titles) {
  for (const suite of suites) {
    const path = suite.title ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status === "unexpected") failures.push(`e2e   [${test.projectName}] ${[...path, spec.title].join(" › ")}`);
      }
    }
    collectE2e(suite.suites ?? [], path);
  }
}

if (stages.length === 0) failed += 1;
const summary = { passed, failed, skipped, stages };
fs.writeFileSync(".test-summary/summary.json", JSON.stringify(summary, null, 2));
if (failures.length > 0) console.log(`\nFailed:\n${failures.map((f) => `  ${f}`).join("\n")}`);
console.log(`\nStages: ${stages.join(", ")}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
