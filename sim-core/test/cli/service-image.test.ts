/**
 * A service whose image no registry has. The manager cannot pin it (moby daemon/cluster digestWarning) and
 * creates the service; each node then fails to pull it and to create the container, and the agent rejects
 * the task with the daemon's error (moby daemon/images ErrImageDoesNotExist: `No such image: ` +
 * reference.FamiliarString(TagNameOnly(ref))); swarmkit's restart supervisor replaces a rejected task
 * (restart condition any or on-failure). No container ever runs. `docker service ps --no-trunc` shows
 * the error whole; the convergence display never reaches `verify`, as docker's does not.
 */
import { describe, expect, it } from "vitest";
import { createLab } from "../../src/index";
import { missingImageRef } from "../../src/engine/images";

async function swarmLab() {
  const lab = createLab({ nodes: 2, seed: "image" });
  const run = (line: string, node = "node-1") => lab.exec(node, line);
  await run("docker swarm init --advertise-addr 192.168.1.10");
  const token = (await run("docker swarm join-token -q worker")).stdout.trim();
  await run(`docker swarm join --token ${token} 192.168.1.10:2377`, "node-2");
  return { lab, run };
}

describe("a service image outside the registry", () => {
  it("names the reference as the daemon does", () => {
    expect(missingImageRef("myapp")).toBe("myapp:latest");
    expect(missingImageRef("docker.io/library/myapp:1.2")).toBe("myapp:1.2");
    expect(missingImageRef("registry.example.com:5000/team/app")).toBe("registry.example.com:5000/team/app:latest");
    expect(missingImageRef("acme/app@sha256:" + "a".repeat(64))).toBe("acme/app@sha256:" + "a".repeat(64));
  });

  it("rejects every task with `No such image`, restarts it, and never runs a container", async () => {
    const { run, lab } = await swarmLab();
    const created = await run("docker service create -d --name app --replicas 2 myapp");
    expect(created.exitCode).toBe(0);
    expect(created.stderr).toBe(
      "image myapp:latest could not be accessed on a registry to record\nits digest. Each node will access myapp:latest independently,\n" +
        "possibly leading to different nodes running different\nversions of the image.\n\n",
    );
    await run("sleep 3");
    const ps = (await run("docker service ps --no-trunc --format '{{.Name}}|{{.DesiredState}}|{{.CurrentState}}|{{.Error}}' app")).stdout.split("\n").filter(Boolean);
    const rejected = ps.filter((l) => l.includes("|Rejected "));
    expect(rejected.length).toBeGreaterThanOrEqual(2);
    // docker/cli's task formatter quotes the error (%q).
    for (const l of rejected) expect(l).toMatch(/^app\.[12]\|Shutdown\|Rejected \d+ seconds? ago\|"No such image: myapp:latest"$/);
    expect((await run("docker service ls --format '{{.Replicas}}'")).stdout).toBe("0/2\n");
    for (const node of ["node-1", "node-2"]) expect((await run("docker ps -aq", node)).stdout).toBe("");
    // The replacement of a rejected task is rejected in turn.
    await run("sleep 20");
    const later = (await run("docker service ps --format '{{.CurrentState}}' app")).stdout;
    expect(later.split("\n").filter((l) => l.startsWith("Rejected")).length).toBeGreaterThan(rejected.length);
    const swarm = Object.values(lab.state().swarms)[0];
    expect(Object.values(swarm.tasks).some((t) => t.state === "running")).toBe(false);
  });

  it("an update to a missing image pauses on the first rejected task, as a failed one does", async () => {
    const { run } = await swarmLab();
    await run("docker service create -d --name web --replicas 2 nginx");
    const r = await run("docker service update --image nginx-typo web");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/service update paused: update paused due to failure or early termination of task [0-9a-z]{25}\n$/);
    expect((await run("docker service ps --format '{{.Image}} {{.CurrentState}} {{.Error}}' web")).stdout).toContain("nginx-typo:latest Rejected");
  });
});
