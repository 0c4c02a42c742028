/**
 * busybox wget (networking/wget.c, libbb/progress.c), as alpine, busybox and netshoot have it: the same
 * GET as curl (http-get.ts) with wget's words on stderr — `Connecting to`, `writing to stdout` or
 * `saving to`, the progress line busybox prints when the transfer ends (the bar 80 − 48 columns wide),
 * `written to stdout` or `'file' saved` — and its errors. `-q` keeps only the body. A connect that gets no
 * answer gives up when the kernel does (SYN retries, 127 s) unless `-T` is shorter: then `download timed out`.
 */
import type { CommandSpec } from "../../types";
import { busyboxPreflight, WGET_APPLET } from "./busybox";
import { httpGet, parseUrl } from "./http-get";

const WGET_AGENT = "Wget";
/** Linux gives up a connect after the SYN and its 6 retries: 1 + 2 + … + 32 s, then 64 s more. */
const CONNECT_TIMEOUT_MS = 127_000;
const BAR = 80 - 48;

/** bb_progress_update's final line on a non-terminal: name, percentage, bar, size, ETA. */
function progressLine(file: string, bytes: number): string {
  const name = file.slice(0, 20).padEnd(20);
  return `${name} 100% |${"*".repeat(BAR)}| ${String(bytes).padStart(5)}  0:00:00 ETA\n`;
}

export const wgetTool: CommandSpec = {
  path: ["wget"],
  use: "wget [-q] [-O FILE] [-T SEC] [-U STR] URL",
  short: "Retrieve files via HTTP (busybox)",
  where: "container",
  args: { kind: "min", n: 1 },
  preflight: busyboxPreflight("wget", WGET_APPLET),
  flags: [
    { name: "quiet", short: "q", type: "bool", usage: "Quiet" },
    { name: "server-response", short: "S", type: "bool", usage: "Show server response" },
    { name: "output-document", short: "O", type: "string", usage: "Save to FILE ('-' for stdout)" },
    { name: "timeout", short: "T", type: "int", usage: "Network read timeout is SEC seconds" },
    { name: "user-agent", short: "U", type: "string", usage: "Use STR for User-Agent header" },
  ],
  async run(ctx, io) {
    const quiet = ctx.flags.get<boolean>("quiet") ?? false;
    const say = (text: string) => (quiet ? undefined : io.err(text));
    const output = ctx.flags.get<string>("output-document");
    for (const arg of ctx.args) {
      const url = parseUrl(arg);
      if (!url) {
        io.err(`wget: not an http or ftp url: ${arg}\n`);
        return 1;
      }
      const r = httpGet(ctx, { ...url, userAgent: ctx.flags.get<string>("user-agent") || WGET_AGENT });
      if (r.kind === "unresolved") {
        io.err(`wget: bad address '${url.name}'\n`);
        return 1;
      }
      say(`Connecting to ${url.name} (${r.ip}:${url.port})\n`);
      if (r.kind === "refused") {
        io.err(`wget: can't connect to remote host (${r.ip}): Connection refused\n`);
        return 1;
      }
      if (r.kind === "timeout") {
        const limit = (ctx.flags.get<number>("timeout") ?? 0) * 1000;
        const cut = limit > 0 && limit < CONNECT_TIMEOUT_MS;
        await ctx.sleep(cut ? limit : CONNECT_TIMEOUT_MS, io.signal);
        io.err(cut ? "wget: download timed out\n" : `wget: can't connect to remote host (${r.ip}): Operation timed out\n`);
        return 1;
      }
      // -S: each line of the status and headers as read (up to the CR), two spaces in, -q or not (fgets_trim_sanitize).
      if (ctx.flags.get<boolean>("server-response")) io.err(r.head.split("\r\n").slice(0, -1).map((l) => `  ${l}\n`).join(""));
      // The file name: -O's, else the URL's last path component, else index.html.
      const file = output || url.path.split("/").pop() || "index.html";
      const toStdout = file === "-";
      say(toStdout ? "writing to stdout\n" : `saving to '${file}'\n`);
      if (toStdout) io.out(r.body);
      say(progressLine(file.split("/").pop()!, r.body.length));
      say(toStdout ? "written to stdout\n" : `'${file}' saved\n`);
    }
    return 0;
  },
};
