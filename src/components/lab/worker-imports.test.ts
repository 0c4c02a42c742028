import { describe, expect, it } from "vitest";
import { packagesLoadedBy } from "@/lib/dev/import-graph";

/**
 * The worker is on the path to the lab's first prompt: every module it loads is parsed and compiled before
 * the cluster boots. Heavy page-side libraries stay out of it (sim-core is one package, checked by its own
 * import guard).
 */
const FORBIDDEN = ["zod", "react", "react-dom", "@xterm/xterm", "next-intl"];

describe("the lab worker's imports", () => {
  it("loads sim-core and none of the page's libraries", () => {
    const packages = packagesLoadedBy("src/components/lab/lab.worker.ts");
    expect([...packages.keys()]).toContain("sim-core");
    for (const name of FORBIDDEN) expect(packages.has(name) ? `${name} (imported by ${packages.get(name)})` : null).toBeNull();
  });
});
