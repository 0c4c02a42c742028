/**
 * sim-core: a deterministic simulator of a multi-node Docker Swarm, written in plain TypeScript with no
 * DOM, Node or UI dependency, so it runs in a browser, a Web Worker and Node alike.
 *
 * This module is the package's public surface. `createLab()` is the door for applications; the lower
 * floors below it are exported for tools and tests.
 */
export { createLab, type Lab, type LabExecOptions, type LabOptions, type OutputChunk, type ExecResult, type Completion } from "./lab";
export type { ExecOptions } from "./model/exec";
export { createRng, type Rng } from "./engine/rng";
export { caDigest, joinToken, localId, swarmId, tokenSecret, truncateId } from "./engine/ids";
export {
  AddressSpace,
  allocateSubnet,
  claimSubnet,
  contains,
  formatCidr,
  formatIp,
  GLOBAL_POOLS,
  LOCAL_POOLS,
  overlaps,
  parseCidr,
  parseIp,
  type Cidr,
  type IpamError,
} from "./net/ipam";
export { daemonErrorLine, errorText, type Result, type SimError } from "./engine/errors";
export { IMAGE_CATALOGUE, knownImage } from "./engine/images";
export { MAX_TASKS } from "./swarm/limits";
export { hostAddress, MAX_NODES, World, type SimEvent, type WorldOptions } from "./engine/world";
export { EPOCH, SCHEMA_VERSION, type HostState, type NodeState, type SwarmState, type WorldState } from "./model/state";
export {
  findNode,
  joinTokenFor,
  listNodes,
  managerStats,
  nodeOf,
  requireManager,
  setRole,
  swarmInit,
  swarmJoin,
  swarmLeave,
  swarmOf,
  type InitOptions,
} from "./swarm/cluster";
export {
  createNetwork,
  findNetwork,
  OVERLAY_MTU,
  removeNetwork,
  visibleNetworks,
  VNI_START,
  type Network,
  type NetworkSpec,
} from "./net/networks";
export type { LocalNetwork, SwarmNetwork } from "./model/state";
export { createService, findService, reconcile, removeService, scaleService, serviceTasks, setAvailability, setHostUp, taskName, containerName, type ServiceSpec } from "./swarm/services";
export { eligibleNodes, noSuitableNode, parseConstraint, pickNode, satisfies, type Constraint } from "./swarm/scheduler";
export { allocateEndpoint, releaseEndpoint } from "./net/networks";
export type { ContainerState, PortConfig, ServiceState, TaskState, TaskStateName } from "./model/state";
export { VirtualClock, type ClockOptions } from "./engine/clock";
export {
  createSandbox,
  type CaptureHandle,
  type CaptureOptions,
  type Sandbox,
  type SandboxEvents,
  type SandboxOptions,
  type CommandLine,
  type CommandLineFactory,
  type SimEventListener,
} from "./sandbox";
export { findContainer, removeContainer, runContainer, stopContainer, type RunSpec } from "./daemon/containers";
export { EMBEDDED_DNS, answerFor, resolve, hostOfContainer, type Answer } from "./net/dns";
export { conversationOpen, droppingRule, passes, ruleMatches, ruleSpec, verdict, type UnderlayPacket } from "./net/firewall";
export { GOSSIP_PORT, roundTrip, type Delivery, type Failure, type Hop } from "./net/path";
export { containerMac, encodeFrame, encodeInnerFrame, hostMac, pcapFile, vxlanSourcePort, type CapturedFrame } from "./net/pcap";
export type { FirewallRule } from "./model/state";
export { shellFactory, type CliShell, type CliOptions } from "./cli/index";
export { DOCKER_COMMANDS } from "./cli/commands/docker/index";
export { HOST_TOOLS } from "./cli/commands/host/index";
