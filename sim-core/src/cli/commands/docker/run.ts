/**
 * `docker run` (docker/cli cli/command/container/run.go): create, start, and — unless detached — attach to
 * the container's main process. What that process is decides what happens, as on a real engine:
 * - a server (nginx, and any image the lab does not know, taken as an application) keeps running;
 * - a shell (alpine's and busybox's default) keeps running only with `-i` or `-t`, else it exits at once;
 * - `sleep`, `tail -f`, `nginx` given as the command keep running;
 * - any other command runs to its end inside the container (its output is the container's log, and
 *   attached, the terminal's), then the container exits with its code — and `--rm` removes it; detached
 *   (`-d`), docker returns at once and the command runs on in the background, in virtual time.
 */
import { errorText } from "../../../engine/errors";
import { attachProcess, exitContainer, hasProcess, removeContainer, runContainer } from "../../../daemon/containers";
import { familiarName, imageProfile, knownImage, stopExitCode } from "../../../engine/images";
import { appendLog } from "../../../engine/logs";
import { mainProcess } from "../../../engine/process";
import type { ContainerPort, ContainerState } from "../../../model/state";
import type { World } from "../../../engine/world";
import type { CommandIO, CommandSpec, RunContext, ShellLocation } from "../../types";
import { worldOf } from "./common";
import { isCoreProgram, runCoreProgram } from "./process";
import { RUN_FLAGS } from "./run-flags";

/** The flags `docker run` acts on; the rest of docker's are declared (help, parsing) and refused when set. */
const SIMULATED = new Set(["detach", "interactive", "tty", "name", "network", "env", "publish", "publish-all", "rm", "hostname", "label", "quiet", "pull", "disable-content-trust", "sig-proxy"]);

/** docker ≥ 28 run errors: `docker: <message>`, blank line, the help hint; exit 125. */
function runError(io: CommandIO, message: string, code = 125): number {
  io.err(`docker: ${message}\n\nRun 'docker run --help' for more information\n`);
  return code;
}

/** `-p [ip:][hostPort:]containerPort[/proto]` as go-connections' nat.ParsePortSpec reads it. */
export function parsePortSpec(spec: string): ContainerPort | { port: number; protocol: "tcp" | "udp"; hostIp: string } | string {
  const [body, proto = "tcp"] = spec.split("/");
  if (proto !== "tcp" && proto !== "udp") return `invalid proto: ${proto}`;
  const parts = body.split(":");
  const containerPort = parts.pop()!;
  const hostPort = parts.pop() ?? "";
  const hostIp = parts.join(":") || "0.0.0.0";
  if (!/^\d{1,5}$/.test(containerPort) || Number(containerPort) > 65535 || Number(containerPort) === 0) return `invalid containerPort: ${containerPort}`;
  if (hostPort !== "" && (!/^\d{1,5}$/.test(hostPort) || Number(hostPort) > 65535)) return `invalid hostPort: ${hostPort}`;
  if (hostIp !== "0.0.0.0" && !/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(hostIp)) return `invalid IP address: ${hostIp}`;
  if (hostPort === "") return { port: Number(containerPort), protocol: proto, hostIp };
  return { hostIp, hostPort: Number(hostPort), containerPort: Number(containerPort), protocol: proto };
}

/** The lowest free port of Linux's ephemeral range, as docker's port allocator hands them out. */
function ephemeralPort(used: Set<number>): number {
  let port = 32768;
  while (used.has(port)) port++;
  used.add(port);
  return port;
}

/** Runs a one-shot main process inside the container: its output goes to the log and, attached, to the terminal. */
async function runMain(ctx: RunContext, io: CommandIO, c: ContainerState, argv: string[], attached: boolean): Promise<number | "not-found"> {
  const world = worldOf(ctx);
  const log = (stream: "stdout" | "stderr") => (text: string) => {
    // A process stopped from outside prints nothing more into the stopped container's log.
    if (c.state !== "running") return;
    for (const line of text.split("\n").slice(0, text.endsWith("\n") ? -1 : undefined)) appendLog(c, { at: world.state.now, stream, text: line });
    if (attached) (stream === "stdout" ? io.out : io.err)(text);
  };
  const inner: CommandIO = { out: log("stdout"), err: log("stderr"), signal: io.signal, tty: io.tty };
  const known = await runCoreProgram(ctx, c, argv, inner);
  if (known !== null) return known;
  const at: ShellLocation = { host: ctx.host, container: c.id, prompt: "/ # " };
  return ctx.session.runTool(argv, at, inner);
}

/**
 * Starts a container's one-shot main process in the background (`docker run -d`, `docker start`): the
 * process runs on in virtual time, its output going to the container's log. When it ends by itself the
 * container exits with its code (and `--rm` removes it); `docker stop`, `kill` and `rm -f` end it through
 * the daemon. Resolves once the process first waits or has ended (no virtual time passes, so a command that
 * ends at once has ended when `docker run -d` returns); null when the command is not in the container.
 */
export function startMainProcess(ctx: RunContext, c: ContainerState, argv: string[], remove: boolean): Promise<void> | null {
  const at: ShellLocation = { host: ctx.host, container: c.id, prompt: "/ # " };
  if (!isCoreProgram(argv[0]) && !ctx.session.hasTool(argv[0], at)) return null;
  const world = worldOf(ctx);
  const host = ctx.host;
  const stop = new AbortController();
  attachProcess(c, stop);
  const bg = ctx.session.detach(ctx, stop.signal);
  const quiet: CommandIO = { out: () => {}, err: () => {}, signal: bg.signal, tty: false };
  const ended = runMain(bg.ctx, quiet, c, argv, false).then((code) => {
    // Stopped, killed or removed from outside (the daemon set its exit code), or the world was restored.
    if (bg.signal.aborted || world.state.hosts[host]?.containers[c.id] !== c || c.state !== "running") return;
    exitContainer(world, host, c.id, code === "not-found" ? 127 : code);
    if (remove) removeContainer(world, host, c.id);
  });
  return Promise.race([bg.waiting, ended]);
}

/**
 * After a restore: the world came back with containers whose one-shot main process was running, but the
 * processes (not state) ended with the world they ran in. Each starts again from its beginning.
 */
export function resumeMainProcesses(world: World, contextAt: (host: string) => RunContext): void {
  for (const [host, h] of Object.entries(world.state.hosts)) {
    for (const c of Object.values(h.containers)) {
      if (c.state !== "running" || c.taskId || !c.command?.length || hasProcess(c) || mainProcess(c.image, c.command) !== "command") continue;
      void startMainProcess(contextAt(host), c, c.command, false);
    }
  }
}

/** runc's error when the command cannot be started: the container stays Created (removed with --rm), exit 127. */
function notFound(ctx: RunContext, io: CommandIO, c: ContainerState, command: string[], remove: boolean): number {
  const world = worldOf(ctx);
  c.state = "created";
  if (remove) removeContainer(world, ctx.host, c.id);
  return runError(io, `Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "${command[0]}": executable file not found in $PATH: unknown`, 127);
}

export const runCmd: CommandSpec = {
  path: ["container", "run"],
  use: "run [OPTIONS] IMAGE [COMMAND] [ARG...]",
  short: "Create and run a new container from an image",
  aliasPaths: ["docker container run", "docker run"],
  args: { kind: "min", n: 1 },
  interspersed: false,
  flags: RUN_FLAGS,
  async run(ctx, io) {
    const refused = [...ctx.flags.changed].find((f) => !SIMULATED.has(f));
    if (refused) return runError(io, `--${refused} is not supported in this simulator (it models names, networks, ports, environment, labels, hostnames, -d, -i, -t and --rm)`);
    const world = worldOf(ctx);
    const host = world.state.hosts[ctx.host];
    const image = ctx.args[0];
    const command = ctx.args.slice(1);
    const detached = ctx.flags.get<boolean>("detach") ?? false;
    const interactive = ctx.flags.get<boolean>("interactive") ?? false;
    const tty = ctx.flags.get<boolean>("tty") ?? false;

    const used = new Set(Object.values(host.containers).flatMap((c) => (c.state === "running" ? (c.ports ?? []).map((p) => p.hostPort) : [])));
    const ports: ContainerPort[] = [];
    for (const spec of ctx.flags.get<string[]>("publish") ?? []) {
      const p = parsePortSpec(spec);
      if (typeof p === "string") return runError(io, p);
      ports.push("port" in p ? { hostIp: p.hostIp, hostPort: ephemeralPort(used), containerPort: p.port, protocol: p.protocol } : p);
    }
    if (ctx.flags.get<boolean>("publish-all")) {
      for (const exposed of imageProfile(image).exposedPorts) {
        const [port, protocol] = exposed.split("/");
        if (!ports.some((p) => p.containerPort === Number(port))) ports.push({ hostIp: "0.0.0.0", hostPort: ephemeralPort(used), containerPort: Number(port), protocol: protocol as "tcp" | "udp" });
      }
    }
    const labels: Record<string, string> = {};
    for (const l of ctx.flags.get<string[]>("label") ?? []) labels[l.split("=")[0]] = l.includes("=") ? l.slice(l.indexOf("=") + 1) : "";

    // Not in the lab's registry: docker/cli says it is not here and pulls, and the registry refuses
    // (moby daemon/containerd image_pull.go).
    if (!knownImage(image)) {
      io.err(`Unable to find image '${image.includes(":") || image.includes("@") ? image : `${image}:latest`}' locally\n`);
      return runError(io, `Error response from daemon: pull access denied for ${familiarName(image)}, repository does not exist or may require 'docker login'`);
    }
    const r = runContainer(world, ctx.host, {
      name: ctx.flags.get<string>("name") || undefined,
      image,
      networks: ctx.flags.get<string[]>("network"),
      hostname: ctx.flags.get<string>("hostname") || undefined,
      command,
      env: ctx.flags.get<string[]>("env"),
      labels,
      ports,
    });
    if (!r.ok) return runError(io, `Error response from daemon: ${errorText(r.error)}`);
    const c = r.value;
    const remove = ctx.flags.get<boolean>("rm") ?? false;
    const kind = mainProcess(image, command);

    if (kind === "command") {
      if (detached) {
        // docker prints the ID while the container starts, and returns: the process runs on in the background.
        io.out(`${c.id}\n`);
        const started = startMainProcess(ctx, c, command, remove);
        if (!started) return notFound(ctx, io, c, command, remove);
        await started;
        return 0;
      }
      const code = await runMain(ctx, io, c, command, true);
      if (code === "not-found") return notFound(ctx, io, c, command, remove);
      exitContainer(world, ctx.host, c.id, code);
      if (remove) removeContainer(world, ctx.host, c.id);
      return code;
    }
    if (kind === "shell" && !interactive && !tty) {
      // A shell with no terminal and no stdin reads EOF and exits 0 at once.
      exitContainer(world, ctx.host, c.id, 0);
      if (remove) removeContainer(world, ctx.host, c.id);
      if (detached) io.out(`${c.id}\n`);
      return 0;
    }
    if (detached) {
      io.out(`${c.id}\n`);
      return 0;
    }
    if (kind === "shell" && interactive && tty) {
      // The shell is the container's main process: `exit` ends it, and with it the container (docker run
      // then returns the shell's status); `--rm` removes it.
      const host = ctx.host;
      ctx.session.enterShell({
        host,
        container: c.id,
        prompt: "/ # ",
        onExit: (w, code) => {
          const now = w.state.hosts[host]?.containers[c.id];
          if (now?.state === "running") exitContainer(w, host, c.id, code);
          if (now && remove) removeContainer(w, host, c.id);
        },
      });
      return 0;
    }
    // Attached to a long-running process: its startup lines, then it runs until Ctrl-C stops it.
    for (const line of imageProfile(image).startup(c.createdAt)) (line.stream === "stdout" ? io.out : io.err)(`${line.text}\n`);
    await ctx.sleep(Number.MAX_SAFE_INTEGER, io.signal);
    const code = stopExitCode(image, "interrupt");
    exitContainer(world, ctx.host, c.id, code);
    if (remove) removeContainer(world, ctx.host, c.id);
    return code;
  },
};
