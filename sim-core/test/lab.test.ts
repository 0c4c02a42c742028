import { describe, expect, it } from "vitest";
import { createLab } from "../src/index";

describe("createLab", () => {
  it("boots node-1 … node-N with the docker command line and the tools", async () => {
    const lab = createLab({ nodes: 2, seed: "door" });
    expect(lab.nodes).toEqual(["node-1", "node-2"]);
    expect(lab.prompt("node-2")).toBe("node-2$ ");
    const init = await lab.exec("node-1", "docker swarm init --advertise-addr 192.168.1.10");
    expect(init.exitCode).toBe(0);
    expect(init.stdout).toMatch(/^Swarm initialized: current node \(\w{25}\) is now a manager\./);
    const ls = await lab.exec("node-1", "docker node ls --format '{{.Hostname}} {{.ManagerStatus}}'");
    expect(ls).toEqual({ stdout: "node-1 Leader\n", stderr: "", exitCode: 0 });
  });

  it("is deterministic: the same seed and commands give the same transcript", async () => {
    const run = async () => {
      const lab = createLab({ seed: "same" });
      const out: string[] = [];
      for (const line of ["docker swarm init", "docker network create -d overlay --attachable net", "docker service create --name web --replicas 3 --network net nginx", "docker service ps web"]) {
        const r = await lab.exec("node-1", line);
        out.push(r.stdout, r.stderr);
      }
      return out.join("");
    };
    expect(await run()).toBe(await run());
  });

  it("streams output, completes names and restores snapshots", async () => {
    const lab = createLab({ seed: "s" });
    await lab.exec("node-1", "docker swarm init");
    await lab.exec("node-1", "docker service create --name web --replicas 2 nginx");
    expect(lab.complete("node-1", "docker service ps w", 19).candidates).toEqual(["web"]);
    const saved = lab.snapshot();
    await lab.exec("node-1", "docker service rm web");
    lab.restore(saved);
    expect((await lab.exec("node-1", "docker service ls --format '{{.Name}}'")).stdout).toBe("web\n");
    const chunks: string[] = [];
    await lab.exec("node-1", "docker network create b");
    await lab.exec("node-1", "docker run -d --name ca --network b nginx");
    const t0 = lab.now();
    await lab.exec("node-1", "docker run --rm --network b alpine ping -c 2 ca", { onOutput: (c) => chunks.push(c.text) });
    expect(chunks.join("")).toContain("2 packets transmitted, 2 packets received");
    expect(lab.now() - t0).toBeGreaterThanOrEqual(1000);
  });

  it("refuses a node count the world cannot have", () => {
    expect(() => createLab({ nodes: 0 })).toThrow(RangeError);
  });
});

describe("createLab pacing", () => {
  it("fast-forwards a realtime wait: instant pacing ends the wait in progress, with the same output", async () => {
    const lab = createLab({ nodes: 1, seed: "ff", pacing: "realtime" });
    await lab.exec("node-1", "docker network create b");
    await lab.exec("node-1", "docker run -d --name aa --network b nginx");
    const started = Date.now();
    const run = lab.exec("node-1", "docker run --rm --network b alpine ping -c 5 aa");
    setTimeout(() => lab.setPacing("instant"), 50);
    const r = await run;
    expect(Date.now() - started).toBeLessThan(1500);
    expect(r.stdout).toContain("5 packets transmitted, 5 packets received");
    const same = createLab({ nodes: 1, seed: "ff" });
    await same.exec("node-1", "docker network create b");
    await same.exec("node-1", "docker run -d --name aa --network b nginx");
    expect((await same.exec("node-1", "docker run --rm --network b alpine ping -c 5 aa")).stdout).toBe(r.stdout);
  });
});
