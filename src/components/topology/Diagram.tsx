"use client";

import { useLocale, useTranslations } from "next-intl";
import { formatMessage, type Values } from "@/lib/i18n/icu-lite";
import { memo, useMemo } from "react";
import { serviceLine, type EndpointBox, type HostBox, type Layout } from "@/lib/topology/layout";
import type { TopoEndpoint, TopoHost, TopoNetwork, TopoService, Topology } from "@/lib/topology/model";
import styles from "./topology.module.css";

/**
 * The topology's messages, formatted by icu-lite (the quiz's small formatter, checked against next-intl for
 * every topology message) rather than next-intl's ICU runtime: an update formats a label per container it
 * changed (a drain moves twenty, a network added to a service replaces a hundred), and through next-intl's
 * formatter that was a fifth of such an update's main-thread work.
 */
function useTopologyFormat() {
  const t = useTranslations("topology");
  const locale = useLocale();
  return useMemo(() => (key: Parameters<typeof t.raw>[0], values?: Values): string => formatMessage(locale, t.raw(key) as string, values), [t, locale]);
}
type TopologyFormat = ReturnType<typeof useTopologyFormat>;

export type Selection = { kind: "host" | "endpoint" | "network"; key: string } | null;

interface Props {
  topology: Topology;
  layout: Layout;
  /** The key of the element whose details show. */
  selected: string | null;
  onSelect: (s: Selection) => void;
  label: string;
}

const short = (text: string, max: number) => (text.length <= max ? text : max < 1 ? "" : `${text.slice(0, max - 1)}…`);

/**
 * About how wide a character is in px, per text style (the drawing's fonts at their sizes): what a label
 * that must stay inside its box or column is cut to, now that columns narrow to fit the room.
 */
const CHAR_PX = { label: 5.6, mono: 6.3, name: 6.6, drop: 5.7 } as const;
const charsIn = (px: number, style: keyof typeof CHAR_PX) => Math.floor(px / CHAR_PX[style]);

/** What makes a drawn element a button: focus, hover or click selects it and shows its details. */
function focusable(selection: NonNullable<Selection>, aria: string, selected: boolean, onSelect: (s: Selection) => void) {
  const select = () => onSelect(selection);
  return { tabIndex: 0, role: "button" as const, "aria-label": aria, "aria-pressed": selected, onMouseEnter: select, onFocus: select, onClick: select, className: styles.focusable };
}

type HostText = { role: string; state: string; label: string };

/**
 * A host's role, state and accessible label. Host records are replaced, never changed in place, when
 * the worker reports a change, so the text is kept per record (and per locale's translator): an update
 * formats only the hosts it changed (100 tiles × 4 messages each was a large share of an update's time).
 */
const HOST_TEXT = new WeakMap<TopoHost, { t: unknown; text: HostText }>();

function useHostText() {
  const t = useTopologyFormat();
  return (h: TopoHost): HostText => {
    const known = HOST_TEXT.get(h);
    if (known && known.t === t) return known.text;
    const role = h.role ? t(`host.${h.role}`) : t("host.standalone");
    const state = !h.up ? t("host.down") : h.status === "down" ? t("host.down") : h.availability ? t(`host.${h.availability}`) : t("host.up");
    const text = { role, state, label: t("host.label", { name: h.name, ip: h.ip, role, state }) };
    HOST_TEXT.set(h, { t, text });
    return text;
  };
}

interface TileProps {
  box: HostBox;
  mode: Layout["mode"];
  text: HostText;
  /** The aggregated view's two lines (containers, largest services), or null in the full view. */
  counts: { total: string; services: string } | null;
  selected: boolean;
  onSelect: (s: Selection) => void;
}

/** One host's column (full view) or tile (aggregated view): redrawn only when its own props change. */
const HostTile = memo(function HostTile({ box, mode, text, counts, selected, onSelect }: TileProps) {
  const { host: h, x, y, w, h: hh } = box;
  // The same handlers from one render to the next: a tile redrawn for its counts leaves its group's props alone.
  const asButton = useMemo(() => focusable({ kind: "host", key: h.key }, text.label, selected, onSelect), [h.key, text.label, selected, onSelect]);
  return (
    <g data-testid={`topo-host-${h.name}`} data-down={!h.up || h.status === "down"} {...asButton}>
      <rect x={x} y={y} width={w} height={hh} rx={8} className={!h.up || h.status === "down" ? styles.hostDown : styles.host} />
      <text x={x + 10} y={y + 18} className={styles.hostName}>
        {h.name}
      </text>
      {/* A tile is too narrow for "node-100" and "192.168.4.250" side by side: its address gets a line of its own. */}
      <text x={mode === "aggregate" ? x + 10 : x + w - 10} y={mode === "aggregate" ? y + 32 : y + 18} textAnchor={mode === "aggregate" ? "start" : "end"} className={styles.mono}>
        {h.ip}
      </text>
      {mode === "aggregate" ? (
        <text x={x + 10} y={y + 46} className={styles.small}>
          {short(text.state, 18)}
        </text>
      ) : (
        <RoleLine x={x + 10} y={y + 34} room={w - 20} text={`${text.role} · ${text.state}`} />
      )}
      {counts && (
        <>
          <text x={x + 10} y={y + 60} className={styles.small}>
            {counts.total}
          </text>
          <text x={x + 10} y={y + 72} className={styles.tiny}>
            {counts.services}
          </text>
        </>
      )}
      {mode === "full" &&
        h.drops.map((d, i) => (
          <text key={`${d.chain}-${d.number}`} x={x + 10} y={y + 50 + i * 14} className={styles.drop} data-testid={`topo-drop-${h.name}`}>
            ⛔ {short(d.spec.replace(/^-A /, ""), charsIn(w - 16, "drop"))}
          </text>
        ))}
      {mode === "aggregate" && h.drops.length > 0 && (
        <text x={x + w - 10} y={y + 46} textAnchor="end" className={styles.drop}>
          ⛔ {h.drops.length}
        </text>
      )}
    </g>
  );
}, sameTile);

/**
 * A host's role and state ("manager · drained (drain)"): squeezed rather than cut when a narrow column has
 * no room for it, since its last word (drained, paused, down) is what changed.
 */
function RoleLine({ x, y, room, text }: { x: number; y: number; room: number; text: string }) {
  const squeeze = text.length > charsIn(room, "label");
  return (
    <text x={x} y={y} className={styles.small} textLength={squeeze ? room : undefined} lengthAdjust={squeeze ? "spacingAndGlyphs" : undefined}>
      {text}
    </text>
  );
}

/** "101 containers" per translator and count, formatted once: a drain changes nearly every tile's count, to a handful of values. */
const CONTAINERS_TEXT = new WeakMap<TopologyFormat, Map<number, string>>();
function containersText(t: TopologyFormat, count: number): string {
  let known = CONTAINERS_TEXT.get(t);
  if (!known) CONTAINERS_TEXT.set(t, (known = new Map()));
  let text = known.get(count);
  if (text === undefined) known.set(count, (text = t("host.containers", { count })));
  return text;
}

/** The same place and size (the layout makes new box objects on every update). */
const sameBox = (a: { x: number; y: number; w: number; h: number }, b: { x: number; y: number; w: number; h: number }) => a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h;

/** Props equal by value where the layout makes new objects per update (boxes, counts), by identity elsewhere. */
function sameTile(a: TileProps, b: TileProps): boolean {
  return (
    a.box.host === b.box.host &&
    sameBox(a.box, b.box) &&
    a.mode === b.mode &&
    a.text === b.text &&
    a.counts?.total === b.counts?.total &&
    a.counts?.services === b.counts?.services &&
    a.selected === b.selected &&
    a.onSelect === b.onSelect
  );
}

function laneText(net: TopoNetwork, services: TopoService[], t: TopologyFormat): { title: string; extra: string } {
  const parts = [net.name, net.driver === "overlay" ? t("network.overlay") : t("network.bridge")];
  if (net.subnet) parts.push(net.subnet);
  if (net.vni !== null) parts.push(t("network.vni", { vni: net.vni }));
  if (net.encrypted) parts.push(`🔒 ${t("network.encrypted")}`);
  if (net.ingress) parts.push(t("network.ingress"));
  if (net.hosts.length === 0) parts.push(t("network.idle"));
  const extra: string[] = [];
  for (const s of services) {
    const vip = s.vips.find((v) => v.net === net.key);
    if (vip) extra.push(t("network.vip", { service: s.name, ip: vip.ip }));
    if (net.ingress) for (const p of s.ports.filter((p) => p.mode === "ingress")) extra.push(`${s.name} *:${p.published}→${p.target}`);
  }
  return { title: parts.join(" · "), extra: extra.join(" · ") };
}

const ENDPOINT_TEXT = new WeakMap<TopoEndpoint, { t: unknown; nets: string; aria: string }>();

interface EndpointProps {
  box: EndpointBox;
  /** The networks' names of its addresses, one per line; and their lanes' palette indexes, comma-separated. */
  nets: string;
  colors: string;
  aria: string;
  selected: boolean;
  onSelect: (s: Selection) => void;
}

/**
 * What a container or task tile shows, drawn at the origin: the same whatever the tile's place, so a tile that
 * only moves (its host's column changed around it) costs one attribute, its group's transform.
 */
const EndpointContent = memo(function EndpointContent({ endpoint: e, w, h, nets, colors }: { endpoint: TopoEndpoint; w: number; h: number; nets: string; colors: string }) {
  const names = nets.split("\n");
  const palette = colors.split(",");
  return (
    <>
      <rect width={w} height={h} rx={4} className={e.state === "running" ? styles.endpoint : styles.endpointIdle} />
      <text x={6} y={13} className={styles.epName}>
        {short(e.serviceName ? `${e.serviceName}.${e.slot ?? e.host}` : e.name, charsIn(w - 12, "name"))}
      </text>
      {e.addresses.map((a, i) => (
        <g key={a.net}>
          <circle cx={10} cy={22 + i * 13} r={4} className={styles[`c${palette[i] ?? 0}`]} />
          <text x={18} y={26 + i * 13} className={styles.mono}>
            {a.ip} {short(names[i] ?? "", Math.max(4, charsIn(w - 22, "mono") - a.ip.length - 1))}
          </text>
        </g>
      ))}
    </>
  );
});

/** One container or task in the full view: redrawn only when its own record, place, networks or label change. */
const EndpointTile = memo(
  function EndpointTile({ box, nets, colors, aria, selected, onSelect }: EndpointProps) {
    const { endpoint: e, x, y, w, h } = box;
    return (
      <g data-testid={`topo-endpoint-${e.name}`} data-host={e.host} transform={`translate(${x} ${y})`} {...focusable({ kind: "endpoint", key: e.key }, aria, selected, onSelect)}>
        <EndpointContent endpoint={e} w={w} h={h} nets={nets} colors={colors} />
      </g>
    );
  },
  (a, b) =>
    a.box.endpoint === b.box.endpoint &&
    sameBox(a.box, b.box) &&
    a.nets === b.nets &&
    a.colors === b.colors &&
    a.aria === b.aria &&
    a.selected === b.selected &&
    a.onSelect === b.onSelect,
);

/** The SVG drawing: columns, containers, lanes, underlay, and the packet in flight. */
function DiagramView({ topology, layout, selected, onSelect, label }: Props) {
  const t = useTopologyFormat();
  const hostText = useHostText();
  const services = [...topology.services.values()];
  /** An endpoint's accessible label, formatted once per record and network names (see HOST_TEXT). */
  const endpointAria = (e: TopoEndpoint, nets: string[]) => {
    const key = nets.join("\n");
    const known = ENDPOINT_TEXT.get(e);
    if (known && known.t === t && known.nets === key) return known.aria;
    const aria = [e.name, e.serviceName ? t("endpoint.task", { slot: e.slot ?? "-", service: e.serviceName }) : t("endpoint.container"), ...(e.state === "created" ? [t("endpoint.created")] : []), ...e.addresses.map((a, i) => t("endpoint.on", { ip: a.ip, network: nets[i] }))].join(", ");
    ENDPOINT_TEXT.set(e, { t, nets: key, aria });
    return aria;
  };
  const laneColor = new Map(layout.lanes.map((l) => [l.net.key, l.color]));
  const containers = (count: number) => containersText(t, count);

  return (
    <svg
      className={styles.svg}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      width={layout.width}
      height={layout.height}
      role="group"
      aria-label={label}
      data-testid="topology-svg"
      data-mode={layout.mode}
    >
      {layout.hosts.map((box) => {
        const agg = layout.aggregates.get(box.host.name);
        const counts = agg ? { total: containers(agg.total), services: serviceLine(agg.services) } : null;
        return <HostTile key={box.host.key} box={box} mode={layout.mode} text={hostText(box.host)} counts={counts} selected={selected === box.host.key} onSelect={onSelect} />;
      })}

      {layout.mode === "full" &&
        layout.hosts.map(({ host: h, x, w }) => (
          <text key={`k-${h.key}`} x={x + w / 2} y={layout.kernelY + 16} textAnchor="middle" className={styles.kernel}>
            {t("kernel")}
          </text>
        ))}

      {layout.endpoints.map((box) => {
        const e = box.endpoint;
        const nets = e.addresses.map((a) => topology.networks.get(a.net)?.name ?? "?");
        return (
          <EndpointTile
            key={e.key}
            box={box}
            nets={nets.join("\n")}
            colors={e.addresses.map((a) => laneColor.get(a.net) ?? 0).join(",")}
            aria={endpointAria(e, nets)}
            selected={selected === e.key}
            onSelect={onSelect}
          />
        );
      })}

      {layout.lanes.map((lane) => {
        const text = laneText(lane.net, services, t);
        // An overlay no host has joined yet (no container on it) is drawn faint across every column, without taps.
        const idle = lane.net.hosts.length === 0;
        const reaches = idle ? "" : `${t("network.reaches", { hosts: lane.net.hosts.join(", ") })}. `;
        return (
          <g key={lane.net.key} data-testid={`topo-lane-${lane.net.name}`} data-idle={idle} {...focusable({ kind: "network", key: lane.net.key }, `${text.title}. ${reaches}${text.extra}`, selected === lane.net.key, onSelect)}>
            <line x1={lane.x1} x2={lane.x2} y1={lane.y + 8} y2={lane.y + 8} className={`${idle ? styles.laneIdle : styles.lane} ${styles[`s${lane.color}`]}`} strokeDasharray={lane.net.encrypted ? "10 4" : undefined} />
            {lane.taps.map((tap) => (
              <circle key={tap.host} cx={tap.x} cy={lane.y + 8} r={5} className={styles[`c${lane.color}`]} />
            ))}
            <text x={lane.x1 + 4} y={lane.y + 4} className={styles.laneText}>
              {short(text.title, Math.floor((lane.x2 - lane.x1) / 6.2))}
            </text>
            {text.extra && (lane.x2 - lane.x1) / 6.2 - text.title.length > 14 && (
              <text x={lane.x2 - 4} y={lane.y + 4} textAnchor="end" className={styles.small}>
                {short(text.extra, Math.floor((lane.x2 - lane.x1) / 6.2) - text.title.length - 3)}
              </text>
            )}
          </g>
        );
      })}

      <line x1={8} x2={layout.width - 8} y1={layout.underlayY} y2={layout.underlayY} className={styles.underlay} />
      <text x={12} y={layout.underlayY + 16} className={styles.small}>
        {t("underlay")}
      </text>

    </svg>
  );
}

export const Diagram = memo(DiagramView);

/** The same content as text: the diagram's accessible alternative, and the phone's view. */
export function TopologyList({ topology }: { topology: Topology }) {
  const t = useTopologyFormat();
  const hostText = useHostText();
  const hosts = [...topology.hosts.values()].sort((a, b) => a.index - b.index);
  const byHost = new Map<string, TopoEndpoint[]>();
  for (const e of topology.endpoints.values()) {
    const list = byHost.get(e.host);
    if (list) list.push(e);
    else byHost.set(e.host, [e]);
  }
  const many = topology.endpoints.size > 200;
  return (
    <div className={styles.list} data-testid="topology-list">
      <h3>{t("hosts")}</h3>
      <ul>
        {hosts.map((h) => {
          const eps = (byHost.get(h.name) ?? []).sort((a, b) => a.name.localeCompare(b.name));
          return (
            <li key={h.key} data-testid={`topo-list-host-${h.name}`}>
              <strong>{h.name}</strong> {h.ip} — {hostText(h).role}, {hostText(h).state} · {t("host.containers", { count: eps.length })}
              {h.drops.length > 0 && (
                <div className={styles.dropText}>
                  {t("host.drops")}: {h.drops.map((d) => <code key={`${d.chain}${d.number}`}>{d.spec}</code>)}
                </div>
              )}
              {!many && eps.length > 0 && (
                <ul>
                  {eps.map((e) => (
                    <li key={e.key}>
                      <code>{e.name}</code> {e.addresses.map((a) => t("endpoint.on", { ip: a.ip, network: topology.networks.get(a.net)?.name ?? "?" })).join(", ")}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
      <h3>{t("networks")}</h3>
      <ul>
        {[...topology.networks.values()].map((n) => (
          <li key={n.key}>
            <strong>{n.name}</strong> ({n.driver}) {n.subnet ?? ""} {n.vni !== null ? t("network.vni", { vni: n.vni }) : ""} {n.encrypted ? `· ${t("network.encrypted")}` : ""} —{" "}
            {n.hosts.length ? t("network.reaches", { hosts: n.hosts.join(", ") }) : t("network.idle")}
          </li>
        ))}
      </ul>
      {topology.services.size > 0 && (
        <>
          <h3>{t("services")}</h3>
          <ul>
            {[...topology.services.values()].map((s) => (
              <li key={s.key}>
                <strong>{s.name}</strong> — {s.mode === "global" ? t("global", { running: s.running }) : t("replicas", { running: s.running, replicas: s.replicas })}
                {s.vips.map((v) => ` · ${t("network.vip", { service: topology.networks.get(v.net)?.name ?? "?", ip: v.ip })}`)}
                {s.ports.map((p) => ` · ${t("network.published", { service: s.name, published: p.published, target: p.target, protocol: p.protocol, mode: p.mode })}`)}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
