import { buildTree } from "../../src/cli/cobra";
import { Shell, type ShellOptions } from "../../src/cli/shell";
import { BUILTINS } from "../../src/cli/commands/builtin/index";
import type { CommandSpec, GroupSpec } from "../../src/cli/types";

/** A virtual clock: sleeps resolve in time order as the clock advances; the clock only moves when all are asleep. */
export function fakeClock() {
  let now = 0;
  const timers: { at: number; resolve: () => void; seq: number }[] = [];
  let seq = 0;
  let scheduled = false;
  const pump = () => {
    if (scheduled) return;
    scheduled = true;
    setTimeout(() => {
      scheduled = false;
      if (timers.length === 0) return;
      timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const t = timers.shift()!;
      now = Math.max(now, t.at);
      t.resolve();
      pump();
    }, 0);
  };
  return {
    now: () => now,
    sleep(ms: number, signal?: AbortSignal): Promise<void> {
      return new Promise((resolve) => {
        if (signal?.aborted) return resolve();
        const t = { at: now + ms, resolve, seq: seq++ };
        timers.push(t);
        signal?.addEventListener("abort", () => {
          const i = timers.indexOf(t);
          if (i >= 0) timers.splice(i, 1);
          resolve();
        });
        pump();
      });
    },
  };
}

export const GROUPS: GroupSpec[] = [
  { path: ["network"], short: "Manage networks" },
  { path: ["service"], short: "Manage Swarm services", swarm: true },
];

export const SPECS: CommandSpec[] = [
  {
    path: ["network", "create"],
    use: "create [OPTIONS] NETWORK",
    short: "Create a network",
    flags: [
      { name: "attachable", type: "bool", usage: "Enable manual container attachment" },
      { name: "driver", short: "d", type: "string", default: "bridge", usage: "Driver to manage the Network" },
      { name: "opt", short: "o", type: "map", usage: "Set driver specific options" },
      { name: "subnet", type: "stringSlice", usage: "Subnet in CIDR format that represents a network segment" },
      { name: "label", type: "list", usage: "Set metadata on a network" },
    ],
    args: { kind: "exact", n: 1 },
    async run(ctx, io) {
      io.out(`created ${ctx.args[0]} driver=${ctx.flags.get("driver")} attachable=${ctx.flags.get("attachable")} opt=${JSON.stringify(ctx.flags.get("opt"))}\n`);
      return 0;
    },
  },
  {
    path: ["network", "ls"],
    use: "ls [OPTIONS]",
    short: "List networks",
    aliases: ["list"],
    flags: [{ name: "quiet", short: "q", type: "bool", usage: "Only display network IDs" }],
    args: { kind: "none" },
    async run(ctx, io) {
      io.out(ctx.flags.get("quiet") ? "abc123\ndef456\n" : "NETWORK ID   NAME\n");
      return 0;
    },
  },
  {
    path: ["service", "create"],
    use: "create [OPTIONS] IMAGE [COMMAND] [ARG...]",
    short: "Create a new service",
    flags: [
      { name: "replicas", type: "uint64", valueName: "uint", usage: "Number of tasks" },
      { name: "name", type: "string", usage: "Service name" },
      { name: "detach", short: "d", type: "bool", usage: "Exit immediately" },
    ],
    args: { kind: "min", n: 1 },
    interspersed: false,
    async run(ctx, io) {
      io.out(`svc ${ctx.flags.get("name")} ${ctx.flags.get("replicas")} [${ctx.args.join(",")}]\n`);
      return 0;
    },
  },
  {
    path: ["service", "logs"],
    use: "logs [OPTIONS] SERVICE|TASK",
    short: "Fetch the logs of a service or task",
    flags: [],
    args: { kind: "range", n: 1, m: 2 },
    async run() {
      return 0;
    },
  },
  {
    path: ["service", "rollback"],
    use: "rollback [OPTIONS] SERVICE",
    short: "Revert changes to a service's configuration",
    flags: [],
    args: { kind: "max", n: 1 },
    async run() {
      return 0;
    },
  },
];

/** A long-running tool: prints a line per simulated second until aborted or -c N. */
export const TICK: CommandSpec = {
  path: ["tick"],
  use: "tick",
  short: "tick",
  flags: [{ name: "count", short: "c", type: "int", usage: "count" }],
  args: { kind: "any" },
  where: "both",
  async run(ctx, io) {
    const n = ctx.flags.get<number>("count") ?? 0;
    let i = 0;
    while (!io.signal.aborted && (n === 0 || i < n)) {
      await ctx.sleep(1000, io.signal);
      if (io.signal.aborted) break;
      io.out(`tick ${++i} at ${ctx.now()}\n`);
    }
    io.out(`${i} ticks\n`);
    return 0;
  },
};

/** Draws two progress frames then prints the final one, as `service create` does on a terminal. */
export const CONVERGE: CommandSpec = {
  path: ["converge"],
  use: "converge",
  short: "converge",
  flags: [],
  args: { kind: "any" },
  async run(ctx, io) {
    io.progress?.("overall progress: 0 out of 2 tasks\n1/2: preparing\n");
    await ctx.sleep(1000);
    io.progress?.("overall progress: 1 out of 2 tasks\n1/2: running\n");
    await ctx.sleep(1000);
    io.out("overall progress: 2 out of 2 tasks\nverify: converged\n");
    return 0;
  },
};

/** Prints where it runs. */
export const WHERE: CommandSpec = {
  path: ["where"],
  use: "where",
  short: "where",
  flags: [],
  args: { kind: "any" },
  where: "both",
  async run(ctx, io) {
    io.out(`${ctx.host}${ctx.container ? `/${ctx.container}` : ""}\n`);
    return 0;
  },
};

export function makeShell(extra: Partial<ShellOptions> = {}) {
  const clock = fakeClock();
  const shell = new Shell({
    world: {} as never, // the test commands never look at the world
    host: "node-1",
    hosts: () => ["node-1", "node-2", "node-3"],
    builtins: BUILTINS,
    sleep: clock.sleep,
    now: clock.now,
    docker: buildTree("docker", "A self-sufficient runtime for containers", GROUPS, SPECS),
    tools: [TICK, CONVERGE, WHERE],
    ...extra,
  });
  return { shell, clock };
}
