/**
 * sim-core: a deterministic simulator of a multi-node Docker Swarm, written in plain TypeScript with no
 * DOM, Node or UI dependency, so it runs in a browser, a Web Worker and Node alike.
 *
 * This module is the package's public surface.
 */
export { createRng, type Rng } from "./engine/rng";
export { caDigest, joinToken, localId, swarmId, tokenSecret, truncateId } from "./engine/ids";
