/**
 * The world as plain JSON: everything the simulator knows, so a snapshot is `structuredClone(state)`
 * and the same seed with the same operations gives byte-identical states.
 */
export const SCHEMA_VERSION = 1;

export type Role = "manager" | "worker";
export type Availability = "active" | "pause" | "drain";

export interface NetworkBase {
  id: string;
  name: string;
  createdAt: number;
  subnet: string | null;
  gateway: string | null;
  internal: boolean;
  attachable: boolean;
  labels: Record<string, string>;
  /** Driver options as given (`-o encrypted` is stored as `encrypted: ""`, as Docker does). */
  options: Record<string, string>;
  /** Addresses in use: IP → the VIP's service ID or the task/container ID. */
  endpoints: Record<string, string>;
  /** Where the next address search starts (serial allocation), as an IP. */
  nextIp: string | null;
  /** `--ip-range`: containers get addresses from this part of the subnet only. */
  ipRange?: string;
  /** `--aux-address name=ip`: addresses IPAM never hands out (bridges; swarmkit drops them for overlays). */
  auxAddresses?: Record<string, string>;
  /** `--ipam-opt`, as the daemon keeps them (`{}` for a network the CLI created); absent shows `null`. */
  ipamOptions?: Record<string, string>;
}

/** A network of one engine: bridge, host or null driver. */
export interface LocalNetwork extends NetworkBase {
  driver: "bridge" | "host" | "null";
  scope: "local";
}

/** A swarm-scoped overlay, known to every manager. */
export interface SwarmNetwork extends NetworkBase {
  driver: "overlay";
  scope: "swarm";
  ingress: boolean;
  /** VXLAN network identifier: ingress 4096, then one per overlay in creation order. */
  vni: number;
}

/** Any network: an engine's local one or a swarm overlay. */
export type Network = LocalNetwork | SwarmNetwork;

export interface PortConfig {
  protocol: "tcp" | "udp" | "sctp";
  targetPort: number;
  publishedPort: number;
  publishMode: "ingress" | "host";
}

/** How a rolling update (or rollback) paces itself: Docker's UpdateConfig / RollbackConfig. */
export interface UpdateConfig {
  /** Tasks replaced at a time; 0 replaces all at once. */
  parallelism: number;
  /** Pause after each task is replaced, virtual ms. */
  delay: number;
  failureAction: "pause" | "continue" | "rollback";
  /** How long a replaced task is watched for failure, virtual ms. */
  monitor: number;
  maxFailureRatio: number;
  order: "stop-first" | "start-first";
}

/** Docker's UpdateStatus, as `docker service inspect` shows it. */
export interface UpdateStatus {
  state: "updating" | "paused" | "completed" | "rollback_started" | "rollback_paused" | "rollback_completed";
  startedAt: number;
  completedAt: number | null;
  message: string;
}

/** A rolling update in progress: which slots are left and what happens next, in virtual time. */
export interface Rollout {
  kind: "update" | "rollback";
  /** Slots (replicated) or node IDs (global) still to replace, in order. */
  queue: (number | string)[];
  /** The replacement tasks of the batch now starting, with the tasks they replace. */
  batch: { taskId: string; replaces: string[] }[];
  /** "starting": the batch comes up at `at`; "delay": the next batch starts at `at`; "monitor": done at `at`. */
  phase: "starting" | "delay" | "monitor";
  at: number;
  /** Tasks this rollout started → when they came up; a failure within the monitor window counts. */
  started: Record<string, number>;
  failures: number;
  /** Slots the rollout had to replace (Docker's failure ratio divides by it). */
  dirty: number;
}

/** Docker's task Resources (`--limit-*`, `--reserve-*`): zero means not set, as in the API. */
export interface ServiceResources {
  limits: { nanoCPUs: number; memoryBytes: number; pids: number };
  reservations: { nanoCPUs: number; memoryBytes: number };
}

/** Docker's RestartPolicy (`--restart-*`); delay and window in virtual ms. */
export interface RestartPolicy {
  condition: "none" | "on-failure" | "any";
  delay: number;
  maxAttempts: number;
  window: number;
}

/** The part of a service `docker service update` changes and `docker service rollback` restores. */
export type ServiceSpecState = Pick<
  ServiceState,
  | "image"
  | "replicas"
  | "networks"
  | "ports"
  | "endpointMode"
  | "constraints"
  | "env"
  | "labels"
  | "args"
  | "forceUpdate"
  | "updateConfig"
  | "rollbackConfig"
  | "hostname"
  | "containerLabels"
  | "resources"
  | "restartPolicy"
  | "placementPrefs"
  | "maxReplicas"
  | "aliases"
>;

export interface ServiceState {
  id: string;
  name: string;
  image: string;
  mode: "replicated" | "global";
  replicas: number;
  /** Overlay network IDs the service's tasks attach to. */
  networks: string[];
  /** `--network host` / `--network none` (swarm's predefined networks): the tasks use the node's network stack, or none. */
  hostNetwork?: "host" | "none";
  ports: PortConfig[];
  endpointMode: "vip" | "dnsrr";
  constraints: string[];
  env: string[];
  /** Service labels (`--label`, `--label-add`). */
  labels: Record<string, string>;
  /** The container's command arguments (`--args`, or COMMAND ARG... after the image at create). */
  args: string[];
  /** `--hostname`, a swarmkit template (`{{.Node.Hostname}}`, `{{.Task.Slot}}`, …) expanded per task. */
  hostname?: string;
  /** `--container-label`: labels on each task's container. */
  containerLabels?: Record<string, string>;
  /** `--limit-*` / `--reserve-*`; a memory reservation is what the scheduler checks against each node. */
  resources?: ServiceResources;
  /** `--restart-*`, when any was given (Docker shows its defaults otherwise). */
  restartPolicy?: RestartPolicy;
  /** `--placement-pref spread=<descriptor>`: the descriptors, in order. */
  placementPrefs?: string[];
  /** `--replicas-max-per-node` (0 or absent: no limit). */
  maxReplicas?: number;
  /** Network ID → the aliases the service answers to there (`--network name=…,alias=…`). */
  aliases?: Record<string, string[]>;
  /** Bumped by `--force` so every task is out of date (Docker's TaskTemplate.ForceUpdate). */
  forceUpdate: number;
  updateConfig: UpdateConfig;
  rollbackConfig: UpdateConfig;
  /** Virtual IP per network (endpoint mode vip), including ingress when ports are published there. */
  vips: Record<string, string>;
  createdAt: number;
  updatedAt: number;
  /** Docker's Version.Index: moves on every write to the service. */
  version: number;
  /** The spec before the last update (Docker's PreviousSpec), what a rollback restores. */
  previousSpec?: ServiceSpecState;
  updateStatus?: UpdateStatus;
  rollout?: Rollout;
}

export type TaskStateName = "new" | "pending" | "assigned" | "ready" | "starting" | "running" | "complete" | "shutdown" | "failed" | "rejected";

export interface TaskState {
  id: string;
  serviceId: string;
  /** Replicated services number their tasks 1…N; global ones key them by node. */
  slot: number | null;
  nodeId: string | null;
  /** "ready": a restart's replacement, prepared and waiting out the restart delay before it runs. */
  desiredState: "running" | "ready" | "shutdown";
  state: TaskStateName;
  stateAt: number;
  error: string | null;
  containerId: string | null;
  /** Network ID → address of this task on it. */
  addresses: Record<string, string>;
  createdAt: number;
  /** The image the task runs: the service's image when the task was made. */
  image?: string;
  /** The service spec the task was made from, as a key, and its placement constraints (out-of-date checks). */
  spec?: string;
  constraints?: string[];
  /**
   * What the task's container printed, kept when the container goes (Docker keeps a stopped task's
   * container, and so its log, until the task is pruned from the history).
   */
  logs?: LogEntry[];
  /** When the restart policy made this task to replace one whose process ended (max-attempts counting). */
  restartedAt?: number;
  /**
   * Its process ended and the restart policy starts no replacement: the task keeps its slot, so the
   * orchestrator leaves the slot as it is (swarmkit's UpdatableTasksInSlot) until the spec or scale changes.
   */
  final?: boolean;
}

/**
 * Something due to a task at a virtual time: its process ends (with `code`), its restart delay is over, or
 * its node gives up preparing it (an image no registry has: the task is rejected).
 */
export interface TaskTimer {
  at: number;
  taskId: string;
  kind: "exit" | "start" | "reject";
  code?: number;
}

export interface ContainerState {
  id: string;
  name: string;
  image: string;
  hostname: string;
  taskId: string | null;
  /** "created": `docker run` made it but could not start it (e.g. a non-attachable overlay). */
  state: "created" | "running" | "exited";
  /** Network ID → address. */
  addresses: Record<string, string>;
  /** The networks a standalone container was created on (it rejoins them when started again). */
  networks?: string[];
  /** What `docker network connect` asked for on a network (network ID → settings), kept across restarts. */
  endpointConfig?: Record<string, EndpointConfig>;
  createdAt: number;
  /** What `docker run` was told to run (absent: the image's default), as inspect's Path/Args and ps's COMMAND show it. */
  command?: string[];
  /** `docker run -e` variables, on top of the image's. */
  env?: string[];
  /** `docker run --label`. */
  labels?: Record<string, string>;
  /** `docker run -p`: ports bound on the host and forwarded to the container (userland proxy and DNAT). */
  ports?: ContainerPort[];
  /** Set when the main process ended: its exit code and when. */
  exitCode?: number;
  finishedAt?: number;
  /**
   * What the container's process printed after its image's startup lines (e.g. nginx access-log lines for
   * requests it answered), oldest first, bounded to the last LOG_LIMIT entries.
   */
  logs?: LogEntry[];
}

/** A container's requested settings on one network (Docker's EndpointSettings as the user gives them). */
export interface EndpointConfig {
  /** `--alias`: more names the embedded DNS answers with this container's address on that network. */
  aliases?: string[];
  /** `--ip`: the static IPv4 address (Docker's IPAMConfig.IPv4Address). */
  ipv4?: string;
  /** `--gw-priority`: the network with the highest value provides the default route. */
  gwPriority?: number;
}

export interface ContainerPort {
  hostIp: string;
  hostPort: number;
  containerPort: number;
  protocol: "tcp" | "udp";
}

export interface LogEntry {
  /** Virtual time of the line, ms since the epoch. */
  at: number;
  stream: "stdout" | "stderr";
  /** One line, without its newline. */
  text: string;
}

export const LOG_LIMIT = 200;

export interface FirewallRule {
  protocol: "all" | "tcp" | "udp" | "icmp" | "esp";
  /** Destination / source port, for tcp and udp. */
  dport?: number;
  sport?: number;
  /** Peer address (IPv4, optionally /prefix) the rule is limited to. */
  source?: string;
  destination?: string;
  target: "ACCEPT" | "DROP" | "REJECT";
}

export interface HostState {
  name: string;
  /** Underlay address on eth0: node-k is 192.168.1.(10·k). */
  ip: string;
  up: boolean;
  /** The swarm this host's engine is part of, and its node ID there. */
  swarmId: string | null;
  nodeId: string | null;
  networks: Record<string, LocalNetwork>;
  containers: Record<string, ContainerState>;
  /** Overlays this engine has an endpoint on (a task's, or a standalone container's until it stops): what a worker lists. */
  overlays?: string[];
  /** Underlay firewall (iptables filter table), first matching rule wins, default ACCEPT. */
  firewall: { INPUT: FirewallRule[]; OUTPUT: FirewallRule[] };
  /** Files written inside the world (e.g. `tcpdump -w /tmp/c.pcap`): path → base64 content. */
  files: Record<string, string>;
}

export interface NodeState {
  id: string;
  hostname: string;
  addr: string;
  role: Role;
  availability: Availability;
  /** Cleared when the host leaves; the node stays listed as Down until removed. */
  status: "ready" | "down";
  /** Node labels (`docker node update --label-add`), which `node.labels.<k>` constraints read. */
  labels: Record<string, string>;
  leader: boolean;
  createdAt: number;
  /**
   * The node's load-balancer address on each overlay (not ingress) where one of its live tasks or standalone
   * containers has an endpoint: swarmkit's node network attachments, libnetwork's `lb-<net>` sandbox.
   */
  lbAddresses?: Record<string, string>;
}

export interface SwarmState {
  id: string;
  createdAt: number;
  caDigest: string;
  secrets: Record<Role, string>;
  dataPathPort: number;
  defaultAddrPool: string[];
  subnetSize: number;
  nodes: Record<string, NodeState>;
  networks: Record<string, SwarmNetwork>;
  nextVni: number;
  services: Record<string, ServiceState>;
  tasks: Record<string, TaskState>;
  /** Pending task timers, earliest first; absent while no task's process is due to end or restart. */
  taskTimers?: TaskTimer[];
  /** What `docker swarm update` and `docker swarm ca --rotate` changed; absent fields keep Docker's defaults. */
  settings?: SwarmSettings;
  /** The store's version counter (Docker's Version.Index): every write to a service takes the next one. */
  storeVersion?: number;
}

/** The parts of swarmkit's cluster spec a learner can change, as `docker info` and `docker swarm update` show them. */
export interface SwarmSettings {
  taskHistoryLimit?: number;
  snapshotInterval?: number;
  keepOldSnapshots?: number;
  dispatcherHeartbeatMs?: number;
  certExpiryMs?: number;
  externalCAs?: { protocol: string; url: string }[];
  autolock?: boolean;
  /** `SWMKEY-1-…`, kept while autolock is on. */
  unlockKey?: string;
  /** When the current root CA was made: the swarm's creation, until `docker swarm ca --rotate`. */
  rootCAAt?: number;
  /** Rotations without a given certificate (swarmkit's ForceRotate counter). */
  forceRotate?: number;
}

export interface WorldState {
  schemaVersion: typeof SCHEMA_VERSION;
  seed: string;
  /** The RNG's state, so a restored world continues the same sequence. */
  rng: [number, number, number, number];
  /** Virtual time, ms since the epoch. */
  now: number;
  hosts: Record<string, HostState>;
  /** Usually one; a host that runs `swarm init` outside a swarm starts another, as on real machines. */
  swarms: Record<string, SwarmState>;
  /** IPVS round-robin position per service and network ("<service>/<network>" → next index). */
  ipvs?: Record<string, number>;
}

/** Every lab starts at the same moment, so "2 minutes ago" reads the same in every run. */
export const EPOCH = Date.UTC(2026, 0, 5, 9, 0, 0);
