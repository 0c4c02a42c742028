/** docker exec | stop | start | rm, and the root shortcuts of the container commands (docker/cli cli/command/container). */
import { findContainer, removeContainer, startContainer, stopContainer } from "../../../daemon/containers";
import { imageHasTool, imageProfile, stopExitCode } from "../../../engine/images";
import type { World } from "../../../engine/world";
import { taskContainerEnded } from "../../../swarm/restart";
import type { ContainerState } from "../../../model/state";
import type { CommandIO, CommandSpec, FlagSpec, RunContext, ShellLocation } from "../../types";
import { failed, worldOf } from "./common";
import { psCmd } from "./container-ls";
import { runCoreProgram } from "./process";
import { mainProcess } from "../../../engine/process";
import { runCmd, startMainProcess } from "./run";

interface ToolRunner {
  runTool(argv: string[], at: ShellLocation, io: CommandIO): Promise<number | "not-found">;
}

export const execCmd: CommandSpec = {
  path: ["container", "exec"],
  use: "exec [OPTIONS] CONTAINER COMMAND [ARG...]",
  short: "Execute a command in a running container",
  aliasPaths: ["docker container exec", "docker exec"],
  args: { kind: "min", n: 2 },
  interspersed: false,
  flags: [
    { name: "detach", short: "d", type: "bool", usage: "Detached mode: run command in the background" },
    { name: "detach-keys", type: "string", usage: "Override the key sequence for detaching a container" },
    { name: "env", short: "e", type: "list", usage: "Set environment variables" },
    { name: "env-file", type: "list", usage: "Read in a file of environment variables" },
    { name: "interactive", short: "i", type: "bool", usage: "Keep STDIN open even if not attached" },
    { name: "privileged", type: "bool", usage: "Give extended privileges to the command" },
    { name: "tty", short: "t", type: "bool", usage: "Allocate a pseudo-TTY" },
    { name: "user", short: "u", type: "string", usage: 'Username or UID (format: "<name|uid>[:<group|gid>]")' },
    { name: "workdir", short: "w", type: "string", usage: "Working directory inside the container" },
  ],
  async run(ctx, io) {
    // -e shows in env/printenv; no simulated tool reads a user or directory, so -u, -w and --privileged change nothing they print.
    const refused = ["env-file", "detach-keys"].find((f) => ctx.flags.changed.has(f));
    if (refused) {
      io.err(`docker: --${refused} is not supported in this simulator\n`);
      return 125;
    }
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
    // -d: the command runs in the container with its output going nowhere, as docker exec -d does.
    const quiet: CommandIO = { out: () => {}, err: () => {}, signal: io.signal, tty: false };
    const target = ctx.flags.get<boolean>("detach") ? quiet : io;
    const core = await runCoreProgram(ctx, c, argv, target, ctx.flags.get<string[]>("env"));
    if (core !== null) return core;
    const code = await (ctx.session as unknown as ToolRunner).runTool(argv, at, target);
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
});



const CONTAINER_VERB_FLAGS: Record<"stop" | "start" | "rm", FlagSpec[]> = {
  stop: [
    { name: "signal", short: "s", type: "string", usage: "Signal to send to the container" },
    { name: "timeout", short: "t", type: "int", usage: "Seconds to wait before killing the container" },
  ],
  start: [
    { name: "attach", short: "a", type: "bool", usage: "Attach STDOUT/STDERR and forward signals" },
    { name: "checkpoint", type: "string", usage: "Restore from this checkpoint" },
    { name: "checkpoint-dir", type: "string", usage: "Use a custom checkpoint storage directory" },
    { name: "detach-keys", type: "string", usage: "Override the key sequence for detaching a container" },
    { name: "interactive", short: "i", type: "bool", usage: "Attach container's STDIN" },
  ],
  rm: [
    { name: "force", short: "f", type: "bool", usage: "Force the removal of a running container (uses SIGKILL)" },
    { name: "link", short: "l", type: "bool", usage: "Remove the specified link" },
    // The lab's containers have no volumes, so there is nothing more for -v to remove.
    { name: "volumes", short: "v", type: "bool", usage: "Remove anonymous volumes associated with the container" },
  ],
};

/**
 * docker stop sends the stop signal and waits (10 s by default, -t) before SIGKILL: nginx quits at once,
 * a shell as PID 1 ignores SIGTERM, so stopping one takes the whole timeout (unless -s KILL).
 */
async function graceful(ctx: RunContext, world: World, refs: string[]): Promise<void> {
  const signal = (ctx.flags.get<string>("signal") ?? "").toUpperCase().replace(/^SIG/, "");
  if (signal === "KILL" || signal === "9") return;
  const ignoresSigterm = refs.some((ref) => {
    const c = findContainer(world, ctx.host, ref);
    return c.ok && c.value.state === "running" && !imageProfile(c.value.image).cleanStop;
  });
  const timeout = ctx.flags.changed.has("timeout") ? (ctx.flags.get<number>("timeout") ?? 10) : 10;
  if (ignoresSigterm && timeout > 0) await ctx.sleep(timeout * 1000);
}

function eachContainer(verb: "stop" | "start" | "rm", short: string, act: typeof stopContainer): CommandSpec {
  return {
    path: ["container", verb],
    use: `${verb} [OPTIONS] CONTAINER [CONTAINER...]`,
    short,
    aliases: verb === "rm" ? ["remove"] : [],
    aliasPaths: verb === "rm" ? ["docker container rm", "docker container remove", "docker rm"] : [`docker container ${verb}`, `docker ${verb}`],
    args: { kind: "min", n: 1 },
    flags: CONTAINER_VERB_FLAGS[verb],
    async run(ctx, io) {
      const refused = ["link", "attach", "interactive", "checkpoint", "checkpoint-dir", "detach-keys"].find((f) => ctx.flags.changed.has(f));
      if (refused) {
        io.err(`docker: --${refused} is not supported in this simulator\n`);
        return 125;
      }
      const world = worldOf(ctx);
      if (verb === "stop") await graceful(ctx, world, ctx.args);
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
          // The task's process ends (stop: its stop signal; rm -f: SIGKILL) and the restart policy brings a
          // replacement after its delay.
          const code = stopExitCode(found.value.image, verb === "stop" ? "stop" : "kill");
          taskContainerEnded(world, found.value.taskId, code);
          io.out(`${ref}\n`);
          continue;
        }
        const wasRunning = found.ok && found.value.state === "running";
        const done = act(world, ctx.host, ref);
        if (failed(io, done)) code = 1;
        else if (verb === "start" && !wasRunning && !(await startProcess(ctx, io, done.value))) code = 1;
        else io.out(`${ref}\n`);
      }
      return code;
    },
  };
}

/** `docker start` of a container whose main process is a one-shot command runs that command again, in the background. */
async function startProcess(ctx: RunContext, io: CommandIO, c: ContainerState): Promise<boolean> {
  if (!c.command?.length || mainProcess(c.image, c.command) !== "command") return true;
  const started = startMainProcess(ctx, c, c.command, false);
  if (started) {
    await started;
    return true;
  }
  // runc cannot start it (it never could: the image has no such command): the container stays Created.
  stopContainer(worldOf(ctx), ctx.host, c.id);
  c.state = "created";
  delete c.exitCode;
  delete c.finishedAt;
  io.err(`Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "${c.command[0]}": executable file not found in $PATH: unknown\n`);
  return false;
}

export const stopCmd = eachContainer("stop", "Stop one or more running containers", stopContainer);
export const startCmd = eachContainer("start", "Start one or more stopped containers", startContainer);
export const rmCmd = eachContainer("rm", "Remove one or more containers", removeContainer);
export const CONTAINER_COMMANDS = [runCmd, psCmd, execCmd, stopCmd, startCmd, rmCmd].flatMap((c) => [c, shortcut(c, c.path[1] === "ls" ? "ps" : c.path[1])]);
