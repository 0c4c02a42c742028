/**
 * The convergence display `docker service create`, `update`, `rollback` and `scale` follow a service with
 * (docker/cli cli/command/service/progress/progress.go, drawn by moby's jsonmessage): every 200 ms the CLI
 * reads the service and its up-to-date tasks and rewrites the lines it keyed by ID — `overall progress`,
 * one per slot (`1/3`) or node, `verify` — while plain messages (`rollback: rollback completed`,
 * `Operation continuing in background.`) are printed below them. Once every task runs it waits one
 * monitor period (UpdateConfig.Monitor, 5 s by default) to see that they stay up.
 *
 * On a terminal each redraw is a transient frame (`io.progress`); the screen as it is at the end is what
 * the command prints, and all that is printed anywhere else (the `--json` runner, `$(…)`).
 */
import { truncateId } from "../../../format/table";
import type { ServiceState, SwarmState, TaskState } from "../../../model/state";
import { requireManager } from "../../../swarm/cluster";
import { serviceTasks } from "../../../swarm/services";
import { taskSpecKey } from "../../../swarm/update";
import type { CommandIO, RunContext } from "../../types";
import { worldOf } from "./common";

const POLL_MS = 200;
const DEFAULT_MONITOR_MS = 5000;
/** Above this many tasks docker draws no per-task lines, only the overall count. */
const MAX_PROGRESS_BARS = 20;

/** progress.go numberedStates: how far along each state is, out of 9 for the bar. */
const STATE_STEP: Record<string, number> = { new: 1, allocated: 2, pending: 3, assigned: 4, accepted: 5, preparing: 6, ready: 7, starting: 8, running: 9 };
/** The longest non-terminal state name ("allocated", "preparing", "complete"): the state column's width. */
const STATE_WIDTH = 9;
/** progress.go's order of desired states, for picking a slot's task among a restart's old and new ones. */
const DESIRED_ORDER: Record<TaskState["desiredState"], number> = { ready: 7, running: 9, shutdown: 11 };
/** Where a task's observed state breaks a tie; the ended ones come after running. */
const stateOrder = (t: TaskState) => STATE_STEP[t.state] ?? 10;

/** jsonmessage's progress bar at a width over 110 columns: 50 cells, `=` up to the share done, then `>`. */
function bar(step: number): string {
  const done = Math.min(Math.floor(Math.floor((step / 9) * 100) / 2), 50);
  return `[${"=".repeat(done)}>${" ".repeat(50 - done)}]`;
}

/** progress.go truncError: one line, at most 75 characters. */
function truncError(message: string): string {
  const line = message.replaceAll("\n", " ");
  return line.length > 75 ? `${line.slice(0, 74)}…` : line;
}

/**
 * Whether jsonmessage draws the bars: only when the terminal is over 110 columns wide (JSONProgress.String;
 * a width it cannot read counts as 200). `columns` is known only on a terminal, so the final display printed
 * elsewhere (the `--json` runner, `$(…)`) keeps them, as this module prints it.
 */
export function drawsBars(io: Pick<CommandIO, "columns">): boolean {
  return io.columns === undefined || io.columns > 110;
}

/** The terminal as jsonmessage leaves it: lines keyed by ID rewritten in place, plain messages appended. */
class Screen {
  private readonly lines: { id: string | null; text: string }[] = [];
  private live = new Set<string>();
  constructor(private readonly bars: boolean) {}

  /** An ID's line; with a step (0–9) it carries a progress bar, where the terminal draws bars. */
  write(id: string, action: string, step?: number): void {
    const text = `${id}: ${action}${step !== undefined && this.bars ? ` ${bar(step)}` : ""}`.trimEnd();
    if (this.live.has(id)) {
      const line = [...this.lines].reverse().find((l) => l.id === id)!;
      line.text = text;
    } else {
      this.live.add(id);
      this.lines.push({ id, text });
    }
  }

  /** A line without progress: printed after everything, and later IDs start new lines below it. */
  message(text: string): void {
    this.lines.push({ id: null, text });
    this.live = new Set();
  }

  render(): string {
    return this.lines.map((l) => `${l.text}\n`).join("");
  }
}

/** The updaters of progress.go (replicated and global), with their `initialized`/`done` memory. */
class Updater {
  private initialized = false;
  private done = false;
  constructor(private readonly screen: Screen) {}

  /**
   * One poll: draws the tasks made from the current spec (ended ones too, as the `_up-to-date` filter
   * gives them) and says whether they all run.
   */
  update(swarm: SwarmState, service: ServiceState, rollback: boolean): boolean {
    const key = taskSpecKey(service);
    const upToDate = serviceTasks(swarm, service.id).filter((t) => t.spec === key);
    return service.mode === "replicated" ? this.replicated(swarm, service, upToDate, rollback) : this.global(swarm, upToDate, rollback);
  }

  private overall(running: number, total: number, rollback: boolean): void {
    this.screen.write("overall progress", `${rollback ? "rolling back update: " : ""}${running} out of ${total} tasks`);
  }

  /**
   * A task's line: its error, else its state and bar while neither it nor its desired state has ended
   * (an ended task leaves the line as it was). Since docker 23 a rollback's bars fill left to right.
   */
  private task(id: string, t: TaskState): void {
    if (t.error) this.screen.write(id, truncError(t.error));
    else if (STATE_STEP[t.state] && t.desiredState !== "shutdown") this.screen.write(id, t.state.padEnd(STATE_WIDTH), STATE_STEP[t.state]);
  }

  /** progress.go tasksBySlot/tasksByNode: of a slot's tasks, the lowest desired state wins, then the lowest observed one. */
  private static better(t: TaskState, than: TaskState | undefined): boolean {
    if (!than) return true;
    const d = DESIRED_ORDER[t.desiredState] - DESIRED_ORDER[than.desiredState];
    return d < 0 || (d === 0 && stateOrder(t) < stateOrder(than));
  }

  /** Whether the task counts as running: running, and not on its way out. */
  private static running(t: TaskState): boolean {
    return t.state === "running" && t.desiredState !== "shutdown";
  }

  private replicated(swarm: SwarmState, service: ServiceState, tasks: TaskState[], rollback: boolean): boolean {
    const replicas = service.replicas;
    if (!this.initialized) {
      this.overall(0, replicas, rollback);
      if (replicas <= MAX_PROGRESS_BARS) for (let i = 1; i <= replicas; i++) this.screen.write(`${i}/${replicas}`, " ");
      this.initialized = true;
    }
    const bySlot = new Map<number, TaskState>();
    for (const t of tasks) {
      if (t.nodeId && swarm.nodes[t.nodeId]?.status === "down") continue;
      if (Updater.better(t, bySlot.get(t.slot ?? 0))) bySlot.set(t.slot ?? 0, t);
    }
    if (this.done && [...bySlot.values()].some((t) => t.state !== "running")) this.done = false;
    const slots = [...bySlot.keys()].sort((a, b) => a - b);
    let running = 0;
    slots.forEach((slot, i) => {
      const t = bySlot.get(slot)!;
      if (Updater.running(t)) running++;
      if (!this.done && replicas <= MAX_PROGRESS_BARS && i + 1 <= replicas) this.task(`${i + 1}/${replicas}`, t);
    });
    if (!this.done) {
      this.overall(running, replicas, rollback);
      if (running === replicas) this.done = true;
    }
    return running === replicas;
  }

  private global(swarm: SwarmState, tasks: TaskState[], rollback: boolean): boolean {
    const byNode = new Map<string, TaskState>();
    for (const t of tasks) if (t.nodeId && Updater.better(t, byNode.get(t.nodeId))) byNode.set(t.nodeId, t);
    const nodeCount = byNode.size;
    if (!this.initialized) {
      if (nodeCount === 0) {
        this.screen.write("overall progress", "waiting for new tasks");
        return false;
      }
      this.overall(0, nodeCount, rollback);
      this.initialized = true;
    }
    if (this.done && [...byNode.values()].some((t) => t.state !== "running")) this.done = false;
    let running = 0;
    for (const nodeId of [...byNode.keys()].sort()) {
      if (swarm.nodes[nodeId]?.status === "down") continue;
      const t = byNode.get(nodeId)!;
      if (Updater.running(t)) running++;
      if (!this.done && nodeCount <= MAX_PROGRESS_BARS) this.task(truncateId(nodeId), t);
    }
    if (!this.done) {
      this.overall(running, nodeCount, rollback);
      if (running === nodeCount) this.done = true;
    }
    return running === nodeCount;
  }
}

/**
 * WaitOnService + ServiceProgress: follows the service until it has converged and stayed up for the
 * monitor period. `shownAs` is what the CLI was given (the new ID for create, the name for scale).
 * Returns the exit code; a paused update or rollback is docker's error.
 */
export async function waitOnService(ctx: RunContext, io: CommandIO, serviceId: string, shownAs: string, quiet: boolean): Promise<number> {
  const world = worldOf(ctx);
  const screen = new Screen(drawsBars(io));
  const updater = new Updater(screen);
  const show = () => {
    if (!quiet) io.progress?.(screen.render());
  };
  const finish = (code: number) => {
    if (!quiet) io.out(screen.render());
    return code;
  };
  let converged = false;
  let convergedAt: number | null = null;
  let rollback = false;
  let closing: string | null = null;
  for (;;) {
    const m = requireManager(world, ctx.host);
    const service = m.ok ? m.value.swarm.services[serviceId] : undefined;
    if (!m.ok || !service) return finish(0);
    const swarm = m.value.swarm;
    const monitor = service.updateConfig.monitor || DEFAULT_MONITOR_MS;
    const status = service.updateStatus;
    if (status?.state === "updating") rollback = false;
    else if (status?.state === "completed" && !converged) return finish(0);
    else if (status?.state === "paused" || status?.state === "rollback_paused") {
      const what = status.state === "paused" ? "update" : "rollback";
      updater.update(swarm, service, rollback);
      finish(0);
      io.err(`service ${what} paused: ${status.message}\n`);
      return 1;
    } else if (status?.state === "rollback_started") {
      if (!rollback && status.message) screen.write("rollback", status.message);
      rollback = true;
    } else if (status?.state === "rollback_completed") {
      if (!converged) closing = `rollback: ${status.message}`;
      rollback = true;
    }
    if (converged && convergedAt !== null && ctx.now() - convergedAt >= monitor) {
      screen.write("verify", `Service ${shownAs} converged`);
      if (closing) screen.message(closing);
      return finish(0);
    }
    converged = updater.update(swarm, service, rollback);
    if (converged) {
      convergedAt ??= ctx.now();
      const wait = monitor - (ctx.now() - convergedAt);
      if (wait >= 0) screen.write("verify", `Waiting ${Math.max(1, Math.ceil(wait / 1000))} seconds to verify that tasks are stable...`);
    } else {
      if (convergedAt !== null) screen.write("verify", "Detected task failure");
      convergedAt = null;
    }
    show();
    await ctx.sleep(POLL_MS, io.signal);
    if (io.signal.aborted) {
      if (!converged) {
        screen.message("Operation continuing in background.");
        screen.message(`Use \`docker service ps ${shownAs}\` to check progress.`);
      }
      return finish(0);
    }
  }
}
