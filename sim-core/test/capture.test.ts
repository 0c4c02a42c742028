/** sandbox.capture(): the underlay of one host as a pcap, recorded while commands run. */
import { describe, expect, it } from "vitest";
import { overlayLab, tsharkFields } from "./capture-helpers";

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
        "192.168.1.10,10.0.1.5 4789 4097 8",
        "192.168.1.20,10.0.1.3 4789 4097 0",
        "192.168.1.10,10.0.1.5 4789 4097 8",
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
