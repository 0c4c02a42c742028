/**
 * The worker's topology feed: follows a lab's events, sends the page what changed in the topology
 * (a diff at most every FLUSH_MS while commands run, a full comparison after each command) and every
 * packet trace as sim-core announces it. The engine makes one per lab.
 */
import type { Lab } from "sim-core";
import type { FromWorker } from "@/lib/lab/protocol";
import { TopologyTracker } from "./build";
import { createRecorder } from "./recorder";

/** Coalesces a burst of events (a service of 100 tasks starting) into one message. */
export const FLUSH_MS = 50;

export interface TopologyFeed {
  /** Compares everything and sends the changes; `reset` sends every record (the page starts over). */
  full(reset?: boolean): void;
  /** The last packets as a libpcap file. */
  pcap(): Uint8Array;
  dispose(): void;
}

export function createTopologyFeed(lab: Lab, post: (m: FromWorker) => void): TopologyFeed {
  const tracker = new TopologyTracker();
  const recorder = createRecorder((trace) => post({ type: "packets", trace }));
  let timer: ReturnType<typeof setTimeout> | null = null;

  const flush = () => {
    timer = null;
    const diff = tracker.flush(lab.state());
    if (diff.set.length || diff.del.length) post({ type: "topology", diff, reset: false });
  };

  const off = lab.events.subscribe((e) => {
    if (e.type === "packet.hop") return recorder.hop(e.hop, e.at);
    tracker.note(e);
    timer ??= setTimeout(flush, FLUSH_MS);
  });

  return {
    full(reset = false) {
      if (timer) clearTimeout(timer);
      timer = null;
      const diff = tracker.full(lab.state(), reset);
      if (reset || diff.set.length || diff.del.length) post({ type: "topology", diff, reset });
    },
    pcap: () => recorder.pcap(),
    dispose() {
      off();
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
