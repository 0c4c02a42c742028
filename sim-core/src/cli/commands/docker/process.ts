/**
 * The small programs every simulated image has that need no model of their own — `echo`, `true`, `false`,
 * `sleep`, `env`/`printenv` — run as a container's one-shot process (`docker run alpine echo hi`) or by
 * `docker exec`. The environment is docker's: the image's, HOSTNAME, the user's `-e`, then HOME.
 */
import { imageProfile } from "../../../engine/images";
import { sleepMs } from "../../../engine/process";
import type { ContainerState } from "../../../model/state";
import type { CommandIO, RunContext } from "../../types";

/** The container's environment as `env` prints it inside: image variables, HOSTNAME, `-e` ones, HOME. */
export function containerEnv(c: ContainerState, extra: readonly string[] = []): string[] {
  const vars = new Map<string, string>();
  const put = (kv: string) => vars.set(kv.split("=")[0], kv);
  for (const kv of imageProfile(c.image).env) put(kv);
  put(`HOSTNAME=${c.hostname}`);
  for (const kv of [...(c.env ?? []), ...extra]) put(kv.includes("=") ? kv : `${kv}=`);
  if (!vars.has("HOME")) put("HOME=/root");
  return [...vars.values()];
}

/** The programs runCoreProgram runs. */
export const CORE_PROGRAMS: ReadonlySet<string> = new Set(["echo", "true", "false", "sleep", "env", "printenv"]);

/** Whether runCoreProgram runs argv[0]. */
export const isCoreProgram = (name: string): boolean => CORE_PROGRAMS.has(name.split("/").pop() ?? name);

/** Runs one of these programs; null when argv is not one of them. */
export async function runCoreProgram(ctx: RunContext, c: ContainerState, argv: string[], io: CommandIO, extraEnv: readonly string[] = []): Promise<number | null> {
  switch (argv[0].split("/").pop()) {
    case "echo":
      io.out(`${argv.slice(1).join(" ")}\n`);
      return 0;
    case "true":
      return 0;
    case "false":
      return 1;
    case "sleep": {
      const total = sleepMs(argv.slice(1));
      if (typeof total !== "number") {
        io.err(`sleep: invalid number '${total.invalid}'\n`);
        return 1;
      }
      await ctx.sleep(total, io.signal);
      return io.signal.aborted ? 130 : 0;
    }
    case "env":
      io.out(containerEnv(c, extraEnv).map((kv) => `${kv}\n`).join(""));
      return 0;
    case "printenv": {
      const env = containerEnv(c, extraEnv);
      if (argv.length === 1) {
        io.out(env.map((kv) => `${kv}\n`).join(""));
        return 0;
      }
      let code = 0;
      for (const name of argv.slice(1)) {
        const kv = env.find((v) => v.split("=")[0] === name);
        if (kv) io.out(`${kv.slice(name.length + 1)}\n`);
        else code = 1;
      }
      return code;
    }
    default:
      return null;
  }
}
