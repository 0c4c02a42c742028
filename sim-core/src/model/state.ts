/**
 * The world as plain JSON: everything the simulator knows, so a snapshot is `structuredClone(state)`
 * and the same seed with the same operations gives byte-identical states.
 */
export const SCHEMA_VERSION = 1;

export type Role = "manager" | "worker";
export type Availability = "active" | "pause" | "drain";

export interface HostState {
  name: string;
  /** Underlay address on eth0: node-k is 192.168.1.(10·k). */
  ip: string;
  up: boolean;
  /** The swarm this host's engine is part of, and its node ID there. */
  swarmId: string | null;
  nodeId: string | null;
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
