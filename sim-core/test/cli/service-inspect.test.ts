/** docker service inspect: Docker's swarm.Service JSON, --format, and the --pretty template. */
import { pinImage } from "../../src/engine/images";
import { describe, expect, it } from "vitest";
import { shellFactory } from "../../src/cli/index";
import { DOCKER_COMMANDS } from "../../src/cli/commands/docker/index";
import { createSandbox } from "../../src/sandbox";

async function lab() {
  const sb = createSandbox({ nodes: 1, seed: "svc-inspect", shell: shellFactory({ docker: DOCKER_COMMANDS }) });
  const run = (line: string) => sb.exec("node-1", line);
  await run("docker swarm init --advertise-addr 192.168.1.10");
  await run("docker network create -d overlay appnet");
  await run("docker service create -d --name web --replicas 2 --network appnet -p 8080:80 nginx");
  const swarm = Object.values(sb.state().swarms)[0];
  const ids = { web: Object.values(swarm.services)[0].id, appnet: Object.values(swarm.networks).find((n) => n.name === "appnet")!.id };
  return { sb, run, ids };
}

describe("docker service inspect", () => {
  it("prints swarm.Service with Docker's key order and inserted defaults, PreviousSpec and UpdateStatus after an update", async () => {
    const { run, ids } = await lab();
    await run("docker service update --image nginx:1.25 --label-add tier=web web");
    const r = await run("docker service inspect web");
    expect(r.exitCode).toBe(0);
    const [s] = JSON.parse(r.stdout);
    expect(Object.keys(s)).toEqual(["ID", "Version", "CreatedAt", "UpdatedAt", "Spec", "PreviousSpec", "Endpoint", "UpdateStatus"]);
    expect(s.Spec.TaskTemplate).toEqual({
      ContainerSpec: { Image: pinImage("nginx:1.25"), Init: false, StopGracePeriod: 10000000000, DNSConfig: {}, Isolation: "default" },
      Resources: { Limits: {}, Reservations: {} },
      RestartPolicy: { Condition: "any", Delay: 5000000000, MaxAttempts: 0 },
      Placement: {},
      Networks: [{ Target: ids.appnet }],
      ForceUpdate: 0,
      Runtime: "container",
    });
    expect(s.Spec.UpdateConfig).toEqual({ Parallelism: 1, FailureAction: "pause", Monitor: 5000000000, MaxFailureRatio: 0, Order: "stop-first" });
    expect([s.Spec.Labels, s.PreviousSpec.Labels, s.PreviousSpec.TaskTemplate.ContainerSpec.Image]).toEqual([{ tier: "web" }, {}, pinImage("nginx:latest")]);
    expect(s.Endpoint.Ports).toEqual([{ Protocol: "tcp", TargetPort: 80, PublishedPort: 8080, PublishMode: "ingress" }]);
    expect(s.Endpoint.VirtualIPs.map((v: { Addr: string }) => v.Addr)).toEqual([expect.stringMatching(/^10\.0\.0\.\d+\/24$/), "10.0.1.2/24"]);
    expect(s.UpdateStatus).toEqual({ State: "completed", StartedAt: "2026-01-05T09:00:00Z", CompletedAt: "2026-01-05T09:00:07Z", Message: "update completed" });
    expect(r.stdout.startsWith(`[\n    {\n        "ID": "${ids.web}",\n        "Version": {\n            "Index": `)).toBe(true);
  });

  it("prints [] and no such service for an unknown one, and runs --format templates", async () => {
    const { run } = await lab();
    expect(await run("docker service inspect nope")).toEqual({ stdout: "[]\n", stderr: "no such service: nope\n", exitCode: 1 });
    expect(await run("docker service inspect -f '{{.Spec.Name}} {{json .Endpoint.Spec.Ports}}' web")).toEqual({
      stdout: 'web [{"Protocol":"tcp","TargetPort":80,"PublishedPort":8080,"PublishMode":"ingress"}]\n',
      stderr: "",
      exitCode: 0,
    });
    expect(await run("docker service inspect --pretty -f x web")).toEqual({ stdout: "", stderr: "--format is incompatible with human friendly format\n", exitCode: 1 });
  });

  it("--pretty prints docker's human template", async () => {
    const { run, ids } = await lab();
    expect(await run("docker service inspect --pretty web")).toEqual({
      stdout:
        `\nID:\t\t${ids.web}\nName:\t\tweb\nService Mode:\tReplicated\n Replicas:\t2\nPlacement:\n` +
        "UpdateConfig:\n Parallelism:\t1\n On failure:\tpause\n Monitoring Period: 5s\n Max failure ratio: 0\n Update order:      stop-first\n" +
        "RollbackConfig:\n Parallelism:\t1\n On failure:\tpause\n Monitoring Period: 5s\n Max failure ratio: 0\n Rollback order:    stop-first\n" +
        `ContainerSpec:\n Image:\t\t${pinImage("nginx:latest")}\n Init:\t\tfalse\nResources` + ":\nNetworks: appnet \nEndpoint Mode:\tvip\n" +
        "Ports:\n PublishedPort = 8080\n  Protocol = tcp\n  TargetPort = 80\n  PublishMode = ingress \n\n",
      stderr: "",
      exitCode: 0,
    });
    expect(await run("docker service inspect --pretty nope")).toEqual({ stdout: "", stderr: "no such service: nope\n", exitCode: 1 });
  });
});
