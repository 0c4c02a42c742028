/** Inside a container, only the commands its image carries: docker exec's OCI error, busybox sh's "not found". */
import { describe, expect, it } from "vitest";
import { shellFactory } from "../../src/cli/index";
import { DOCKER_COMMANDS } from "../../src/cli/commands/docker/index";
import { HOST_TOOLS } from "../../src/cli/commands/host/index";
import { createSandbox } from "../../src/sandbox";

const notFound = (tool: string) => ({
  stdout: "",
  stderr: `OCI runtime exec failed: exec failed: unable to start container process: exec: "${tool}": executable file not found in $PATH: unknown\n`,
  exitCode: 127,
});

async function lab() {
  const sb = createSandbox({ seed: "tools", shell: shellFactory({ docker: DOCKER_COMMANDS, tools: HOST_TOOLS }) });
  await sb.exec("node-1", "docker network create mynet");
  for (const [name, image] of [
    ["web", "nginx"],
    ["al", "alpine"],
    ["bb", "busybox"],
    ["ns", "nicolaka/netshoot"],
  ]) {
    await sb.exec("node-1", `docker run -dit --name ${name} --network mynet ${image}`);
  }
  return { sb, shell: () => sb.commandLine };
}

describe("per-image tools", () => {
  it("docker exec of a command the image lacks fails as runc does, exit 127", async () => {
    const { sb } = await lab();
    // alpine and busybox: busybox applets, no curl, no dig, no bash.
    expect(await sb.exec("node-1", "docker exec al curl -s http://web")).toEqual(notFound("curl"));
    expect(await sb.exec("node-1", "docker exec bb dig web")).toEqual(notFound("dig"));
    expect(await sb.exec("node-1", "docker exec -it al bash")).toEqual(notFound("bash"));
    expect((await sb.exec("node-1", "docker exec al nslookup web")).exitCode).toBe(0);
    // nginx (Debian slim): curl, but no ping, ip, nslookup or wget.
    expect(await sb.exec("node-1", "docker exec web ping -c 1 al")).toEqual(notFound("ping"));
    expect(await sb.exec("node-1", "docker exec web ip addr")).toEqual(notFound("ip"));
    expect(await sb.exec("node-1", "docker exec web nslookup al")).toEqual(notFound("nslookup"));
    expect((await sb.exec("node-1", "docker exec web curl -s http://web")).stdout).toMatch(/^Hostname: [0-9a-f]{12}\n/);
    // netshoot has them all.
    expect((await sb.exec("node-1", "docker exec ns curl -s http://web")).exitCode).toBe(0);
    expect((await sb.exec("node-1", "docker exec ns ping -c 1 web")).exitCode).toBe(0);
  });

  it("a shell inside answers busybox sh's `not found`, exit 127, and Tab offers only what the image has", async () => {
    const { sb, shell } = await lab();
    expect(await sb.exec("node-1", "docker exec -it al sh")).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    expect(await sb.exec("node-1", "curl http://web")).toEqual({ stdout: "", stderr: "sh: curl: not found\n", exitCode: 127 });
    expect(shell().complete("node-1", "cu", 2).candidates).toEqual([]);
    expect(shell().complete("node-1", "wg", 2).candidates).toEqual(["wget"]);
    await sb.exec("node-1", "exit");
    expect(await sb.exec("node-1", "docker exec -it web bash")).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    expect(await sb.exec("node-1", "ping a")).toEqual({ stdout: "", stderr: "sh: ping: not found\n", exitCode: 127 });
    expect(shell().complete("node-1", "cu", 2).candidates).toEqual(["curl"]);
  });
});
