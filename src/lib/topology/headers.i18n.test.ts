import { createLab } from "sim-core";
import { strictTranslator } from "@/i18n/testing";
import { describe, expect, it } from "vitest";
import { decodeFrame, type Field } from "./headers";
import type { PathTrace } from "./path";
import { createRecorder } from "./recorder";

const translator = (locale: "en" | "uk") => strictTranslator(locale, "topology", "topology.path");
const en = translator("en");
const uk = translator("uk");

/** What the packet view shows of a field in a locale: its label and its value. */
const shown = (t: typeof en, f: Field) => ({ label: t(`fields.${f.key}` as never), value: f.words ? t(`values.${f.words.key}` as never, f.words.values as never) : f.value });

/** Every field of every frame a cross-host ping, an encrypted ping and an HTTP request put on the wire. */
async function fields(): Promise<Field[]> {
  const lab = createLab({ nodes: 2, seed: "headers" });
  const traces: PathTrace[] = [];
  const recorder = createRecorder((tr) => traces.push(tr));
  lab.events.subscribe((e) => e.type === "packet.hop" && recorder.hop(e.hop, e.at));
  const run = async (node: string, line: string) => {
    const r = await lab.exec(node, line);
    if (r.exitCode !== 0) throw new Error(`${line}: ${r.stderr}`);
  };
  await run("node-1", "docker swarm init --advertise-addr 192.168.1.10");
  const token = (await lab.exec("node-1", "docker swarm join-token -q worker")).stdout.trim();
  await run("node-2", `docker swarm join --token ${token} 192.168.1.10:2377`);
  await run("node-1", "docker network create -d overlay --attachable appnet");
  await run("node-1", "docker network create -d overlay --opt encrypted --attachable secure");
  await run("node-1", "docker service create -d --name web --replicas 1 --constraint node.hostname==node-2 --network appnet traefik/whoami");
  await run("node-1", "docker run -dit --name debug --network appnet --network secure alpine");
  await run("node-2", "docker run -dit --name far --network secure alpine");
  await run("node-1", "docker exec debug ping -c 1 web");
  await run("node-1", "docker exec debug ping -c 1 far");
  await run("node-1", "docker exec debug wget -qO- http://web");
  const frames = traces.flatMap((tr) => tr.packets.flatMap((p) => p.hops.flatMap((h) => (h.frame ? [h.frame] : []))));
  return frames.flatMap((f) => decodeFrame(f).flatMap((l) => l.fields));
}

describe("the packet view's header fields", async () => {
  const all = await fields();
  const layers = (name: string) => all.filter((f) => f.name === name);

  it("come from VXLAN, ESP and TCP frames alike", () => {
    const keys = new Set(all.map((f) => f.key));
    for (const key of ["versionIhl", "vni", "spi", "encryptedPayload", "headerLengthFlags", "payload", "data", "acknowledgmentNumber"]) expect(keys, key).toContain(key);
  });

  it("read in English exactly as Wireshark names and writes them (decodeFrame's own text)", () => {
    for (const f of all) expect(shown(en, f), f.name).toEqual({ label: f.name, value: f.value });
  });

  it("read in Ukrainian: labels translated except the protocol acronyms, sizes in bytes declined, no English words left", () => {
    const acronyms = new Set(["TTL", "DSCP/ECN", "VNI", "SPI"]);
    for (const f of all) {
      const { label, value } = shown(uk, f);
      if (acronyms.has(f.name)) expect(label).toBe(f.name);
      else expect(label, f.name).toMatch(/^[А-ЯІЇЄҐ][а-яіїєґ’ ,]+$/);
      // What stays Latin in a value: addresses, hex, protocol names and flags, ping, and the HTTP line a TCP payload starts with.
      const words = ((f.key === "payload" ? value.split(":")[0] : value).match(/\b[a-z]{3,}\b/g) ?? []).filter((w) => w !== "ping");
      expect(words, `${f.name}: ${value}`).toEqual([]);
    }
    expect(shown(uk, layers("Version, header length")[0]).value).toBe("4, 20 байтів");
    expect(shown(uk, { ...layers("Data")[0], words: { key: "bytes", values: { bytes: 1 } } }).value).toBe("1 байт");
    expect([1, 2, 5, 21, 1434].map((bytes) => uk("values.bytes", { bytes }))).toEqual(["1 байт", "2 байти", "5 байтів", "21 байт", "1\u00a0434 байти"]);
    expect([1, 2, 5, 21].map((bytes) => en("values.bytes", { bytes }))).toEqual(["1 byte", "2 bytes", "5 bytes", "21 bytes"]);
    expect(shown(uk, layers("Checksum").find((f) => f.value === "0x0000 (none)")!)).toEqual({ label: "Контрольна сума", value: "0x0000 (немає)" });
    expect(uk("size", { bytes: 14 })).toBe("14 Б");
    expect(en("size", { bytes: 14 })).toBe("14 B");
  });
});
