/**
 * Every exercise, in order. The definitions (goals, fail checks, start state, solution) only: the worker
 * and the tests import this; the words are in `texts.ts`, per locale.
 */
import type { ExerciseDef } from "./types";
import { attachable } from "./defs/attachable";
import { commonMistakes } from "./defs/common-mistakes";
import { controlPorts } from "./defs/control-ports";
import { nodeDrain } from "./defs/node-drain";
import { singleHost } from "./defs/single-host";
import { encryptedOverlay } from "./defs/encrypted-overlay";
import { routingMesh } from "./defs/routing-mesh";
import { serviceDiscovery } from "./defs/service-discovery";
import { twoNodeOverlay } from "./defs/two-node-overlay";
import { vxlanFirewall } from "./defs/vxlan-firewall";

export const EXERCISES: readonly ExerciseDef[] = [twoNodeOverlay, attachable, serviceDiscovery, encryptedOverlay, routingMesh, commonMistakes, vxlanFirewall, singleHost, nodeDrain, controlPorts].sort((a, b) => a.number - b.number);

export const EXERCISE_SLUGS = EXERCISES.map((e) => e.slug);

export function exerciseBySlug(slug: string): ExerciseDef | undefined {
  return EXERCISES.find((e) => e.slug === slug);
}
