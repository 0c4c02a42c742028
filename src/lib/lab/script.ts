/**
 * "Run in lab": the commands of an article's fenced bash/sh block, each with the node it runs on, read
 * as the article writes them — `node-2$ ` prefixes (then other lines are output), `$ ` prefixes, a
 * comment naming a node ("# Node 2 (worker)", "# On node-2") or a manager ("# On a Swarm manager"),
 * and `\` continuations. Placeholders stay as written; the lab fills them from the session when it
 * types each command (`fillPlaceholders` in placeholders.ts).
 */
import * as z from "zod/mini";

export interface ScriptStep {
  node: string;
  line: string;
}

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
  for (const full of raw) {
    const line = full.trim();
    if (pending !== null) {
      // A continuation line belongs to the command above, whatever it looks like.
      const text = line.replace(/\\$/, "").trim();
      pending += ` ${text}`;
      if (!line.endsWith("\\")) {
        steps.push({ node, line: pending.replace(/\s+/g, " ").trim() });
        pending = null;
      }
      continue;
    }
    if (line === "") continue;
    if (line.startsWith("#")) {
      node = nodeFromComment(line, nodes) ?? node;
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
    if (command) steps.push({ node, line: command });
  }
  if (pending) steps.push({ node, line: pending });
  return steps;
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
export function fitScript(steps: readonly ScriptStep[], hasSwarm: boolean): { steps: ScriptStep[]; fresh: boolean } {
  const starts = steps.some((s) => SWARM_INIT.test(s.line));
  if (starts) return { steps: [...steps], fresh: hasSwarm };
  if (!hasSwarm && steps.some((s) => SWARM_ONLY.test(s.line))) return { steps: [{ node: "node-1", line: "docker swarm init" }, ...steps], fresh: false };
  return { steps: [...steps], fresh: false };
}

/** A script handed to the lab page: from the question page through sessionStorage, checked on arrival. */
export const pendingScriptSchema = z.object({
  steps: z
    .array(z.object({ node: z.string().check(z.regex(/^node-[1-5]$/)), line: z.string().check(z.minLength(1), z.maxLength(4096)) }))
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
