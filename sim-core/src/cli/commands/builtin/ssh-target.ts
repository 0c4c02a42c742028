/**
 * Where `ssh DESTINATION` gets from a host: a host of the lab by name or by any of its addresses (its
 * underlay address on eth0, as `ssh 192.168.1.20` reaches node-2; `localhost`, 127.0.0.0/8 and the host's
 * own bridge gateways reach the host itself), or how OpenSSH's connect fails on the underlay the lab models
 * (ssh.c ssh_connect_direct: `ssh: connect to host H port 22: <strerror>`, exit 255):
 *
 * - an address on a link of the host (eth0's /24, its bridges) that no machine holds, or a node that is
 *   powered off: ARP gets no answer (`arpUnanswered` in net/path.ts, which the host's ping asks too),
 *   and after the kernel's three probes a second apart connect() fails with "No route to host";
 * - a machine there with nothing on port 22 (the router, a container on a bridge, the node's ingress-sbox on
 *   docker_gwbridge): "Connection refused";
 * - any other address goes out through the router and nothing answers: the kernel gives up after its
 *   SYN retries (tcp_syn_retries 6: 1+2+…+64 s) with "Connection timed out".
 */
import type { World } from "../../../engine/world";
import { HOST_GATEWAY, hostInterfaces } from "../../../net/interfaces";
import { parseIp } from "../../../net/ipam";
import { ARP_FAIL_MS, arpUnanswered, linkAddressFor } from "../../../net/path";
/** Linux's TCP connect giving up after 6 SYN retries. */
export const SYN_TIMEOUT_MS = 127_000;

export type SshTarget =
  | { kind: "host"; host: string }
  | { kind: "unresolved" }
  | { kind: "refused" }
  | { kind: "no-route"; after: number }
  | { kind: "timeout"; after: number };

/** `names` are the lab's hosts; the world is only read for an address. */
export function sshTarget(world: World, names: readonly string[], from: string, dest: string): SshTarget {
  // A powered-off machine on the underlay answers nothing, not even ARP (a shell without a world: all are up).
  const reach = (host: string): SshTarget => (world?.state?.hosts?.[host]?.up === false ? { kind: "no-route", after: ARP_FAIL_MS } : { kind: "host", host });
  if (names.includes(dest)) return reach(dest);
  if (dest === "localhost") return { kind: "host", host: from };
  if (parseIp(dest) === null) return { kind: "unresolved" };
  const hosts = world.state.hosts;
  const here = hosts[from];
  const ifaces = hostInterfaces(world, from);
  // The host's links: eth0 on the underlay and its bridges (docker0, docker_gwbridge, user-defined ones).
  const bridges = Object.values(here.networks).filter((n) => n.driver === "bridge" && n.subnet);
  if (dest.startsWith("127.") || ifaces.some((i) => i.ip === dest) || bridges.some((n) => n.gateway === dest)) return { kind: "host", host: from };
  const other = Object.values(hosts).find((h) => h.ip === dest);
  if (other) return reach(other.name);
  if (arpUnanswered(world, from, dest) !== null) return { kind: "no-route", after: ARP_FAIL_MS };
  // Whatever else is on a link answers ARP, and runs no sshd.
  if (dest === HOST_GATEWAY || linkAddressFor(world, from, dest) !== null) return { kind: "refused" };
  return { kind: "timeout", after: SYN_TIMEOUT_MS };
}
