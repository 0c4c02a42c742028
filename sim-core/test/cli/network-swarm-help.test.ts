/**
 * `--help` of network create, network connect, swarm init and swarm join, byte for byte. The fixtures are
 * `docker <command> --help` captured from the installed docker CLI 28.2.2. Docker 29 differs in network
 * create: `--gateway ipSlice` and `--ip-range ipNetSlice`, each with `(default [])` (docker/cli moved them to
 * pflag's IP slice types).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { shellFactory } from "../../src/cli/index";
import { DOCKER_COMMANDS } from "../../src/cli/commands/docker/index";
import { createSandbox } from "../../src/sandbox";

describe("help of the network and swarm commands with every flag", () => {
  const sb = createSandbox({ shell: shellFactory({ docker: DOCKER_COMMANDS }) });
  it.each(["network create", "network connect", "swarm init", "swarm join"])("docker %s --help", async (command) => {
    const fixture = readFileSync(new URL(`../fixtures/help/${command.replace(" ", "_")}.txt`, import.meta.url), "utf8");
    expect(await sb.exec("node-1", `docker ${command} --help`)).toEqual({ stdout: fixture, stderr: "", exitCode: 0 });
  });
});
