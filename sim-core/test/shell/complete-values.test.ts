import { describe, expect, it } from "vitest";
import { createLab } from "../../src/index";

/**
 * Tab on flag values and docker's global flags, as docker's cobra completion (docker/cli
 * RegisterFlagCompletionFunc, cmd/docker/completions.go) and its bash completion offer them.
 */
async function lab() {
  const l = createLab({ nodes: 2, seed: "complete-values", pacing: "instant" });
  for (const line of [
    "docker swarm init --advertise-addr eth0",
    "docker network create -d overlay --attachable backend",
    "docker network create -d overlay --attachable appnet",
    "docker network create -d overlay --attachable apps",
    "docker run -d --name c1 --network appnet nginx",
    "docker run -d --name c2 nginx",
  ]) {
    const r = await l.exec("node-1", line);
    expect(r.exitCode, `${line}: ${r.stderr}`).toBe(0);
  }
  const tab = (line: string) => l.complete("node-1", line, line.length);
  return { l, tab };
}

describe("completion of flag values", () => {
  it("completes network names after --network, --network-add and --network-rm", async () => {
    const { tab } = await lab();
    expect(tab("docker service update --network-add back")).toEqual({ start: 36, candidates: ["backend"] });
    expect(tab("docker service create --network app")).toEqual({ start: 32, candidates: ["appnet", "apps"] });
    expect(tab("docker service create -d --network back")).toEqual({ start: 35, candidates: ["backend"] });
    expect(tab("docker service update --network-rm ").candidates).toEqual(["appnet", "apps", "backend", "bridge", "docker_gwbridge", "host", "ingress", "none"]);
    expect(tab("docker run -d --network ap")).toEqual({ start: 24, candidates: ["appnet", "apps"] });
    expect(tab("docker network create --config-from b").candidates).toEqual(["backend", "bridge"]);
  });

  it("completes the part after `--flag=`, which stays in the line", async () => {
    const { tab } = await lab();
    // The word replaced starts after the `=`, as bash breaks words there.
    expect(tab("docker run --network=app")).toEqual({ start: 21, candidates: ["appnet", "apps"] });
    expect(tab("docker service update --network-add=ba")).toEqual({ start: 36, candidates: ["backend"] });
    expect(tab("docker node update --role=m")).toEqual({ start: 26, candidates: ["manager"] });
    expect(tab("docker network create -d=ov")).toEqual({ start: 25, candidates: ["overlay"] });
    // a flag without values, or a bool, completes nothing
    expect(tab("docker service create --name=ap")).toEqual({ start: 29, candidates: [] });
  });

  it("offers docker's fixed lists", async () => {
    const { tab } = await lab();
    expect(tab("docker node update --availability ").candidates).toEqual(["active", "drain", "pause"]);
    expect(tab("docker node update --role ").candidates).toEqual(["manager", "worker"]);
    expect(tab("docker network create --driver ").candidates).toEqual(["bridge", "ipvlan", "macvlan", "overlay"]);
    expect(tab("docker network create -d o").candidates).toEqual(["overlay"]);
    expect(tab("docker network create --scope ").candidates).toEqual(["local", "swarm"]);
    expect(tab("docker service create --mode ").candidates).toEqual(["global", "global-job", "replicated", "replicated-job"]);
    expect(tab("docker service create --endpoint-mode ").candidates).toEqual(["dnsrr", "vip"]);
    expect(tab("docker service update --update-failure-action ").candidates).toEqual(["continue", "pause", "rollback"]);
    expect(tab("docker service update --rollback-failure-action ").candidates).toEqual(["continue", "pause"]);
    expect(tab("docker service create --restart-condition o").candidates).toEqual(["on-failure"]);
    expect(tab("docker swarm join --availability d").candidates).toEqual(["drain"]);
    expect(tab("docker run -dp 80:80 --restart ").candidates).toEqual(["always", "no", "on-failure", "unless-stopped"]);
    expect(tab("docker inspect --type n").candidates).toEqual(["network", "node"]);
  });

  it("goes on to the positional argument once the value is given, and leaves a command's own arguments alone", async () => {
    const { tab } = await lab();
    expect(tab("docker node update --availability drain ").candidates).toEqual(["node-1"]);
    expect(tab("docker node update --role=worker node").candidates).toEqual(["node-1"]);
    // flags stop at docker run's IMAGE: what follows is the container's command
    expect(tab("docker run alpine --net")).toEqual({ start: 18, candidates: [] });
    expect(tab("docker run alpine --network ")).toEqual({ start: 28, candidates: [] });
  });

  it("offers networks then the containers not on it (connect) or on it (disconnect)", async () => {
    const { tab } = await lab();
    expect(tab("docker network connect ap").candidates).toEqual(["appnet", "apps"]);
    expect(tab("docker network connect appnet ").candidates).toEqual(["c2"]);
    expect(tab("docker network connect --alias x backend ").candidates).toEqual(["c1", "c2"]);
    expect(tab("docker network disconnect appnet ").candidates).toEqual(["c1"]);
    expect(tab("docker network disconnect -f bridge ").candidates).toEqual(["c2"]);
  });
});

describe("completion of docker's global flags", () => {
  it("offers them on the root, with their values, and finds the command after them", async () => {
    const { tab } = await lab();
    expect(tab("docker --")).toEqual({
      start: 7,
      candidates: ["--config", "--context", "--debug", "--help", "--host", "--log-level", "--tls", "--tlscacert", "--tlscert", "--tlskey", "--tlsverify", "--version"],
    });
    expect(tab("docker --tls").candidates).toEqual(["--tls", "--tlscacert", "--tlscert", "--tlskey", "--tlsverify"]);
    expect(tab("docker --log-level ").candidates).toEqual(["debug", "error", "fatal", "info", "panic", "warn"]);
    expect(tab("docker --log-level=w")).toEqual({ start: 19, candidates: ["warn"] });
    expect(tab("docker --context ").candidates).toEqual(["default"]);
    expect(tab("docker -D net")).toEqual({ start: 10, candidates: ["network"] });
    expect(tab("docker -H unix:///var/run/docker.sock network r").candidates).toEqual(["rm"]);
    expect(tab("docker --debug network rm back").candidates).toEqual(["backend"]);
    // a management command has only --help, and a leaf its own flags
    expect(tab("docker network --").candidates).toEqual(["--help"]);
    expect(tab("docker network ls --d").candidates).toEqual([]);
  });
});
