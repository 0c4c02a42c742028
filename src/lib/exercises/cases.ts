/** The test cases of every exercise (alternative solutions, near misses, wrong states), by slug. */
import type { ExerciseCases } from "./types";
import { cases as twoNodeOverlay } from "./defs/two-node-overlay/cases";
import { cases as vxlanFirewall } from "./defs/vxlan-firewall/cases";

export const CASES: Record<string, ExerciseCases> = {
  "two-node-overlay": twoNodeOverlay,
  "vxlan-firewall": vxlanFirewall,
};
