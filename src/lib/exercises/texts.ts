/** The words of every exercise per locale, from the JSON beside each definition. */
import type { ExerciseText } from "./types";
import twoNodeOverlayEn from "./defs/two-node-overlay/en.json";
import twoNodeOverlayUk from "./defs/two-node-overlay/uk.json";
import vxlanFirewallEn from "./defs/vxlan-firewall/en.json";
import vxlanFirewallUk from "./defs/vxlan-firewall/uk.json";

export type ExerciseLocale = "en" | "uk";

export const EXERCISE_TEXTS: Record<string, Record<ExerciseLocale, ExerciseText>> = {
  "two-node-overlay": { en: twoNodeOverlayEn, uk: twoNodeOverlayUk },
  "vxlan-firewall": { en: vxlanFirewallEn, uk: vxlanFirewallUk },
};

export function exerciseText(slug: string, locale: ExerciseLocale): ExerciseText | undefined {
  return EXERCISE_TEXTS[slug]?.[locale];
}
