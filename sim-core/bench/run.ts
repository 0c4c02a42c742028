/**
 * sim-core benchmarks (issue 3 figures). `npm run bench -w sim-core`; results in docs/benchmarks/sim-core.md.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createNetwork, createSandbox, createService, DOCKER_COMMANDS, HOST_TOOLS, joinTokenFor, roundTrip, runContainer, shellFactory, swarmInit, swarmJoin, World } from "../src";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (fn: () => void) => {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
};
const must = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

function swarmOf(nodes: number, seed: string): World {
  const w = World.create({ nodes, seed });
  must(swarmInit(w, "node-1", { advertiseAddr: "192.168.1.10" }));
  const { token, addr } = must(joinTokenFor(w, "node-1", "worker"));
  for (let k = 2; k <= nodes; k++) must(swarmJoin(w, `node-${k}`, token, addr));
  return w;
}

// 1. Boot a 3-node swarm, create an overlay, run a 5-replica service.
for (let i = 0; i < 50; i++) swarmOf(3, `warm${i}`);
const boot = median(
  Array.from({ length: 300 }, (_, i) =>
    time(() => {
      const w = swarmOf(3, `boot${i}`);
      must(createNetwork(w, "node-1", { name: "appnet", driver: "overlay", attachable: true }));
      must(createService(w, "node-1", { name: "api", image: "nginx", replicas: 5, networks: ["appnet"] }));
    }),
  ),
);

// 2. 100 nodes and 10,000 tasks; 3. scaling from 1,000 to 10,000 tasks.
function bigService(replicas: number) {
  const w = swarmOf(100, `big${replicas}`);
  must(createNetwork(w, "node-1", { name: "appnet", driver: "overlay", attachable: true, subnet: "10.8.0.0/16" }));
  const ms = time(() => must(createService(w, "node-1", { name: "api", image: "nginx", replicas, networks: ["appnet"] })));
  return { w, ms };
}
bigService(1000);
const small = median([0, 1, 2].map(() => bigService(1000).ms));
global.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const big = bigService(10_000);
const bigMs = median([big.ms, bigService(10_000).ms, bigService(10_000).ms]);
global.gc?.();
const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
const totalHeapMb = process.memoryUsage().heapUsed / 1024 / 1024;

// A cross-host ping through the VIP of the 10,000-task service.
const client = must(runContainer(big.w, "node-1", { name: "client", image: "alpine", networks: ["appnet"] }));
const vip = Object.values(Object.values(big.w.state.swarms)[0].services)[0].vips;
const vipIp = Object.values(vip)[0];
const pingMs = median(Array.from({ length: 500 }, () => time(() => roundTrip(big.w, "node-1", client, vipIp))));

// 4. Snapshot + restore of a typical lab.
const lab = swarmOf(3, "lab");
must(createNetwork(lab, "node-1", { name: "appnet", driver: "overlay", attachable: true }));
must(createService(lab, "node-1", { name: "api", image: "nginx", replicas: 5, networks: ["appnet"] }));
must(createService(lab, "node-1", { name: "web", image: "nginx", replicas: 3, networks: ["appnet"] }));
const snap = median(Array.from({ length: 1000 }, () => time(() => World.restore(lab.snapshot()))));

// 5. The command line (issue 4): a typical command on a default 3-node lab, parse + run + format.
const lab3 = createSandbox({ nodes: 3, seed: "cli", shell: shellFactory({ docker: DOCKER_COMMANDS, tools: HOST_TOOLS }) });
await lab3.exec("node-1", "docker swarm init --advertise-addr 192.168.1.10");
const tok = (await lab3.exec("node-1", "docker swarm join-token -q worker")).stdout.trim();
for (const n of ["node-2", "node-3"]) await lab3.exec(n, `docker swarm join --token ${tok} 192.168.1.10:2377`);
await lab3.exec("node-1", "docker network create --driver overlay --attachable appnet");
await lab3.exec("node-1", "docker service create -d --name api --replicas 5 --network appnet nginx");
const typical = ["docker node ls", "docker service ls", "docker service ps api", "docker network ls", "docker ps"];
// Cold: the first 2,000 commands of a fresh process, while V8 is still compiling the command paths.
const coldTimes: number[] = [];
for (let i = 0; i < 2000; i++) {
  const t0 = performance.now();
  await lab3.exec("node-1", typical[i % typical.length]);
  coldTimes.push(performance.now() - t0);
}
coldTimes.sort((a, b) => a - b);
const coldP99 = coldTimes[Math.floor(coldTimes.length * 0.99)];
// Steady state (the figure): after 5,000 more warm-up commands the JIT has settled.
for (let i = 0; i < 5000; i++) await lab3.exec("node-1", typical[i % typical.length]);
const cmdTimes: number[] = [];
for (let i = 0; i < 2000; i++) {
  const t0 = performance.now();
  await lab3.exec("node-1", typical[i % typical.length]);
  cmdTimes.push(performance.now() - t0);
}
cmdTimes.sort((a, b) => a - b);
const p99 = cmdTimes[Math.floor(cmdTimes.length * 0.99)];

// docker service ps on a 10,000-task service.
// The whole listing is ~1.1 MB: raise the per-command output limit so nothing is cut.
const big3 = createSandbox({ nodes: 100, seed: "ps", shell: shellFactory({ docker: DOCKER_COMMANDS, limits: { output: 8 << 20 } }) });
await big3.exec("node-1", "docker swarm init --advertise-addr 192.168.1.10");
const tok3 = (await big3.exec("node-1", "docker swarm join-token -q worker")).stdout.trim();
for (let k = 2; k <= 100; k++) await big3.exec(`node-${k}`, `docker swarm join --token ${tok3} 192.168.1.10:2377`);
await big3.exec("node-1", "docker network create --driver overlay --subnet 10.8.0.0/16 appnet");
await big3.exec("node-1", "docker service create -d --name api --replicas 10000 --network appnet nginx");
await big3.exec("node-1", "docker service ps api");
// One after another: a session runs one line at a time, so concurrent calls would time each other's waits.
const psTimes: number[] = [];
for (let i = 0; i < 3; i++) {
  const t0 = performance.now();
  const r = await big3.exec("node-1", "docker service ps api");
  psTimes.push(performance.now() - t0);
  if (r.stdout.split("\n").length < 10_001) throw new Error("service ps listed too few tasks");
}
const psMs = median(psTimes);

const ratio = bigMs / 10 / small;
const rows: [string, string, string, boolean | null][] = [
  ["boot a 3-node swarm + overlay + 5-replica service (median of 300)", "≤ 2 ms", `${boot.toFixed(3)} ms`, boot <= 2],
  ["100 nodes: create a 10,000-task service", "≤ 300 ms", `${bigMs.toFixed(1)} ms`, bigMs <= 300],
  ["cross-host ping through the VIP of that service (median of 500)", "≤ 1 ms", `${pingMs.toFixed(3)} ms`, pingMs <= 1],
  ["heap added by the 100-node, 10,000-task world", "≤ 200 MB", `${heapMb.toFixed(1)} MB (process heap ${totalHeapMb.toFixed(0)} MB)`, heapMb <= 200],
  ["cost per task, 10,000 vs 1,000 tasks (1.0 = linear)", "no worse than linear (25% noise allowed)", `${ratio.toFixed(2)} (1,000 tasks: ${small.toFixed(1)} ms)`, ratio <= 1.25],
  ["snapshot + restore of a typical lab (median of 1,000)", "≤ 1 ms", `${snap.toFixed(3)} ms`, snap <= 1],
  ["typical command on a 3-node lab, parse + run + format (p99 of 2,000 in steady state: node ls, service ls/ps, network ls, ps)", "≤ 1 ms", `${p99.toFixed(3)} ms`, p99 <= 1],
  ["same, the first 2,000 commands of a fresh process (JIT warming up; for information)", "—", `${coldP99.toFixed(3)} ms`, null],
  ["`docker service ps` on a 10,000-task service (median of 3)", "≤ 100 ms", `${psMs.toFixed(1)} ms`, psMs <= 100],
];
const out = `## sim-core (issues 3 and 4)

Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} cores, Node ${process.version}. Script: \`sim-core/bench/run.ts\` (\`npm run bench -w sim-core\`).

| figure | target | measured | |
|---|---|---|---|
${rows.map(([f, t, m, ok]) => `| ${f} | ${t} | ${m} | ${ok === null ? "" : ok ? "ok" : "MISSED"} |`).join("\n")}
`;
const target = path.join(import.meta.dirname, "../../docs/benchmarks/sim-core.md");
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, out);
console.log(out);
