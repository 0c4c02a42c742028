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
