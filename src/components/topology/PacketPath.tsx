"use client";

import { useTranslations } from "next-intl";
import { decodeFrame, hexOf } from "@/lib/topology/headers";
import { packetOfHop, type PathHop, type PathPacket, type PathTrace } from "@/lib/topology/path";
import styles from "./topology.module.css";

export const SPEEDS = [0.5, 1, 2, 4] as const;

interface Props {
  trace: PathTrace | null;
  step: number;
  playing: boolean;
  speed: number;
  /** The hop whose headers show. */
  inspected: number | null;
  packets: PathPacket[];
  onStep: (n: number) => void;
  onPlay: (playing: boolean) => void;
  onSpeed: (speed: number) => void;
  onInspect: (n: number) => void;
  onPacket: (id: number) => void;
  onDownload: () => void;
  vxlanPorts: number[];
}

/** One line saying what happens at a hop, in the page's language. */
export function useHopText() {
  const t = useTranslations("topology.path");
  return (h: PathHop): string => {
    const o = h.outer;
    const vni = o?.vni ?? "?";
    const text = (() => {
      switch (h.action) {
        case "send":
          return t("action.send", { host: h.host, ip: h.src });
        case "dns":
          return t("action.dns", { host: h.host, detail: h.detail ?? "" });
        case "ipvs":
          return t("action.ipvs", { host: h.host, detail: h.detail ?? "" });
        case "switch":
          return t("action.switch", { host: h.host });
        case "encap":
          return o?.protocol === "esp"
            ? t("action.encapEsp", { host: h.host, src: o.src, dst: o.dst, vni })
            : t("action.encap", { host: h.host, src: o?.src ?? "", dst: o?.dst ?? "", port: o?.dport ?? 4789, vni });
        case "wire":
          return t("action.wire", { src: o?.src ?? "", dst: o?.dst ?? "" });
        case "decap":
          return o?.protocol === "esp" ? t("action.decapEsp", { host: h.host, vni }) : t("action.decap", { host: h.host, vni });
        case "deliver":
          return t("action.deliver", { host: h.host, ip: h.dst });
        case "drop":
          return h.rule
            ? t("action.drop", { host: h.host, chain: h.rule.chain, number: h.rule.number, spec: h.rule.spec })
            : t("action.dropOther", { host: h.host, detail: h.detail ?? "" });
      }
    })();
    return h.reply ? t("reply", { text }) : text;
  };
}

export function traceHops(trace: PathTrace | null): PathHop[] {
  return trace ? trace.packets.flatMap((p) => p.hops) : [];
}


function TraceSummary({ trace }: { trace: PathTrace }) {
  const t = useTranslations("topology.path");
  const first = trace.packets.find((p) => p.hops.some((h) => h.action !== "dns")) ?? trace.packets[0];
  const dropped = trace.packets.find((p) => p.dropped)?.dropped;
  const crossed = trace.packets.find((p) => p.crossHost);
  const how = dropped
    ? t("dropped", { host: dropped.host })
    : crossed
      ? crossed.encrypted
        ? t("crossHostEsp", { vni: crossed.vni ?? "?" })
        : t("crossHost", { vni: crossed.vni ?? "?" })
      : first.hops.every((h) => h.action === "dns")
        ? t("dnsOnly")
        : t("sameHost");
  return (
    <p className={styles.traceSummary} data-testid="path-summary">
      <strong>{t("trace", { protocol: first.protocol.toUpperCase(), src: first.src, dst: first.dst })}</strong> — {how}
    </p>
  );
}

function Breakdown({ hop, n, vxlanPorts }: { hop: PathHop; n: number; vxlanPorts: number[] }) {
  const t = useTranslations("topology.path");
  if (!hop.frame) return <p className={styles.muted}>{t("noFrame")}</p>;
  const frame = hop.frame;
  const layers = decodeFrame(frame, { vxlanPorts });
  return (
    <section className={styles.breakdown} aria-labelledby="path-headers" data-testid="path-headers">
      <h4 id="path-headers">{t("headers", { n })}</h4>
      {layers.map((l) => (
        <table key={`${l.level}-${l.name}-${l.offset}`} className={l.level === "outer" ? styles.layerOuter : styles.layerInner} data-testid={`layer-${l.level}-${l.name}`}>
          <caption>
            {l.name} <span className={styles.muted}>({t(l.level)}, {t("size", { bytes: l.length })})</span>
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("field")}</th>
              <th scope="col">{t("value")}</th>
              <th scope="col">{t("bytes")}</th>
            </tr>
          </thead>
          <tbody>
            {l.fields.map((f) => {
              // Protocol names stay as they are; field names and words in values are the page's language,
              // with Wireshark's name on hover where it differs.
              const label = t(`fields.${f.key}`);
              return (
                <tr key={`${f.name}-${f.offset}`}>
                  <th scope="row" title={label === f.name ? undefined : f.name}>
                    {label}
                  </th>
                  <td>{f.words ? t(`values.${f.words.key}`, f.words.values) : f.value}</td>
                  <td className={styles.hex}>{hexOf(frame, f)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ))}
    </section>
  );
}

function HopItem({ hop, i, text, step, inspected, onInspect }: { hop: PathHop; i: number; text: string } & Props) {
  return (
    <li data-current={i === step} data-action={hop.action}>
      <button type="button" onClick={() => onInspect(i)} aria-pressed={inspected === i} data-testid={`path-hop-${i}`}>
        {text}
      </button>
    </li>
  );
}

export function PacketPath(p: Props) {
  const t = useTranslations("topology.path");
  const hopText = useHopText();
  const hops = traceHops(p.trace);
  const current = hops[p.step];
  const packetIndex = p.trace ? packetOfHop(p.trace, p.step) : 0;
  const inspected = p.inspected !== null ? hops[p.inspected] : undefined;
  return (
    <section className={styles.path} aria-labelledby="path-title" data-testid="packet-path">
      <h3 id="path-title">{t("title")}</h3>
      {!p.trace ? (
        <p className={styles.muted}>{t("none")}</p>
      ) : (
        <>
          <TraceSummary trace={p.trace} />
          <div className={styles.controls} role="group" aria-label={t("title")}>
            <button type="button" onClick={() => p.onStep(Math.max(0, p.step - 1))} disabled={p.step === 0} aria-label={t("prev")} data-testid="path-prev">
              ◀
            </button>
            <button type="button" onClick={() => p.onPlay(!p.playing)} data-testid="path-play">
              {p.playing ? `⏸ ${t("pause")}` : `▶ ${t("play")}`}
            </button>
            <button type="button" onClick={() => p.onStep(Math.min(hops.length - 1, p.step + 1))} disabled={p.step >= hops.length - 1} aria-label={t("next")} data-testid="path-next">
              ▶
            </button>
            <label>
              {t("speed")}{" "}
              <select value={p.speed} onChange={(e) => p.onSpeed(Number(e.target.value))} data-testid="path-speed">
                {SPEEDS.map((s) => (
                  <option key={s} value={s}>
                    {s}×
                  </option>
                ))}
              </select>
            </label>
            <span className={styles.muted}>{t("step", { n: p.step + 1, total: hops.length })}</span>
          </div>
          {p.trace.packets.length > 1 && current && (
            <p className={styles.muted} data-testid="path-packet">
              {t("packet", { n: packetIndex + 1, total: p.trace.packets.length, info: p.trace.packets[packetIndex].info })}
            </p>
          )}
          <p className={current?.action === "drop" ? styles.captionDrop : styles.caption} aria-live="polite" data-testid="path-caption">
            {current ? hopText(current) : ""}
          </p>
          <details className={styles.hops} open>
            <summary>{t("hops")}</summary>
            {/* A trace of several packets (a TCP exchange: SYN, the request, the answer, FIN) lists its hops under each packet. */}
            <ol className={p.trace.packets.length > 1 ? styles.packetGroups : undefined}>
              {p.trace.packets.length > 1
                ? p.trace.packets.map((pk, pi) => {
                    const first = p.trace!.packets.slice(0, pi).reduce((n, q) => n + q.hops.length, 0);
                    return (
                      <li key={pk.id} data-testid={`path-packet-${pi}`}>
                        <span className={styles.packetLabel}>{t("packet", { n: pi + 1, total: p.trace!.packets.length, info: pk.info })}</span>
                        <ol start={first + 1}>
                          {pk.hops.map((h, hi) => (
                            <HopItem key={hi} hop={h} i={first + hi} text={hopText(h)} {...p} />
                          ))}
                        </ol>
                      </li>
                    );
                  })
                : hops.map((h, i) => <HopItem key={i} hop={h} i={i} text={hopText(h)} {...p} />)}
            </ol>
          </details>
          {inspected ? <Breakdown hop={inspected} n={(p.inspected ?? 0) + 1} vxlanPorts={p.vxlanPorts} /> : <p className={styles.muted}>{t("headersHint")}</p>}
        </>
      )}

      {p.packets.length > 0 && (
        <section aria-labelledby="path-packets" className={styles.packetList}>
          <h4 id="path-packets">{t("packets")}</h4>
          <div className={styles.tableWrap}>
            <table data-testid="packet-list">
              <thead>
                <tr>
                  <th scope="col">{t("no")}</th>
                  <th scope="col">{t("time")}</th>
                  <th scope="col">{t("source")}</th>
                  <th scope="col">{t("destination")}</th>
                  <th scope="col">{t("protocol")}</th>
                  <th scope="col">{t("info")}</th>
                </tr>
              </thead>
              <tbody>
                {[...p.packets].reverse().map((pk) => (
                  <tr key={pk.id} data-dropped={pk.dropped !== null}>
                    <td>
                      <button type="button" onClick={() => p.onPacket(pk.id)} aria-label={t("show", { id: pk.id })}>
                        {pk.id}
                      </button>
                    </td>
                    <td>{new Date(pk.at).toISOString().slice(11, 23)}</td>
                    <td className={styles.hex}>{pk.src}</td>
                    <td className={styles.hex}>{pk.dst}</td>
                    <td>{pk.crossHost ? (pk.encrypted ? "ESP" : `VXLAN/${pk.protocol.toUpperCase()}`) : pk.hops[0]?.action === "dns" ? "DNS" : pk.protocol.toUpperCase()}</td>
                    <td>{pk.dropped ? `⛔ ${pk.info}` : pk.info}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button type="button" onClick={p.onDownload} data-testid="packets-pcap">
            ⬇ {t("download")}
          </button>
        </section>
      )}
    </section>
  );
}
