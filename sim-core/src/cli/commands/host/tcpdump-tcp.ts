/**
 * tcpdump's line for a TCP segment (print-tcp.c, without -S): sequence numbers are relative to the
 * conversation once tcpdump has seen a segment with ACK — a SYN prints absolute numbers, the SYN-ACK
 * too, and everything after it counts from 1 — and port 80 payloads get the HTTP first line.
 */
import { OVERLAY_MSS, WINDOW_SCALE, type TcpSegment } from "../../../net/tcp";

/** The two ends of a conversation, in one order whichever way a segment goes. */
const conversation = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

export class TcpLines {
  /** Per conversation: the initial sequence number of each end (tcpdump's tcp_seq_hash). */
  private readonly isn = new Map<string, Map<string, number>>();

  line(src: string, dst: string, seg: TcpSegment): string {
    const from = `${src}.${seg.sport}`;
    const to = `${dst}.${seg.dport}`;
    const key = conversation(from, to);
    let seq = seg.seq;
    let ack = seg.ack;
    const acks = seg.flags.includes(".");
    if (acks) {
      const known = this.isn.get(key);
      if (!known || seg.flags.includes("S")) {
        this.isn.set(key, new Map([[from, seg.seq], [to, (seg.ack - 1) >>> 0]]));
      } else {
        seq = (seg.seq - known.get(from)!) >>> 0;
        ack = (seg.ack - known.get(to)!) >>> 0;
      }
    }
    const len = seg.payload.length;
    const parts = [`Flags [${seg.flags}]`];
    if (len > 0 || /[SFR]/.test(seg.flags)) parts.push(len > 0 ? `seq ${seq}:${(seq + len) >>> 0}` : `seq ${seq}`);
    if (acks) parts.push(`ack ${ack}`);
    parts.push(`win ${seg.win}`);
    if (seg.ts) {
      const ts = `TS val ${seg.ts.val} ecr ${seg.ts.ecr}`;
      parts.push(`options [${seg.flags.startsWith("S") ? `mss ${OVERLAY_MSS},sackOK,${ts},nop,wscale ${WINDOW_SCALE}` : `nop,nop,${ts}`}]`);
    }
    parts.push(`length ${len}`);
    const http = len > 0 && (seg.sport === 80 || seg.dport === 80) ? `: HTTP: ${seg.payload.split("\r\n")[0]}` : "";
    return `IP ${from} > ${to}: ${parts.join(", ")}${http}`;
  }
}
