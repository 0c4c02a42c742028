/**
 * "Run in lab": the commands of an article's fenced bash/sh block, each with the node it runs on, read
 * as the article writes them — `node-2$ ` prefixes (then other lines are output), `$ ` prefixes, a
 * comment naming a node ("# Node 2 (worker)", "# On node-2") or a manager ("# On a Swarm manager"),
 * and `\` continuations. Placeholders stay as written; the lab fills them from the session when it
 * types each command (`fillPlaceholders` in placeholders.ts).
 *
 * A comment that puts the commands inside a container on a network ("# Inside any container on appnet:")
 * makes each of them run in one, as a reader would: `docker run --rm --network appnet alpine <command>`.
 * What such a comment takes for granted (the network; a service it names with its replicas, "# Service
 * "api" has 5 replicas…") comes first, as steps the lab skips when the cluster already has them.
 */
import * as z from "zod/mini";
import type { ClusterFacts } from "./protocol";

export interface ScriptStep {
  node: string;
  line: string;
  /** A step that creates what the block takes for granted: skipped when the cluster already has it. */
  ensure?: { kind: "network" | "service"; name: string };
}

/** The image a block's "inside a container" commands run in: alpine's busybox has ping, nslookup, wget. */
export const CONTAINER_IMAGE = "alpine";

/** "Inside any container on appnet", "У будь-якому контейнері в appnet": the network's name. */
const IN_CONTAINER = [
  /\b(?:inside|in|from)\s+(?:any|a|each|every|the)?\s*containers?\s+(?:on|in|attached\s+to)\s+(?:the\s+)?[`"'“]?([\w.-]+)/i,
  /(?:^|[^\p{L}])контейнер\p{L}*\s+(?:в|у|на)\s+(?:мережі\s+)?[`"'«“]?([\w.-]+)/iu,
];
/** "Service "api" has 5 replicas", "Сервіс "api" має 5 реплік": the service and its replicas. */
const SERVICE_HAS = [
  /\bservice\s+[`"'“]?([\w.-]+)[`"'”]?\s+has\s+(\d+)\s+replicas?\b/i,
  /(?:^|[^\p{L}])сервіс\s+[`"'«“]?([\w.-]+)[`"'»”]?\s+має\s+(\d+)\s+реплік/iu,
];
/** Words those patterns can meet where a network's name would be ("in a container on node-2"). */
const NOT_A_NETWORK = /^(?:node-?\d+|host|hosts|this|that|it|its|your|the|each|every|any|one|both|all|manager|worker)$/i;
const firstMatch = (patterns: RegExp[], text: string) => patterns.map((p) => p.exec(text)).find((m) => m !== null) ?? null;

const PROMPT = /^(?:(node-\d)\$|\$)\s+(.*)$/;

function nodeFromComment(comment: string, nodes: number): string | null {
  const named = /\bnode[- ]?(\d)\b/i.exec(comment);
  if (named && Number(named[1]) >= 1 && Number(named[1]) <= nodes) return `node-${named[1]}`;
  if (/\bmanager\b/i.test(comment) && !/\bworker\b/i.test(comment)) return "node-1";
  return null;
}

/** The block's commands in order, or [] when it holds none (output only, or another language). */
export function scriptFromBlock(code: string, nodes = 5): ScriptStep[] {
  const raw = code.replace(/\r\n?/g, "\n").split("\n");
  const prompted = raw.some((l) => PROMPT.test(l.trimStart()));
  const steps: ScriptStep[] = [];
  let node = "node-1";
  let pending: string | null = null;
  /** The network the commands run in a container on, once a comment said so. */
  let inContainer: string | null = null;
  let service: { name: string; replicas: number } | null = null;
  const push = (command: string) =>
    steps.push({ node, line: inContainer ? `docker run --rm --network ${inContainer} ${CONTAINER_IMAGE} ${command}` : command });
  for (const full of raw) {
    const line = full.trim();
    if (pending !== null) {
      // A continuation line belongs to the command above, whatever it looks like.
      const text = line.replace(/\\$/, "").trim();
      pending += ` ${text}`;
      if (!line.endsWith("\\")) {
        push(pending.replace(/\s+/g, " ").trim());
        pending = null;
      }
      continue;
    }
    if (line === "") continue;
    if (line.startsWith("#")) {
      const named = nodeFromComment(line, nodes);
      if (named) {
        node = named;
        inContainer = null;
      }
      const has = firstMatch(SERVICE_HAS, line);
      if (has) service = { name: has[1], replicas: Math.min(Number(has[2]), 100) };
      const network = firstMatch(IN_CONTAINER, line)?.[1];
      if (network && !NOT_A_NETWORK.test(network) && network !== inContainer) {
        steps.push({ node, line: `docker network create --driver overlay --attachable ${network}`, ensure: { kind: "network", name: network } });
        if (service) {
          steps.push({
            node,
            line: `docker service create --name ${service.name} --network ${network} --replicas ${service.replicas} myapp`,
            ensure: { kind: "service", name: service.name },
          });
        }
        inContainer = network;
      }
      continue;
    }
    let command = line;
    if (prompted) {
      const m = PROMPT.exec(line);
      if (!m) continue; // output shown in the article
      if (m[1]) node = Number(m[1].slice(5)) <= nodes ? m[1] : node;
      command = m[2];
    }
    // A trailing comment explains the command to the reader; the shell would ignore it too.
    command = command.replace(/\s+#\s.*$/, "").trim();
    if (command.endsWith("\\")) {
      pending = command.slice(0, -1).trim();
      continue;
    }
    if (command) push(command);
  }
  if (pending) push(pending);
  // Only what it takes for granted: a block whose context holds no command of its own runs nothing.
  return steps.every((s) => s.ensure) ? [] : steps;
}

/** Commands only a swarm manager runs (an overlay network, services, nodes, stacks, secrets, configs). */
const SWARM_ONLY = /\bdocker\s+(?:service|node|stack|secret|config)\s|\bdocker\s+network\s+create\b.*(?:--driver[ =]overlay|-d\s+overlay)\b/;
const SWARM_INIT = /\bdocker\s+swarm\s+init\b/;

/**
 * A block typed into the cluster the lab has: one that starts a swarm (`docker swarm init`) meets a cluster
 * that already has one ("fresh": it needs a new cluster to do what the article shows); one that only uses a
 * swarm, in a cluster without one, is typed after a `docker swarm init` on node-1, as the article's
 * "on a Swarm manager" takes for granted.
 */
export function fitScript(all: readonly ScriptStep[], cluster: ClusterFacts): { steps: ScriptStep[]; fresh: boolean } {
  const { hasSwarm } = cluster;
  // What the block takes for granted and the cluster already has is not made again.
  const steps = all.filter((s) => !s.ensure || !(s.ensure.kind === "network" ? cluster.networks : cluster.services).includes(s.ensure.name));
  const starts = steps.some((s) => SWARM_INIT.test(s.line));
  if (starts) return { steps, fresh: hasSwarm };
  if (!hasSwarm && steps.some((s) => SWARM_ONLY.test(s.line))) return { steps: [{ node: "node-1", line: "docker swarm init" }, ...steps], fresh: false };
  return { steps, fresh: false };
}

/** A script handed to the lab page: from the question page through sessionStorage, checked on arrival. */
export const pendingScriptSchema = z.object({
  steps: z
    .array(
      z.object({
        node: z.string().check(z.regex(/^node-[1-5]$/)),
        line: z.string().check(z.minLength(1), z.maxLength(4096)),
        ensure: z.optional(z.object({ kind: z.enum(["network", "service"]), name: z.string().check(z.regex(/^[\w.-]{1,64}$/)) })),
      }),
    )
    .check(z.minLength(1), z.maxLength(100)),
  source: z.object({
    href: z.string().check(z.maxLength(500), z.regex(/^\/(en|uk)\/q\/[\w-]+(#[\p{L}\p{N}_-]*)?$/u)),
    title: z.string().check(z.maxLength(300)),
  }),
});
export type PendingScript = z.infer<typeof pendingScriptSchema>;
export const PENDING_SCRIPT_KEY = "overlay-lab:run";

/** The lab's fragment parameter for a script: `/en/lab#run=<base64url JSON>`. */
export const RUN_PARAM = "run";

/** The link a "Run in lab" button opens: the lab of the same locale with the block's commands and section. */
export function runInLabHref(locale: string, script: PendingScript): string {
  const bytes = new TextEncoder().encode(JSON.stringify(script));
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  const value = btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  return `/${locale}/lab#${RUN_PARAM}=${value}`;
}
