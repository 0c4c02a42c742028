import { pinImage } from "../../src/engine/images";
import { describe, expect, it } from "vitest";
import { shellFactory } from "../../src/cli/index";
import { DOCKER_COMMANDS } from "../../src/cli/commands/docker/index";
import { createSandbox } from "../../src/sandbox";

async function lab() {
  const sb = createSandbox({ seed: "inspect-swarm", shell: shellFactory({ docker: DOCKER_COMMANDS }) });
  await sb.exec("node-1", "docker swarm init --advertise-addr 192.168.1.10");
  await sb.exec("node-1", "docker network create -d overlay appnet");
  await sb.exec("node-1", "docker service create -d --name api --replicas 2 --network appnet nginx");
  return sb;
}

describe("docker inspect on swarm objects", () => {
  it("finds services by name, nodes by hostname or self, and tasks by ID or full name", async () => {
    const sb = await lab();
    const swarm = Object.values(sb.state().swarms)[0];
    const service = Object.values(swarm.services)[0];
    const task = Object.values(swarm.tasks).find((t) => t.slot === 1)!;
    expect(await sb.exec("node-1", "docker inspect -f '{{.Spec.Name}} {{.ID}}' api")).toEqual({ stdout: `api ${service.id}\n`, stderr: "", exitCode: 0 });
    expect((await sb.exec("node-1", "docker inspect -f '{{.Description.Hostname}} {{.Spec.Role}}' self")).stdout).toBe("node-1 manager\n");
    // Without --type the container of that name comes first (it is on this node), as docker's inspectAll orders them.
    const byName = await sb.exec("node-1", `docker inspect --type task -f '{{.ServiceID}} {{.Slot}} {{.Status.State}} {{.DesiredState}} {{range .NetworksAttachments}}{{.Network.Spec.Name}}={{index .Addresses 0}} {{end}}' api.1.${task.id}`);
    expect(byName.stdout).toBe(`${service.id} 1 running running appnet=${task.addresses[swarm.networks[Object.keys(task.addresses)[0]].id]}/24 \n`);
    const [json] = JSON.parse((await sb.exec("node-1", `docker inspect ${task.id.slice(0, 6)}`)).stdout);
    expect(Object.keys(json)).toEqual(["ID", "Version", "CreatedAt", "UpdatedAt", "Labels", "Spec", "ServiceID", "Slot", "NodeID", "Status", "DesiredState", "NetworksAttachments"]);
    expect(json.Spec.ContainerSpec.Image).toBe(pinImage("nginx:latest"));
  });

  it("answers unknown objects per type as the daemon does, and as no such object without a type", async () => {
    const sb = await lab();
    expect(await sb.exec("node-1", "docker inspect nope")).toEqual({ stdout: "[]\n", stderr: "error: no such object: nope\n", exitCode: 1 });
    expect((await sb.exec("node-1", "docker inspect --type service nope")).stderr).toBe("Error response from daemon: service nope not found\n");
    expect((await sb.exec("node-1", "docker inspect --type task nope")).stderr).toBe("Error response from daemon: task nope not found\n");
    // A task is known by its full name, not by its slot alone.
    expect((await sb.exec("node-1", "docker inspect --type task api.1")).stderr).toBe("Error response from daemon: task api.1 not found\n");
  });
});
