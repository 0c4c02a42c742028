/**
 * The harmless pipes and redirections the shell supports (`| head -n N`, `| grep WORD`, `2>&1`,
 * `> /dev/null`): a line-by-line filter chain around a command's output, and where fd 1 and fd 2 go.
 */
import { linkSignals } from "./control";
import type { Filter, Redirect, SimpleCommand } from "./tokenize";
import type { CommandIO } from "./types";

/** A line-by-line filter chain; `head` stops the command once it has its lines (as SIGPIPE would). */
function filterChain(filters: readonly Filter[], emit: (line: string) => void, stop: () => void) {
  const counts = filters.map(() => 0);
  return (line: string) => {
    const bare = line.endsWith("\n") ? line.slice(0, -1) : line;
    for (let k = 0; k < filters.length; k++) {
      const f = filters[k];
      if (f.kind === "grep") {
        const hit = f.ignoreCase ? bare.toLowerCase().includes(f.pattern.toLowerCase()) : bare.includes(f.pattern);
        if (hit === f.invert) return;
      } else {
        if (counts[k] >= f.n) return;
        counts[k]++;
        if (counts[k] === f.n && filters.slice(0, k).every((g) => g.kind !== "head")) stop();
      }
    }
    emit(line);
  };
}

/** Applies a command's redirections and filters around its run. */
export async function plumb(cmd: SimpleCommand, io: CommandIO, run: (io: CommandIO) => Promise<number>): Promise<number> {
  if (!cmd.filters && !cmd.redirects) return run(io);
  // Where fd 1 and fd 2 go: "pipe" (through the filters, or stdout without any), "err" (the terminal's stderr), or nowhere.
  type Target = "pipe" | "err" | "null";
  const fds: Record<1 | 2, Target> = { 1: "pipe", 2: "err" };
  for (const r of cmd.redirects ?? ([] as Redirect[])) {
    const to: Target = r.to === "null" ? "null" : fds[r.to];
    if (r.fd === "both") fds[1] = fds[2] = to;
    else fds[r.fd] = to;
  }
  const controller = linkSignals(io.signal);
  let partial = "";
  let emitted = 0;
  const out = (l: string) => {
    emitted++;
    io.out(l);
  };
  const feed = cmd.filters ? filterChain(cmd.filters, out, () => controller.abort("SIGPIPE")) : out;
  let closed = false;
  const toPipe = (t: string) => {
    if (closed) return;
    partial += t;
    let nl: number;
    while ((nl = partial.indexOf("\n")) >= 0 && !closed) {
      feed(partial.slice(0, nl + 1));
      partial = partial.slice(nl + 1);
      if (controller.signal.aborted && controller.signal.reason === "SIGPIPE") closed = true;
    }
  };
  const write = (target: Target) => (t: string) => (target === "pipe" ? toPipe(t) : target === "err" ? io.err(t) : undefined);
  const code = await run({ ...io, out: write(fds[1]), err: write(fds[2]), signal: controller.signal });
  if (partial !== "" && !closed) feed(partial);
  // The exit status of a pipeline is that of its last command; grep exits 1 when nothing matched.
  if (!cmd.filters) return code;
  return cmd.filters[cmd.filters.length - 1].kind === "grep" && emitted === 0 ? 1 : 0;
}
