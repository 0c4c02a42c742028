/** A container pings the hosts: another node's underlay address and its bridge's gateway answer, as on a real host. */
import { describe, expect, it } from "vitest";
import { createLab } from "../../src/index";

describe("ping from a container to the hosts", () => {
  it("gets replies from another node's address and its own host's, masqueraded by the default route", async () => {
    const lab = createLab({ nodes: 2, seed: "ping-hosts", pacing: "instant" });
    for (const ip of ["192.168.1.20", "192.168.1.10", "172.17.0.1"]) {
      const r = await lab.exec("node-1", `docker run --rm alpine ping -c 2 ${ip}`);
      expect(r.stdout).toMatch(new RegExp(`64 bytes from ${ip.replaceAll(".", "\\.")}: seq=1 ttl=64`));
      expect(r.stdout).toContain("2 packets transmitted, 2 packets received, 0% packet loss");
      expect(r.exitCode).toBe(0);
    }
  });

  it("loses them to a node that is down or whose firewall drops ICMP, and not on an address nobody has", async () => {
    const lab = createLab({ nodes: 3, seed: "ping-hosts", pacing: "instant" });
    await lab.exec("node-2", "iptables -A INPUT -p icmp -j DROP");
    const dropped = await lab.exec("node-1", "docker run --rm alpine ping -c 1 192.168.1.20");
    expect(dropped.stdout).toContain("1 packets transmitted, 0 packets received, 100% packet loss");
    expect(dropped.exitCode).toBe(1);
    expect((await lab.exec("node-1", "docker run --rm alpine ping -c 1 192.168.1.30")).exitCode).toBe(0);
    expect((await lab.exec("node-1", "docker run --rm alpine ping -c 1 192.168.1.99")).stdout).toContain("0 packets received");
  });

  it("gets no reply from a node that is down, after the wait for a last reply", async () => {
    const lab = createLab({ nodes: 2, seed: "ping-hosts", pacing: "instant" });
    const world = lab.snapshot();
    world.hosts["node-2"].up = false;
    lab.restore(world);
    const start = lab.now();
    const r = await lab.exec("node-1", "docker run --rm alpine ping -c 2 192.168.1.20");
    expect(r.stdout).toContain("2 packets transmitted, 0 packets received, 100% packet loss");
    expect(r.exitCode).toBe(1);
    // One second between the probes, then busybox's 10 s for the last reply.
    expect(lab.now() - start).toBe(11_000);
    // Its own host still answers.
    expect((await lab.exec("node-1", "docker run --rm alpine ping -c 1 192.168.1.10")).exitCode).toBe(0);
  });
});

describe("ping's wait for the last reply (busybox sendping_tail)", () => {
  const timed = async (line: string, setup?: string) => {
    const lab = createLab({ nodes: 2, seed: "ping-wait", pacing: "instant" });
    if (setup) await lab.exec("node-2", setup);
    const start = lab.now();
    const r = await lab.exec("node-1", line);
    return { ms: lab.now() - start, r };
  };

  it("ends at the last reply when every probe was answered, waits 10 s (or -W, or until -w) when none was", async () => {
    expect((await timed("docker run --rm alpine ping -c 3 192.168.1.20")).ms).toBe(2000);
    const lost = await timed("docker run --rm alpine ping -c 3 192.168.1.20", "iptables -A INPUT -p icmp -j DROP");
    expect(lost.ms).toBe(12_000);
    expect(lost.r.stdout).toContain("3 packets transmitted, 0 packets received, 100% packet loss");
    expect((await timed("docker run --rm alpine ping -c 2 -W 1 192.168.1.20", "iptables -A INPUT -p icmp -j DROP")).ms).toBe(2000);
    // -w caps it: the deadline comes first.
    expect((await timed("docker run --rm alpine ping -c 2 -w 4 192.168.1.20", "iptables -A INPUT -p icmp -j DROP")).ms).toBe(4000);
  });
});
