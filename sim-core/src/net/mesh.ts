/**
 * Published ports. In ingress mode (the default) every node accepts the port: the request is DNATed to the
 * service's VIP on the `ingress` overlay, IPVS picks a task, and the packet crosses to that task's node in
 * VXLAN (VNI 4096) — so the task sees the ingress address of the node that received the request, not the
 * client. In host mode only nodes running a task accept, and the task sees the client itself.
 */
import type { World } from "../engine/world";
import type { ContainerState, ServiceState, SwarmState } from "../model/state";
import { findAnyContainer, hostOfContainer } from "./dns";
import { conversationOpen, droppingRule, verdict } from "./firewall";
import { ingressAddressOf } from "./networks";
import { GOSSIP_PORT, type Hop } from "./path";

export interface MeshResult {
  ok: boolean;
  reason?: "refused" | "timeout";
  /** The way there and back (not yet announced: the caller sends its segments along it). */
  hops: Hop[];
  /** The port the backend listens on (the published port's target). */
  targetPort?: number;
  backend?: { container: ContainerState; host: string; ip: string };
  /** The source address the backend sees. */
  seenFrom?: string;
}

const rrKey = (service: ServiceState) => `${service.id}/mesh`;

function pick(world: World, swarm: SwarmState, service: ServiceState, netId: string) {
  const tasks = Object.values(swarm.tasks).filter((t) => t.serviceId === service.id && t.state === "running" && t.containerId && t.addresses[netId]);
  if (tasks.length === 0) return null;
  const rr = (world.state.ipvs ??= {});
  const n = rr[rrKey(service)] ?? 0;
  rr[rrKey(service)] = n + 1;
  return tasks[n % tasks.length];
}

/** A TCP request from `clientIp` (an underlay address) to `port` on the host `targetHost`. */
export function meshRequest(world: World, clientIp: string, targetHost: string, port: number): MeshResult {
  const hops: Hop[] = [];
  const host = world.state.hosts[targetHost];
  const swarmId = host?.swarmId;
  const swarm = swarmId ? world.state.swarms[swarmId] : undefined;
  if (!host || !host.up) return { ok: false, reason: "timeout", hops };
  const client = Object.values(world.state.hosts).find((h) => h.ip === clientIp);
  const toHost = { protocol: "tcp" as const, src: clientIp, dst: host.ip, dport: port };
  if ((client && client !== host && verdict(client, "OUTPUT", toHost) !== "ACCEPT") || verdict(host, "INPUT", toHost) !== "ACCEPT") {
    return { ok: false, reason: "timeout", hops };
  }
  // `docker run -p`: the port bound on this host is DNATed over the container's bridge; the container sees
  // the client, or the bridge gateway when the client is the host itself (docker-proxy).
  for (const c of Object.values(host.containers)) {
    // A task's host-mode bindings are the swarm's to route (below).
    if (c.taskId) continue;
    const bound = c.state === "running" ? c.ports?.find((p) => p.hostPort === port && p.protocol === "tcp") : undefined;
    const [netId, ip] = Object.entries(c.addresses)[0] ?? [];
    if (!bound || !ip) continue;
    hops.push({ host: targetHost, action: "deliver", inner: { src: clientIp, dst: ip, protocol: "tcp" }, detail: "published port (DNAT)" });
    const seenFrom = clientIp === host.ip ? (host.networks[netId]?.gateway ?? clientIp) : clientIp;
    return { ok: true, hops, targetPort: bound.containerPort, backend: { container: c, host: targetHost, ip }, seenFrom };
  }
  if (!swarm) return { ok: false, reason: "refused", hops };
  const services = Object.values(swarm.services);

  // Host mode: a task on this very node bound the port.
  for (const s of services) {
    if (!s.ports.some((p) => p.publishMode === "host" && p.publishedPort === port)) continue;
    const task = Object.values(swarm.tasks).find((t) => t.serviceId === s.id && t.state === "running" && t.nodeId === host.nodeId && t.containerId);
    if (!task) continue;
    const container = findAnyContainer(world, task.containerId!, () => null)!;
    const ip = Object.values(task.addresses)[0] ?? host.ip;
    hops.push({ host: targetHost, action: "deliver", inner: { src: clientIp, dst: ip, protocol: "tcp" }, detail: "host-mode port" });
    const targetPort = s.ports.find((p) => p.publishMode === "host" && p.publishedPort === port)!.targetPort;
    return { ok: true, hops, targetPort, backend: { container, host: targetHost, ip }, seenFrom: clientIp };
  }

  const service = services.find((s) => s.ports.some((p) => p.publishMode === "ingress" && p.publishedPort === port));
  if (!service) return { ok: false, reason: "refused", hops };
  const ingress = Object.values(swarm.networks).find((n) => n.ingress)!;
  const task = pick(world, swarm, service, ingress.id);
  if (!task) return { ok: false, reason: "timeout", hops };
  const backendHost = hostOfContainer(world, task.containerId!)!;
  const container = findAnyContainer(world, task.containerId!, () => null)!;
  const backendIp = task.addresses[ingress.id];
  const targetPort = service.ports.find((p) => p.publishMode === "ingress" && p.publishedPort === port)!.targetPort;
  const sbox = ingressAddressOf(swarm, host.nodeId!) ?? host.ip;
  const inner: Hop["inner"] = { src: sbox, dst: backendIp, protocol: "tcp" };
  const back: Hop["inner"] = { ...inner, src: backendIp, dst: sbox };
  hops.push({ host: targetHost, action: "ipvs", inner, detail: `${host.ip}:${port} → ${service.vips[ingress.id] ?? backendIp} → ${backendIp}` });
  const timeout = { ok: false, reason: "timeout" as const, hops, targetPort };
  if (backendHost === targetHost) {
    hops.push({ host: targetHost, action: "deliver", inner }, { host: targetHost, action: "deliver", inner: back, reply: true });
  } else {
    const b = world.state.hosts[backendHost];
    if (!conversationOpen(host, b, "tcp", GOSSIP_PORT) && !conversationOpen(host, b, "udp", GOSSIP_PORT)) return timeout;
    for (const [from, to] of [
      [host, b],
      [b, host],
    ] as const) {
      const outer = { protocol: "udp" as const, src: from.ip, dst: to.ip, dport: swarm.dataPathPort, vni: ingress.vni };
      const leg = from === host ? inner : back;
      const reply = from === b ? { reply: true } : {};
      hops.push({ host: from.name, action: "encap", inner: leg, outer, ...reply });
      if (verdict(from, "OUTPUT", outer) !== "ACCEPT") {
        hops.push({ host: from.name, action: "drop", inner: leg, outer, detail: "OUTPUT DROP", rule: droppingRule(from, "OUTPUT", outer), ...reply });
        return timeout;
      }
      hops.push({ host: from.name, action: "wire", inner: leg, outer, ...reply });
      if (verdict(to, "INPUT", outer) !== "ACCEPT") {
        hops.push({ host: to.name, action: "drop", inner: leg, outer, detail: "INPUT DROP", rule: droppingRule(to, "INPUT", outer), ...reply });
        return timeout;
      }
      hops.push({ host: to.name, action: "decap", inner: leg, outer, ...reply }, { host: to.name, action: "deliver", inner: leg, ...reply });
    }
  }
  return { ok: true, hops, targetPort, backend: { container, host: backendHost, ip: backendIp }, seenFrom: sbox };
}
