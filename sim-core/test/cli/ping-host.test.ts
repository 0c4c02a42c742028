/**
 * iputils ping at a host's own prompt (Debian 12, iputils 20221126): the underlay to the other nodes, the
 * host's own addresses and the containers on its bridges answer; an overlay address does not (the host has no
 * route into the overlay's namespace); where ARP gets no answer on one of the host's links the kernel reports the
 * probes back as Destination Host Unreachable. Texts as ping/ping.c and ping/ping_common.c print them.
 */
import { describe, expect, it } from "vitest";
import { createLab, setHostUp, type Lab } from "../../src/index";

const USAGE_HEAD = "\nUsage\n  ping [options] <destination>\n\nOptions:\n  <destination>      dns name or ip address\n  -a                 use audible ping\n";
const USAGE_TAIL =
  "\nIPv4 options:\n  -4                 use IPv4\n  -b                 allow pinging broadcast\n  -R                 record route\n" +
  "  -T <timestamp>     define timestamp, can be one of <tsonly|tsandaddr|tsprespec>\n" +
  "\nIPv6 options:\n  -6                 use IPv6\n  -F <flowlabel>     define flow label, default is random\n" +
  "  -N <nodeinfo opt>  use icmp6 node info query, try <help> as argument\n\nFor more details see ping(8).\n";

/** A reply line's pattern: `64 bytes from FROM: icmp_seq=N ttl=64 time=0.xyz ms`. */
const reply = (from: string, seq: number) => `64 bytes from ${from.replace(/[.()]/g, "\\$&")}: icmp_seq=${seq} ttl=64 time=(\\d\\.\\d{3}) ms\n`;

/** The round trips a run printed, in ms. */
const times = (stdout: string) => [...stdout.matchAll(/ time=(\d+\.\d{3}) ms/g)].map((m) => Number(m[1]));

async function swarmLab(seed = "host-ping"): Promise<Lab> {
  const lab = createLab({ nodes: 2, seed });
  await lab.exec("node-1", "docker swarm init --advertise-addr 192.168.1.10");
  const token = (await lab.exec("node-1", "docker swarm join-token -q worker")).stdout.trim();
  await lab.exec("node-2", `docker swarm join --token ${token} 192.168.1.10:2377`);
  await lab.exec("node-1", "docker network create --driver overlay --attachable appnet");
  return lab;
}

/** A container's address on a network, by the network's name. */
function addressOn(lab: Lab, host: string, container: string, network: string): string {
  const s = lab.state();
  const h = s.hosts[host];
  const c = Object.values(h.containers).find((x) => x.name === container)!;
  const nets = { ...h.networks, ...(h.swarmId ? s.swarms[h.swarmId].networks : {}) };
  const id = Object.keys(c.addresses).find((k) => nets[k]?.name === network)!;
  return c.addresses[id];
}

describe("ping on a host (iputils)", () => {
  it("pings another node's underlay address: header, replies from icmp_seq=1, summary with the time from first to last probe, exit 0", async () => {
    const lab = createLab({ nodes: 2, seed: "host-ping" });
    const start = lab.now();
    const r = await lab.exec("node-1", "ping -c 3 192.168.1.20");
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(
        "^PING 192\\.168\\.1\\.20 \\(192\\.168\\.1\\.20\\) 56\\(84\\) bytes of data\\.\n" +
          reply("192.168.1.20", 1) +
          reply("192.168.1.20", 2) +
          reply("192.168.1.20", 3) +
          "\n--- 192\\.168\\.1\\.20 ping statistics ---\n3 packets transmitted, 3 received, 0% packet loss, time (\\d+)ms\n" +
          "rtt min/avg/max/mdev = (\\d\\.\\d{3})/(\\d\\.\\d{3})/(\\d\\.\\d{3})/(\\d\\.\\d{3}) ms\n$",
      ),
    );
    // Two intervals of a second, and the millisecond or so a host adds to each.
    const time = Number(/time (\d+)ms/.exec(r.stdout)![1]);
    expect(time).toBeGreaterThanOrEqual(2000);
    expect(time).toBeLessThanOrEqual(2004);
    // Underlay round trips, a few tenths of a millisecond; the rtt line is their min/avg/max/mdev.
    const rtts = times(r.stdout);
    for (const t of rtts) {
      expect(t).toBeGreaterThanOrEqual(0.3);
      expect(t).toBeLessThan(0.5);
    }
    const [min, avg, max, mdev] = /rtt min\/avg\/max\/mdev = (\S+)\/(\S+)\/(\S+)\/(\S+) ms/.exec(r.stdout)!.slice(1).map(Number);
    const mean = rtts.reduce((a, b) => a + b, 0) / rtts.length;
    expect(min).toBe(Math.min(...rtts));
    expect(max).toBe(Math.max(...rtts));
    expect(Math.abs(avg - mean)).toBeLessThanOrEqual(0.001);
    const sd = Math.sqrt(rtts.reduce((a, b) => a + (b - mean) ** 2, 0) / rtts.length);
    expect(Math.abs(mdev - sd)).toBeLessThanOrEqual(0.002);
    // One probe a virtual second; the last reply ends it.
    expect(lab.now() - start).toBe(2000);
    const one = await lab.exec("node-1", "ping -c 1 192.168.1.20");
    expect(one.stdout).toContain("\n1 packets transmitted, 1 received, 0% packet loss, time 0ms\n");
  });

  it("names a node as its hosts do, in the header, the replies and the summary", async () => {
    const lab = createLab({ nodes: 2, seed: "host-ping" });
    const r = await lab.exec("node-1", "ping -c 2 node-2");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^PING node-2 \\(192\\.168\\.1\\.20\\) 56\\(84\\) bytes of data\\.\n${reply("node-2 (192.168.1.20)", 1)}${reply("node-2 (192.168.1.20)", 2)}\n--- node-2 ping statistics ---\n2 packets transmitted, 2 received, 0% packet loss, time 100[0-2]ms\n`));
    // -n: no reverse lookup.
    expect((await lab.exec("node-1", "ping -n -c 1 node-2")).stdout).toMatch(new RegExp(reply("192.168.1.20", 1)));
  });

  it("answers from the host's own addresses and loopback at once", async () => {
    const lab = createLab({ nodes: 2, seed: "host-ping" });
    const own = await lab.exec("node-1", "ping -c 2 192.168.1.10");
    expect(own.exitCode).toBe(0);
    expect(own.stdout).toMatch(new RegExp(`^PING 192\\.168\\.1\\.10 \\(192\\.168\\.1\\.10\\) 56\\(84\\) bytes of data\\.\n${reply("192.168.1.10", 1)}${reply("192.168.1.10", 2)}`));
    for (const t of times(own.stdout)) expect(t).toBeLessThan(0.1);
    const lo = await lab.exec("node-1", "ping -c 1 localhost");
    expect(lo.stdout).toMatch(new RegExp(`^PING localhost \\(127\\.0\\.0\\.1\\) 56\\(84\\) bytes of data\\.\n${reply("localhost (127.0.0.1)", 1)}`));
    expect((await lab.exec("node-1", "ping -c 1 node-1")).stdout).toMatch(new RegExp(reply("node-1 (192.168.1.10)", 1)));
    // docker0's gateway is the host's address too.
    expect((await lab.exec("node-1", "ping -c 1 172.17.0.1")).exitCode).toBe(0);
  });

  it("reaches a container on its own docker0 and user bridges, not one on another host's bridge", async () => {
    const lab = createLab({ nodes: 2, seed: "host-ping" });
    await lab.exec("node-1", "docker run -dit --name web alpine");
    await lab.exec("node-1", "docker network create mynet");
    await lab.exec("node-1", "docker run -dit --name api --network mynet alpine");
    await lab.exec("node-2", "docker run -dit --name far alpine");
    const web = addressOn(lab, "node-1", "web", "bridge");
    const r = await lab.exec("node-1", `ping -c 2 ${web}`);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`${reply(web, 1)}${reply(web, 2)}\n--- ${web.replaceAll(".", "\\.")} ping statistics ---\n2 packets transmitted, 2 received, 0% packet loss`));
    for (const t of times(r.stdout)) expect(t).toBeLessThan(0.1);
    expect((await lab.exec("node-1", `ping -c 1 ${addressOn(lab, "node-1", "api", "mynet")}`)).exitCode).toBe(0);
    // node-2's container: node-1's docker0 has the same subnet, but nobody there holds the address.
    const far = addressOn(lab, "node-2", "far", "bridge");
    await lab.exec("node-1", "docker rm -f web");
    const lost = await lab.exec("node-1", `ping -c 1 -W 1 ${far}`);
    expect(lost.stdout).toContain("1 packets transmitted, 0 received, 100% packet loss");
    expect(lost.exitCode).toBe(1);
  });

  it("gets no reply from an overlay address, even of a container on the same host: 100% loss, exit 1", async () => {
    const lab = await swarmLab();
    await lab.exec("node-1", "docker run -dit --name debug --network appnet alpine");
    const overlay = addressOn(lab, "node-1", "debug", "appnet");
    expect(overlay).toMatch(/^10\.0\./);
    const start = lab.now();
    const r = await lab.exec("node-1", `ping -c 3 ${overlay}`);
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(1);
    const ip = overlay.replaceAll(".", "\\.");
    // Lost probes print nothing; the summary has no rtt line, and finish() ends it with an empty line.
    expect(r.stdout).toMatch(new RegExp(`^PING ${ip} \\(${ip}\\) 56\\(84\\) bytes of data\\.\n\n--- ${ip} ping statistics ---\n3 packets transmitted, 0 received, 100% packet loss, time 20[0-9]{2}ms\n\n$`));
    // Two intervals, then the 10 s ping waits for a reply when none has come.
    expect(lab.now() - start).toBe(12_000);
    // The container answers inside the overlay (busybox ping there is unchanged)…
    const inside = await lab.exec("node-1", `docker exec debug ping -c 1 ${overlay}`);
    expect(inside.stdout).toContain("1 packets transmitted, 1 packets received, 0% packet loss");
    // …and the host reaches the same container through docker_gwbridge.
    const gw = await lab.exec("node-1", "ping -c 1 172.18.0.3");
    expect(gw.stdout).toMatch(new RegExp(reply("172.18.0.3", 1)));
  });

  it("loses every probe silently to a node whose firewall drops ICMP and to an address beyond the host's links", async () => {
    const lab = createLab({ nodes: 3, seed: "host-ping" });
    await lab.exec("node-2", "iptables -A INPUT -p icmp -j DROP");
    const start = lab.now();
    const dropped = await lab.exec("node-1", "ping -c 2 node-2");
    expect(dropped).toMatchObject({ stderr: "", exitCode: 1 });
    expect(dropped.stdout).not.toContain("bytes from");
    expect(dropped.stdout).not.toContain("Unreachable");
    expect(dropped.stdout).toMatch(/\n2 packets transmitted, 0 received, 100% packet loss, time 10[0-9]{2}ms\n\n$/);
    expect(lab.now() - start).toBe(11_000);
    // -W shortens the wait for a reply.
    const t = lab.now();
    await lab.exec("node-1", "ping -c 2 -W 2 node-2");
    expect(lab.now() - t).toBe(3000);
    await lab.exec("node-3", "iptables -A INPUT -p icmp -j DROP");
    const one = await lab.exec("node-1", "ping -c 1 -W 1 192.168.1.30");
    expect(one.stdout).toContain("1 packets transmitted, 0 received, 100% packet loss, time 0ms\n\n");
    expect(one.exitCode).toBe(1);
    // The host's own INPUT chain sees its loopback too.
    expect((await lab.exec("node-3", "ping -c 1 -W 1 127.0.0.1")).exitCode).toBe(1);
    expect((await lab.exec("node-1", "ping -c 1 127.0.0.1")).exitCode).toBe(0);
    // Beyond the links the router takes the probes (it answers ARP), and nothing comes back.
    const far = await lab.exec("node-1", "ping -c 4 10.20.30.40");
    expect(far.stdout).toMatch(/^PING 10\.20\.30\.40 \(10\.20\.30\.40\) 56\(84\) bytes of data\.\n\n--- 10\.20\.30\.40 ping statistics ---\n4 packets transmitted, 0 received, 100% packet loss, time 30[0-9]{2}ms\n\n$/);
  });

  it("prints the loss as %g and ends at the deadline with -w; fewer than -c replies by then exits 1", async () => {
    const lab = createLab({ nodes: 3, seed: "host-ping" });
    const w = await lab.exec("node-1", "ping -w 3 node-3");
    expect(w.stdout).toContain("\n3 packets transmitted, 3 received, 0% packet loss, time 200");
    expect(w.exitCode).toBe(0);
    await lab.exec("node-3", "iptables -A INPUT -p icmp -j DROP");
    const start = lab.now();
    // With -w, -c counts replies: ping sends on until the deadline.
    const lost = await lab.exec("node-1", "ping -c 2 -w 4 node-3");
    expect(lost.stdout).toContain("\n4 packets transmitted, 0 received, 100% packet loss, time 30");
    expect(lost.exitCode).toBe(1);
    expect(lab.now() - start).toBe(4000);
    // A third of the probes lost (node-1 starts dropping node-3's replies after the second): 33.3333%, exit 0.
    await lab.exec("node-3", "iptables -F");
    const part = await lab.exec("node-1", "ping -c 3 node-3 & sleep 1.5; iptables -A INPUT -s 192.168.1.30 -p icmp -j DROP; sleep 3");
    expect(part.stdout).toMatch(new RegExp(`${reply("node-3 (192.168.1.30)", 2)}\n--- node-3 ping statistics ---\n3 packets transmitted, 2 received, 33\.3333% packet loss, time 200[0-4]ms\nrtt `));
    // The job ended with 0 (bash says Done, not Exit 1) at the next prompt.
    expect((await lab.exec("node-1", "")).stderr).toMatch(/^\[1\]\+  Done {20}ping -c 3 node-3\n$/);
  });

  it("-q prints only the header and the summary", async () => {
    const lab = createLab({ nodes: 2, seed: "host-ping" });
    const r = await lab.exec("node-1", "ping -q -c 3 node-2");
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(
      /^PING node-2 \(192\.168\.1\.20\) 56\(84\) bytes of data\.\n\n--- node-2 ping statistics ---\n3 packets transmitted, 3 received, 0% packet loss, time 200[0-4]ms\nrtt min\/avg\/max\/mdev = [\d./]+ ms\n$/,
    );
  });

  it("Ctrl-C ends a ping without -c with the summary", async () => {
    const lab = createLab({ nodes: 2, seed: "host-ping" });
    const ac = new AbortController();
    let seen = 0;
    const r = await lab.exec("node-1", "ping node-2", {
      signal: ac.signal,
      onOutput: ({ text }) => {
        if (text.includes("bytes from") && ++seen === 3) ac.abort();
      },
    });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`${reply("node-2 (192.168.1.20)", 3)}\n--- node-2 ping statistics ---\n3 packets transmitted, 3 received, 0% packet loss, time 200[0-4]ms\nrtt min/avg/max/mdev = [\\d./]+ ms\n$`));
  });

  it("refuses what it cannot resolve or parse as iputils does", async () => {
    const lab = createLab({ nodes: 2, seed: "host-ping" });
    expect(await lab.exec("node-1", "ping nosuchhost")).toEqual({ stdout: "", stderr: "ping: nosuchhost: Name or service not known\n", exitCode: 2 });
    expect(await lab.exec("node-1", "ping")).toEqual({ stdout: "", stderr: "ping: usage error: Destination address required\n", exitCode: 1 });
    expect(await lab.exec("node-1", "ping -c 3")).toEqual({ stdout: "", stderr: "ping: usage error: Destination address required\n", exitCode: 1 });
    const bad = await lab.exec("node-1", "ping -x node-2");
    expect(bad.stdout).toBe("");
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr.startsWith(`ping: invalid option -- 'x'\n${USAGE_HEAD}`)).toBe(true);
    expect(bad.stderr.endsWith(USAGE_TAIL)).toBe(true);
    expect(bad.stderr).toContain("  -c <count>         stop after <count> replies\n");
    // glibc's getopt: `--help` is no long option of ping's; options after the destination count too.
    expect((await lab.exec("node-1", "ping --help")).stderr.split("\n")[0]).toBe("ping: invalid option -- '-'");
    expect(await lab.exec("node-1", "ping -h")).toEqual({ stdout: "", stderr: bad.stderr.slice(bad.stderr.indexOf("\n") + 1), exitCode: 2 });
    expect((await lab.exec("node-1", "ping node-2 -c")).stderr.split("\n")[0]).toBe("ping: option requires an argument -- 'c'");
    expect((await lab.exec("node-1", "ping node-2 -c 1")).stdout).toContain("1 packets transmitted, 1 received");
    expect(await lab.exec("node-1", "ping -c 0 node-2")).toEqual({
      stdout: "",
      stderr: "ping: invalid argument: '0': out of range: 1 <= value <= 9223372036854775807\n",
      exitCode: 1,
    });
    expect((await lab.exec("node-1", "ping -c abc node-2")).stderr).toBe("ping: invalid argument: 'abc'\n");
    expect((await lab.exec("node-1", "ping -c 1 192.168.1.255")).stderr).toBe("ping: Do you want to ping broadcast? Then -b. If not, check your local firewall rules\n");
  });

  it("is the host's ping: listed by Tab there, while containers keep busybox's", async () => {
    const lab = createLab({ nodes: 2, seed: "host-ping" });
    expect(lab.complete("node-1", "pin", 3).candidates).toEqual(["ping"]);
    expect(lab.complete("node-1", "ping no", 7).candidates).toEqual(["node-1", "node-2"]);
    await lab.exec("node-1", "docker run -dit --name c1 alpine");
    expect((await lab.exec("node-1", "docker exec c1 ping -c 1 192.168.1.20")).stdout).toMatch(/^PING 192\.168\.1\.20 \(192\.168\.1\.20\): 56 data bytes\n64 bytes from 192\.168\.1\.20: seq=0 ttl=64/);
    expect((await lab.exec("node-1", "ssh node-2 ping -c 1 node-1")).stdout).toMatch(new RegExp(`^PING node-1 \\(192\\.168\\.1\\.10\\) 56\\(84\\) bytes of data\\.\n${reply("node-1 (192.168.1.10)", 1)}`));
  });

  it("gives the same transcript for the same seed", async () => {
    const transcript = async () => {
      const lab = await swarmLab("host-ping-replay");
      await lab.exec("node-1", "docker run -dit --name web alpine");
      const out: string[] = [];
      for (const line of ["ping -c 4 node-2", "ping -c 2 localhost", "ping -c 2 172.17.0.2", "ping -c 2 -W 1 10.0.1.9", "ping -w 2 192.168.1.20"]) {
        out.push((await lab.exec("node-1", line)).stdout);
      }
      return out.join("");
    };
    const a = await transcript();
    expect(await transcript()).toBe(a);
    // The round trips vary from probe to probe (the world's RNG), they are not one constant.
    expect(new Set(times(a)).size).toBeGreaterThan(3);
  });
});

/** An error line, as ping4_receive_error_msg prints it: `From FROM icmp_seq=N Destination Host Unreachable`. */
const unreachable = (from: string, seq: number) => `From ${from} icmp_seq=${seq} Destination Host Unreachable\n`;

/** Runs a ping and notes, for each error line, its icmp_seq and the virtual ms since the start it was printed at. */
async function timedPing(lab: Lab, host: string, line: string, signal?: AbortSignal) {
  const start = lab.now();
  const errors: [number, number][] = [];
  const r = await lab.exec(host, line, {
    signal,
    onOutput: ({ text }) => {
      for (const m of text.matchAll(/icmp_seq=(\d+) Destination Host Unreachable/g)) errors.push([Number(m[1]), lab.now() - start]);
    },
  });
  return { ...r, errors, ms: lab.now() - start };
}

describe("ping on a host when ARP gets no answer (the kernel's Destination Host Unreachable)", () => {
  it("reports the probes to a powered-off node back from the host's own eth0 address, three together 3 s after the first, and stops at -c", async () => {
    const lab = createLab({ nodes: 3, seed: "host-ping" });
    setHostUp(lab.sandbox.world, "node-2", false);
    const r = await timedPing(lab, "node-1", "ping -c 3 192.168.1.20");
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(
      new RegExp(
        "^PING 192\\.168\\.1\\.20 \\(192\\.168\\.1\\.20\\) 56\\(84\\) bytes of data\\.\n" +
          unreachable("192.168.1.10", 1) +
          unreachable("192.168.1.10", 2) +
          unreachable("192.168.1.10", 3) +
          "\n--- 192\\.168\\.1\\.20 ping statistics ---\n3 packets transmitted, 0 received, \\+3 errors, 100% packet loss, time 20[3-9]\\dms\npipe 3\n$",
      ),
    );
    // The ARP failure ends it (nreceived + nerrors reaches -c), not the 10 s wait for a reply.
    expect(r.errors).toEqual([
      [1, 3000],
      [2, 3000],
      [3, 3000],
    ]);
    expect(r.ms).toBe(3000);
    // A name: the "From" address is named too (pr_addr); with -n it is not.
    const named = await lab.exec("node-1", "ping -c 2 node-2");
    expect(named.stdout).toMatch(
      new RegExp(`^PING node-2 \\(192\\.168\\.1\\.20\\) 56\\(84\\) bytes of data\\.\n${unreachable("node-1 \\(192\\.168\\.1\\.10\\)", 1)}${unreachable("node-1 \\(192\\.168\\.1\\.10\\)", 2)}\n--- node-2 ping statistics ---\n2 packets transmitted, 0 received, \\+2 errors, 100% packet loss, time 10[1-3]\\dms\npipe 2\n$`),
    );
    expect((await lab.exec("node-1", "ping -n -c 1 -W 5 node-2")).stdout).toContain(`\n${unreachable("192.168.1.10", 1)}\n--- node-2 ping statistics ---\n1 packets transmitted, 0 received, +1 errors, 100% packet loss, time 0ms\n\n`);
  });

  it("sends a new ARP resolution after a failed one: batches of 3 at 3 s, 6 s, …, the last one short", async () => {
    const lab = createLab({ nodes: 2, seed: "host-ping" });
    // An address on eth0's /24 that no machine holds.
    const r = await timedPing(lab, "node-1", "ping -c 5 192.168.1.99");
    expect(r.exitCode).toBe(1);
    expect(r.errors).toEqual([
      [1, 3000],
      [2, 3000],
      [3, 3000],
      [4, 6000],
      [5, 6000],
    ]);
    expect(r.ms).toBe(6000);
    expect(r.stdout).toContain([1, 2, 3, 4, 5].map((n) => unreachable("192.168.1.10", n)).join(""));
    // pipe: seq 1 came back with 3 probes out; seq 4 with 2.
    expect(r.stdout).toMatch(/\n5 packets transmitted, 0 received, \+5 errors, 100% packet loss, time (40[6-9]\d|41[0-2]\d)ms\npipe 3\n$/);
  });

  it("reports an unused address on a bridge's subnet from the bridge's gateway", async () => {
    const lab = createLab({ nodes: 2, seed: "host-ping" });
    const docker0 = await timedPing(lab, "node-1", "ping -c 2 172.17.0.9");
    expect(docker0.stdout).toMatch(
      new RegExp(`^PING 172\\.17\\.0\\.9 \\(172\\.17\\.0\\.9\\) 56\\(84\\) bytes of data\\.\n${unreachable("172.17.0.1", 1)}${unreachable("172.17.0.1", 2)}\n--- 172\\.17\\.0\\.9 ping statistics ---\n2 packets transmitted, 0 received, \\+2 errors, 100% packet loss`),
    );
    expect(docker0.ms).toBe(3000);
    // A user-defined bridge; a container that was there and is gone.
    await lab.exec("node-1", "docker network create mynet");
    await lab.exec("node-1", "docker run -dit --name api --network mynet alpine");
    const api = addressOn(lab, "node-1", "api", "mynet");
    const gateway = api.replace(/\.\d+$/, ".1");
    expect((await lab.exec("node-1", `ping -c 1 ${api}`)).stdout).toMatch(new RegExp(reply(api, 1)));
    await lab.exec("node-1", "docker rm -f api");
    const gone = await lab.exec("node-1", `ping -c 3 ${api}`);
    expect(gone.stdout).toContain(`\n${unreachable(gateway, 1)}${unreachable(gateway, 2)}${unreachable(gateway, 3)}\n`);
    expect(gone.stdout).toContain("\n3 packets transmitted, 0 received, +3 errors, 100% packet loss, time ");
    expect(gone.exitCode).toBe(1);
  });

  it("ends silently when the -W linger runs out before ARP fails; errors end it at the same instant only after a later probe", async () => {
    const lab = createLab({ nodes: 2, seed: "host-ping" });
    const one = await timedPing(lab, "node-1", "ping -c 1 -W 1 192.168.1.99");
    expect(one.stdout).toBe("PING 192.168.1.99 (192.168.1.99) 56(84) bytes of data.\n\n--- 192.168.1.99 ping statistics ---\n1 packets transmitted, 0 received, 100% packet loss, time 0ms\n\n");
    expect(one.exitCode).toBe(1);
    expect(one.ms).toBe(1000);
    // Linger and ARP failure both 3 s after the only probe: the linger's precise timer comes first.
    const tie = await timedPing(lab, "node-1", "ping -c 1 -W 3 192.168.1.99");
    expect(tie.errors).toEqual([]);
    expect(tie.ms).toBe(3000);
    // The second probe went out a little after 1 s, so its 2 s linger ends after the failure at 3 s.
    const two = await timedPing(lab, "node-1", "ping -c 2 -W 2 192.168.1.99");
    expect(two.errors).toEqual([
      [1, 3000],
      [2, 3000],
    ]);
    expect(two.ms).toBe(3000);
    // -c 4 -W 1: probes 1-3 come back at 3 s, probe 4 (sent then) is still held when the linger ends at 4 s.
    const four = await timedPing(lab, "node-1", "ping -c 4 -W 1 192.168.1.99");
    expect(four.errors.map(([seq]) => seq)).toEqual([1, 2, 3]);
    expect(four.ms).toBe(4000);
    expect(four.stdout).toMatch(/\n4 packets transmitted, 0 received, \+3 errors, 100% packet loss, time 30[4-9]\dms\npipe 3\n$/);
  });

  it("-q counts the errors without printing them", async () => {
    const lab = createLab({ nodes: 2, seed: "host-ping" });
    const r = await lab.exec("node-1", "ping -q -c 3 192.168.1.99");
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/^PING 192\.168\.1\.99 \(192\.168\.1\.99\) 56\(84\) bytes of data\.\n\n--- 192\.168\.1\.99 ping statistics ---\n3 packets transmitted, 0 received, \+3 errors, 100% packet loss, time 20[3-9]\dms\npipe 3\n$/);
  });

  it("-w ends at the first errors, or at the deadline when that comes first", async () => {
    const lab = createLab({ nodes: 2, seed: "host-ping" });
    const w = await timedPing(lab, "node-1", "ping -w 10 192.168.1.99");
    expect(w.errors.map(([seq]) => seq)).toEqual([1, 2, 3]);
    expect(w.ms).toBe(3000);
    expect(w.stdout).toMatch(/\n3 packets transmitted, 0 received, \+3 errors, 100% packet loss, time 20[3-9]\dms\npipe 3\n$/);
    expect(w.exitCode).toBe(1);
    const at3 = await timedPing(lab, "node-1", "ping -w 3 192.168.1.99");
    expect(at3.errors).toEqual([]);
    expect(at3.ms).toBe(3000);
    expect(at3.stdout).toMatch(/\n3 packets transmitted, 0 received, 100% packet loss, time 20[3-9]\dms\n\n$/);
  });

  it("Ctrl-C ends it with the errors so far; the probes still held are lost", async () => {
    const lab = createLab({ nodes: 2, seed: "host-ping" });
    const ac = new AbortController();
    void lab.sandbox.clock.sleep(7500).then(() => ac.abort());
    const r = await timedPing(lab, "node-1", "ping 192.168.1.99", ac.signal);
    expect(r.exitCode).toBe(1);
    expect(r.errors).toEqual([
      [1, 3000],
      [2, 3000],
      [3, 3000],
      [4, 6000],
      [5, 6000],
      [6, 6000],
    ]);
    expect(r.ms).toBe(7500);
    expect(r.stdout).toMatch(
      new RegExp(`${unreachable("192.168.1.10", 6)}\n--- 192\\.168\\.1\\.99 ping statistics ---\n8 packets transmitted, 0 received, \\+6 errors, 100% packet loss, time 7[0-2]\\d{2}ms\npipe 3\n$`),
    );
  });

  it("a node powered on mid-run answers from then on (the pipe after the rtt line); one powered off after answering stays silent", async () => {
    const lab = createLab({ nodes: 2, seed: "host-ping" });
    setHostUp(lab.sandbox.world, "node-2", false);
    const seen: [string, number][] = [];
    const start = lab.now();
    const r = await lab.exec("node-1", "ping -c 6 node-2", {
      onOutput: ({ text }) => {
        for (const m of text.matchAll(/icmp_seq=(\d+) (\w+)/g)) seen.push([`${m[1]} ${m[2]}`, lab.now() - start]);
        if (text.includes("icmp_seq=3 Destination")) setHostUp(lab.sandbox.world, "node-2", true);
      },
    });
    // Probes 1-3 come back at 3 s; probe 4, sent then, finds the node: nreceived + nerrors reaches 6 at its third reply.
    expect(seen).toEqual([
      ["1 Destination", 3000],
      ["2 Destination", 3000],
      ["3 Destination", 3000],
      ["4 ttl", 3000],
      ["5 ttl", 4000],
      ["6 ttl", 5000],
    ]);
    expect(lab.now() - start).toBe(5000);
    expect(r.stdout).toContain(`${unreachable("node-1 (192.168.1.10)", 3)}64 bytes from node-2 (192.168.1.20): icmp_seq=4 ttl=64 `);
    expect(r.stdout).toMatch(/\n6 packets transmitted, 3 received, \+3 errors, 50% packet loss, time 50\d{2}ms\nrtt min\/avg\/max\/mdev = [\d./]+ ms, pipe 3\n$/);
    // Something came back: exit 0.
    expect(r.exitCode).toBe(0);
    // Powered off after it answered, it stays silent for the rest of the run (the kernel still has its address).
    const t = lab.now();
    const off = await lab.exec("node-1", "ping -c 6 node-2", {
      onOutput: ({ text }) => {
        if (text.includes("icmp_seq=2 ttl=")) setHostUp(lab.sandbox.world, "node-2", false);
      },
    });
    expect(off.stdout).not.toContain("Unreachable");
    expect(off.stdout).toMatch(/\n6 packets transmitted, 2 received, 66\.6667% packet loss, time 50\d{2}ms\nrtt min\/avg\/max\/mdev = [\d./]+ ms\n$/);
    // The last probe at 5 s, then the wait for its reply (the interval, longer than twice the slowest reply).
    expect(lab.now() - t).toBe(6000);
    expect(off.exitCode).toBe(0);
  });

  it("agrees with ssh: errors exactly where ssh says No route to host", async () => {
    const lab = await swarmLab();
    await lab.exec("node-1", "docker network create mynet");
    await lab.exec("node-1", "docker run -dit --name web alpine");
    await lab.exec("node-1", "docker run -dit --name api --network mynet alpine");
    await lab.exec("node-1", "docker run -dit --name debug --network appnet alpine");
    const api = addressOn(lab, "node-1", "api", "mynet");
    setHostUp(lab.sandbox.world, "node-2", false);
    const cases: [string, boolean][] = [
      ["192.168.1.20", true], // powered off
      ["192.168.1.99", true], // nobody on eth0's /24
      ["172.17.0.9", true], // nobody on docker0
      [api.replace(/\.\d+$/, ".9"), true], // nobody on mynet
      ["172.18.0.9", true], // nobody on docker_gwbridge
      ["192.168.1.1", false], // the router
      [addressOn(lab, "node-1", "web", "bridge"), false], // a container on docker0
      ["172.18.0.2", false], // the node's ingress-sbox on docker_gwbridge
      ["172.18.0.3", false], // debug's end on docker_gwbridge
      [api.replace(/\.\d+$/, ".1"), false], // the host's own address on mynet
      [addressOn(lab, "node-1", "debug", "appnet"), false], // an overlay address: no route into it
      ["10.20.30.40", false], // beyond the links
    ];
    for (const [ip, fails] of cases) {
      const ping = await lab.exec("node-1", `ping -c 1 -W 4 ${ip}`);
      const ssh = await lab.exec("node-1", `ssh ${ip} true`);
      if (lab.prompt("node-1") !== "node-1$ ") await lab.exec("node-1", "exit");
      expect([ip, ping.stdout.includes("Destination Host Unreachable")]).toEqual([ip, fails]);
      expect([ip, ssh.stderr.includes("No route to host")]).toEqual([ip, fails]);
    }
  });
});
