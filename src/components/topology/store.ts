/**
 * The page's copy of the topology and the recent packet traces, fed by the worker's messages and read
 * by the panel through useSyncExternalStore. A diff touches only the records it names.
 */
import { applyDiff, emptyTopology, type Topology, type TopologyDiff } from "@/lib/topology/model";
import type { PathPacket, PathTrace } from "@/lib/topology/path";

/** Traces kept for the animation's choice; packets listed. */
export const KEPT_TRACES = 20;
export const LISTED_PACKETS = 50;

export type TopologyMessage = { type: "topology"; diff: TopologyDiff; reset: boolean } | { type: "packets"; trace: PathTrace };

export class TopologyStore {
  topology: Topology = emptyTopology();
  traces: PathTrace[] = [];
  /** Bumped on every change: the snapshot useSyncExternalStore compares. */
  version = 0;
  /** When the last message that changed something arrived (performance.now()), for the update's timing. */
  receivedAt = 0;
  private listeners = new Set<() => void>();

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = () => this.version;

  receive(m: TopologyMessage): void {
    const at = performance.now();
    if (m.type === "topology") {
      if (m.reset) {
        this.topology = emptyTopology();
        this.traces = [];
      }
      if (!applyDiff(this.topology, m.diff) && !m.reset) return;
    } else {
      this.traces = [...this.traces.slice(-(KEPT_TRACES - 1)), m.trace];
    }
    this.version++;
    if (m.type === "topology") this.receivedAt = at;
    for (const l of this.listeners) l();
  }

  /** When the update being committed arrived (0 when none is pending); clears it. */
  takeReceivedAt(): number {
    const at = this.receivedAt;
    this.receivedAt = 0;
    return at;
  }

  /** The last packets, oldest first. */
  packets(): PathPacket[] {
    return this.traces.flatMap((t) => t.packets).slice(-LISTED_PACKETS);
  }
}
