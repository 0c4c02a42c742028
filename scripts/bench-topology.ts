/**
 * Topology panel benchmark (issue 11 figures), in Chromium on the production build:
 *  - main-thread work of a topology update after a command, at 5 nodes × 20 tasks (100 tasks): the
 *    panel's User Timing measure "topology-update" (worker message received → React commit) and the
 *    long tasks seen while the command's updates land;
 *  - 100 nodes × 10,000 tasks (the aggregated view): the world is built by sim-core in Node (the lab's UI
 *    stops at 5 nodes), its records posted from inside the lab's own worker as the feed posts them, then
 *    a drain's diff; the update's main-thread time, and keystroke-to-echo in a terminal right after;
 *  - the question page's first-load JavaScript (the panel must not reach it).
 * Runs the standalone server on an in-memory PGlite and writes docs/benchmarks/topology.md.
 *
 *   npx tsx scripts/bench-topology.ts          (builds first if .next is missing)
 */
import { execSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { gzipSync } from "node:zlib";
import { chromium, type Page } from "@playwright/test";
import { createLab, type Lab } from "sim-core";
import { encodeShare } from "../src/lib/lab/share";
import type { LogEntry } from "../src/lib/lab/protocol";
import { TopologyTracker } from "../src/lib/topology/build";
import { startStandalone } from "./standalone-server";

const PORT = Number(process.env.BENCH_TOPOLOGY_PORT ?? 3478);
const base = `http://127.0.0.1:${PORT}`;
if (!fs.existsSync(".next/BUILD_ID")) execSync("npx next build", { stdio: "inherit" });

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};
const ms = (n: number) => `${n.toFixed(1)} ms`;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** A lab's commands with their virtual times, and the token its join needs (the seed fixes both). */
async function session(seed: string, nodes: number, tail: string[]): Promise<{ log: LogEntry[]; lab: Lab }> {
  const lab = createLab({ nodes, seed });
  const log: LogEntry[] = [];
  const run = async (pane: string, line: string) => {
    // The virtual time it starts at, as the lab's log records it: a replay starts it at the same moment.
    log.push({ pane, line, at: lab.now() });
    const r = await lab.exec(pane, line);
    if (r.exitCode !== 0) throw new Error(`${line}: ${r.stderr}`);
    return r;
  };
  await run("node-1", "docker swarm init --advertise-addr 192.168.1.10");
  const token = (await run("node-1", "docker swarm join-token -q worker")).stdout.trim();
  for (let k = 2; k <= nodes; k++) await run(`node-${k}`, `docker swarm join --token ${token} 192.168.1.10:2377`);
  for (const line of tail) await run("node-1", line);
  return { log, lab };
}

/** node-1's visible rows, as text. */
const readRows = () =>
  [...document.querySelectorAll('[data-testid="pane-node-1"] .xterm-rows > div')].map((r) => (r.textContent ?? "").replace(/\u00a0/g, " ").trimEnd()).join("\n");

async function typeCommand(page: Page, line: string) {
  await page.locator('[data-testid="pane-node-1"] .xterm-screen').click();
  await page.keyboard.type(line, { delay: 1 });
  const typed = await page.evaluate(readRows);
  await page.keyboard.press("Enter");
  // Done when the pane has moved on and its last line is a bare prompt again (earlier prompts scroll away).
  await page.waitForFunction(
    (before) => {
      const now = [...document.querySelectorAll('[data-testid="pane-node-1"] .xterm-rows > div')].map((r) => (r.textContent ?? "").replace(/\u00a0/g, " ").trimEnd());
      return now.join("\n") !== before && now.filter(Boolean).at(-1) === "node-1$";
    },
    typed,
    { timeout: 60_000 },
  ).catch(async (e: unknown) => {
    await page.screenshot({ path: "test-results/bench-topology-failure.png" });
    console.error(await page.evaluate(readRows));
    throw e;
  });
}

/** Collects the "topology-update" measures and long tasks from now on. */
async function startObserving(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __long: number[] };
    w.__long = [];
    performance.clearMeasures("topology-update");
    new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__long.push(e.duration))).observe({ type: "longtask" });
  });
}
async function observed(page: Page): Promise<{ updates: number[]; long: number[] }> {
  return page.evaluate(() => ({
    updates: performance.getEntriesByName("topology-update").map((e) => e.duration),
    long: (window as unknown as { __long: number[] }).__long,
  }));
}

async function fiveByTwenty(page: Page) {
  const { log } = await session("bench-topo", 5, [
    "docker network create -d overlay --attachable appnet",
    "docker service create -d --name web --replicas 100 --network appnet nginx",
  ]);
  const link = await encodeShare({ seed: "bench-topo", nodes: 5, log });
  if (!link.ok) throw new Error("share link too long");
  await page.goto(`${base}/en/lab#s=${link.value}`);
  await page.getByTestId("replay-shared").click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid^="topo-endpoint-web."]').length === 100, undefined, { timeout: 60_000 });
  const commands = [
    "docker node update --availability drain node-5",
    "docker node update --availability active node-5",
    "docker service scale web=90",
    "docker service scale web=100",
    "docker network create -d overlay --opt encrypted secure",
    "docker service update --update-parallelism 0 --network-add secure web",
    "docker run -dit --name debug --network appnet alpine",
    "docker node update --availability drain node-4",
    "docker node update --availability active node-4",
    "docker service scale web=95",
  ];
  // Two more rounds of what can be repeated, so the p95 rests on some thirty updates rather than eleven.
  const again = [
    "docker node update --availability drain node-5",
    "docker node update --availability active node-5",
    "docker service scale web=90",
    "docker service scale web=100",
    "docker node update --availability drain node-4",
    "docker node update --availability active node-4",
    "docker service scale web=95",
    "docker service scale web=100",
  ];
  commands.push(...again, ...again);
  await startObserving(page);
  for (const c of commands) {
    await typeCommand(page, c);
    await page.waitForTimeout(400);
  }
  const o = await observed(page);
  const shown = await page.evaluate(() => document.querySelectorAll('[data-testid^="topo-endpoint-"]').length);
  return { ...o, commands: commands.length, shown };
}

async function hundredByTenThousand(page: Page) {
  const t0 = Date.now();
  const { lab } = await session("bench-topo-big", 100, [
    "docker network create -d overlay appnet",
    "docker service create -d --name web --replicas 10000 --network appnet nginx",
  ]);
  const tracker = new TopologyTracker();
  lab.events.subscribe((e) => tracker.note(e));
  const full = tracker.full(lab.state(), true);
  // Drains (each moves a node's hundred tasks elsewhere) and re-activations, one node after another: the diffs
  // a learner's commands would send, each measured on its own.
  const diffs: ReturnType<typeof tracker.flush>[] = [];
  for (const n of [100, 99, 98, 97, 96, 95]) {
    for (const availability of ["drain", "active"]) {
      await lab.exec("node-1", `docker node update --availability ${availability} node-${n}`);
      diffs.push(tracker.flush(lab.state()));
    }
  }
  const drain = diffs[0];
  const buildS = (Date.now() - t0) / 1000;

  await page.goto(`${base}/en/lab`);
  await page.waitForFunction(() => (document.querySelector('[data-testid="pane-node-1"] .xterm-rows')?.textContent ?? "").includes("node-1$"), undefined, { timeout: 30_000 });
  const worker = page.workers()[0];
  await startObserving(page);
  await worker.evaluate((diff) => (self as unknown as Worker).postMessage({ type: "topology", diff, reset: true }), full);
  await page.waitForFunction(() => document.querySelector('[data-testid="topology-svg"]')?.getAttribute("data-mode") === "aggregate", undefined, { timeout: 60_000 });
  await page.waitForTimeout(300);
  const first = await observed(page);
  // The first update's garbage is collected before the next is measured, as it would be between two commands.
  await page.waitForTimeout(1500);
  await startObserving(page);
  for (const diff of diffs) {
    await worker.evaluate((d) => (self as unknown as Worker).postMessage({ type: "topology", diff: d, reset: false }), diff);
    await page.waitForTimeout(500);
  }
  const second = await observed(page);

  // Responsiveness with the big view on screen: keystroke to echo in node-1's pane, measured in the page as
  // scripts/bench-lab.ts does (a capturing keydown listener stamps the key, a MutationObserver on the pane's
  // rows stamps the echo), so the figure compares with the lab's idle keystroke.
  // Each echo is also checked against frames, as there: drawn by the first frame that began after the key, or not.
  await page.evaluate(() => {
    const w = window as unknown as { __lat: number[]; __first: boolean[]; __t0: number | null; __frames: number[]; __tick: (at: number) => void };
    w.__lat = [];
    w.__first = [];
    w.__t0 = null;
    w.__frames = [];
    w.__tick = (at: number) => {
      w.__frames.push(at);
      if (w.__frames.length > 4096) w.__frames.splice(0, 2048);
      requestAnimationFrame(w.__tick);
    };
    requestAnimationFrame(w.__tick);
    document.addEventListener("keydown", () => (w.__t0 = performance.now()), true);
    new MutationObserver(() => {
      if (w.__t0 === null) return;
      const t0 = w.__t0;
      const t1 = performance.now();
      w.__lat.push(t1 - t0);
      w.__first.push(new Set(w.__frames.filter((f) => f > t0 && f <= t1)).size <= 1);
      w.__t0 = null;
    }).observe(document.querySelector('[data-testid="pane-node-1"] .xterm-rows')!, { subtree: true, childList: true, characterData: true });
  });
  await page.locator('[data-testid="pane-node-1"] textarea').focus();
  for (let i = 0; i < 80; i++) {
    await page.keyboard.type(String.fromCharCode(97 + (i % 26)));
    await page.waitForTimeout(25);
    if (i % 40 === 39) await page.keyboard.press("Control+U");
  }
  // Both read at once: a key's echo landing between two reads would count in one and not the other.
  const { echoes, firstFrame } = await page.evaluate(() => {
    const w = window as unknown as { __lat: number[]; __first: boolean[] };
    return { echoes: [...w.__lat], firstFrame: w.__first.slice(0, w.__lat.length).filter(Boolean).length };
  });
  const tiles = await page.evaluate(() => document.querySelectorAll('[data-testid^="topo-host-"]').length);
  return { full: full.set.length, drain: { set: drain.set.length, del: drain.del.length }, first, second, echoes, firstFrame, tiles, buildS, bytes: JSON.stringify(full).length };
}

async function questionJs() {
  const html = await (await fetch(`${base}/en/q/docker-overlay-network`)).text();
  // Modern browsers skip the nomodule polyfills (React writes the attribute as noModule).
  const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"[^>]*>/g)].filter((m) => !/\bnomodule\b/i.test(m[0])).map((m) => m[1]);
  let gz = 0;
  let topologyInIt = false;
  for (const src of new Set(scripts)) {
    const body = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
    gz += gzipSync(body).length;
    if (/topology-update|topo-endpoint-/.test(body.toString("utf8"))) topologyInIt = true;
  }
  return { gz, files: new Set(scripts).size, topologyInIt };
}

const server = startStandalone(PORT, { ...process.env, DATABASE_URL: "", PGLITE_DIR: "memory" });
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/en`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (i > 240) throw new Error("next start did not come up");
    await new Promise((r) => setTimeout(r, 500));
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  const small = await fiveByTwenty(page);
  const page2 = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  const big = await hundredByTenThousand(page2);
  const js = await questionJs();
  await browser.close();
  const load = os.loadavg().map((l) => l.toFixed(1)).join(", ");
  const ok = (b: boolean) => (b ? "ok" : "**misses**");
  const smallP95 = pct(small.updates, 95);
  const bigMax = Math.max(...big.first.updates, ...big.second.updates);
  const echoP95 = pct(big.echoes, 95);
  const md = `# Topology panel: benchmark

Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC by \`npx tsx scripts/bench-topology.ts\` on this machine:
${os.cpus().length} cores, Node ${process.version}, Chromium (Debian) headless, production build (the standalone server, \`npm start\`).
The browser, the server and the benchmark share the same cores; load average during the run: ${load} (other work on the machine included).

| figure | target | measured | |
|---|---|---|---|
| topology update after a command, 5 nodes × 20 tasks (${small.shown} containers drawn), main-thread work per update, p95 of ${small.updates.length} updates over ${small.commands} commands | ≤ 16 ms | ${ms(smallP95)} (p50 ${ms(pct(small.updates, 50))}, max ${ms(Math.max(...small.updates))}); long tasks while they landed: ${small.long.length} (longest ${ms(Math.max(0, ...small.long))}) | ${ok(smallP95 <= 16)} |
| 100 nodes × 10,000 tasks, aggregated view (${big.tiles} host tiles): the first full topology (${big.full} records, ${kb(big.bytes)} of JSON) | stays responsive | ${ms(Math.max(...big.first.updates))} main-thread work for the update | — |
| the same, then ${big.second.updates.length} updates: six nodes drained and made active again, one after another (a drain of node-100: ${big.drain.set} records changed, ${big.drain.del} gone), p95 | ≤ 16 ms | ${ms(pct(big.second.updates, 95))} (p50 ${ms(pct(big.second.updates, 50))}, max ${ms(Math.max(...big.second.updates))}) | ${ok(pct(big.second.updates, 95) <= 16)} |
| keystroke to echo with the 100-node view on screen: echoes drawn by the first frame that began after the key (no frame lost), of ${big.echoes.length} | all (stays responsive) | ${big.firstFrame} of ${big.echoes.length}; in ms p95 ${ms(echoP95)}, max ${ms(Math.max(...big.echoes))} | ${ok(big.firstFrame === big.echoes.length)} |
| question page first-load JavaScript, gzipped | ~138 KB, unchanged | ${kb(js.gz)} (${js.files} scripts); topology code in it: ${js.topologyInIt ? "**yes**" : "none"} | ${ok(!js.topologyInIt && js.gz <= 140 * 1024)} |

- An update's main-thread work is the panel's User Timing measure \`${"topology-update"}\`: from the worker's
  message arriving (the diff applied to the page's maps) to React's commit of the redrawn panel. Layout and
  paint after the commit are the browser's; the long-task count covers everything on the main thread.
- Keystroke to echo, with 10,000 tasks' worth of topology on the page: what "stays responsive" asks is that
  the topology never costs the terminal a frame, so the criterion is that each echo is drawn by the first
  frame after its key. Its time in ms is reported too, but it is mostly the wait for that frame: a key lands
  anywhere in a 16.7 ms frame, so even with no work at all the p95 of that wait alone is about 15.9 ms
  (the lab's idle terminal, with no topology, measures the same in \`scripts/bench-lab.ts\`).
- 5 × 20: a shared session (swarm of 5, an overlay, a 100-replica service) is replayed in the lab, then
  ${small.commands} commands are typed (drains, scales, an encrypted overlay added to the service, a container).
- 100 × 10,000: the lab's UI stops at 5 nodes, so sim-core builds that world in Node (${big.buildS.toFixed(1)} s) and the
  tracker's records are posted from inside the lab's own worker, the way its feed posts them; the page sees
  the same messages a lab that size would send. Past ${"160"} containers or 8 hosts the panel draws host tiles
  with counts per service instead of boxes.
- Max of the big first update${bigMax > 16 ? " exceeds one frame: it is a one-off (every record of 10,000 tasks arrives at once), after which updates are diffs" : ""}.
`;
  fs.mkdirSync("docs/benchmarks", { recursive: true });
  fs.writeFileSync("docs/benchmarks/topology.md", md);
  console.log(md);
} finally {
  try {
    process.kill(-server.pid!, "SIGTERM");
  } catch {
    /* gone */
  }
}
