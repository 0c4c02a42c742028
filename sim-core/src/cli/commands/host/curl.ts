/**
 * curl against the simulator's web servers (see http-get.ts for what answers): the body on stdout,
 * curl's own errors and exit codes otherwise.
 */
import type { CommandIO, CommandSpec, RunContext } from "../../types";
import { httpGet, parseUrl } from "./http-get";

const TIMEOUT_MS = 10_000;
const CURL_AGENT = "curl/8.14.1";

async function fail(ctx: RunContext, io: CommandIO, reason: "refused" | "timeout", host: string, port: number): Promise<number> {
  if (reason === "timeout") {
    await ctx.sleep(TIMEOUT_MS, io.signal);
    io.err(`curl: (28) Failed to connect to ${host} port ${port} after ${TIMEOUT_MS} ms: Timeout was reached\n`);
    return 28;
  }
  io.err(`curl: (7) Failed to connect to ${host} port ${port} after 0 ms: Couldn't connect to server\n`);
  return 7;
}

export const curlTool: CommandSpec = {
  path: ["curl"],
  use: "curl [options] <url>",
  short: "transfer a URL (HTTP against the simulated web servers)",
  where: "both",
  args: { kind: "exact", n: 1 },
  flags: [{ name: "silent", short: "s", type: "bool", usage: "Silent mode" }],
  async run(ctx, io) {
    if (ctx.args.length === 0) {
      // curl 8's words (tool_operate.c): bare `curl` only points to the help; options without a URL say so first.
      if (ctx.flags.get<boolean>("silent")) io.err("curl: (2) no URL specified\n");
      io.err("curl: try 'curl --help' or 'curl --manual' for more information\n");
      return 2;
    }
    const url = parseUrl(ctx.args[0]);
    if (!url) {
      io.err(`curl: (3) URL rejected: Bad hostname\n`);
      return 3;
    }
    const r = httpGet(ctx, { ...url, userAgent: CURL_AGENT });
    if (r.kind === "unresolved") {
      io.err(`curl: (6) Could not resolve host: ${url.name}\n`);
      return 6;
    }
    if (r.kind !== "answered") return fail(ctx, io, r.kind, url.name, url.port);
    io.out(r.body);
    return 0;
  },
};
