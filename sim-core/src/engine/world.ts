/**
 * A world: hosts node-1…node-N on the underlay 192.168.1.0/24, the swarm they may form, a seeded RNG
 * and a virtual clock. Operations (swarm/, net/, …) read and change `state` through it; everything in
 * `state` is plain JSON, so a snapshot is a deep copy and a restore continues exactly where it was.
 */
import { naturalOrder } from "./order";
import { EPOCH, SCHEMA_VERSION, type Availability, type HostState, type LocalNetwork, type NetworkBase, type NodeState, type Role, type TaskStateName, type WorldState } from "../model/state";
import type { Hop } from "../model/packet";
import { localId } from "./ids";
import { createRng, type Rng } from "./rng";
import { err, ok, type Result } from "./errors";

export const MAX_NODES = 500;

export interface WorldOptions {
  nodes?: number;
  seed?: string | number;
}

/** node-k's underlay address: 192.168.1.(10·k) for k ≤ 25, then on through the /16 for big labs. */
export function hostAddress(k: number): string {
  const n = 10 * k;
  return n < 255 ? `192.168.1.${n}` : `192.168.${1 + Math.floor(n / 250)}.${n % 250 || 250}`;
}

/**
 * What the world announces as it changes, for the UI (animation, topology) and for tcpdump. Events are
 * not state: snapshots never contain them, and a world replayed from a snapshot announces only what
 * happens afterwards. `at` is virtual time.
 */
export type SimEvent =
  | { type: "packet.hop"; at: number; hop: Hop }
  /** The scheduler gave a task a node. */
  | { type: "task.scheduled"; at: number; taskId: string; serviceId: string; nodeId: string }
  /** A task moved between states; `from` is null for a task that has just been created. */
  | { type: "task.state"; at: number; taskId: string; serviceId: string; nodeId: string | null; from: TaskStateName | null; to: TaskStateName }
  | { type: "service.created"; at: number; serviceId: string; name: string }
  | { type: "service.updated"; at: number; serviceId: string; name: string }
  | { type: "service.removed"; at: number; serviceId: string; name: string }
  | { type: "node.state"; at: number; nodeId: string; hostname: string; state: NodeState["status"] }
  | { type: "node.role"; at: number; nodeId: string; hostname: string; role: Role }
  | { type: "node.availability"; at: number; nodeId: string; hostname: string; availability: Availability }
  /** `host` is set for a local network (one engine's); swarm networks belong to every node. */
  | { type: "network.created"; at: number; networkId: string; name: string; driver: string; host?: string }
  | { type: "network.removed"; at: number; networkId: string; name: string; driver: string; host?: string }
  | { type: "container.started"; at: number; host: string; containerId: string; name: string; taskId: string | null }
  | { type: "container.stopped"; at: number; host: string; containerId: string; name: string; taskId: string | null }
  /** `docker swarm join` gave up: a firewall dropped the manager API (2377), or nothing answered there. */
  | { type: "swarm.join-failed"; at: number; host: string; remote: string; reason: "firewall" | "no-manager" }
  /** A running `tcpdump` on `host` counted this packet (what the learner's capture saw). */
  | { type: "capture.seen"; at: number; host: string; hop: Hop };

/** An event as operations raise it: the world stamps the time. */
type WithoutTime<E> = E extends SimEvent ? Omit<E, "at"> : never;
type Raised = WithoutTime<SimEvent>;

/** A local network's record as a fresh engine has it (no subnet, no endpoints). */
export function networkRecord(id: string, name: string, now: number): NetworkBase {
  return { id, name, createdAt: now, subnet: null, gateway: null, internal: false, attachable: false, labels: {}, options: {}, endpoints: {}, nextIp: null };
}

/** bridge (docker0, 172.17.0.0/16), host and none: every engine has them from the start. */
function addDefaultNetworks(world: World, host: HostState): void {
  const now = world.state.now;
  const bridge: LocalNetwork = { ...networkRecord(localId(world.rng), "bridge", now), driver: "bridge", scope: "local", subnet: "172.17.0.0/16", gateway: "172.17.0.1" };
  bridge.options = { "com.docker.network.bridge.default_bridge": "true", "com.docker.network.bridge.name": "docker0" };
  const hostNet: LocalNetwork = { ...networkRecord(localId(world.rng), "host", now), driver: "host", scope: "local" };
  const none: LocalNetwork = { ...networkRecord(localId(world.rng), "none", now), driver: "null", scope: "local" };
  for (const n of [bridge, hostNet, none]) host.networks[n.id] = n;
}

export class World {
  private listeners = new Set<(e: SimEvent) => void>();

  /** Subscribes to events; returns the unsubscribe function. Listeners are not part of the state. */
  on(listener: (e: SimEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: SimEvent): void {
    for (const l of this.listeners) l(event);
  }

  /** Announces a change at the current virtual time; free when nobody listens (bulk scheduling stays fast). */
  announce(event: Raised): void {
    if (this.listeners.size === 0) return;
    this.emit({ ...event, at: this.state.now } as SimEvent);
  }

  private constructor(
    public state: WorldState,
    public rng: Rng,
  ) {}

  static create({ nodes = 3, seed = "overlay-lab" }: WorldOptions = {}): World {
    if (!Number.isInteger(nodes) || nodes < 1 || nodes > MAX_NODES) {
      throw new RangeError(`a lab has 1 to ${MAX_NODES} nodes, not ${nodes}`);
    }
    const rng = createRng(seed);
    const hosts: Record<string, HostState> = {};
    for (let k = 1; k <= nodes; k++) {
      const name = `node-${k}`;
      hosts[name] = { name, ip: hostAddress(k), up: true, swarmId: null, nodeId: null, networks: {}, containers: {}, firewall: { INPUT: [], OUTPUT: [] }, files: {} };
    }
    const state: WorldState = { schemaVersion: SCHEMA_VERSION, seed: String(seed), rng: rng.state(), now: EPOCH, hosts, swarms: {} };
    const world = new World(state, rng);
    for (const host of world.hosts()) addDefaultNetworks(world, host);
    return world;
  }

  /** A deep copy of the whole world, RNG position included. */
  snapshot(): WorldState {
    this.state.rng = this.rng.state();
    return structuredClone(this.state);
  }

  static restore(snapshot: WorldState): World {
    if (snapshot.schemaVersion !== SCHEMA_VERSION) {
      throw new Error(`cannot restore a world of schema version ${snapshot.schemaVersion} (this simulator reads ${SCHEMA_VERSION})`);
    }
    const state = structuredClone(snapshot);
    return new World(state, createRng(state.seed, state.rng));
  }

  host(name: string): Result<HostState> {
    const host = this.state.hosts[name];
    return host ? ok(host) : err({ code: "unknown-host", data: { host: name } });
  }

  /** Hosts in natural order (node-2 before node-10). */
  hosts(): HostState[] {
    return Object.values(this.state.hosts).sort((a, b) => naturalOrder(a.name, b.name));
  }

  advance(ms: number): void {
    this.state.now += ms;
  }
}
