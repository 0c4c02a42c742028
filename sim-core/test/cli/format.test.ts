import { describe, expect, it } from "vitest";
import { shellFactory } from "../../src/cli/index";
import { DOCKER_COMMANDS } from "../../src/cli/commands/docker/index";
import { createSandbox } from "../../src/sandbox";

async function lab() {
  const sb = createSandbox({ seed: "format", shell: shellFactory({ docker: DOCKER_COMMANDS }) });
  await sb.exec("node-1", "docker swarm init --advertise-addr 192.168.1.10");
  await sb.exec("node-1", "docker network create -d overlay --attachable --label env=prod appnet");
  await sb.exec("node-1", "docker network create --internal --label env=dev backend");
  return sb;
}

describe("docker network ls --format and --filter", () => {
  it("renders a custom table with docker's headers and tabwriter padding", async () => {
    const sb = await lab();
    const r = await sb.exec("node-1", "docker network ls --filter driver=overlay --format 'table {{.Name}}\\t{{.Driver}}\\t{{.Internal}}\\t{{.Labels}}'");
    expect(r).toEqual({
      stdout: "NAME      DRIVER    INTERNAL   LABELS\nappnet    overlay   false      env=prod\ningress   overlay   false      \n",
      stderr: "",
      exitCode: 0,
    });
  });

  it("prints plain lines, methods with arguments and JSON rows", async () => {
    const sb = await lab();
    const lines = (await sb.exec("node-1", `docker network ls -f label=env --format '{{.Name}}={{.Label "env"}}'`)).stdout.split("\n").filter(Boolean).sort();
    expect(lines).toEqual(["appnet=prod", "backend=dev"]);
    const json = (await sb.exec("node-1", "docker network ls --filter name=^appnet$ --format json")).stdout;
    const row = JSON.parse(json);
    expect(Object.keys(row)).toEqual(["CreatedAt", "Driver", "ID", "IPv4", "IPv6", "Internal", "Labels", "Name", "Scope"]);
    expect(row).toMatchObject({ Driver: "overlay", Name: "appnet", Scope: "swarm", Labels: "env=prod", CreatedAt: expect.stringMatching(/^2026-01-05 09:00:\d\d(\.\d+)? \+0000 UTC$/) });
  });

  it("filters by type, dangling, scope and regular-expression names", async () => {
    const sb = await lab();
    const names = async (f: string) => (await sb.exec("node-1", `docker network ls ${f} --format '{{.Name}}'`)).stdout.split("\n").filter(Boolean).sort();
    expect(await names("-f type=builtin")).toEqual(["bridge", "host", "none"]);
    expect(await names("-f type=custom -f scope=local")).toEqual(["backend", "docker_gwbridge"]);
    // ingress and docker_gwbridge hold the node's ingress-sbox, so only the unused user networks dangle.
    expect(await names("-f dangling=true")).toEqual(["appnet", "backend"]);
    expect(await names("-f dangling=false")).toEqual(["bridge", "docker_gwbridge", "host", "ingress", "none"]);
    expect(await names("-f name=^app")).toEqual(["appnet"]);
  });

  it("rejects bad filters and templates as docker does", async () => {
    const sb = await lab();
    expect(await sb.exec("node-1", "docker network ls -f foo")).toEqual({
      stdout: "",
      stderr: 'invalid argument "foo" for "-f, --filter" flag: bad format of filter (expected name=value)\n\nUsage:  docker network ls [OPTIONS]\n\nRun \'docker network ls --help\' for more information\n',
      exitCode: 125,
    });
    expect(await sb.exec("node-1", "docker network ls -f color=red")).toEqual({ stdout: "", stderr: "Error response from daemon: invalid filter 'color'\n", exitCode: 1 });
    expect(await sb.exec("node-1", "docker network ls -f type=odd")).toEqual({ stdout: "", stderr: "Error response from daemon: invalid filter: 'type'='odd'\n", exitCode: 1 });
    expect(await sb.exec("node-1", "docker network ls --format '{{.Nope}}'")).toEqual({
      stdout: "",
      stderr: 'template parsing error: template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type *network.networkContext\n',
      exitCode: 1,
    });
    expect(await sb.exec("node-1", "docker network ls --format '{{.Name'")).toEqual({ stdout: "", stderr: "template parsing error: template: :1: unclosed action\n", exitCode: 1 });
  });

  it("-q prints IDs and a custom format wins over -q", async () => {
    const sb = await lab();
    const ids = (await sb.exec("node-1", "docker network ls -q -f name=appnet")).stdout;
    expect(ids).toMatch(/^[0-9a-z]{12}\n$/);
    expect((await sb.exec("node-1", "docker network ls -q -f name=appnet --format '{{.Name}}'")).stdout).toBe("appnet\n");
  });
});

describe("docker network inspect --format", () => {
  it("renders the template per network, json compactly, and errors on a missing key", async () => {
    const sb = await lab();
    expect(await sb.exec("node-1", "docker network inspect -f '{{.Name}} {{range .IPAM.Config}}{{.Subnet}}{{end}} {{index .Options \"com.docker.network.driver.overlay.vxlanid_list\"}}' appnet")).toEqual({
      stdout: "appnet 10.0.1.0/24 4097\n",
      stderr: "",
      exitCode: 0,
    });
    const json = await sb.exec("node-1", "docker network inspect --format json appnet");
    expect(json.stdout.startsWith('[{"Name":"appnet","Id":')).toBe(true);
    expect(await sb.exec("node-1", "docker network inspect -f '{{.Nope}}' appnet")).toEqual({
      stdout: "\n",
      stderr: 'template parsing error: template: :1:2: executing "" at <.Nope>: map has no entry for key "Nope"\n',
      exitCode: 1,
    });
    expect((await sb.exec("node-1", "docker network inspect -f '{{.Name' appnet")).exitCode).toBe(64);
  });
});
