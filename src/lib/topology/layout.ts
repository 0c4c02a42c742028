/**
 * Where everything goes on the topology drawing, computed from the model and the room it has (same model
 * and room, same picture): hosts as columns in node order, narrowed to fit the room, their containers
 * stacked inside (tasks by service and slot, then standalone containers by name), networks as lanes under
 * the columns spanning the hosts they reach, the underlay at the bottom. Past FULL_LIMIT containers or
 * hosts the drawing aggregates: a grid of host tiles with counts per service, which stays cheap at
 * 100 nodes × 10,000 tasks.
 */
import { byHostOrder, type TopoEndpoint, type TopoHost, type TopoNetwork, type Topology } from "./model";
import type { Place } from "./path";

/** A host column's width when there is room for it, and the narrowest it gets before the drawing scrolls sideways. */
export const COL_W = 210;
export const MIN_COL_W = 160;
export const COL_GAP = 26;
export const PAD = 12;
const HEADER_H = 58;
const RULE_H = 14;
const EP_GAP = 4;
const EP_BASE = 18;
const EP_LINE = 13;
const LANE_H = 30;
const UNDERLAY_H = 34;
const KERNEL_H = 26;

/** Beyond this many containers, or hosts, the drawing shows counts instead of boxes. */
export const FULL_LIMIT = { endpoints: 160, hosts: 8 };

const TILE_W = 128;
const TILE_H = 80;
const TILE_GAP = 10;
const TILES_PER_ROW = 10;

export interface HostBox {
  host: TopoHost;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface EndpointBox {
  endpoint: TopoEndpoint;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Lane {
  net: TopoNetwork;
  /** Index into the network palette: stable per network name. */
  color: number;
  y: number;
  x1: number;
  x2: number;
  /** Where the lane touches each host it reaches. */
  taps: { host: string; x: number }[];
}

export interface Aggregate {
  host: string;
  total: number;
  /** Containers per service (standalone containers under ""), largest first. */
  services: { name: string; count: number }[];
}

/**
 * The aggregated tile's second line: the largest services with their counts, or the one service's name
 * alone when it holds every container (the line above has the count), so that a drain, which changes
 * nearly every tile's count, redraws one line per tile instead of two.
 */
export function serviceLine(services: Aggregate["services"], max = 24): string {
  const line = services.length === 1 ? services[0].name || "—" : services.slice(0, 2).map((s) => `${s.name || "—"} ×${s.count}`).join(" ");
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export interface Layout {
  mode: "full" | "aggregate";
  width: number;
  height: number;
  hosts: HostBox[];
  endpoints: EndpointBox[];
  lanes: Lane[];
  /** The underlay's line (y), and the kernel strip of each column (bridge, IPVS, VTEP) above the lanes. */
  underlayY: number;
  kernelY: number;
  aggregates: Map<string, Aggregate>;
}

export const PALETTE_SIZE = 8;

function colorOf(name: string): number {
  let h = 0;
  for (const c of name) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h % PALETTE_SIZE;
}

/** Tasks by service name and slot, then standalone containers by name. */
function endpointOrder(a: TopoEndpoint, b: TopoEndpoint): number {
  const sa = a.serviceName ?? "\uffff";
  const sb = b.serviceName ?? "\uffff";
  if (sa !== sb) return sa < sb ? -1 : 1;
  if ((a.slot ?? 0) !== (b.slot ?? 0)) return (a.slot ?? 0) - (b.slot ?? 0);
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Overlays first (ingress, then by VNI), then each host's local networks. */
function laneOrder(a: TopoNetwork, b: TopoNetwork): number {
  if (a.scope !== b.scope) return a.scope === "swarm" ? -1 : 1;
  if (a.scope === "swarm") return (a.vni ?? 0) - (b.vni ?? 0);
  return byHostOrder(a.hosts[0] ?? "", b.hosts[0] ?? "") || (a.name === "docker_gwbridge" ? 1 : 0) - (b.name === "docker_gwbridge" ? 1 : 0) || a.name.localeCompare(b.name);
}

/**
 * The width of each host column so that `hosts` columns fit in `room` pixels: COL_W at most, MIN_COL_W at
 * least (five nodes fit the 944 px beside the details on a 1280 px screen; narrower, the drawing scrolls).
 */
export function columnWidth(hosts: number, room: number): number {
  const n = Math.max(1, hosts);
  const fit = Math.floor((room - PAD * 2 - (n - 1) * COL_GAP) / n);
  return Math.max(MIN_COL_W, Math.min(COL_W, fit));
}

/** `room`: the width the drawing has on the page (unknown: as wide as it needs at full column width). */
export function layoutTopology(t: Topology, room = Infinity): Layout {
  const hosts = [...t.hosts.values()].sort((a, b) => a.index - b.index);
  const aggregate = hosts.length > FULL_LIMIT.hosts || t.endpoints.size > FULL_LIMIT.endpoints;
  return aggregate ? aggregateLayout(t, hosts) : fullLayout(t, hosts, columnWidth(hosts.length, room));
}

function fullLayout(t: Topology, hosts: TopoHost[], colW: number): Layout {
  const byHost = new Map<string, TopoEndpoint[]>(hosts.map((h) => [h.name, []]));
  for (const e of t.endpoints.values()) byHost.get(e.host)?.push(e);
  const headerH = Math.max(0, ...hosts.map((h) => h.drops.length)) * RULE_H + HEADER_H;
  const endpoints: EndpointBox[] = [];
  let bodyH = 0;
  const columnX = new Map<string, number>();
  hosts.forEach((h, i) => {
    const x = PAD + i * (colW + COL_GAP);
    columnX.set(h.name, x);
    let y = PAD + headerH;
    for (const e of (byHost.get(h.name) ?? []).sort(endpointOrder)) {
      const hh = EP_BASE + EP_LINE * Math.max(1, e.addresses.length);
      endpoints.push({ endpoint: e, x: x + 8, y, w: colW - 16, h: hh });
      y += hh + EP_GAP;
    }
    bodyH = Math.max(bodyH, y - PAD - headerH);
  });
  const kernelY = PAD + headerH + Math.max(bodyH, 24) + 6;
  const lanesTop = kernelY + KERNEL_H + 6;
  const width = PAD * 2 + Math.max(1, hosts.length) * colW + Math.max(0, hosts.length - 1) * COL_GAP;
  // Every swarm network has a row of its own, so a lane never changes row as containers come and go; an
  // overlay no host has joined yet (no container on it) spans every column, without taps. A host's local
  // networks sit under its column only, so they share rows with other hosts' local networks.
  let rows = 0;
  const sharedRows: { row: number; spans: [number, number][] }[] = [];
  const lanes: Lane[] = [...t.networks.values()].sort(laneOrder).map((net) => {
    const reached = net.hosts.filter((h) => columnX.has(h));
    const taps = reached.map((h) => ({ host: h, x: columnX.get(h)! + colW / 2 }));
    const x1 = reached.length ? Math.min(...reached.map((h) => columnX.get(h)!)) + 4 : PAD + 4;
    const x2 = reached.length ? Math.max(...reached.map((h) => columnX.get(h)!)) + colW - 4 : width - PAD - 4;
    let row = rows;
    if (net.scope === "swarm") rows++;
    else {
      let shared = sharedRows.find((r) => r.spans.every(([a, b]) => x2 < a || x1 > b));
      if (!shared) sharedRows.push((shared = { row: rows++, spans: [] }));
      shared.spans.push([x1, x2]);
      row = shared.row;
    }
    return { net, color: colorOf(net.name), y: lanesTop + row * LANE_H, x1, x2, taps };
  });
  const underlayY = lanesTop + rows * LANE_H + 14;
  const height = underlayY + UNDERLAY_H;
  const columnH = height - PAD - 4;
  return {
    mode: "full",
    width,
    height,
    hosts: hosts.map((h) => ({ host: h, x: columnX.get(h.name)!, y: PAD, w: colW, h: columnH })),
    endpoints,
    lanes,
    underlayY,
    kernelY,
    aggregates: new Map(),
  };
}

function aggregateLayout(t: Topology, hosts: TopoHost[]): Layout {
  // The counts applyDiff keeps: an update costs per host and service, not per container.
  const aggregates = new Map<string, Aggregate>();
  for (const { name: host } of hosts) {
    const services = [...(t.counts.get(host) ?? [])].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
    aggregates.set(host, { host, total: services.reduce((s, x) => s + x.count, 0), services });
  }
  const perRow = Math.min(TILES_PER_ROW, Math.max(1, hosts.length));
  const rows = Math.ceil(hosts.length / perRow);
  const boxes: HostBox[] = hosts.map((h, i) => ({
    host: h,
    x: PAD + (i % perRow) * (TILE_W + TILE_GAP),
    y: PAD + Math.floor(i / perRow) * (TILE_H + TILE_GAP),
    w: TILE_W,
    h: TILE_H,
  }));
  const gridBottom = PAD + rows * (TILE_H + TILE_GAP);
  const width = PAD * 2 + perRow * TILE_W + (perRow - 1) * TILE_GAP;
  const lanes: Lane[] = [...t.networks.values()]
    .filter((n) => n.scope === "swarm")
    .sort(laneOrder)
    .map((net, i) => ({ net, color: colorOf(net.name), y: gridBottom + 8 + i * LANE_H, x1: PAD, x2: width - PAD, taps: [] }));
  const underlayY = gridBottom + 8 + lanes.length * LANE_H + 14;
  return { mode: "aggregate", width, height: underlayY + UNDERLAY_H, hosts: boxes, endpoints: [], lanes, underlayY, kernelY: gridBottom, aggregates };
}

/** Where a step of the animation is drawn: a point on the layout. */
export function placePoint(layout: Layout, host: string, place: Place, ip?: string, peer?: string): { x: number; y: number } | null {
  const box = layout.hosts.find((h) => h.host.name === host);
  if (!box) return null;
  if (layout.mode === "aggregate") {
    const c = { x: box.x + box.w / 2, y: box.y + box.h / 2 };
    if (place !== "wire" || !peer) return c;
    const other = layout.hosts.find((h) => h.host.name === peer);
    return other ? { x: (c.x + other.x + other.w / 2) / 2, y: (c.y + other.y + other.h / 2) / 2 } : c;
  }
  const kernel = layout.kernelY + KERNEL_H / 2;
  switch (place) {
    case "container":
    case "dns": {
      const ep = layout.endpoints.find((e) => e.endpoint.host === host && e.endpoint.addresses.some((a) => a.ip === ip));
      if (!ep) return { x: box.x + box.w / 2, y: kernel };
      return place === "dns" ? { x: ep.x + ep.w - 10, y: ep.y + 9 } : { x: ep.x + 10, y: ep.y + ep.h / 2 };
    }
    case "bridge":
    case "ipvs":
      return { x: box.x + box.w * 0.3, y: kernel };
    case "vtep":
    case "drop":
      return { x: box.x + box.w * 0.75, y: kernel };
    case "wire": {
      const other = peer ? layout.hosts.find((h) => h.host.name === peer) : undefined;
      const x2 = other ? other.x + other.w * 0.75 : box.x + box.w;
      return { x: (box.x + box.w * 0.75 + x2) / 2, y: layout.underlayY };
    }
  }
}
