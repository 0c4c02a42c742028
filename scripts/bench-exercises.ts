/**
 * Exercises benchmark (issue 12 figures):
 *  - the check after a command (every goal and fail check of an exercise on the world and the observations),
 *    as the lab worker runs it, on a 5-node lab busy with a swarm, a 10-replica service, pings and curl;
 *    every exercise's checker, after every command of the workload, p50 / p95 / max;
 *  - an exercise's start state to an interactive prompt, in Chromium on the production build (navigation to
 *    node-1's prompt on the exercise page, cold cache), for the exercise with the most setup of each size.
 * Writes docs/benchmarks/exercises.md.
 *
 *   npx tsx scripts/bench-exercises.ts          (builds first if .next is missing)
 */
import { execSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { chromium } from "@playwright/test";
import { createLab } from "sim-core";
import { EXERCISES } from "../src/lib/exercises";
import { startExercise } from "../src/lib/exercises/run";
import { resolveIn } from "../src/lib/lab/resolve";

const PORT = Number(process.env.BENCH_EXERCISES_PORT ?? 3468);
const base = `http://127.0.0.1:${PORT}`;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const median = (xs: number[]) => pct(xs, 50);
const ms = (n: number) => `${n.toFixed(2)} ms`;

const WORKLOAD: [string, string][] = [
  ["node-1", "docker swarm init --advertise-addr 192.168.1.10"],
  ...["node-2", "node-3", "node-4", "node-5"].map((n): [string, string] => [n, "docker swarm join --token <token> <manager-ip>:2377"]),
  ["node-1", "docker network create -d overlay --attachable benchnet"],
  ["node-1", "docker service create --name bench --network benchnet --replicas 10 -p 8088:80 traefik/whoami"],
  ["node-2", "docker run -d --name probe --network benchnet nicolaka/netshoot sleep 1d"],
  ["node-2", "docker exec probe ping -c 5 bench"],
  ["node-2", "docker exec probe curl -s bench"],
  ["node-3", "curl -s 192.168.1.30:8088"],
  ["node-4", "iptables -A INPUT -p udp --dport 4789 -j DROP"],
  ["node-2", "docker exec probe ping -c 5 bench"],
  ["node-4", "iptables -F"],
  ["node-1", "docker node update --availability drain node-5"],
  ["node-1", "docker service ps bench"],
];

async function checks(): Promise<{ times: number[]; commands: number }> {
  const times: number[] = [];
  let commands = 0;
  for (let round = 0; round < 4; round++) {
    for (const def of EXERCISES) {
      const lab = createLab({ nodes: 5, seed: `bench-${def.slug}` });
      const run = await startExercise(lab, def);
      for (const [pane, line] of WORKLOAD) {
        await lab.exec(pane, resolveIn(lab, pane, line));
        const t0 = performance.now();
        run.check();
        const dt = performance.now() - t0;
        commands++;
        if (round > 0) times.push(dt); // round 0 warms up the JIT
      }
    }
  }
  return { times, commands };
}

/** Milliseconds from navigation start until node-1's prompt is drawn on an exercise page, cold cache. */
async function boot(slug: string, runs = 3): Promise<number[]> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
  const out: number[] = [];
  try {
    for (let i = 0; i < runs + 1; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      // The first request renders the page on the server (the article's headings are read then): not measured.
      await page.goto(`${base}/en/exercises/${slug}`, { timeout: 180_000 });
      const at = await page.waitForFunction(
        () => (document.querySelector('[data-testid="pane-node-1"] .xterm-rows')?.textContent ?? "").includes("node-1$") && document.querySelector('[data-testid="step-panel"]') && performance.now(),
        undefined,
        { timeout: 180_000 },
      );
      if (i > 0) out.push((await at.jsonValue()) as number); // the first run fills the server's caches
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return out;
}

const { times, commands } = await checks();
const p50 = pct(times, 50);
const p95 = pct(times, 95);
const max = Math.max(...times);
const loadDuringChecks = os.loadavg()[0];
console.log(`check after a command: p50 ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, max ${max.toFixed(2)} ms (load ${loadDuringChecks.toFixed(1)})`);

if (!fs.existsSync(".next/BUILD_ID")) execSync("npx next build", { stdio: "inherit" });
const server = spawn("npx", ["next", "start", "-p", String(PORT), "-H", "127.0.0.1"], {
  env: { ...process.env, DATABASE_URL: "", PGLITE_DIR: "memory", NEXT_TELEMETRY_DISABLED: "1" },
  stdio: "ignore",
  detached: true,
});
const boots: { slug: string; nodes: number; setup: number; median: number }[] = [];
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/en/exercises`)).ok) break;
    } catch {}
    if (i > 120) throw new Error("next start did not answer within 60 s");
    await new Promise((r) => setTimeout(r, 500));
  }
  // Of each lab size, the exercise whose start state runs the most commands.
  const bySize = new Map<number, (typeof EXERCISES)[number]>();
  for (const e of EXERCISES) if ((bySize.get(e.nodes)?.setup.length ?? -1) < e.setup.length) bySize.set(e.nodes, e);
  for (const e of [...bySize.values()].sort((a, b) => a.nodes - b.nodes)) boots.push({ slug: e.slug, nodes: e.nodes, setup: e.setup.length, median: median(await boot(e.slug)) });
} finally {
  if (server.pid) process.kill(-server.pid, "SIGTERM");
}
const loadDuringBoot = os.loadavg()[0];

const ok = (b: boolean) => (b ? "ok" : "MISSED");
const out = `## Exercises (issue 12)

Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores, Node ${process.version}. Script: \`scripts/bench-exercises.ts\`.

| figure | target | measured | |
|---|---|---|---|
| check after a command on a 5-node lab (${EXERCISES.length} exercises × ${WORKLOAD.length} commands × 3 rounds; p50 / p95 / max; load average ${loadDuringChecks.toFixed(1)}) | p95 ≤ 5 ms | ${ms(p50)} / ${ms(p95)} / ${ms(max)} | ${ok(p95 <= 5)} |
${boots.map((b) => `| \`/en/exercises/${b.slug}\` (${b.nodes} nodes, ${b.setup} setup commands): navigation to node-1's prompt, cold cache, Chromium, median of 3 (load average ${loadDuringBoot.toFixed(1)}) | ≤ 1 s | ${b.median.toFixed(0)} ms | ${ok(b.median <= 1000)} |`).join("\n")}

The check is what the lab worker runs after each command: every goal and fail check of the exercise, on
\`lab.state()\` and on the observations folded from the simulator's events (bounded lists, so a long session
costs the same). The workload (${commands} checks in all) builds a 5-node swarm with a 10-replica published
service, pings and curls across hosts, drops VXLAN on one node and drains another. An exercise's start state is
its setup commands run in the worker before the first prompt, with nothing shown in the panes.
`;
fs.mkdirSync("docs/benchmarks", { recursive: true });
fs.writeFileSync("docs/benchmarks/exercises.md", out);
console.log(out);
