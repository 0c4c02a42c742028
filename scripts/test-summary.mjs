// Adds up what scripts/test-all.sh ran: each stage without its own test count (typecheck, lint,
// build) counts as one check; vitest and Playwright contribute their test counts. Writes
// .test-summary/summary.json and exits 1 if anything failed.
import fs from "node:fs";

const read = (file) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : null);
const stages = fs.existsSync(".test-summary/stages.txt")
  ? fs.readFileSync(".test-summary/stages.txt", "utf8").trim().split("\n")
  : [];
let passed = 0;
let failed = 0;
let skipped = 0;

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
      // A file that fails to load has no tests in the counts but fails the run.
      if (result !== "ok" && report.numFailedTests === 0) failed += 1;
    } else {
      passed += report.stats.expected + report.stats.flaky;
      failed += report.stats.unexpected;
      skipped += report.stats.skipped;
      if (result !== "ok" && report.stats.unexpected === 0) failed += 1;
    }
    continue;
  }
  if (result === "ok") passed += 1;
  else failed += 1;
}

if (stages.length === 0) failed += 1;
const summary = { passed, failed, skipped, stages };
fs.writeFileSync(".test-summary/summary.json", JSON.stringify(summary, null, 2));
console.log(`\nStages: ${stages.join(", ")}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
