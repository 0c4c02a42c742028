/**
 * The world as plain JSON: everything the simulator knows, so a snapshot is `structuredClone(state)`
 * and the same seed with the same operations gives byte-identical states.
 */
export const SCHEMA_VERSION = 1;

export type Role = "manager" | "worker";
export type Availability = "active" | "pause" | "drain";

export interface NetworkBase {
  id: string;
  name: string;
  createdAt: number;
  subnet: string | null;
  gateway: string | null;
  internal: boolean;
  attachable: boolean;
  labels: Record<string, string>;
  /** Driver options as given (`-o encrypted` is stored as `encrypted: ""`, as Docker does). */
  options: Record<string, string>;
}

/** A network of one engine: bridge, host or null driver. */
export interface LocalNetwork extends NetworkBase {
  driver: "bridge" | "host" | "null";
  scope: "local";
}

/** A swarm-scoped overlay, known to every manager. */
export interface SwarmNetwork extends NetworkBase {
  driver: "overlay";
  scope: "swarm";
  ingress: boolean;
  /** VXLAN network identifier: ingress 4096, then one per overlay in creation order. */
  vni: number;
}

export interface HostState {
  name: string;
  /** Underlay address on eth0: node-k is 192.168.1.(10·k). */
  ip: string;
  up: boolean;
  /** The swarm this host's engine is part of, and its node ID there. */
  swarmId: string | null;
  nodeId: string | null;
  networks: Record<string, LocalNetwork>;
}

export interface NodeState {
  id: string;
  hostname: string;
  addr: string;
  role: Role;
  availability: Availability;
  /** Cleared when the host leaves; the node stays listed as Down until removed. */
  status: "ready" | "down";
  leader: boolean;
  createdAt: number;
}

export interface SwarmState {
  id: string;
  createdAt: number;
  caDigest: string;
  secrets: Record<Role, string>;
  dataPathPort: number;
  defaultAddrPool: string[];
  subnetSize: number;
  nodes: Record<string, NodeState>;
  networks: Record<string, SwarmNetwork>;
  nextVni: number;
}

export interface WorldState {
  schemaVersion: typeof SCHEMA_VERSION;
  seed: string;
  /** The RNG's state, so a restored world continues the same sequence. */
  rng: [number, number, number, number];
  /** Virtual time, ms since the epoch. */
  now: number;
  hosts: Record<string, HostState>;
  /** Usually one; a host that runs `swarm init` outside a swarm starts another, as on real machines. */
  swarms: Record<string, SwarmState>;
}

/** Every lab starts at the same moment, so "2 minutes ago" reads the same in every run. */
export const EPOCH = Date.UTC(2026, 0, 5, 9, 0, 0);
