/**
 * The placeholders an article's commands carry (`<TOKEN>`, `<manager-ip>`, `<web-container>`), filled in
 * the worker from the running session. Kept apart from script.ts so that the worker does not load zod.
 */
/** What the session knows to fill placeholders with. */
export interface PlaceholderValues {
  /** The worker join token, once a swarm exists. */
  token: string | null;
  /** The manager's address (node-1's underlay IP). */
  managerIp: string;
  /** A running container of a service on the pane's host, by service name. */
  containerOf(service: string): string | null;
}

/** Fills `<TOKEN>`, `SWMTKN-...`, `<manager-ip>` and `<svc-container>`; what it cannot fill stays as written. */
export function fillPlaceholders(line: string, values: PlaceholderValues): string {
  return line
    .replace(/<(?:worker-)?token>|SWMTKN-(?:\.\.\.|…)/gi, (m) => values.token ?? m)
    .replace(/<manager[-_]ip>/gi, values.managerIp)
    .replace(/<([\w-]+)-container>/gi, (m, svc: string) => values.containerOf(svc) ?? m);
}
