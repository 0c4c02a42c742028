/**
 * busybox's own words for an option an applet lacks (libbb/getopt32.c → the C library's getopt, then
 * libbb/appletlib.c bb_show_usage): alpine's busybox is built on musl (getopt.c "unrecognized option: ",
 * "option requires an argument: "), the busybox image's default variant on glibc (posix/getopt.c
 * "invalid option -- '%c'", "unrecognized option '--%s'"). Usage texts from networking/ping.c and
 * networking/wget.c; banners as `docker run --rm alpine ls --help` and busybox:1.37.0 print them.
 */
import { describe, expect, it } from "vitest";
import { createLab } from "../../src/index";

const PING_USAGE =
  "Usage: ping [OPTIONS] HOST\n\nSend ICMP ECHO_REQUESTs to HOST\n\n\t-4,-6\t\tForce IP or IPv6 name resolution\n\t-c CNT\t\tSend only CNT pings\n" +
  "\t-s SIZE\t\tSend SIZE data bytes in packets (default 56)\n\t-i SECS\t\tInterval\n\t-A\t\tPing as soon as reply is received\n\t-t TTL\t\tSet TTL\n" +
  "\t-I IFACE/IP\tSource interface or IP address\n\t-W SEC\t\tSeconds to wait for the first response (default 10)\n\t\t\t(after all -c CNT packets are sent)\n" +
  "\t-w SEC\t\tSeconds until ping exits (default:infinite)\n\t\t\t(can exit earlier with -c CNT)\n\t-q\t\tQuiet, only display output at start/finish\n\t-p HEXBYTE\tPayload pattern\n";
const ALPINE = "BusyBox v1.37.0 (2026-01-10 15:38:28 UTC) multi-call binary.\n\n";
const BUSYBOX = "BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\n";

async function lab() {
  const l = createLab({ nodes: 1, seed: "bb" });
  await l.exec("node-1", "docker run -dit --name al alpine");
  await l.exec("node-1", "docker run -dit --name bb busybox");
  return (line: string) => l.exec("node-1", line);
}

describe("busybox applets and options they lack", () => {
  it("ping: musl's and glibc's getopt wording, then busybox's usage, exit 1", async () => {
    const run = await lab();
    expect(await run("docker exec al ping -x localhost")).toEqual({ stdout: "", stderr: `ping: unrecognized option: x\n${ALPINE}${PING_USAGE}`, exitCode: 1 });
    expect(await run("docker exec bb ping -x localhost")).toEqual({ stdout: "", stderr: `ping: invalid option -- 'x'\n${BUSYBOX}${PING_USAGE}`, exitCode: 1 });
    expect((await run("docker exec al ping -c")).stderr.split("\n")[0]).toBe("ping: option requires an argument: c");
    expect((await run("docker exec bb ping -c")).stderr.split("\n")[0]).toBe("ping: option requires an argument -- 'c'");
    // glibc reads options after the host too; `--foo` is no long option of ping's: getopt sees '-'.
    expect((await run("docker exec bb ping localhost -z")).stderr.split("\n")[0]).toBe("ping: invalid option -- 'z'");
    expect((await run("docker exec al ping --foo localhost")).stderr.split("\n")[0]).toBe("ping: unrecognized option: -");
    expect(await run("docker exec al ping --help")).toEqual({ stdout: "", stderr: `${ALPINE}${PING_USAGE}`, exitCode: 0 });
    expect((await run("docker exec al ping -c 1 localhost")).exitCode).toBe(0);
  });

  it("ping wants exactly one HOST and wget at least one URL: otherwise the usage alone, exit 1", async () => {
    const run = await lab();
    expect(await run("docker exec al ping")).toEqual({ stdout: "", stderr: `${ALPINE}${PING_USAGE}`, exitCode: 1 });
    expect(await run("docker exec al ping -c 4")).toEqual({ stdout: "", stderr: `${ALPINE}${PING_USAGE}`, exitCode: 1 });
    expect(await run("docker exec bb ping -c 1 localhost other")).toEqual({ stdout: "", stderr: `${BUSYBOX}${PING_USAGE}`, exitCode: 1 });
    // musl stops at the first operand: "-c 1" after the host are two more operands.
    expect((await run("docker exec al ping localhost -c 1")).stderr).toBe(`${ALPINE}${PING_USAGE}`);
    for (const line of ["docker exec al wget", "docker exec al wget -q -O -", "docker exec al wget --header 'A: b'"]) {
      const r = await run(line);
      expect(r.stderr, line).toMatch(/^BusyBox v1\.37\.0 \(2026-01-10 15:38:28 UTC\) multi-call binary\.\n\nUsage: wget /);
      expect(r.exitCode, line).toBe(1);
    }
  });

  it("curl without a URL points to its help, exit 2 (curl 8's tool_operate.c)", async () => {
    const l = createLab({ nodes: 1, seed: "bb" });
    const tryHelp = "curl: try 'curl --help' or 'curl --manual' for more information\n";
    expect(await l.exec("node-1", "curl")).toEqual({ stdout: "", stderr: tryHelp, exitCode: 2 });
    expect(await l.exec("node-1", "curl -s")).toEqual({ stdout: "", stderr: `curl: (2) no URL specified\n${tryHelp}`, exitCode: 2 });
    expect(await l.exec("node-1", "docker run --rm nginx curl")).toEqual({ stdout: "", stderr: tryHelp, exitCode: 2 });
  });

  it("wget: long options as getopt_long words them, and the usage of the build", async () => {
    const run = await lab();
    const a = await run("docker exec al wget --bogus http://localhost");
    expect(a.exitCode).toBe(1);
    expect(a.stderr.startsWith(`wget: unrecognized option: bogus\n${ALPINE}Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...\n\nRetrieve files via HTTP or FTP\n`)).toBe(true);
    expect(a.stderr.endsWith("\t-U STR\t\tUse STR for User-Agent header\n\t-Y on/off\tUse proxy\n")).toBe(true);
    const b = await run("docker exec bb wget --bogus=1 http://localhost");
    expect(b.stderr.startsWith(`wget: unrecognized option '--bogus=1'\n${BUSYBOX}Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n`)).toBe(true);
    expect((await run("docker exec al wget -k http://localhost")).stderr.split("\n")[0]).toBe("wget: unrecognized option: k");
    expect((await run("docker exec al wget --quiet -O - http://localhost")).stderr).not.toContain("multi-call binary");
  });
});
