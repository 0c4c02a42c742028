/**
 * Docker's identifier shapes. Swarm objects (nodes, services, tasks, swarm networks) have 25
 * lowercase base-36 characters; local objects (containers, bridge networks) 64 hex characters.
 * Tables show both truncated to 12.
 */
import type { Rng } from "./rng";

const BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz";
const HEX = "0123456789abcdef";

export const swarmId = (rng: Rng): string => rng.chars(BASE36, 25);
export const localId = (rng: Rng): string => rng.chars(HEX, 64);
export const truncateId = (id: string): string => id.slice(0, 12);

/**
 * A join token as swarmkit prints it: `SWMTKN-1-<root CA digest, base 36, 50 chars>-<secret, base 36, 25 chars>`.
 * The CA digest is shared by both roles; each role has its own secret.
 */
export function joinToken(caDigest: string, secret: string): string {
  if (!/^[0-9a-z]{50}$/.test(caDigest) || !/^[0-9a-z]{25}$/.test(secret)) {
    throw new RangeError("a join token needs a 50-character CA digest and a 25-character secret in base 36");
  }
  return `SWMTKN-1-${caDigest}-${secret}`;
}

export const caDigest = (rng: Rng): string => rng.chars(BASE36, 50);
export const tokenSecret = (rng: Rng): string => rng.chars(BASE36, 25);

/** A stable 64-hex endpoint ID derived from the network and the container (no extra state to keep). */
export function endpointId(a: string, b: string): string {
  let out = "";
  let h = 2166136261;
  for (let round = 0; out.length < 64; round++) {
    for (const c of `${a}/${b}/${round}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
    out += h.toString(16).padStart(8, "0");
  }
  return out.slice(0, 64);
}

/**
 * The ID of the network-attachment task swarmkit keeps for a standalone container on an attachable overlay:
 * 25 base-36 characters derived from the container and the network (stable, no extra state to keep).
 */
export function attachmentTaskId(containerId: string, networkId: string): string {
  const hex = endpointId(`attachment/${networkId}`, containerId);
  let n = BigInt(`0x${hex}`);
  let out = "";
  while (out.length < 25) {
    out += BASE36[Number(n % 36n)];
    n /= 36n;
  }
  return out;
}
