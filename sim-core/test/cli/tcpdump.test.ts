/** Debugging the blocked VXLAN port with tcpdump, and a capture that tshark decodes. */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { shellFactory } from "../../src/cli/index";
import { DOCKER_COMMANDS } from "../../src/cli/commands/docker/index";
import { HOST_TOOLS } from "../../src/cli/commands/host/index";
import { createSandbox } from "../../src/sandbox";
import { parseFilter } from "../../src/net/capture-filter";
import { checksum } from "../../src/net/pcap";

async function lab(encrypted = false) {
  const sb = createSandbox({ nodes: 2, seed: "dump", shell: shellFactory({ docker: DOCKER_COMMANDS, tools: HOST_TOOLS }) });
  const run = (node: string, line: string) => sb.exec(node, line);
  await run("node-1", "docker swarm init --advertise-addr 192.168.1.10");
  const token = (await run("node-1", "docker swarm join-token -q worker")).stdout.trim();
  await run("node-2", `docker swarm join --token ${token} 192.168.1.10:2377`);
  await run("node-1", `docker network create --driver overlay --attachable ${encrypted ? "--opt encrypted " : ""}appnet`);
  await run("node-1", "docker service create -d --name web --replicas 1 --constraint node.hostname==node-2 --network appnet nginx");
  await run("node-1", "docker run -dit --name debug --network appnet alpine");
  return { sb, run };
}
const tshark = ["/usr/bin/tshark", "/usr/sbin/tshark"].find((p) => fs.existsSync(p));

describe("tcpdump on the underlay", () => {
  it("shows VXLAN requests reaching node-2 and no replies while INPUT drops them", async () => {
    const { run } = await lab();
    await run("node-2", "iptables -A INPUT -p udp --dport 4789 -j DROP");
    const dump = run("node-2", "tcpdump -n -c 2 -i eth0 udp port 4789");
    await run("node-1", "docker exec debug ping -c 2 web");
    const out = await dump;
    const lines = out.stdout.split("\n").filter(Boolean);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{6} IP 192\.168\.1\.10\.\d+ > 192\.168\.1\.20\.4789: VXLAN, flags \[I\] \(0x08\), vni 4097$/);
    expect(lines[1]).toMatch(/^IP 10\.0\.1\.\d+ > 10\.0\.1\.\d+: ICMP echo request, id \d+, seq 0, length 64$/);
    expect(lines[3]).toMatch(/ICMP echo request, id \d+, seq 1, length 64$/);
    expect(out.stderr).toBe(
      "tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\nlistening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n2 packets captured\n2 packets received by filter\n0 packets dropped by kernel\n",
    );
  });

  it("says so when the filter does not parse", async () => {
    const { run } = await lab();
    expect(await run("node-1", "tcpdump -n udp port")).toMatchObject({ stderr: expect.stringContaining("tcpdump: syntax error in filter expression: syntax error\n"), exitCode: 1 });
  });

  it("writes a pcap whose checksums verify and that tshark decodes as VXLAN 4789, VNI 4097, inner ICMP", async () => {
    const { sb, run } = await lab();
    const dump = run("node-1", "tcpdump -n -c 4 -w /tmp/cap.pcap udp port 4789");
    await run("node-1", "docker exec debug ping -c 2 web");
    expect((await dump).stderr).toContain("4 packets captured");
    const pcap = sb.readFile("node-1", "/tmp/cap.pcap")!;
    expect([...pcap.slice(0, 4)]).toEqual([0xd4, 0xc3, 0xb2, 0xa1]);
    // First record: 16-byte header, then Ethernet (14) + IPv4 header (20) whose checksum verifies to 0.
    const frame = pcap.slice(24 + 16);
    expect(checksum(frame.slice(14, 34))).toBe(0);
    expect([...frame.slice(36, 38)]).toEqual([0x12, 0xb5]); // UDP destination port 4789
    expect([...frame.slice(42, 50)]).toEqual([0x08, 0, 0, 0, 0x00, 0x10, 0x01, 0x00]); // VXLAN I flag, VNI 4097
    if (!tshark) return;
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cap-")), "cap.pcap");
    fs.writeFileSync(file, pcap);
    const fields = execFileSync(tshark, ["-r", file, "-T", "fields", "-e", "udp.dstport", "-e", "vxlan.vni", "-e", "icmp.type", "-e", "ip.src"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    const rows = fields.trim().split("\n").map((l) => l.split("\t"));
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => [r[0], r[1], r[2]])).toEqual([
      ["4789", "4097", "8"],
      ["4789", "4097", "0"],
      ["4789", "4097", "8"],
      ["4789", "4097", "0"],
    ]);
    expect(rows[0][3]).toBe("192.168.1.10,10.0.1.5");
  });
});

describe("parseFilter", () => {
  const vxlan = { protocol: "udp" as const, src: "192.168.1.10", dst: "192.168.1.20", sport: 40000, dport: 4789 };
  const esp = { protocol: "esp" as const, src: "192.168.1.10", dst: "192.168.1.20" };
  it.each([
    ["udp port 4789", true, false],
    ["esp", false, true],
    ["host 192.168.1.20", true, true],
    ["src host 192.168.1.20", false, false],
    ["udp and dst port 4789", true, false],
    ["not udp", false, true],
    ["(esp or udp port 4789) and host 192.168.1.10", true, true],
    ["icmp", false, false],
  ])("%s", (text, onVxlan, onEsp) => {
    const f = parseFilter(text);
    if (f === "syntax error") throw new Error(text);
    expect([f(vxlan), f(esp)]).toEqual([onVxlan, onEsp]);
  });
  it("rejects broken expressions", () => {
    for (const bad of ["udp port", "port x", "( udp", "udp and", "bogus"]) expect(parseFilter(bad)).toBe("syntax error");
  });
});
