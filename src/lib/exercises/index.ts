/**
 * Every exercise, in order. The definitions (goals, fail checks, start state, solution) only: the worker
 * and the tests import this; the words are in `texts.ts`, per locale.
 */
import type { ExerciseDef } from "./types";
import { twoNodeOverlay } from "./defs/two-node-overlay";
import { vxlanFirewall } from "./defs/vxlan-firewall";

export const EXERCISES: readonly ExerciseDef[] = [twoNodeOverlay, vxlanFirewall].sort((a, b) => a.number - b.number);

export const EXERCISE_SLUGS = EXERCISES.map((e) => e.slug);

export function exerciseBySlug(slug: string): ExerciseDef | undefined {
  return EXERCISES.find((e) => e.slug === slug);
}
