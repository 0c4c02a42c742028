import { describe, expect, it } from "vitest";
import { shellFactory } from "../../src/cli/index";
import { DOCKER_COMMANDS } from "../../src/cli/commands/docker/index";
import { createSandbox } from "../../src/sandbox";
import { goJson, goTime } from "../../src/format/json";

describe("docker network inspect", () => {
  it("prints Docker's JSON: IPAM, VNI in the options (keys sorted as Go sorts map keys), local endpoints", async () => {
    const sb = createSandbox({ seed: "inspect", shell: shellFactory({ docker: DOCKER_COMMANDS }) });
    await sb.exec("node-1", "docker swarm init --advertise-addr 192.168.1.10");
    await sb.exec("node-1", "docker network create --driver overlay --attachable --opt encrypted appnet");
    await sb.exec("node-1", "docker run -dit --name debug --network appnet alpine");
    const r = await sb.exec("node-1", "docker network inspect appnet");
    expect(r.exitCode).toBe(0);
    const [net] = JSON.parse(r.stdout);
    expect(Object.keys(net)).toEqual([
      "Name", "Id", "Created", "Scope", "Driver", "EnableIPv4", "EnableIPv6", "IPAM", "Internal", "Attachable", "Ingress", "ConfigFrom", "ConfigOnly", "Options", "Labels", "Peers", "Containers",
    ]);
    expect(net.IPAM).toEqual({ Driver: "default", Options: null, Config: [{ Subnet: "10.0.1.0/24", Gateway: "10.0.1.1" }] });
    expect(Object.entries(net.Options)).toEqual([
      ["com.docker.network.driver.overlay.vxlanid_list", "4097"],
      ["encrypted", ""],
    ]);
    expect(net.Peers).toEqual([{ Name: expect.stringMatching(/^node-1-[0-9a-f]{12}$/), IP: "192.168.1.10" }]);
    const [endpoint] = Object.values(net.Containers) as { Name: string; IPv4Address: string; MacAddress: string }[];
    expect(endpoint).toMatchObject({ Name: "debug", IPv4Address: "10.0.1.2/24", MacAddress: "02:42:0a:00:01:02" });
    expect(r.stdout.startsWith('[\n    {\n        "Name": "appnet",\n')).toBe(true);
  });

  it("prints [] and the daemon error for an unknown network", async () => {
    const sb = createSandbox({ shell: shellFactory({ docker: DOCKER_COMMANDS }) });
    expect(await sb.exec("node-1", "docker network inspect nope")).toEqual({ stdout: "[]\n", stderr: "Error response from daemon: network nope not found\n", exitCode: 1 });
  });

  it("escapes like Go and prints times like Go", () => {
    expect(goJson({ a: "<b>&" })).toBe('{\n    "a": "\\u003cb\\u003e\\u0026"\n}');
    expect(goTime(Date.UTC(2026, 0, 5, 9, 0, 0))).toBe("2026-01-05T09:00:00Z");
    expect(goTime(Date.UTC(2026, 0, 5, 9, 0, 0, 120))).toBe("2026-01-05T09:00:00.12Z");
  });
});
