/** docker run | ps | exec (docker/cli cli/command/container). */
import { errorText } from "../../../engine/errors";
import { findContainer, removeContainer, runContainer, startContainer, stopContainer } from "../../../engine/containers";
import { imageHasTool } from "../../../engine/images";
import { tabwrite, truncateId } from "../../../format/table";
import { taskContainerKilled } from "../../../swarm/services";
import type { CommandIO, CommandSpec, ShellLocation } from "../../types";
import { failed, humanDuration, worldOf } from "./common";

/** What a container runs when no command is given, as `docker ps` shows it. */
function commandOf(image: string): string {
  const name = image.split(":")[0].split("/").pop();
  if (name === "nginx") return '"/docker-entrypoint.…"';
  return '"/bin/sh"';
}

/** docker ≥ 28 run errors: `docker: <message>`, blank line, the help hint; exit 125. */
function runError(io: CommandIO, message: string): number {
  io.err(`docker: ${message}\n\nRun 'docker run --help' for more information\n`);
  return 125;
}

export const runCmd: CommandSpec = {
  path: ["container", "run"],
  use: "run [OPTIONS] IMAGE [COMMAND] [ARG...]",
  short: "Create and run a new container from an image",
  aliasPaths: ["docker run"],
  args: { kind: "min", n: 1 },
  interspersed: false,
  flags: [
    { name: "detach", short: "d", type: "bool", usage: "Run container in background and print container ID" },
    { name: "interactive", short: "i", type: "bool", usage: "Keep STDIN open even if not attached" },
    { name: "name", type: "string", usage: "Assign a name to the container" },
    { name: "network", type: "list", valueName: "network", usage: "Connect a container to a network" },
    { name: "rm", type: "bool", usage: "Automatically remove the container and its associated anonymous volumes when it exits" },
    { name: "tty", short: "t", type: "bool", usage: "Allocate a pseudo-TTY" },
  ],
  async run(ctx, io) {
    const world = worldOf(ctx);
    const r = runContainer(world, ctx.host, { name: ctx.flags.get<string>("name") || undefined, image: ctx.args[0], networks: ctx.flags.get<string[]>("network") });
    if (!r.ok) return runError(io, `Error response from daemon: ${errorText(r.error)}`);
    const c = r.value;
    if (ctx.flags.get<boolean>("detach")) {
      io.out(`${c.id}\n`);
      return 0;
    }
    if (ctx.flags.get<boolean>("interactive") && ctx.flags.get<boolean>("tty")) {
      const loc: ShellLocation = { host: ctx.host, container: c.id, prompt: "/ # " };
      ctx.session.enterShell(loc);
    }
    return 0;
  },
};

export const psCmd: CommandSpec = {
  path: ["container", "ls"],
  use: "ls [OPTIONS]",
  short: "List containers",
  aliases: ["ps", "list"],
  aliasPaths: ["docker ps"],
  args: { kind: "none" },
  flags: [
    { name: "all", short: "a", type: "bool", usage: "Show all containers (default shows just running)" },
    { name: "no-trunc", type: "bool", usage: "Don't truncate output" },
    { name: "quiet", short: "q", type: "bool", usage: "Only display container IDs" },
  ],
  async run(ctx, io) {
    const world = worldOf(ctx);
    const all = ctx.flags.get<boolean>("all");
    const list = Object.values(world.state.hosts[ctx.host].containers)
      .filter((c) => all || c.state === "running")
      .sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id));
    const id = (s: string) => (ctx.flags.get<boolean>("no-trunc") ? s : truncateId(s));
    if (ctx.flags.get<boolean>("quiet")) {
      io.out(list.map((c) => `${id(c.id)}\n`).join(""));
      return 0;
    }
    const age = (t: number) => humanDuration(world.state.now - t);
    const rows = list.map((c) => [
      id(c.id),
      c.image.endsWith(":latest") && !c.taskId ? c.image.slice(0, -7) : c.image,
      commandOf(c.image),
      `${age(c.createdAt)} ago`,
      c.state === "running" ? `Up ${age(c.createdAt)}` : "Created",
      "",
      c.name,
    ]);
    io.out(tabwrite([["CONTAINER ID", "IMAGE", "COMMAND", "CREATED", "STATUS", "PORTS", "NAMES"], ...rows]));
    return 0;
  },
};

interface ToolRunner {
  runTool(argv: string[], at: ShellLocation, io: CommandIO): Promise<number | "not-found">;
}

export const execCmd: CommandSpec = {
  path: ["container", "exec"],
  use: "exec [OPTIONS] CONTAINER COMMAND [ARG...]",
  short: "Execute a command in a running container",
  aliasPaths: ["docker exec"],
  args: { kind: "min", n: 2 },
  interspersed: false,
  flags: [
    { name: "detach", short: "d", type: "bool", usage: "Detached mode: run command in the background" },
    { name: "interactive", short: "i", type: "bool", usage: "Keep STDIN open even if not attached" },
    { name: "tty", short: "t", type: "bool", usage: "Allocate a pseudo-TTY" },
  ],
  async run(ctx, io) {
    const world = worldOf(ctx);
    const found = findContainer(world, ctx.host, ctx.args[0]);
    if (failed(io, found)) return 1;
    const c = found.value;
    if (c.state !== "running") {
      io.err(`Error response from daemon: container ${c.id} is not running\n`);
      return 1;
    }
    const argv = ctx.args.slice(1);
    const at: ShellLocation = { host: ctx.host, container: c.id, prompt: "/ # " };
    // A shell the image carries (alpine has no bash); any other is not found, as any missing command.
    if (["sh", "ash", "bash", "zsh"].includes(argv[0].split("/").pop()!) && argv.length === 1 && imageHasTool(c.image, argv[0])) {
      if (ctx.flags.get<boolean>("interactive") && ctx.flags.get<boolean>("tty")) ctx.session.enterShell(at);
      return 0;
    }
    const code = await (ctx.session as unknown as ToolRunner).runTool(argv, at, io);
    if (code === "not-found") {
      io.err(`OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv[0]}": executable file not found in $PATH: unknown\n`);
      return 127;
    }
    return code;
  },
};

/** `docker run`, `docker ps`, `docker exec`: the same commands as their `docker container …` forms. */
const shortcut = (spec: CommandSpec, name: string): CommandSpec => ({
  ...spec,
  path: [name],
  use: spec.use.replace(/^\w+/, name),
  aliases: [],
  aliasPaths: [`docker container ${spec.path[1]}`, ...(spec.aliasPaths ?? [])],
});



function eachContainer(verb: "stop" | "start" | "rm", short: string, act: typeof stopContainer): CommandSpec {
  return {
    path: ["container", verb],
    use: `${verb} [OPTIONS] CONTAINER [CONTAINER...]`,
    short,
    aliases: verb === "rm" ? ["remove"] : [],
    args: { kind: "min", n: 1 },
    flags: verb === "rm" ? [{ name: "force", short: "f", type: "bool", usage: "Force the removal of a running container (uses SIGKILL)" }] : [],
    async run(ctx, io) {
      const world = worldOf(ctx);
      let code = 0;
      for (const ref of ctx.args) {
        const found = findContainer(world, ctx.host, ref);
        if (verb === "rm" && found.ok && found.value.state === "running" && !ctx.flags.get<boolean>("force")) {
          io.err(
            `Error response from daemon: cannot remove container "/${found.value.name}": container is running: stop the container before removing or force remove\n`,
          );
          code = 1;
          continue;
        }
        if (found.ok && found.value.taskId && verb !== "start") {
          // The task's container is gone: the task fails and its service schedules a replacement.
          taskContainerKilled(world, found.value.taskId);
          io.out(`${ref}\n`);
          continue;
        }
        if (failed(io, act(world, ctx.host, ref))) code = 1;
        else io.out(`${ref}\n`);
      }
      return code;
    },
  };
}

export const stopCmd = eachContainer("stop", "Stop one or more running containers", stopContainer);
export const startCmd = eachContainer("start", "Start one or more stopped containers", startContainer);
export const rmCmd = eachContainer("rm", "Remove one or more containers", removeContainer);
export const CONTAINER_COMMANDS = [runCmd, psCmd, execCmd, stopCmd, startCmd, rmCmd].flatMap((c) => [c, shortcut(c, c.path[1] === "ls" ? "ps" : c.path[1])]);
