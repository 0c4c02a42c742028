import { describe, expect, it } from "vitest";
import { buildTree } from "../../src/cli/cobra";
import { complete } from "../../src/cli/complete";
import { BUILTINS } from "../../src/cli/commands/builtin/index";
import { GROUPS, SPECS, TICK } from "./helpers";

const docker = buildTree("docker", "A self-sufficient runtime for containers", GROUPS, [
  ...SPECS,
  { ...SPECS[0], path: ["network", "rm"], use: "rm NETWORK [NETWORK...]", short: "Remove", complete: ["network"] },
]);
const source = { names: (kind: string) => (kind === "network" ? ["ingress", "my-net", "k3j4h5g6"] : kind === "host" ? ["node-1", "node-2"] : []) };
const at = (line: string, extra: { inContainer?: boolean } = {}) =>
  complete({ line, cursor: line.length, host: "node-1", docker, tools: [TICK], builtins: Object.keys(BUILTINS), source, ...extra });

describe("completion", () => {
  it("completes commands, subcommands and flags from the specs", () => {
    expect(at("do")).toEqual({ start: 0, candidates: ["docker"] });
    expect(at("docker ne")).toEqual({ start: 7, candidates: ["network"] });
    expect(at("docker network ")).toEqual({ start: 15, candidates: ["create", "ls", "rm"] });
    expect(at("docker network create --a")).toEqual({ start: 22, candidates: ["--attachable"] });
    expect(at("echo x; docker network ls -")).toEqual({ start: 26, candidates: ["--help", "--quiet"] });
  });
  it("completes names through the callback, and hosts for ssh", () => {
    expect(at("docker network rm my")).toEqual({ start: 18, candidates: ["my-net"] });
    expect(at("docker network rm k3")).toEqual({ start: 18, candidates: ["k3j4h5g6"] });
    expect(at("ssh node-")).toEqual({ start: 4, candidates: ["node-1", "node-2"] });
  });
  it("offers no docker inside a container", () => {
    expect(at("do", { inContainer: true })).toEqual({ start: 0, candidates: [] });
    expect(at("ti", { inContainer: true })).toEqual({ start: 0, candidates: ["tick"] });
  });
});

describe("completion from the world", () => {
  it("offers nodes, networks and services of the host's swarm, and ID prefixes once typed", async () => {
    const { DOCKER_COMMANDS } = await import("../../src/cli/commands/docker/index");
    const { shellFactory } = await import("../../src/cli/index");
    const { createSandbox } = await import("../../src/index");
    const sb = createSandbox({ nodes: 2, seed: "complete", shell: shellFactory({ docker: DOCKER_COMMANDS }) });
    const shell = sb.commandLine;
    await shell.exec("node-1", "docker swarm init && docker network create -d overlay --attachable appnet", {});
    const line = "docker network rm app";
    expect(shell.complete("node-1", line, line.length).candidates).toEqual(["appnet"]);
    const ingress = Object.values(Object.values(sb.state().swarms)[0].networks).find((n) => n.name === "ingress")!;
    const byId = "docker network rm " + ingress.id.slice(0, 3);
    expect(shell.complete("node-1", byId, byId.length).candidates).toContain(ingress.id.slice(0, 12));
    expect(shell.complete("node-1", "ssh no", 6).candidates).toEqual(["node-1", "node-2"]);
    // the use line says what each position names: `docker node update [OPTIONS] NODE`
    const node = "docker node update --availability drain ";
    expect(shell.complete("node-1", node, node.length).candidates).toEqual(["node-1"]);
  });
});
