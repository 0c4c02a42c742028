import { describe, expect, it } from "vitest";
import { shellFactory } from "../../src/cli/index";
import { DOCKER_COMMANDS } from "../../src/cli/commands/docker/index";
import { HOST_TOOLS } from "../../src/cli/commands/host/index";
import { createSandbox } from "../../src/sandbox";

describe("docker network connect / disconnect", () => {
  it("connects a running container to an attachable overlay, refuses a non-attachable one, and disconnects", async () => {
    const sb = createSandbox({ seed: "conn", shell: shellFactory({ docker: DOCKER_COMMANDS, tools: HOST_TOOLS }) });
    const run = (line: string) => sb.exec("node-1", line);
    await run("docker swarm init --advertise-addr 192.168.1.10");
    await run("docker network create --driver overlay myoverlay");
    await run("docker network create --driver overlay --attachable appnet");
    await run("docker service create -d --name api --network appnet nginx");
    await run("docker run -dit --name debug alpine");
    expect(await run("docker network connect myoverlay debug")).toEqual({
      stdout: "",
      stderr: "Error response from daemon: Could not attach to network myoverlay: rpc error: code = PermissionDenied desc = network myoverlay not manually attachable\n",
      exitCode: 1,
    });
    expect((await run("docker exec debug ping -c 1 api")).stderr).toBe("ping: bad address 'api'\n");
    expect(await run("docker network connect appnet debug")).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    expect((await run("docker exec debug ping -c 1 api")).exitCode).toBe(0);
    expect((await run("docker network connect appnet debug")).stderr).toBe("Error response from daemon: endpoint with name debug already exists in network appnet\n");
    expect((await run("docker network disconnect appnet debug")).exitCode).toBe(0);
    expect((await run("docker network disconnect appnet debug")).stderr).toMatch(/^Error response from daemon: container [0-9a-f]{64} is not connected to network appnet\n$/);
  });
});
