/**
 * What busybox itself prints before an applet runs (libbb/getopt32.c, libbb/appletlib.c): an option the
 * applet lacks makes the C library's getopt complain, then `bb_show_usage()` writes the banner and the
 * applet's usage to stderr and the applet exits 1; `APPLET --help` writes the same usage and exits 0.
 * The getopt wording is the C library's: alpine's busybox is built on musl (`ping: unrecognized option: x`),
 * the `busybox` image's default variant on glibc (`ping: invalid option -- 'x'`). Banners as those images
 * print them: alpine's `BusyBox v1.37.0 (2026-01-10 15:38:28 UTC)`, busybox:1.37.0's
 * `BusyBox v1.37.0 (2024-09-26 21:31:42 UTC)`.
 */
import { imageProfile } from "../../../engine/images";
import type { CommandSpec, RunContext } from "../../types";
import { containerOf } from "./container-context";

export interface BusyboxBuild {
  libc: "musl" | "glibc";
  banner: string;
  /** FEATURE_WGET_OPENSSL: alpine's build has it, the busybox image's (defconfig) does not. */
  openssl: boolean;
}

const ALPINE: BusyboxBuild = { libc: "musl", banner: "BusyBox v1.37.0 (2026-01-10 15:38:28 UTC)", openssl: true };
const BUSYBOX_IMAGE: BusyboxBuild = { libc: "glibc", banner: "BusyBox v1.37.0 (2024-09-26 21:31:42 UTC)", openssl: false };

export function busyboxBuild(image: string): BusyboxBuild {
  return imageProfile(image).family === "busybox" ? BUSYBOX_IMAGE : ALPINE;
}

export interface Applet {
  /** getopt32's option string without its `^…` tail: a letter, `:` after it when it takes an argument. */
  optstring: string;
  /** Long options (getopt32long): name → whether it takes an argument. */
  longopts?: Record<string, boolean>;
  /** The usage after `Usage: NAME ` (trivial usage, then the full usage), for this build. */
  usage(build: BusyboxBuild): string;
  /** How many operands getopt32's complementary string asks for (`=1`: exactly one; `-1`: at least one). */
  operands?: { min: number; max?: number };
}

function parseOptstring(optstring: string): Map<string, "none" | "required" | "optional"> {
  const opts = new Map<string, "none" | "required" | "optional">();
  const s = optstring.replace(/\+/g, "");
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (s[i + 1] === ":" && s[i + 2] === ":") {
      opts.set(c, "optional");
      i += 2;
    } else if (s[i + 1] === ":") {
      opts.set(c, "required");
      i++;
    } else opts.set(c, "none");
  }
  return opts;
}

/**
 * One getopt pass over the arguments, as the C library makes it: the complaint about the first option the applet
 * lacks, or, when every option is one it has, the number of operands left (options and their arguments skipped).
 * glibc permutes and reads options after operands; musl stops at the first operand.
 */
export function getoptScan(
  name: string,
  args: readonly string[],
  applet: Applet,
  libc: BusyboxBuild["libc"],
): { complaint: string } | { operands: number } {
  const opts = parseOptstring(applet.optstring);
  const complain = (musl: string, glibc: string) => ({ complaint: `${name}: ${libc === "musl" ? musl : glibc}` });
  let operands = 0;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--") return { operands: operands + args.length - i - 1 };
    if (!arg.startsWith("-") || arg === "-") {
      if (libc === "musl") return { operands: operands + args.length - i };
      operands++;
      continue;
    }
    if (arg.startsWith("--") && applet.longopts) {
      const text = arg.slice(2);
      const key = text.split("=")[0];
      const names = Object.keys(applet.longopts);
      const long = names.find((l) => l === key) ?? names.find((l) => l.startsWith(key));
      if (long === undefined) return complain(`unrecognized option: ${text}`, `unrecognized option '--${text}'`);
      if (applet.longopts[long] && !text.includes("=")) i++;
      continue;
    }
    for (let j = 1; j < arg.length; j++) {
      const c = arg[j];
      const kind = opts.get(c);
      if (kind === undefined) return complain(`unrecognized option: ${c}`, `invalid option -- '${c}'`);
      if (kind === "none") continue;
      if (kind === "required" && j === arg.length - 1) {
        if (i + 1 >= args.length) return complain(`option requires an argument: ${c}`, `option requires an argument -- '${c}'`);
        i++;
      }
      break;
    }
  }
  return { operands };
}

/** `bb_show_usage()`: the banner, then `Usage: NAME …`. */
export function busyboxUsage(name: string, applet: Applet, build: BusyboxBuild): string {
  return `${build.banner} multi-call binary.\n\nUsage: ${name} ${applet.usage(build)}\n`;
}

/** The check busybox makes before the applet runs, as a tool's `preflight`. */
export function busyboxPreflight(name: string, applet: Applet): NonNullable<CommandSpec["preflight"]> {
  return (ctx: RunContext, args: readonly string[]) => {
    const here = containerOf(ctx);
    const build = busyboxBuild(here?.container.image ?? "alpine");
    if (args[0] === "--help") return { stderr: busyboxUsage(name, applet, build), code: 0 };
    const scan = getoptScan(name, args, applet, build.libc);
    if ("complaint" in scan) return { stderr: `${scan.complaint}\n${busyboxUsage(name, applet, build)}`, code: 1 };
    // Too few or too many operands: getopt32 shows the usage alone.
    const n = scan.operands;
    if (applet.operands && (n < applet.operands.min || n > (applet.operands.max ?? Infinity))) return { stderr: busyboxUsage(name, applet, build), code: 1 };
    return null;
  };
}

/** networking/ping.c (FEATURE_FANCY_PING, PING6). */
export const PING_APPLET: Applet = {
  optstring: "qvAc:+s:t:+w:+W:+I:np:i:46",
  // "=1": exactly one HOST.
  operands: { min: 1, max: 1 },
  usage: () =>
    "[OPTIONS] HOST\n\nSend ICMP ECHO_REQUESTs to HOST\n" +
    "\n\t-4,-6\t\tForce IP or IPv6 name resolution" +
    "\n\t-c CNT\t\tSend only CNT pings" +
    "\n\t-s SIZE\t\tSend SIZE data bytes in packets (default 56)" +
    "\n\t-i SECS\t\tInterval" +
    "\n\t-A\t\tPing as soon as reply is received" +
    "\n\t-t TTL\t\tSet TTL" +
    "\n\t-I IFACE/IP\tSource interface or IP address" +
    "\n\t-W SEC\t\tSeconds to wait for the first response (default 10)" +
    "\n\t\t\t(after all -c CNT packets are sent)" +
    "\n\t-w SEC\t\tSeconds until ping exits (default:infinite)" +
    "\n\t\t\t(can exit earlier with -c CNT)" +
    "\n\t-q\t\tQuiet, only display output at start/finish" +
    "\n\t-p HEXBYTE\tPayload pattern",
};

/** networking/wget.c (FEATURE_WGET_LONG_OPTIONS, FEATURE_WGET_TIMEOUT; FEATURE_WGET_OPENSSL where built). */
export const WGET_APPLET: Applet = {
  optstring: "cqSO:o:P:Y:U:T:+t:n::",
  // "-1": at least one URL.
  operands: { min: 1 },
  longopts: {
    continue: false, quiet: false, "server-response": false, "output-document": true, "output-file": true, "directory-prefix": true,
    proxy: true, "user-agent": true, timeout: true, tries: true, header: true, "post-data": true, spider: false, "no-check-certificate": false,
    "post-file": true, "passive-ftp": false, "no-cache": false, "no-verbose": false, "no-clobber": false, "no-host-directories": false, "no-parent": false,
  },
  usage: (b) =>
    "[-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n" +
    "\t[--post-data STR | --post-file FILE] [-Y on/off]\n" +
    `\t${b.openssl ? "[--no-check-certificate] " : ""}[-P DIR] [-U AGENT] [-T SEC] URL...\n\n` +
    "Retrieve files via HTTP or FTP\n" +
    "\n\t--spider\tOnly check URL existence: $? is 0 if exists" +
    "\n\t--header STR\tAdd STR (of form 'header: value') to headers" +
    "\n\t--post-data STR\tSend STR using POST method" +
    "\n\t--post-file FILE\tSend FILE using POST method" +
    (b.openssl ? "\n\t--no-check-certificate\tDon't validate the server's certificate" : "") +
    "\n\t-c\t\tContinue retrieval of aborted transfer" +
    "\n\t-q\t\tQuiet" +
    "\n\t-P DIR\t\tSave to DIR (default .)" +
    "\n\t-S    \t\tShow server response" +
    "\n\t-T SEC\t\tNetwork read timeout is SEC seconds" +
    "\n\t-O FILE\t\tSave to FILE ('-' for stdout)" +
    "\n\t-o LOGFILE\tLog messages to FILE" +
    "\n\t-U STR\t\tUse STR for User-Agent header" +
    "\n\t-Y on/off\tUse proxy",
};
