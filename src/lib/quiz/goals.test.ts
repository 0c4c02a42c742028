import { createLab } from "sim-core";
import { describe, expect, it } from "vitest";
import { LAB_OPTIONS } from "./check";
import { checkGoal, sameImage } from "./goals";
import type { Goal } from "./schema";

/** The world after running `lines` on node-1 of a fresh quiz lab. */
async function stateAfter(...lines: string[]) {
  const lab = createLab(LAB_OPTIONS);
  for (const line of lines) {
    const r = await lab.exec("node-1", line);
    expect(r.exitCode, `${line}: ${r.stderr}`).toBe(0);
  }
  return lab.state();
}

// Each goal: a state that meets it and near-miss states that must not, with the miss they must report.
const cases: { goal: Goal; pass: string[]; near: { lines: string[]; miss: object }[] }[] = [
  {
    goal: { kind: "overlay", name: "debugnet", attachable: true },
    pass: ["docker swarm init", "docker network create -d overlay --attachable debugnet"],
    near: [
      { lines: ["docker swarm init", "docker network create -d overlay debugnet"], miss: { code: "notAttachable", name: "debugnet" } },
      { lines: ["docker swarm init", "docker network create --attachable debugnet"], miss: { code: "wrongDriver", expected: "overlay", found: "bridge" } },
      { lines: ["docker swarm init"], miss: { code: "noNetwork", name: "debugnet" } },
    ],
  },
  {
    goal: { kind: "overlay", name: "secure-net", encrypted: true },
    pass: ["docker swarm init", "docker network create --opt encrypted=true -d overlay secure-net"],
    near: [{ lines: ["docker swarm init", "docker network create -d overlay secure-net"], miss: { code: "notEncrypted" } }],
  },
  {
    goal: { kind: "bridge", host: "node-1", name: "appnet" },
    pass: ["docker network create appnet"],
    near: [
      { lines: ["docker swarm init", "docker network create -d overlay appnet"], miss: { code: "wrongDriver", expected: "bridge", found: "overlay" } },
      { lines: [], miss: { code: "noNetwork" } },
    ],
  },
  {
    goal: { kind: "service", name: "api", image: "nginx", replicas: 3, networks: ["appnet"] },
    pass: ["docker swarm init", "docker network create -d overlay appnet", "docker service create --name api --replicas 3 --network appnet nginx:latest"],
    near: [
      { lines: ["docker swarm init", "docker network create -d overlay appnet", "docker service create --name api --replicas 3 nginx"], miss: { code: "notOnNetwork", network: "appnet" } },
      { lines: ["docker swarm init", "docker network create -d overlay appnet", "docker service create --name api --replicas 2 --network appnet nginx"], miss: { code: "wrongReplicas", expected: 3, found: 2 } },
      { lines: ["docker swarm init", "docker network create -d overlay appnet", "docker service create --name api --replicas 3 --network appnet httpd"], miss: { code: "wrongImage", found: "httpd:latest" } },
      { lines: ["docker swarm init"], miss: { code: "noService", name: "api" } },
    ],
  },
  {
    goal: { kind: "service", name: "web", publish: { published: 80, target: 80, mode: "host" } },
    pass: ["docker swarm init", "docker service create --name web -p mode=host,published=80,target=80 nginx"],
    near: [
      { lines: ["docker swarm init", "docker service create --name web -p 80:80 nginx"], miss: { code: "wrongPublishMode", expected: "host", found: "ingress" } },
      { lines: ["docker swarm init", "docker service create --name web -p 8080:80 nginx"], miss: { code: "noPublishedPort", published: 80, target: 80 } },
    ],
  },
  {
    goal: { kind: "container", host: "node-1", network: "dbg" },
    pass: ["docker swarm init", "docker network create -d overlay --attachable dbg", "docker run -d --network dbg alpine sleep 1d"],
    near: [
      { lines: ["docker swarm init", "docker network create -d overlay --attachable dbg", "docker run -d alpine sleep 1d"], miss: { code: "noRunningContainer", network: "dbg" } },
      // Exits at once: it was on the network, but it is not running there.
      { lines: ["docker swarm init", "docker network create -d overlay --attachable dbg", "docker run -d --network dbg alpine true"], miss: { code: "noRunningContainer" } },
    ],
  },
  {
    goal: { kind: "manager", host: "node-1", advertise: "192.168.1.10" },
    pass: ["docker swarm init --advertise-addr eth0"],
    near: [
      { lines: ["docker swarm init --advertise-addr 192.168.1.20"], miss: { code: "wrongAdvertise", expected: "192.168.1.10", found: "192.168.1.20" } },
      { lines: [], miss: { code: "notManager", host: "node-1" } },
    ],
  },
];

describe("checkGoal", () => {
  it.each(cases.map((c) => [c.goal.kind + " " + JSON.stringify(c.goal), c] as const))("%s", async (_, c) => {
    expect(checkGoal(c.goal, await stateAfter(...c.pass))).toEqual([]);
    for (const near of c.near) {
      const misses = checkGoal(c.goal, await stateAfter(...near.lines));
      expect(misses, near.lines.join(" ; ")).toEqual([expect.objectContaining(near.miss)]);
    }
  });

  it("does not count a service's task container as a standalone container on the network", async () => {
    const state = await stateAfter("docker swarm init", "docker network create -d overlay --attachable dbg", "docker service create --name s --network dbg nginx");
    expect(checkGoal({ kind: "container", host: "node-1", network: "dbg" }, state)).toEqual([expect.objectContaining({ code: "noRunningContainer" })]);
  });
});

describe("sameImage", () => {
  it("treats a missing tag as latest and the Docker Hub prefixes as implied", () => {
    expect(sameImage("nginx", "nginx:latest")).toBe(true);
    expect(sameImage("nginx", "docker.io/library/nginx")).toBe(true);
    expect(sameImage("registry:5000/nginx", "registry:5000/nginx:latest")).toBe(true);
    expect(sameImage("nginx", "nginx:1.27")).toBe(false);
    expect(sameImage("nginx", "httpd")).toBe(false);
  });
});
