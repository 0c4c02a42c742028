/**
 * dockersim: the simulator outside the browser.
 *   dockersim [--nodes N] [--seed S]          interactive REPL (prompt `node-1$ `, Ctrl-C, Ctrl-D)
 *   dockersim --json [--nodes N] [--seed S]   one JSON object per line in, one per line out
 */
import readline from "node:readline";
import { createLab, type Lab } from "../src/index";

interface Args {
  json: boolean;
  nodes: number;
  seed: string;
}

const USAGE = "usage: dockersim [--json] [--nodes N] [--seed S]\n";

export function parseArgs(argv: string[]): Args | string {
  const args: Args = { json: false, nodes: 3, seed: "1" };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [name, inline] = a.startsWith("--") && a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i];
    if (name === "--json") args.json = true;
    else if (name === "--nodes") {
      const v = value();
      if (v === undefined || !/^\d+$/.test(v) || Number(v) < 1) return `dockersim: --nodes needs a positive number\n${USAGE}`;
      args.nodes = Number(v);
    } else if (name === "--seed") {
      const v = value();
      if (v === undefined) return `dockersim: --seed needs a value\n${USAGE}`;
      args.seed = v;
    } else if (name === "--help" || name === "-h") return USAGE;
    else return `dockersim: unknown option ${JSON.stringify(a)}\n${USAGE}`;
  }
  return args;
}

/** A fresh lab through the package's one door: the whole docker command line and the tools. */
const newLab = (nodes: number, seed: string): Lab => createLab({ nodes, seed });

/** Strips ANSI escape sequences (final frames only in --json). */
export function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-?]*[ -/]*[@-~]|\u001b[@-Z\\-_]/g, "");
}

export async function runJson(args: Args, input: NodeJS.ReadableStream, write: (line: string) => void): Promise<number> {
  let lab = newLab(args.nodes, args.seed);
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  for await (const raw of rl) {
    if (raw.trim() === "") continue;
    let msg: unknown;
    try {
      msg = JSON.parse(raw);
    } catch (e) {
      write(JSON.stringify({ error: `invalid JSON: ${(e as Error).message}` }));
      continue;
    }
    if (!msg || typeof msg !== "object" || Array.isArray(msg)) {
      write(JSON.stringify({ error: "expected a JSON object" }));
      continue;
    }
    const m = msg as Record<string, unknown>;
    if (m.reset === true) {
      const nodes = m.nodes ?? args.nodes;
      const seed = m.seed ?? args.seed;
      if (typeof nodes !== "number" || !Number.isInteger(nodes) || nodes < 1) {
        write(JSON.stringify({ error: '"nodes" must be a positive integer' }));
        continue;
      }
      if (typeof seed !== "string" && typeof seed !== "number") {
        write(JSON.stringify({ error: '"seed" must be a string or a number' }));
        continue;
      }
      try {
        lab = newLab(nodes, String(seed));
      } catch (e) {
        write(JSON.stringify({ error: (e as Error).message }));
        continue;
      }
      write(JSON.stringify({ ok: true }));
    } else if (typeof m.download === "string") {
      const colon = m.download.indexOf(":");
      if (colon < 0) {
        write(JSON.stringify({ error: 'expected "download": "<node>:<path>"' }));
        continue;
      }
      const bytes = lab.readFile(m.download.slice(0, colon), m.download.slice(colon + 1));
      if (!bytes) write(JSON.stringify({ error: `no such file: ${m.download}` }));
      else write(JSON.stringify({ base64: Buffer.from(bytes).toString("base64") }));
    } else if (typeof m.node === "string" && typeof m.command === "string") {
      const res = await lab.exec(m.node, m.command);
      write(JSON.stringify({ stdout: stripAnsi(res.stdout), stderr: stripAnsi(res.stderr), exitCode: res.exitCode }));
    } else {
      write(JSON.stringify({ error: 'expected {"node","command"}, {"reset":true} or {"download":"<node>:<path>"}' }));
    }
  }
  return 0;
}

async function runRepl(args: Args): Promise<number> {
  const lab = newLab(args.nodes, args.seed);
  const pane = "node-1";
  const rl = readline.createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: process.stdin.isTTY,
    completer: (line: string) => {
      const c = lab.complete(pane, line, line.length);
      return [c.candidates, line.slice(c.start)];
    },
  });
  let running: AbortController | null = null;
  rl.on("SIGINT", () => {
    if (running) running.abort("SIGINT");
    else {
      process.stdout.write("^C\n");
      rl.setPrompt(lab.prompt(pane));
      rl.prompt();
    }
  });
  rl.setPrompt(lab.prompt(pane));
  rl.prompt();
  for await (const line of rl) {
    running = new AbortController();
    const res = await lab.exec(pane, line, {
      signal: running.signal,
      tty: Boolean(process.stdout.isTTY),
      columns: process.stdout.columns,
      onOutput: ({ stream, text }) => (stream === "stdout" ? process.stdout : process.stderr).write(text),
    });
    running = null;
    if (res.clear) process.stdout.write("\u001b[2J\u001b[H");
    if (res.exit) break;
    rl.setPrompt(lab.prompt(pane));
    rl.prompt();
  }
  rl.close();
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === "string") {
    (args === USAGE ? process.stdout : process.stderr).write(args);
    return args === USAGE ? 0 : 2;
  }
  if (args.json) return runJson(args, process.stdin, (line) => process.stdout.write(line + "\n"));
  return runRepl(args);
}
