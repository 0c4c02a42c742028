import { describe, expect, it } from "vitest";
import { packagesLoadedBy } from "@/lib/dev/import-graph";

/**
 * The quiz page's first load must stay under 150 KB gzipped (scripts/bench-quiz.ts measures it): next-intl's
 * client runtime (the strings are formatted by icu-lite), the FSRS scheduler (loaded when a card is graded)
 * and the simulator (in the checking worker) are not part of it.
 */
describe("the quiz page's first load", () => {
  it("carries neither next-intl's client runtime, nor the scheduler, nor the simulator", () => {
    const packages = packagesLoadedBy("src/components/quiz/QuizApp.tsx");
    expect([...packages.keys()]).toContain("react");
    for (const name of ["next-intl", "use-intl", "ts-fsrs", "sim-core", "@xterm/xterm"]) {
      expect(packages.has(name) ? `${name} (imported by ${packages.get(name)})` : null).toBeNull();
    }
  });
});
