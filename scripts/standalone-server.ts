/**
 * The standalone server `npm start` runs, for the benchmarks: its static files copied beside it, then started
 * on 127.0.0.1:`port` in a process group of its own (stop it with `process.kill(-server.pid)`).
 */
import { execSync, spawn, type ChildProcess } from "node:child_process";

export function startStandalone(port: number | string, env: NodeJS.ProcessEnv): ChildProcess {
  execSync("node scripts/standalone-assets.mjs", { stdio: "inherit" });
  return spawn(process.execPath, [".next/standalone/server.js"], {
    env: { ...env, PORT: String(port), HOSTNAME: "127.0.0.1", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
    detached: true,
  });
}
