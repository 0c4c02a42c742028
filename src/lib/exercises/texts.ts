/** The words of every exercise per locale, from the JSON beside each definition. */
import type { ExerciseText } from "./types";
import twoNodeOverlayEn from "./defs/two-node-overlay/en.json";
import twoNodeOverlayUk from "./defs/two-node-overlay/uk.json";
import attachableEn from "./defs/attachable/en.json";
import attachableUk from "./defs/attachable/uk.json";
import serviceDiscoveryEn from "./defs/service-discovery/en.json";
import serviceDiscoveryUk from "./defs/service-discovery/uk.json";
import encryptedOverlayEn from "./defs/encrypted-overlay/en.json";
import encryptedOverlayUk from "./defs/encrypted-overlay/uk.json";
import routingMeshEn from "./defs/routing-mesh/en.json";
import routingMeshUk from "./defs/routing-mesh/uk.json";
import commonMistakesEn from "./defs/common-mistakes/en.json";
import commonMistakesUk from "./defs/common-mistakes/uk.json";
import vxlanFirewallEn from "./defs/vxlan-firewall/en.json";
import vxlanFirewallUk from "./defs/vxlan-firewall/uk.json";
import singleHostEn from "./defs/single-host/en.json";
import singleHostUk from "./defs/single-host/uk.json";
import nodeDrainEn from "./defs/node-drain/en.json";
import nodeDrainUk from "./defs/node-drain/uk.json";
import controlPortsEn from "./defs/control-ports/en.json";
import controlPortsUk from "./defs/control-ports/uk.json";

export type ExerciseLocale = "en" | "uk";

export const EXERCISE_TEXTS: Record<string, Record<ExerciseLocale, ExerciseText>> = {
  "two-node-overlay": { en: twoNodeOverlayEn, uk: twoNodeOverlayUk },
  "attachable": { en: attachableEn, uk: attachableUk },
  "service-discovery": { en: serviceDiscoveryEn, uk: serviceDiscoveryUk },
  "encrypted-overlay": { en: encryptedOverlayEn, uk: encryptedOverlayUk },
  "routing-mesh": { en: routingMeshEn, uk: routingMeshUk },
  "common-mistakes": { en: commonMistakesEn, uk: commonMistakesUk },
  "vxlan-firewall": { en: vxlanFirewallEn, uk: vxlanFirewallUk },
  "single-host": { en: singleHostEn, uk: singleHostUk },
  "node-drain": { en: nodeDrainEn, uk: nodeDrainUk },
  "control-ports": { en: controlPortsEn, uk: controlPortsUk },
};

export function exerciseText(slug: string, locale: ExerciseLocale): ExerciseText | undefined {
  return EXERCISE_TEXTS[slug]?.[locale];
}
