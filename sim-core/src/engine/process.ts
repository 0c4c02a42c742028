/**
 * A container's main process, as both `docker run` and a service task's container see it: whether it
 * keeps running or ends, and — for a task, which nobody attaches to — when it ends and with which code.
 * The engine's rule is the same for both: a container lives exactly as long as its main process.
 */
import { imageProfile } from "./images";

/**
 * - "server": keeps running (nginx, an application image the lab does not know, `sleep`, `tail -f`, `top`,
 *   busybox daemons in the foreground);
 * - "shell": the image's shell (alpine, busybox, netshoot by default), which without a terminal or stdin
 *   reads EOF and exits 0 at once;
 * - "command": any other command, which runs to its end.
 */
export type MainProcess = "server" | "shell" | "command";

const SHELLS = ["sh", "ash", "bash", "zsh"];

/** Whether a flag (alone or among bundled short flags, `-lk`) is given. */
const hasFlag = (args: readonly string[], letter: string) => args.some((a) => /^-[a-zA-Z]+$/.test(a) && a.includes(letter));

/**
 * busybox applets that keep running until stopped (Docker's tutorials run `busybox top` services):
 * top and watch redraw forever, and the daemons stay in the foreground with their foreground flag.
 */
const LONG_RUNNING: Record<string, (args: readonly string[]) => boolean> = {
  top: () => true,
  watch: (args) => args.length > 0,
  httpd: (args) => hasFlag(args, "f"),
  nc: (args) => hasFlag(args, "l"),
  crond: (args) => hasFlag(args, "f"),
  syslogd: (args) => hasFlag(args, "n"),
};

const programName = (arg: string) => arg.split("/").pop()!;

export function mainProcess(image: string, command: readonly string[]): MainProcess {
  if (command.length === 0) {
    const family = imageProfile(image).family;
    return family === "nginx" || family === "app" ? "server" : "shell";
  }
  const name = programName(command[0]);
  if (SHELLS.includes(name) && command.length === 1) return "shell";
  if (name === "sleep" || name === "nginx" || (name === "tail" && command.includes("-f"))) return "server";
  if (LONG_RUNNING[name]?.(command.slice(1))) return "server";
  return "command";
}

const UNITS: Record<string, number> = { "": 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** busybox sleep's operands (`5`, `1.5m`, `1d 2h`), summed in ms; the first operand it refuses otherwise. */
export function sleepMs(operands: readonly string[]): number | { invalid: string } {
  let total = 0;
  for (const a of operands) {
    const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(a);
    if (!m) return { invalid: a };
    total += Number(m[1]) * UNITS[m[2]];
  }
  return total;
}

export interface ProcessEnd {
  /** From the moment the process starts. */
  afterMs: number;
  code: number;
}

/**
 * "At once" for a process that ends as soon as it starts: the moment the runtime takes to start and reap
 * it, so that a restart's replacement is always made after the task it replaces (docker lists a slot's
 * tasks newest first).
 */
const AT_ONCE_MS = 100;

/** A `-c` script that loops (or waits on something endless) is a long-running process; any other ends at once. */
const ENDLESS_SCRIPT = /\b(while|until)\b|\btail\s+-f\b|\bsleep\s+inf/;

/**
 * When a detached main process with no terminal ends, and how; null while it runs until stopped. Kept
 * simple, from the command line alone: a shell ends at once with 0; `sleep N` after N (`sleep infinity`
 * never); `ping -c N` after N-1 seconds and its last reply, a plain `ping` never; `false` at once with 1;
 * `sh -c SCRIPT` never when the script loops, else at once with 0; every other one-shot command at once
 * with 0.
 */
export function processEnd(image: string, command: readonly string[]): ProcessEnd | null {
  const kind = mainProcess(image, command);
  if (kind === "shell") return { afterMs: AT_ONCE_MS, code: 0 };
  const name = command.length ? programName(command[0]) : "";
  if (kind === "server") {
    if (name !== "sleep") return null;
    const operands = command.slice(1);
    if (operands.some((a) => a.startsWith("inf"))) return null;
    // Without an operand busybox prints its usage and exits 1.
    const ms = operands.length ? sleepMs(operands) : { invalid: "" };
    return typeof ms === "number" ? { afterMs: Math.max(ms, AT_ONCE_MS), code: 0 } : { afterMs: AT_ONCE_MS, code: 1 };
  }
  if (name === "false") return { afterMs: AT_ONCE_MS, code: 1 };
  if (name === "ping") {
    const i = command.findIndex((a) => /^-c\d*$/.test(a));
    const count = i < 0 ? NaN : Number(command[i] === "-c" ? command[i + 1] : command[i].slice(2));
    return Number.isInteger(count) && count > 0 ? { afterMs: (count - 1) * 1000 + AT_ONCE_MS, code: 0 } : null;
  }
  if (SHELLS.includes(name) && command[1] === "-c") return ENDLESS_SCRIPT.test(command.slice(2).join(" ")) ? null : { afterMs: AT_ONCE_MS, code: 0 };
  return { afterMs: AT_ONCE_MS, code: 0 };
}
