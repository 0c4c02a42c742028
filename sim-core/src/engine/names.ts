/**
 * The daemon's rules for the names a user gives: swarm objects (services, overlay networks) as swarmkit's
 * controlapi validateAnnotations checks them, and containers as moby's daemon/names does.
 */

/** swarmkit manager/controlapi/common.go isValidDNSName. */
const DNS_NAME = /^[a-zA-Z0-9](?:[-_]*[A-Za-z0-9]+)*$/;

/** swarmkit's validateAnnotations: the refusal for a swarm object's name (InvalidArgument), or null. */
export function annotationsError(name: string): string | null {
  if (name === "") return "meta: name must be provided";
  if (!DNS_NAME.test(name)) return "name must be valid as a DNS name component";
  // DNS labels are limited to 63 characters (checked after the pattern, as swarmkit does).
  if (name.length > 63) return "name must be 63 characters or fewer";
  return null;
}

/** moby's RestrictedNamePattern (daemon/names): `[a-zA-Z0-9][a-zA-Z0-9_.-]+`, a leading `/` allowed. */
export const VALID_CONTAINER_NAME = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
