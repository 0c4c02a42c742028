/**
 * Every command of docker's command line (as `docker --help` and each management command's help list
 * them, Docker 28.2/29), so help reads as docker's does. The ones this simulator does not model (images,
 * volumes, builds, registries, stacks, …) answer with a clear message instead of an unknown-command error.
 */
import type { CommandSpec, GroupSpec } from "../../types";

/** `docker --help`'s "Common Commands", in its order. */
export const COMMON_COMMANDS = ["run", "exec", "ps", "build", "pull", "push", "images", "login", "logout", "search", "version", "info"];

/** Root-level commands: name → short description. */
const ROOT: Record<string, string> = {
  run: "Create and run a new container from an image",
  exec: "Execute a command in a running container",
  ps: "List containers",
  build: "Build an image from a Dockerfile",
  pull: "Download an image from a registry",
  push: "Upload an image to a registry",
  images: "List images",
  login: "Authenticate to a registry",
  logout: "Log out from a registry",
  search: "Search Docker Hub for images",
  version: "Show the Docker version information",
  info: "Display system-wide information",
  attach: "Attach local standard input, output, and error streams to a running container",
  commit: "Create a new image from a container's changes",
  cp: "Copy files/folders between a container and the local filesystem",
  create: "Create a new container",
  diff: "Inspect changes to files or directories on a container's filesystem",
  events: "Get real time events from the server",
  export: "Export a container's filesystem as a tar archive",
  history: "Show the history of an image",
  import: "Import the contents from a tarball to create a filesystem image",
  inspect: "Return low-level information on Docker objects",
  kill: "Kill one or more running containers",
  load: "Load an image from a tar archive or STDIN",
  logs: "Fetch the logs of a container",
  pause: "Pause all processes within one or more containers",
  port: "List port mappings or a specific mapping for the container",
  rename: "Rename a container",
  restart: "Restart one or more containers",
  rm: "Remove one or more containers",
  rmi: "Remove one or more images",
  save: "Save one or more images to a tar archive (streamed to STDOUT by default)",
  start: "Start one or more stopped containers",
  stats: "Display a live stream of container(s) resource usage statistics",
  stop: "Stop one or more running containers",
  tag: "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE",
  top: "Display the running processes of a container",
  unpause: "Unpause all processes within one or more containers",
  update: "Update configuration of one or more containers",
  wait: "Block until one or more containers stop, then print their exit codes",
};

/** Management commands: name → [short, swarm section, { subcommand → short }]. */
const GROUPS: Record<string, [string, boolean, Record<string, string>]> = {
  builder: ["Manage builds", false, { build: "Build an image from a Dockerfile", prune: "Remove build cache" }],
  checkpoint: ["Manage checkpoints", false, { create: "Create a checkpoint from a running container", ls: "List checkpoints for a container", rm: "Remove a checkpoint" }],
  container: ["Manage containers", false, { attach: "Attach local standard input, output, and error streams to a running container", commit: "Create a new image from a container's changes", cp: "Copy files/folders between a container and the local filesystem", create: "Create a new container", diff: "Inspect changes to files or directories on a container's filesystem", exec: "Execute a command in a running container", export: "Export a container's filesystem as a tar archive", inspect: "Display detailed information on one or more containers", kill: "Kill one or more running containers", logs: "Fetch the logs of a container", ls: "List containers", pause: "Pause all processes within one or more containers", port: "List port mappings or a specific mapping for the container", prune: "Remove all stopped containers", rename: "Rename a container", restart: "Restart one or more containers", rm: "Remove one or more containers", run: "Create and run a new container from an image", start: "Start one or more stopped containers", stats: "Display a live stream of container(s) resource usage statistics", stop: "Stop one or more running containers", top: "Display the running processes of a container", unpause: "Unpause all processes within one or more containers", update: "Update configuration of one or more containers", wait: "Block until one or more containers stop, then print their exit codes" }],
  context: ["Manage contexts", false, { create: "Create a context", export: "Export a context to a tar archive FILE or a tar stream on STDOUT.", import: "Import a context from a tar or zip file", inspect: "Display detailed information on one or more contexts", ls: "List contexts", rm: "Remove one or more contexts", show: "Print the name of the current context", update: "Update a context", use: "Set the current docker context" }],
  image: ["Manage images", false, { build: "Build an image from a Dockerfile", history: "Show the history of an image", import: "Import the contents from a tarball to create a filesystem image", inspect: "Display detailed information on one or more images", load: "Load an image from a tar archive or STDIN", ls: "List images", prune: "Remove unused images", pull: "Download an image from a registry", push: "Upload an image to a registry", rm: "Remove one or more images", save: "Save one or more images to a tar archive (streamed to STDOUT by default)", tag: "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE" }],
  manifest: ["Manage Docker image manifests and manifest lists", false, { annotate: "Add additional information to a local image manifest", create: "Create a local manifest list for annotating and pushing to a registry", inspect: "Display an image manifest, or manifest list", push: "Push a manifest list to a repository", rm: "Delete one or more manifest lists from local storage" }],
  network: ["Manage networks", false, { connect: "Connect a container to a network", create: "Create a network", disconnect: "Disconnect a container from a network", inspect: "Display detailed information on one or more networks", ls: "List networks", prune: "Remove all unused networks", rm: "Remove one or more networks" }],
  plugin: ["Manage plugins", false, { create: "Create a plugin from a rootfs and configuration. Plugin data directory must contain config.json and rootfs directory.", disable: "Disable a plugin", enable: "Enable a plugin", inspect: "Display detailed information on one or more plugins", install: "Install a plugin", ls: "List plugins", push: "Push a plugin to a registry", rm: "Remove one or more plugins", set: "Change settings for a plugin", upgrade: "Upgrade an existing plugin" }],
  system: ["Manage Docker", false, { df: "Show docker disk usage", events: "Get real time events from the server", info: "Display system-wide information", prune: "Remove unused data" }],
  trust: ["Manage trust on Docker images", false, { inspect: "Return low-level information about keys and signatures", revoke: "Remove trust for an image", sign: "Sign an image" }],
  volume: ["Manage volumes", false, { create: "Create a volume", inspect: "Display detailed information on one or more volumes", ls: "List volumes", prune: "Remove unused local volumes", rm: "Remove one or more volumes", update: "Update a volume (cluster volumes only)" }],
  config: ["Manage Swarm configs", true, { create: "Create a config from a file or STDIN", inspect: "Display detailed information on one or more configs", ls: "List configs", rm: "Remove one or more configs" }],
  node: ["Manage Swarm nodes", true, { demote: "Demote one or more nodes from manager in the swarm", inspect: "Display detailed information on one or more nodes", ls: "List nodes in the swarm", promote: "Promote one or more nodes to manager in the swarm", ps: "List tasks running on one or more nodes, defaults to current node", rm: "Remove one or more nodes from the swarm", update: "Update a node" }],
  secret: ["Manage Swarm secrets", true, { create: "Create a secret from a file or STDIN as content", inspect: "Display detailed information on one or more secrets", ls: "List secrets", rm: "Remove one or more secrets" }],
  service: ["Manage Swarm services", true, { create: "Create a new service", inspect: "Display detailed information on one or more services", logs: "Fetch the logs of a service or task", ls: "List services", ps: "List the tasks of one or more services", rm: "Remove one or more services", rollback: "Revert changes to a service's configuration", scale: "Scale one or multiple replicated services", update: "Update a service" }],
  stack: ["Manage Swarm stacks", true, { config: "Outputs the final config file, after doing merges and interpolations", deploy: "Deploy a new stack or update an existing stack", ls: "List stacks", ps: "List the tasks in the stack", rm: "Remove one or more stacks", services: "List the services in the stack" }],
  swarm: ["Manage Swarm", true, { ca: "Display and rotate the root CA", init: "Initialize a swarm", join: "Join a swarm as a node and/or manager", "join-token": "Manage join tokens", leave: "Leave the swarm", unlock: "Unlock swarm", "unlock-key": "Manage the unlock key", update: "Update the swarm" }],
};

/** Why a command is not here, by command or management command, for the message it prints. */
const WHY: Record<string, string> = {
  image: "images are built in (nginx, alpine, busybox, nicolaka/netshoot, and any other name runs as a plain container)",
  builder: "images are built in; there is nothing to build",
  volume: "containers here have no volumes",
  stack: "deploy services with `docker service create` instead",
  config: "services here take no configs",
  secret: "services here take no secrets",
  context: "there is one engine per node; use `ssh node-N` to switch",
  plugin: "the overlay driver is built in",
  trust: "images are built in",
  manifest: "images are built in",
  checkpoint: "containers here are not checkpointed",
};
const IMAGE_COMMANDS = new Set(["build", "pull", "push", "images", "login", "logout", "search", "history", "import", "load", "save", "tag", "rmi", "commit"]);

function message(path: string[]): string {
  const why = WHY[path[0]] ?? (IMAGE_COMMANDS.has(path[path.length - 1]) ? WHY.image : "this lab models swarms, networks, services and containers, not this command");
  return `docker ${path.join(" ")}: not supported in this simulator: ${why}\n`;
}

/**
 * The management commands and leaf commands of docker that `specs` does not provide, each answering with
 * a clear "not supported in this simulator" message (exit 1); and the root leaves' `top` order, so help
 * lists docker's Common Commands as docker does.
 */
export function withCatalog(specs: readonly CommandSpec[]): { specs: CommandSpec[]; groups: GroupSpec[] } {
  const have = new Set(specs.map((s) => s.path.join(" ")));
  const missing = (path: string[], short: string): CommandSpec => ({
    path,
    use: `${path[path.length - 1]} [OPTIONS]`,
    short,
    args: { kind: "any" },
    flags: [],
    unsupported: message(path),
    async run(_ctx, io) {
      io.err(message(path));
      return 1;
    },
  });
  const all = specs.map((s) => (s.path.length === 1 && COMMON_COMMANDS.includes(s.path[0]) ? { ...s, top: COMMON_COMMANDS.indexOf(s.path[0]) } : s));
  for (const [name, short] of Object.entries(ROOT)) {
    if (have.has(name)) continue;
    const spec = missing([name], short);
    all.push(COMMON_COMMANDS.includes(name) ? { ...spec, top: COMMON_COMMANDS.indexOf(name) } : spec);
  }
  const groups: GroupSpec[] = [];
  for (const [name, [short, swarm, subs]] of Object.entries(GROUPS)) {
    groups.push({ path: [name], short, swarm });
    for (const [sub, subShort] of Object.entries(subs)) if (!have.has(`${name} ${sub}`)) all.push(missing([name, sub], subShort));
  }
  return { specs: all, groups };
}
