/** sandbox.capture(): the underlay of one host as a pcap, recorded while commands run. */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { shellFactory } from "../src/cli/index";
import { DOCKER_COMMANDS } from "../src/cli/commands/docker/index";
import { HOST_TOOLS } from "../src/cli/commands/host/index";
import { createSandbox } from "../src/engine/sandbox";

export async function overlayLab(seed = "capture") {
  const sb = createSandbox({ nodes: 3, seed, shell: shellFactory({ docker: DOCKER_COMMANDS, tools: HOST_TOOLS }) });
  await sb.exec("node-1", "docker swarm init --advertise-addr 192.168.1.10");
  const token = (await sb.exec("node-1", "docker swarm join-token -q worker")).stdout.trim();
  for (const n of ["node-2", "node-3"]) await sb.exec(n, `docker swarm join --token ${token} 192.168.1.10:2377`);
  await sb.exec("node-1", "docker network create -d overlay --attachable appnet");
  await sb.exec("node-1", "docker service create -d --name web --replicas 1 --constraint node.hostname==node-2 --network appnet nginx");
  await sb.exec("node-1", "docker run -d --name debug --network appnet alpine");
  return sb;
}

const tshark = ["/usr/bin/tshark", "/usr/sbin/tshark"].find((p) => fs.existsSync(p));

/** tshark's fields for every frame of a pcap, or null where tshark is not installed. */
export function tsharkFields(pcap: Uint8Array, fields: string[], extra: string[] = []): string[][] | null {
  if (!tshark) return null;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cap-")), "cap.pcap");
  fs.writeFileSync(file, pcap);
  const out = execFileSync(tshark, ["-r", file, ...extra, "-T", "fields", ...fields.flatMap((f) => ["-e", f])], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  return out.trim() === "" ? [] : out.trim().split("\n").map((l) => l.split("\t"));
}

describe("sandbox.capture", () => {
  it("records the frames a host's eth0 sees that match the filter, as a pcap tshark reads", async () => {
    const sb = await overlayLab();
    const cap = sb.capture({ host: "node-2", filter: "udp port 4789" });
    const other = sb.capture({ host: "node-3" });
    await sb.exec("node-1", "docker exec debug ping -c 2 web");
    expect(cap.count).toBe(4);
    const pcap = cap.stop();
    expect(other.stop().length).toBe(24); // node-3 saw nothing: the bare pcap header
    await sb.exec("node-1", "docker exec debug ping -c 1 web");
    expect(cap.count).toBe(4);
    expect(cap.stop()).toBe(pcap);
    expect([...pcap.slice(0, 4)]).toEqual([0xd4, 0xc3, 0xb2, 0xa1]);
    const rows = tsharkFields(pcap, ["ip.src", "udp.dstport", "vxlan.vni", "icmp.type"]);
    if (rows) {
      expect(rows.map((r) => r.join(" "))).toEqual([
        "192.168.1.10,10.0.1.4 4789 4097 8",
        "192.168.1.20,10.0.1.3 4789 4097 0",
        "192.168.1.10,10.0.1.4 4789 4097 8",
        "192.168.1.20,10.0.1.3 4789 4097 0",
      ]);
    }
  });

  it("keeps recording across restore(), and refuses an unknown host or a bad filter", async () => {
    const sb = await overlayLab();
    const saved = sb.snapshot();
    const cap = sb.capture({ host: "node-1", filter: "esp or udp" });
    sb.restore(saved);
    await sb.exec("node-1", "docker exec debug ping -c 1 web");
    expect(cap.count).toBe(2);
    expect(() => sb.capture({ host: "node-9" })).toThrow(new RangeError("no host node-9"));
    expect(() => sb.capture({ host: "node-1", filter: "udp port" })).toThrow(SyntaxError);
  });
});
