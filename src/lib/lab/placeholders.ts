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

/**
 * The articles' `myapp` stands for the reader's own application image, which no registry has (Docker says
 * "No such image: myapp:latest", and so does the lab). Typed into the lab it becomes a small real web server
 * that answers with its hostname and addresses, so the example's service runs and shows the load balancing.
 */
export const APP_STAND_IN = "traefik/whoami";

const CREATES = /^\s*docker\s+(?:service\s+create|run|create|container\s+(?:run|create))\s/;
/** The options of those commands, in the articles, that take a value as the next word. */
const TAKES_VALUE = new Set(["--name", "--network", "--net", "--replicas", "-e", "--env", "-p", "--publish", "--mode", "--constraint", "--endpoint-mode", "--label", "-l", "--mount", "-v", "--volume", "-h", "--hostname", "--ip"]);

/** The line with its image argument `myapp[:tag]` replaced by the stand-in; other lines as they are. */
function standInForMyapp(line: string): string {
  if (!CREATES.test(line)) return line;
  const words = line.split(/(\s+)/);
  for (let i = 0; i < words.length; i += 2) {
    if (!/^myapp(?::[\w.-]+)?$/.test(words[i])) continue;
    if (i >= 2 && TAKES_VALUE.has(words[i - 2])) continue; // --name myapp: a name, not the image
    words[i] = APP_STAND_IN;
    return words.join("");
  }
  return line;
}

/**
 * Fills `<TOKEN>`, `SWMTKN-...`, `<manager-ip>` and `<svc-container>`, and types the stand-in for `myapp`;
 * what it cannot fill stays as written.
 */
export function fillPlaceholders(line: string, values: PlaceholderValues): string {
  const filled = line
    .replace(/<(?:worker-)?token>|SWMTKN-(?:\.\.\.|…)/gi, (m) => values.token ?? m)
    .replace(/<manager[-_]ip>/gi, values.managerIp)
    .replace(/<([\w-]+)-container>/gi, (m, svc: string) => values.containerOf(svc) ?? m);
  return standInForMyapp(filled);
}
