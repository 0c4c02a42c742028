"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useLayoutEffect, useMemo, useState, useSyncExternalStore } from "react";
import { layoutTopology, placePoint } from "@/lib/topology/layout";
import type { Topology } from "@/lib/topology/model";
import { animationSteps, type PathTrace } from "@/lib/topology/path";
import { Diagram, TopologyList, type Selection } from "./Diagram";
import { PacketPath } from "./PacketPath";
import type { TopologyStore } from "./store";
import styles from "./topology.module.css";

/** One hop of the animation lasts this long at 1×. */
const STEP_MS = 900;
/** The User Timing name of a topology update's main-thread work (message to commit), read by the benchmark. */
export const UPDATE_MEASURE = "topology-update";

interface Props {
  store: TopologyStore;
  /** Saves the worker's last packets as a pcap; resolves with the file name. */
  onDownload: () => void;
  /** Where the selected element appears in the terminals: its names, IDs and addresses (null: nothing selected). */
  onHighlight?: (terms: string[] | null) => void;
}

/** The words a terminal shows for an element: what `docker … ls`, `inspect`, `ping` and `ip` print of it. */
export function termsOf(topology: Topology, selection: Selection): string[] | null {
  if (selection?.kind === "host") {
    const h = topology.hosts.get(selection.key);
    return h ? [h.name, h.ip, ...(h.nodeId ? [h.nodeId] : [])] : null;
  }
  if (selection?.kind === "endpoint") {
    const e = topology.endpoints.get(selection.key);
    if (!e) return null;
    return [e.name, e.id, e.id.slice(0, 12), ...(e.taskId ? [e.taskId, e.taskId.slice(0, 12)] : []), ...e.addresses.flatMap((a) => [a.ip, a.mac])];
  }
  if (selection?.kind === "network") {
    const n = topology.networks.get(selection.key);
    return n ? [n.name, n.id, n.id.slice(0, 12), ...(n.subnet ? [n.subnet] : [])] : null;
  }
  return null;
}

function Details({ topology, selection }: { topology: Topology; selection: Selection }) {
  const t = useTranslations("topology");
  const rows: [string, string][] = [];
  let title = "";
  if (selection?.kind === "host") {
    const h = topology.hosts.get(selection.key);
    if (h) {
      title = `${h.name} (${h.ip})`;
      if (h.nodeId) rows.push([t("details.node"), h.nodeId]);
      rows.push([t("details.mac"), `52:54:${h.ip.split(".").map((b) => Number(b).toString(16).padStart(2, "0")).join(":")}`]);
      for (const d of h.drops) rows.push([`${d.chain} ${d.number}`, d.spec]);
    }
  } else if (selection?.kind === "endpoint") {
    const e = topology.endpoints.get(selection.key);
    if (e) {
      title = e.name;
      rows.push([t("details.id"), e.id.slice(0, 12)], [t("details.image"), e.image]);
      if (e.taskId) rows.push([t("details.task"), e.taskId]);
      for (const a of e.addresses) rows.push([topology.networks.get(a.net)?.name ?? "?", `${a.ip} · ${t("details.mac")} ${a.mac}`]);
      if (e.ports.length) rows.push([t("details.ports"), e.ports.join(", ")]);
    }
  } else if (selection?.kind === "network") {
    const n = topology.networks.get(selection.key);
    if (n) {
      title = n.name;
      rows.push([t("details.id"), n.id.slice(0, 12)], [t("details.driver"), `${n.driver} (${n.scope})`]);
      if (n.subnet) rows.push([t("details.subnet"), n.subnet]);
      if (n.gateway) rows.push([t("details.gateway"), n.gateway]);
      if (n.vni !== null) rows.push(["VNI", String(n.vni)]);
      if (n.encrypted) rows.push(["ESP", t("network.encrypted")]);
      for (const s of topology.services.values()) {
        const vip = s.vips.find((v) => v.net === n.key);
        if (vip) rows.push(["VIP", `${s.name} ${vip.ip}`]);
        if (n.ingress) for (const p of s.ports) rows.push([t("details.ports"), t("network.published", { service: s.name, published: p.published, target: p.target, protocol: p.protocol, mode: p.mode })]);
      }
      rows.push([t("hosts"), n.hosts.join(", ") || t("network.idle")]);
    }
  }
  return (
    <aside className={styles.details} aria-labelledby="topo-details" data-testid="topology-details">
      <h3 id="topo-details">{title || t("details.title")}</h3>
      {rows.length === 0 ? (
        <p className={styles.muted}>{t("details.hint")}</p>
      ) : (
        <dl>
          {rows.map(([k, v], i) => (
            <div key={i}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      )}
    </aside>
  );
}

/**
 * The width the diagram has on the page (its scroller's, beside the details), followed as the window resizes:
 * the layout narrows host columns to fit it. Unknown (Infinity: full columns) until the scroller is drawn; a
 * hidden scroller (the panel collapsed) keeps the last width.
 */
function useRoom(): [(el: HTMLElement | null) => (() => void) | undefined, number] {
  const [room, setRoom] = useState(Infinity);
  const ref = useCallback((el: HTMLElement | null) => {
    if (!el) return;
    const measure = () => {
      if (el.clientWidth > 0) setRoom(el.clientWidth);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, room];
}

export default function TopologyPanel({ store, onDownload, onHighlight }: Props) {
  const t = useTranslations("topology");
  const version = useSyncExternalStore(store.subscribe, store.getVersion, store.getVersion);
  const topology = store.topology;
  const [open, setOpen] = useState(true);
  // A phone starts on the list (the lab renders on the client only).
  const [view, setView] = useState<"diagram" | "list">(() => (window.matchMedia("(max-width: 640px)").matches ? "list" : "diagram"));
  const [selection, setSelection] = useState<Selection>(null);
  const [traceId, setTraceId] = useState<number | null>(null);
  const [step, setStep] = useState(0);
  const [following, setFollowing] = useState(true);
  const [speed, setSpeed] = useState(1);
  const [inspected, setInspected] = useState<number | null>(null);

  const [roomRef, room] = useRoom();
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the store's maps change in place; `version` says when
  const layout = useMemo(() => layoutTopology(topology, room), [topology, version, room]);
  const latest = store.traces.at(-1) ?? null;
  // While following, the newest trace plays as it arrives.
  const [seen, setSeen] = useState<number | null>(null);
  if (latest && latest.id !== seen) {
    setSeen(latest.id);
    if (following || traceId === null) {
      setTraceId(latest.id);
      setStep(0);
      setInspected(null);
    }
  }
  const trace: PathTrace | null = store.traces.find((tr) => tr.id === traceId) ?? null;
  const steps = useMemo(() => (trace ? animationSteps(trace) : []), [trace]);

  useEffect(() => {
    if (!following || step >= steps.length - 1) return;
    const timer = setTimeout(() => setStep((s) => s + 1), STEP_MS / speed);
    return () => clearTimeout(timer);
  }, [following, step, steps.length, speed]);

  // The selected element lights up in the terminals' last output (and again as the topology changes under it).
  useEffect(() => {
    onHighlight?.(termsOf(topology, selection));
  }, [onHighlight, topology, selection, version]);

  // The main thread's share of an update: from the message to this commit.
  useLayoutEffect(() => {
    const start = store.takeReceivedAt();
    if (start > 0) performance.measure(UPDATE_MEASURE, { start });
  }, [store, version]);

  const current = steps[step];
  const point = current && view === "diagram" ? placePoint(layout, current.host, current.place, current.ip, current.peer) : null;
  const vxlanPorts = [...new Set([4789, ...(trace?.packets.flatMap((p) => p.hops.flatMap((h) => (h.outer?.protocol === "udp" && h.outer.dport ? [h.outer.dport] : []))) ?? [])])];

  const summary = t("summary", { hosts: topology.hosts.size, containers: topology.endpoints.size, networks: topology.networks.size });
  const hold = () => setFollowing(false);

  return (
    <section className={styles.panel} aria-labelledby="topology-title" data-testid="topology">
      <header className={styles.head}>
        <h2 id="topology-title">{t("title")}</h2>
        <span className={styles.muted}>{summary}</span>
        <span className={styles.headActions}>
          {open && (
            <span role="group" aria-label={t("views")} className={styles.views}>
              <button type="button" aria-pressed={view === "diagram"} onClick={() => setView("diagram")} data-testid="topology-view-diagram">
                {t("diagram")}
              </button>
              <button type="button" aria-pressed={view === "list"} onClick={() => setView("list")} data-testid="topology-view-list">
                {t("list")}
              </button>
            </span>
          )}
          <button type="button" aria-expanded={open} aria-controls="topology-body" onClick={() => setOpen(!open)} data-testid="topology-toggle">
            {open ? t("hide") : t("show")}
          </button>
        </span>
      </header>
      <div id="topology-body" hidden={!open} className={styles.body}>
        {topology.hosts.size === 0 ? (
          <p className={styles.muted}>{t("empty")}</p>
        ) : view === "list" ? (
          <TopologyList topology={topology} />
        ) : (
          <div className={styles.diagramRow}>
            <div className={styles.scroller} ref={roomRef}>
              {layout.mode === "aggregate" && <p className={styles.muted}>{t("aggregated", { hosts: topology.hosts.size, containers: topology.endpoints.size })}</p>}
              <div className={styles.stack}>
                <Diagram topology={topology} layout={layout} selected={selection?.key ?? null} onSelect={setSelection} label={t("diagramLabel", { summary })} />
                {point && (
                  <svg className={styles.overlay} viewBox={`0 0 ${layout.width} ${layout.height}`} width={layout.width} height={layout.height} aria-hidden="true">
                    <g className={styles.dotGroup} style={{ transform: `translate(${point.x}px, ${point.y}px)`, transitionDuration: `${Math.round(STEP_MS / speed / 2)}ms` }} data-testid="topo-packet" data-host={current.host} data-action={current.action}>
                      {current.place === "drop" ? (
                        <text textAnchor="middle" y={8} className={styles.dropMark}>
                          ✕
                        </text>
                      ) : (
                        <circle r={7} className={current.reply ? styles.dotReply : styles.dot} />
                      )}
                    </g>
                  </svg>
                )}
              </div>
            </div>
            <Details topology={topology} selection={selection} />
          </div>
        )}
        <PacketPath
          trace={trace}
          step={Math.min(step, Math.max(0, steps.length - 1))}
          playing={following && step < steps.length - 1}
          speed={speed}
          inspected={inspected}
          packets={store.packets()}
          vxlanPorts={vxlanPorts}
          onStep={(n) => {
            hold();
            setStep(n);
            setInspected(n);
          }}
          onPlay={(play) => {
            setFollowing(play);
            if (play && step >= steps.length - 1) setStep(0);
          }}
          onSpeed={setSpeed}
          onInspect={(n) => {
            hold();
            setStep(n);
            setInspected(n);
          }}
          onPacket={(id) => {
            const tr = store.traces.find((x) => x.packets.some((p) => p.id === id));
            if (!tr) return;
            hold();
            const first = tr.packets.findIndex((p) => p.id === id);
            const index = tr.packets.slice(0, first).reduce((n, p) => n + p.hops.length, 0);
            setTraceId(tr.id);
            setStep(index);
            setInspected(index);
          }}
          onDownload={onDownload}
        />
      </div>
    </section>
  );
}
