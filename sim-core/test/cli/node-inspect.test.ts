import { describe, expect, it } from "vitest";
import { shellFactory } from "../../src/cli/index";
import { DOCKER_COMMANDS } from "../../src/cli/commands/docker/index";
import { createSandbox } from "../../src/sandbox";

async function lab() {
  const sb = createSandbox({ nodes: 3, seed: "node-inspect", shell: shellFactory({ docker: DOCKER_COMMANDS }) });
  await sb.exec("node-1", "docker swarm init --advertise-addr 192.168.1.10");
  const token = (await sb.exec("node-1", "docker swarm join-token -q worker")).stdout.trim();
  for (const n of ["node-2", "node-3"]) await sb.exec(n, `docker swarm join --token ${token} 192.168.1.10:2377`);
  return sb;
}

const PLUGINS = [
  ...["awslogs", "fluentd", "gcplogs", "gelf", "journald", "json-file", "local", "splunk", "syslog"].map((Name) => ({ Type: "Log", Name })),
  ...["bridge", "host", "ipvlan", "macvlan", "null", "overlay"].map((Name) => ({ Type: "Network", Name })),
  { Type: "Volume", Name: "local" },
];

describe("docker node inspect", () => {
  it("prints swarm.Node JSON for self and a worker, with the swarm's CA as trust root", async () => {
    const sb = await lab();
    const st = sb.state();
    const [n1, n2] = [st.hosts["node-1"].nodeId!, st.hosts["node-2"].nodeId!];
    const r = await sb.exec("node-1", "docker node inspect self node-2");
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    const [self, worker] = JSON.parse(r.stdout);
    const pem = (await sb.exec("node-1", "docker swarm ca")).stdout;
    expect(self).toEqual({
      ID: n1,
      Version: { Index: 9 },
      CreatedAt: "2026-01-05T09:00:00Z",
      UpdatedAt: "2026-01-05T09:00:00Z",
      Spec: { Labels: {}, Role: "manager", Availability: "active" },
      Description: {
        Hostname: "node-1",
        Platform: { Architecture: "x86_64", OS: "linux" },
        Resources: { NanoCPUs: 2000000000, MemoryBytes: 4109328384 },
        Engine: { EngineVersion: "29.0.1", Plugins: PLUGINS },
        TLSInfo: { TrustRoot: pem, CertIssuerSubject: "MBMxETAPBgNVBAMTCHN3YXJtLWNh", CertIssuerPublicKey: expect.stringMatching(/^MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE[A-Za-z0-9+/]{86}==$/) },
      },
      Status: { State: "ready", Addr: "192.168.1.10" },
      ManagerStatus: { Leader: true, Reachability: "reachable", Addr: "192.168.1.10:2377" },
    });
    expect(Object.keys(self)).toEqual(["ID", "Version", "CreatedAt", "UpdatedAt", "Spec", "Description", "Status", "ManagerStatus"]);
    expect(worker.ID).toBe(n2);
    expect(worker.Spec).toEqual({ Labels: {}, Role: "worker", Availability: "active" });
    expect(worker.ManagerStatus).toBeUndefined();
    expect(r.stdout.startsWith(`[\n    {\n        "ID": "${n1}",\n        "Version": {\n            "Index": 9\n        },\n`)).toBe(true);
  });

  it("--pretty prints the formatter's template with its tabs, manager and worker", async () => {
    const sb = await lab();
    const st = sb.state();
    const [n1, n2] = [st.hosts["node-1"].nodeId!, st.hosts["node-2"].nodeId!];
    const pem = (await sb.exec("node-1", "docker swarm ca")).stdout;
    const key = JSON.parse((await sb.exec("node-1", "docker node inspect self")).stdout)[0].Description.TLSInfo.CertIssuerPublicKey;
    const body = (id: string, host: string, ip: string, manager: string) =>
      `ID:\t\t\t${id}\nHostname:              \t${host}\nJoined at:             \t2026-01-05 09:00:00 +0000 utc\nStatus:\n State:\t\t\tReady\n Availability:         \tActive\n Address:\t\t${ip}\n${manager}` +
      `Platform:\n Operating System:\tlinux\n Architecture:\t\tx86_64\nResources:\n CPUs:\t\t\t2\n Memory:\t\t3.827GiB\n` +
      `Plugins:\n Log:\t\tawslogs, fluentd, gcplogs, gelf, journald, json-file, local, splunk, syslog\n Network:\t\tbridge, host, ipvlan, macvlan, null, overlay\n Volume:\t\tlocal\n` +
      `Engine Version:\t\t29.0.1\nTLS Info:\n TrustRoot:\n${pem}\n Issuer Subject:\tMBMxETAPBgNVBAMTCHN3YXJtLWNh\n Issuer Public Key:\t${key}\n`;
    const leader = " Address:\t\t192.168.1.10:2377\n Raft Status:\t\tReachable\n Leader:\t\tYes\n";
    expect(await sb.exec("node-1", "docker node inspect --pretty self")).toEqual({
      stdout: body(n1, "node-1", "192.168.1.10", `Manager Status:\n${leader}`),
      stderr: "",
      exitCode: 0,
    });
    expect(await sb.exec("node-1", "docker node inspect --format pretty node-2 node-1")).toEqual({
      stdout: body(n2, "node-2", "192.168.1.20", "") + body(n1, "node-1", "192.168.1.10", `Manager Status:\n${leader}`),
      stderr: "",
      exitCode: 0,
    });
  });

  it("errors as docker 29 does: [] and the daemon's text, or nothing at all with --pretty", async () => {
    const sb = await lab();
    expect(await sb.exec("node-1", "docker node inspect nope")).toEqual({ stdout: "[]\n", stderr: "Error response from daemon: node nope not found\n", exitCode: 1 });
    expect(await sb.exec("node-1", "docker node inspect --pretty self nope")).toEqual({ stdout: "", stderr: "Error response from daemon: node nope not found\n", exitCode: 1 });
    expect(await sb.exec("node-2", "docker node inspect self")).toEqual({
      stdout: "[]\n",
      stderr:
        "Error response from daemon: This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.\n",
      exitCode: 1,
    });
    const solo = createSandbox({ shell: shellFactory({ docker: DOCKER_COMMANDS }) });
    expect((await solo.exec("node-1", "docker node inspect self")).stderr).toBe(
      'Error response from daemon: This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.\n',
    );
    expect((await solo.exec("node-1", "docker node inspect")).stderr).toBe(
      "docker: 'docker node inspect' requires at least 1 argument\n\nUsage:  docker node inspect [OPTIONS] self|NODE [NODE...]\n\nSee 'docker node inspect --help' for more information\n",
    );
  });

  it("shows node labels, and takes --format templates (not extra text after pretty)", async () => {
    const sb = await lab();
    await sb.exec("node-1", "docker node update --label-add zone=a --label-add ssd node-2");
    expect(await sb.exec("node-1", "docker node inspect -f '{{.Spec.Labels}} {{.Status.Addr}}' node-2")).toEqual({ stdout: "map[ssd: zone:a] 192.168.1.20\n", stderr: "", exitCode: 0 });
    expect((await sb.exec("node-1", "docker node inspect --pretty node-2")).stdout).toMatch(/^ID:\t\t\t[a-z0-9]{25}\nLabels:\n - ssd\n - zone=a\nHostname: {14}\tnode-2\n/);
    expect(await sb.exec("node-1", "docker node inspect -f '{{json .Spec}}' node-2 nope")).toEqual({
      stdout: '{"Labels":{"ssd":"","zone":"a"},"Role":"worker","Availability":"active"}\n',
      stderr: "Error response from daemon: node nope not found\n",
      exitCode: 1,
    });
    expect(await sb.exec("node-1", "docker node inspect --format prettyx self")).toEqual({ stdout: "", stderr: "cannot supply extra formatting options to the pretty template\n", exitCode: 1 });
  });

  it("shows a departed manager as down and unreachable", async () => {
    const sb = await lab();
    await sb.exec("node-1", "docker node promote node-2 node-3");
    await sb.exec("node-3", "docker swarm leave --force");
    const [n3] = JSON.parse((await sb.exec("node-1", "docker node inspect node-3")).stdout);
    expect(n3.Status).toEqual({ State: "down", Addr: "192.168.1.30" });
    expect(n3.ManagerStatus).toEqual({ Reachability: "unreachable", Addr: "192.168.1.30:2377" });
  });
});
