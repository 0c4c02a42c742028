/**
 * The docker command tree: management commands with subcommands and aliases, leaf commands from their
 * specs, `--help` in docker's format, and the usage errors docker ≥ 28 prints (docker/cli cli/required.go,
 * cli/cobra.go FlagErrorFunc, cmd/docker/docker.go), each with its stream and exit code.
 */
import { flagUsages } from "./help";
import { parseFlags } from "./flags";
import type { CommandIO, CommandContext, CommandSpec, FlagSpec, GroupSpec } from "./types";

/**
 * docker's global options (docker/cli cli/flags/options.go InstallFlags, cmd/docker/docker.go for --version);
 * Tab completes `--context` (the one context the lab has) and `--log-level` as cmd/docker/completions.go does.
 */
export const DOCKER_GLOBAL_FLAGS: FlagSpec[] = [
  { name: "config", type: "string", default: "/root/.docker", usage: "Location of client config files" },
  {
    name: "context",
    short: "c",
    type: "string",
    usage: 'Name of the context to use to connect to the daemon (overrides DOCKER_HOST env var and default context set with "docker context use")',
    values: ["default"],
  },
  { name: "debug", short: "D", type: "bool", usage: "Enable debug mode" },
  { name: "host", short: "H", type: "list", usage: "Daemon socket to connect to" },
  { name: "log-level", short: "l", type: "string", default: "info", usage: 'Set the logging level ("debug", "info", "warn", "error", "fatal")', values: ["debug", "info", "warn", "error", "fatal", "panic"] },
  { name: "tls", type: "bool", usage: "Use TLS; implied by --tlsverify" },
  { name: "tlscacert", type: "string", default: "/root/.docker/ca.pem", usage: "Trust certs signed only by this CA" },
  { name: "tlscert", type: "string", default: "/root/.docker/cert.pem", usage: "Path to TLS certificate file" },
  { name: "tlskey", type: "string", default: "/root/.docker/key.pem", usage: "Path to TLS key file" },
  { name: "tlsverify", type: "bool", usage: "Use TLS and verify the remote" },
  { name: "version", short: "v", type: "bool", usage: "Print version information and quit" },
];

export interface TreeNode {
  name: string;
  aliases: string[];
  path: string[];
  short: string;
  spec?: CommandSpec;
  group?: GroupSpec;
  children: TreeNode[];
  /** Listed under "Swarm Commands" in the root help (node, service, swarm, …). */
  swarm?: boolean;
  /** Root only: what `docker --version` prints, e.g. "Docker version 29.0.1, build abc1234". */
  version?: string;
}

/** Builds the tree rooted at `root` ("docker") from groups and leaf specs, in declaration order. */
export function buildTree(root: string, short: string, groups: readonly GroupSpec[], specs: readonly CommandSpec[], version?: string): TreeNode {
  const top: TreeNode = { name: root, aliases: [], path: [root], short, children: [], version };
  const ensure = (path: string[]): TreeNode => {
    let node = top;
    for (const seg of path) {
      let next = node.children.find((c) => c.name === seg);
      if (!next) {
        next = { name: seg, aliases: [], path: [...node.path, seg], short: "", children: [] };
        node.children.push(next);
      }
      node = next;
    }
    return node;
  };
  for (const g of groups) {
    const n = ensure(g.path);
    n.group = g;
    n.short = g.short;
    n.aliases = g.aliases ?? [];
    n.swarm = g.swarm;
  }
  for (const s of specs) {
    const n = ensure(s.path);
    n.spec = s;
    n.short = s.short;
    n.aliases = s.aliases ?? [];
  }
  // A management command with no subcommand yet is left out, as cobra hides commands that cannot run.
  const prune = (n: TreeNode) => {
    n.children = n.children.filter((c) => c.spec || (prune(c), c.children.length > 0));
  };
  prune(top);
  return top;
}

function find(node: TreeNode, word: string): TreeNode | undefined {
  return node.children.find((c) => c.name === word || c.aliases.includes(word));
}

export function usageLine(node: TreeNode): string {
  if (node.spec) return [...node.path.slice(0, -1), node.spec.use].join(" ");
  return node.path.join(" ");
}

const pad = (s: string, n: number) => s + " ".repeat(Math.max(0, n - s.length));

/** Docker's help for a command or management command (cli/cobra.go usageTemplate). */
/**
 * A command's help as docker prints it on a terminal `columns` wide (docker/cli's wrappedFlagUsages: the
 * option usages wrapped to the width less one; 80 columns when there is no terminal).
 */
export function helpText(node: TreeNode, columns = 80): string {
  const cols = Math.max(1, columns - 1);
  const path = node.path.join(" ");
  // cobra lists subcommands sorted by name (EnableCommandSorting).
  const visible = node.children.filter((c) => !c.spec?.hidden).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // docker's helpTemplate is "\n{{- if …}}": the trim marker eats its leading newline, so help starts at "Usage:".
  let out = "Usage:";
  out += visible.length > 0 ? `  ${path}${node.path.length === 1 ? " [OPTIONS]" : ""} COMMAND` : `  ${usageLine(node)}`;
  out += `\n\n${node.short}`;
  if (node.aliases.length > 0 || node.spec?.aliasPaths) {
    const parent = node.path.slice(0, -1).join(" ");
    const list = node.spec?.aliasPaths ?? [path, ...node.aliases.map((a) => `${parent} ${a}`)];
    out += `\n\nAliases:\n  ${list.join(", ")}`;
  }
  if (node.spec && node.path.length > 1) {
    const usages = flagUsages(node.spec.flags, cols);
    if (usages) out += `\n\nOptions:\n${usages}`;
  }
  const groups = visible.filter((c) => c.children.length > 0);
  const leaves = visible.filter((c) => c.children.length === 0);
  // cobra's NamePadding: the longest sibling name, at least 11.
  const width = Math.max(11, ...node.children.map((c) => c.name.length));
  const section = (title: string, list: TreeNode[], deco: string) => {
    if (list.length === 0) return;
    out += `\n\n${title}:`;
    for (const c of list) out += deco ? `\n  ${pad(c.name + deco, width + 1)}${c.short}` : `\n  ${pad(c.name, width)} ${c.short}`;
  };
  if (node.path.length === 1) section("Common Commands", leaves.filter((c) => c.spec?.top !== undefined).sort((a, b) => a.spec!.top! - b.spec!.top!), " ");
  section("Management Commands", groups.filter((g) => !g.swarm), " ");
  section("Swarm Commands", groups.filter((g) => g.swarm), " ");
  section("Commands", node.path.length === 1 ? leaves.filter((c) => c.spec?.top === undefined) : leaves, "");
  if (node.path.length === 1) out += `\n\nGlobal Options:\n${flagUsages(DOCKER_GLOBAL_FLAGS, cols)}`;
  if (visible.length > 0) out += `\n\nRun '${path} COMMAND --help' for more information on a command.`;
  // docker's root command carries the "additionalHelp" annotation (cli/cobra.go).
  if (node.path.length === 1) out += "\n\nFor more help on how to use Docker, head to https://docs.docker.com/go/guides/";
  return out + "\n";
}

/** pflag's notice for docker's deprecated `-h` (root PersistentFlags: MarkShorthandDeprecated("help", "use --help")). */
export const HELP_SHORTHAND = "Flag shorthand -h has been deprecated, use --help\n";

export interface DispatchEnv {
  ctx: CommandContext;
  io: CommandIO;
}

/** Runs argv (argv[0] is the root's name) through the tree; returns the exit code. */
export async function dispatch(root: TreeNode, argv: string[], { ctx, io }: DispatchEnv): Promise<number> {
  const bin = root.name;
  let node = root;
  // Global options come before the command (docker parses them with interspersed off).
  const global = parseFlags(DOCKER_GLOBAL_FLAGS, argv.slice(1), { interspersed: false });
  if (!global.ok) {
    io.err(`${global.error}\n\nUsage:  ${bin} [OPTIONS] COMMAND [ARG...]\n\nRun '${bin} --help' for more information\n`);
    return 125;
  }
  argv = [bin, ...global.args];
  if (global.help) {
    if (global.helpShorthand) io.err(HELP_SHORTHAND);
    io.out(helpText(root, io.columns));
    return 0;
  }
  if (global.flags.get("version") && root.version) {
    io.out(root.version + "\n");
    return 0;
  }
  let i = 1;
  if (argv[1] === "help") {
    // cobra's help command: `docker help network create`
    let target = root;
    for (const w of argv.slice(2)) {
      const next = find(target, w);
      if (!next) {
        io.err(`unknown help topic: ${argv.slice(2).join(" ")}\n`);
        return 1;
      }
      target = next;
    }
    io.out(helpText(target, io.columns));
    return 0;
  }
  while (i < argv.length && node.children.length > 0) {
    const next = find(node, argv[i]);
    if (!next) break;
    node = next;
    i++;
  }
  const rest = argv.slice(i);
  if (!node.spec) {
    if (rest.length === 0 || rest[0] === "--help" || rest[0] === "-h") {
      if (rest[0] === "-h") io.err(HELP_SHORTHAND);
      io.out(helpText(node, io.columns));
      return 0;
    }
    if (node === root) {
      io.err(`${bin}: unknown command: ${bin} ${rest[0]}\n\nRun '${bin} --help' for more information\n`);
      return 1;
    }
    const path = node.path.join(" ");
    if (rest[0].startsWith("-")) {
      const parsed = parseFlags([], rest);
      const error = parsed.ok ? `unknown command: ${rest[0]}` : parsed.error;
      // FlagErrorFunc prints the command's UseLine, which for a management command is its path.
      io.err(`${error}\n\nUsage:  ${path}\n\nRun '${path} --help' for more information\n`);
      return 125;
    }
    io.err(`${bin}: unknown command: ${path} ${rest[0]}\n\nUsage:  ${path}\n\nRun '${path} --help' for more information\n`);
    return 1;
  }
  const spec = node.spec;
  if (spec.unsupported) {
    io.err(spec.unsupported);
    return 1;
  }
  const path = node.path.join(" ");
  const use = usageLine(node);
  const parsed = parseFlags(spec.flags, rest, { interspersed: spec.interspersed });
  if (!parsed.ok) {
    io.err(`${parsed.error}\n\nUsage:  ${use}\n\nRun '${path} --help' for more information\n`);
    return 125;
  }
  if (parsed.help) {
    if (parsed.helpShorthand) io.err(HELP_SHORTHAND);
    io.out(helpText(node, io.columns));
    return 0;
  }
  const n = parsed.args.length;
  const a = spec.args;
  const plural = (k: number) => (k === 1 ? "argument" : "arguments");
  let error: string | undefined;
  switch (a.kind) {
    case "none":
      if (n > 0) error = `${bin}: '${path}' accepts no arguments\n\nUsage:  ${use}\n\nRun '${path} --help' for more information`;
      break;
    case "exact":
      if (n !== a.n) error = `${bin}: '${path}' requires ${a.n} ${plural(a.n)}\n\nUsage:  ${use}\n\nRun '${path} --help' for more information`;
      break;
    case "min":
      if (n < a.n) error = `${bin}: '${path}' requires at least ${a.n} ${plural(a.n)}\n\nUsage:  ${use}\n\nSee '${path} --help' for more information`;
      break;
    case "max":
      // docker/cli's RequiresMaxArgs prints "SRun" (a typo in its format string); reproduced as docker prints it.
      if (n > a.n) error = `${bin}: '${path}' requires at most ${a.n} ${plural(a.n)}\n\nUsage:  ${use}\n\nSRun '${path} --help' for more information`;
      break;
    case "range":
      if (n < a.n || n > a.m) error = `${bin}: '${path}' requires at least ${a.n} and at most ${a.m} ${plural(a.m)}\n\nUsage:  ${use}\n\nRun '${path} --help' for more information`;
      break;
  }
  if (error) {
    io.err(error + "\n");
    return 1;
  }
  return spec.run({ ...ctx, flags: parsed.flags, args: parsed.args }, io);
}
