/** curl's HTTP exchange inside VXLAN: tcpdump's lines for the inner TCP, and pcaps whose inner HTTP tshark decodes. */
import { describe, expect, it } from "vitest";
import { overlayLab, tsharkFields } from "../capture-helpers";

/** Replaces the seeded values (ports, initial sequence numbers, timestamps) of a capture by names. */
function named(text: string, values: Record<string, string>): string {
  let out = text;
  for (const [name, value] of Object.entries(values).sort((a, b) => b[1].length - a[1].length)) out = out.replaceAll(value, `<${name}>`);
  return out;
}

describe("TCP inside VXLAN", () => {
  it("tcpdump prints the handshake, the GET, the answer and the close, with relative sequence numbers", async () => {
    const sb = await overlayLab("tcp");
    const dump = sb.exec("node-2", "tcpdump -n -c 10 udp port 4789");
    const curl = await sb.exec("node-1", "docker exec debug curl -s http://web");
    const out = (await dump).stdout;
    const syn = /IP 10\.0\.1\.5\.(\d+) > 10\.0\.1\.3\.80: Flags \[S\], seq (\d+), win 64860, options \[mss 1410,sackOK,TS val (\d+) ecr 0/.exec(out)!;
    const synAck = /Flags \[S\.\], seq (\d+), ack \d+, win 64308, options \[mss 1410,sackOK,TS val (\d+)/.exec(out)!;
    const vx = /192\.168\.1\.10\.(\d+) > 192\.168\.1\.20\.4789.*\n.*\n.*192\.168\.1\.20\.(\d+) > 192\.168\.1\.10\.4789/.exec(out)!;
    const [port, isn, ts, isnS, tsS] = [syn[1], syn[2], syn[3], synAck[1], synAck[2]];
    expect(curl.stdout).toBe(`Hostname: ${curl.stdout.split("\n")[0].slice(10)}\nIP: 10.0.1.3\nRemoteAddr: 10.0.1.5:${port}\n`);
    const values = { port, isn, isnPlus1: String(Number(isn) + 1), ts, isnS, tsS, out: vx[1], back: vx[2] };
    const there = "09:00:00.000000 IP 192.168.1.10.<out> > 192.168.1.20.4789: VXLAN, flags [I] (0x08), vni 4097\nIP 10.0.1.5.<port> > 10.0.1.3.80: Flags";
    const back = "09:00:00.000000 IP 192.168.1.20.<back> > 192.168.1.10.4789: VXLAN, flags [I] (0x08), vni 4097\nIP 10.0.1.3.80 > 10.0.1.5.<port>: Flags";
    const c = "options [nop,nop,TS val <ts> ecr <tsS>]";
    const s = "options [nop,nop,TS val <tsS> ecr <ts>]";
    expect(named(out, values)).toBe(
      [
        `${there} [S], seq <isn>, win 64860, options [mss 1410,sackOK,TS val <ts> ecr 0,nop,wscale 7], length 0`,
        `${back} [S.], seq <isnS>, ack <isnPlus1>, win 64308, options [mss 1410,sackOK,TS val <tsS> ecr <ts>,nop,wscale 7], length 0`,
        `${there} [.], ack 1, win 507, ${c}, length 0`,
        `${there} [P.], seq 1:68, ack 1, win 507, ${c}, length 67: HTTP: GET / HTTP/1.1`,
        `${back} [.], ack 68, win 503, ${s}, length 0`,
        `${back} [P.], seq 1:181, ack 68, win 503, ${s}, length 180: HTTP: HTTP/1.1 200 OK`,
        `${there} [.], ack 181, win 507, ${c}, length 0`,
        `${there} [F.], seq 68, ack 181, win 507, ${c}, length 0`,
        `${back} [F.], seq 181, ack 69, win 503, ${s}, length 0`,
        `${there} [.], ack 182, win 507, ${c}, length 0`,
        "",
      ].join("\n"),
    );
  });

  it("a closed port answers the SYN with a reset; a blocked VXLAN port lets only the SYN through to the wire", async () => {
    const sb = await overlayLab("rst");
    const cap = sb.capture({ host: "node-2" });
    expect(await sb.exec("node-1", "docker exec debug curl http://web:8080")).toEqual({
      stdout: "",
      stderr: "curl: (7) Failed to connect to web port 8080 after 0 ms: Couldn't connect to server\n",
      exitCode: 7,
    });
    expect(cap.count).toBe(2);
    await sb.exec("node-2", "iptables -A INPUT -p udp --dport 4789 -j DROP");
    expect((await sb.exec("node-1", "docker exec debug curl -s http://web")).exitCode).toBe(28);
    const rows = tsharkFields(cap.stop(), ["tcp.dstport", "tcp.flags.str"]);
    if (rows) expect(rows.map((r) => r.join(" "))).toEqual(["8080 ··········S·", `${rows[1][0]} ·······A·R··`, "80 ··········S·"]);
  });

  it("writes pcaps in which tshark finds the inner HTTP request and response, with valid TCP checksums", async () => {
    const sb = await overlayLab("tshark");
    const dump = sb.exec("node-1", "tcpdump -n -c 10 -w /tmp/http.pcap udp port 4789");
    await sb.exec("node-1", "docker exec debug curl -s http://web/hello");
    await dump;
    const rows = tsharkFields(sb.readFile("node-1", "/tmp/http.pcap")!, ["vxlan.vni", "tcp.flags.str", "tcp.checksum.status", "http.request.method", "http.request.uri", "http.response.code", "http.host"], ["-o", "tcp.check_checksum:TRUE"]);
    if (!rows) return;
    expect(rows.map((r) => r.join("|"))).toEqual([
      "4097|··········S·|1||||",
      "4097|·······A··S·|1||||",
      "4097|·······A····|1||||",
      "4097|·······AP···|1|GET|/hello||web",
      "4097|·······A····|1||||",
      "4097|·······AP···|1|||200|",
      "4097|·······A····|1||||",
      "4097|·······A···F|1||||",
      "4097|·······A···F|1||||",
      "4097|·······A····|1||||",
    ]);
  });
});

describe("TCP through the routing mesh", () => {
  it("crosses ingress in VXLAN 4096 from the receiving node's ingress-sbox to the task's target port", async () => {
    const sb = await overlayLab("mesh-tcp");
    await sb.exec("node-1", "docker service create -d --name pub --publish 8080:80 --constraint node.hostname==node-2 nginx");
    const cap = sb.capture({ host: "node-2", filter: "udp port 4789" });
    const r = await sb.exec("node-3", "curl -s http://localhost:8080");
    expect(r.exitCode).toBe(0);
    const sbox = /RemoteAddr: (10\.0\.0\.\d+):(\d+)/.exec(r.stdout)!;
    const rows = tsharkFields(cap.stop(), ["vxlan.vni", "ip.src", "tcp.srcport", "tcp.dstport", "http.request.method", "http.host"]);
    expect(cap.count).toBe(10);
    if (!rows) return;
    expect(rows[0].join("|")).toBe(`4096|192.168.1.30,${sbox[1]}|${sbox[2]}|80||`);
    expect(rows[3].join("|")).toBe(`4096|192.168.1.30,${sbox[1]}|${sbox[2]}|80|GET|localhost:8080`);
  });
});
