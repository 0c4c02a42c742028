/** The test cases of every exercise (alternative solutions, near misses, wrong states), by slug. */
import type { ExerciseCases } from "./types";
import { cases as attachable } from "./defs/attachable/cases";
import { cases as commonMistakes } from "./defs/common-mistakes/cases";
import { cases as controlPorts } from "./defs/control-ports/cases";
import { cases as nodeDrain } from "./defs/node-drain/cases";
import { cases as singleHost } from "./defs/single-host/cases";
import { cases as encryptedOverlay } from "./defs/encrypted-overlay/cases";
import { cases as routingMesh } from "./defs/routing-mesh/cases";
import { cases as serviceDiscovery } from "./defs/service-discovery/cases";
import { cases as twoNodeOverlay } from "./defs/two-node-overlay/cases";
import { cases as vxlanFirewall } from "./defs/vxlan-firewall/cases";

export const CASES: Record<string, ExerciseCases> = {
  "two-node-overlay": twoNodeOverlay,
  attachable,
  "service-discovery": serviceDiscovery,
  "encrypted-overlay": encryptedOverlay,
  "routing-mesh": routingMesh,
  "common-mistakes": commonMistakes,
  "single-host": singleHost,
  "node-drain": nodeDrain,
  "control-ports": controlPorts,
  "vxlan-firewall": vxlanFirewall,
};
