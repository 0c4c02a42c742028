import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const script = path.resolve(import.meta.dirname, "test-summary.mjs");
let dir = "";

/** Runs the summary in a directory holding these stage results; returns its output and exit code. */
function summarise(stages: string[], reports: { vitest?: unknown; e2e?: unknown }) {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "summary-"));
  fs.mkdirSync(path.join(dir, ".test-summary"));
  fs.writeFileSync(path.join(dir, ".test-summary/stages.txt"), stages.join("\n") + "\n");
  if (reports.vitest) fs.writeFileSync(path.join(dir, ".test-summary/vitest.json"), JSON.stringify(reports.vitest));
  if (reports.e2e) fs.writeFileSync(path.join(dir, ".test-summary/e2e.json"), JSON.stringify(reports.e2e));
  try {
    return { out: execFileSync("node", [script], { cwd: dir, encoding: "utf8" }), code: 0 };
  } catch (error) {
    const e = error as { stdout: string; status: number };
    return { out: e.stdout, code: e.status };
  }
}

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const vitestReport = (files: unknown[], failedTests = 0) => ({
  numPassedTests: 10,
  numFailedTests: failedTests,
  numPendingTests: 1,
  numTodoTests: 0,
  testResults: files,
});
const e2eReport = (unexpected: number, suites: unknown[] = []) => ({
  stats: { expected: 5, flaky: 1, unexpected, skipped: 0 },
  suites,
});

describe("the summary's last lines", () => {
  it("add up every stage and end with the counts alone on the last line", () => {
    const { out, code } = summarise(["typecheck ok", "unit ok", "e2e ok"], {
      vitest: vitestReport([]),
      e2e: e2eReport(0),
    });
    expect(code).toBe(0);
    expect(out.trim().split("\n").at(-1)).toBe("17 passed, 0 failed, 1 skipped");
    expect(out).not.toContain("Failed:");
  });

  it("name each failed unit and e2e test, since CI keeps only the tail of the output", () => {
    const { out, code } = summarise(["lint fail", "unit fail", "e2e fail"], {
      vitest: vitestReport(
        [
          {
            name: path.join(process.cwd(), "src/a.test.ts"),
            status: "failed",
            assertionResults: [
              { status: "passed", fullName: "a works" },
              { status: "failed", fullName: "a › keeps order" },
            ],
          },
        ],
        1,
      ),
      e2e: e2eReport(1, [
        {
          title: "lab.spec.ts",
          specs: [],
          suites: [
            {
              title: "on a phone",
              specs: [{ title: "fits", tests: [{ status: "unexpected", projectName: "lab" }] }],
              suites: [],
            },
          ],
        },
      ]),
    });
    expect(code).toBe(1);
    expect(out).toMatch(/Failed:\n {2}lint failed/);
    expect(out).toContain("a › keeps order");
    expect(out).not.toContain("a works");
    expect(out).toContain("e2e   [lab] lab.spec.ts › on a phone › fits");
    expect(out.trim().split("\n").at(-1)).toBe("16 passed, 3 failed, 1 skipped");
  });

  it("say so when vitest failed with every test passing (an error thrown outside a test)", () => {
    const { out, code } = summarise(["unit fail"], { vitest: vitestReport([]) });
    expect(code).toBe(1);
    expect(out).toContain("vitest failed with every test passing");
    expect(out.trim().split("\n").at(-1)).toBe("10 passed, 1 failed, 1 skipped");
  });

  it("name a test file that failed to load", () => {
    const { out } = summarise(["unit fail"], {
      vitest: vitestReport([
        { name: "/x/src/b.test.ts", status: "failed", message: "Cannot find module './b'\nstack", assertionResults: [] },
      ]),
    });
    expect(out).toContain("b.test.ts: Cannot find module './b'");
    expect(out).not.toContain("stack");
  });
});
