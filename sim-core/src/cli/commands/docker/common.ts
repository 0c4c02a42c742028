/**
 * What every docker command shares: the world behind the context, daemon errors printed as the CLI prints
 * them, and Docker's human durations.
 */
import { daemonErrorLine, type Result } from "../../../engine/errors";
import type { World } from "../../../engine/world";
import type { CommandIO, RunContext } from "../../types";

export const ENGINE_VERSION = "29.0.1";

export const worldOf = (ctx: RunContext): World => ctx.world;

/** Prints a daemon error as the CLI does (`Error response from daemon: …` on stderr) and says whether it failed. */
export function failed<T>(io: CommandIO, r: Result<T>): r is Extract<Result<T>, { ok: false }> {
  if (r.ok) return false;
  io.err(`${daemonErrorLine(r.error)}\n`);
  return true;
}

/**
 * docker/cli's PromptForConfirmation: the question and ` [y/N] ` on stdout, then one line of stdin; only `y`
 * (any case) goes on. The lab's terminal gives no stdin, so the answer is no.
 */
export function confirm(io: CommandIO, message: string): boolean {
  io.out(`${message} [y/N] `);
  const answer = (io.stdin ?? "").split("\n")[0].trim();
  // On a terminal the learner's Enter ends the prompt line; piped input is not echoed.
  if (io.tty && io.stdin === undefined) io.out("\n");
  return answer.toLowerCase() === "y";
}

/** go-units HumanDuration, as `docker service ps` and `docker ps` print ages. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  const hours = Math.round(seconds / 3600);
  if (seconds < 1) return "Less than a second";
  if (seconds === 1) return "1 second";
  if (seconds < 60) return `${seconds} seconds`;
  if (minutes === 1) return "About a minute";
  if (minutes < 60) return `${minutes} minutes`;
  if (hours === 1) return "About an hour";
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(hours / 24 / 365)} years`;
}

export const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
