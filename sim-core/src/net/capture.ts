/**
 * What a capture on a host's eth0 sees, shared by `tcpdump` and `sandbox.capture()`: frames this host put
 * on the wire and frames that reached it (before its INPUT chain, so tcpdump still sees what INPUT then
 * drops), but nothing OUTPUT dropped — those never reach the wire.
 */
import type { HostState } from "../model/state";
import type { Filter } from "./capture-filter";
import type { Hop } from "./path";
import { vxlanSourcePort } from "./pcap";

/** Whether the hop is a frame crossing `host`'s eth0 that the filter keeps. */
export function seenOnEth0(host: HostState, hop: Hop, filter: Filter): boolean {
  if (hop.action !== "wire" || !hop.outer) return false;
  if (hop.outer.src !== host.ip && hop.outer.dst !== host.ip) return false;
  return filter({ ...hop.outer, sport: hop.outer.protocol === "udp" ? vxlanSourcePort(hop) : undefined });
}
