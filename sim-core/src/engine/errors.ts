/**
 * Every daemon error the simulator can raise, as a code with data, and Docker's exact text for it in
 * one place (sources: moby daemon/cluster and swarmkit controlapi, as collected in the project's
 * Docker reference). The CLI prints `Error response from daemon: <text>`; the UI may explain a code.
 */
export type SimError =
  | { code: "not-swarm-manager" }
  | { code: "worker-not-manager" }
  | { code: "not-in-swarm" }
  | { code: "already-in-swarm" }
  | { code: "manager-leave"; data: { last: boolean; reachableAfter: number; total: number; losesQuorum: boolean } }
  | { code: "invalid-join-token" }
  | { code: "join-timeout"; data: { addr: string } }
  | { code: "data-path-port-range"; data: { port: number } }
  | { code: "node-not-found"; data: { ref: string } }
  | { code: "node-ambiguous"; data: { ref: string; matches: number } }
  | { code: "demote-last-manager" }
  | { code: "unknown-host"; data: { host: string } }
  | { code: "network-not-found"; data: { ref: string } }
  | { code: "network-ambiguous"; data: { ref: string; matches: number; by: "name" | "id" } }
  | { code: "network-name-taken"; data: { name: string } }
  | { code: "network-predefined-create"; data: { name: string; swarm: boolean } }
  | { code: "network-predefined-remove"; data: { name: string } }
  | { code: "ingress-exists"; data: { id: string } }
  | { code: "ingress-attachable" }
  | { code: "service-name-taken"; data: { name: string } }
  | { code: "service-not-found"; data: { ref: string } }
  | { code: "no-previous-spec"; data: { id: string } }
  | { code: "service-local-network"; data: { name: string } }
  | { code: "ingress-dnsrr" }
  | { code: "invalid-cpu-value"; data: { cpus: number } }
  | { code: "invalid-memory-value"; data: { bytes: number } }
  | { code: "invalid-spec"; data: { message: string } }
  | { code: "invalid-daemon-value"; data: { message: string } }
  | { code: "port-in-use"; data: { port: number; service: string; id: string; mode: "ingress" | "host" } }
  | { code: "invalid-constraint"; data: { problem: "operator" } | { problem: "key" | "value"; text: string } }
  | { code: "not-attachable"; data: { network: string } }
  | { code: "container-name-taken"; data: { name: string; id: string } }
  | { code: "port-allocated"; data: { name: string; endpoint: string; hostIp: string; hostPort: number } }
  | { code: "no-such-container"; data: { ref: string } }
  | { code: "container-rename-same" }
  | { code: "container-name-invalid"; data: { name: string } }
  | { code: "container-rename-invalid"; data: { name: string } }
  | { code: "container-rename-taken"; data: { name: string; id: string } }
  | { code: "container-not-running"; data: { id: string } }
  | { code: "endpoint-exists"; data: { container: string; network: string } }
  | { code: "not-connected"; data: { id: string; network: string } }
  | { code: "no-leader" }
  | { code: "node-not-down"; data: { id: string } }
  | { code: "node-is-manager"; data: { id: string } }
  | { code: "cert-expiry-too-short" }
  | { code: "negative-heartbeat" }
  | { code: "pool-overlap" }
  | { code: "pools-exhausted" }
  | { code: "invalid-json"; data: { cause: string } }
  | { code: "plugin-not-found"; data: { name: string } }
  | { code: "swarm-plugin-lookup"; data: { name: string } }
  | { code: "invalid-network-config"; data: { problems: NetworkConfigProblem[] } }
  | { code: "ipv4-or-ipv6" }
  | { code: "swarm-ipv4" }
  | { code: "scope-downgrade"; data: { driver: string } }
  | { code: "swarm-scope-inactive" }
  | { code: "swarm-scope-worker" }
  | { code: "only-one-instance"; data: { driver: string } }
  | { code: "aux-address-in-use"; data: { name: string; ip: string } }
  | { code: "address-in-use" }
  | { code: "invalid-endpoint-settings"; data: { problems: EndpointProblem[] } }
  | { code: "cluster-settings"; data: { cause: SimError } }
  | { code: "subnet-size-range"; data: { size: number } }
  | { code: "subnet-size-too-small"; data: { pool: string; size: number } }
  | { code: "network-in-use"; data: { id: string; by: "service" | "task"; ref: string } }
  | { code: "ingress-in-use"; data: { service: string } }
  | { code: "network-active-endpoints"; data: { name: string; endpoints: { name: string; id: string }[] } }
  | { code: "bad-address"; data: { flag: "listen" | "advertise" | "data-path" } }
  | { code: "lab-limit"; data: { limit: number; replicas: number; others: number } }
  | { code: "lab-unsupported"; data: { message: string } };

/** What moby's validateIpamConfig finds wrong with `--subnet`, `--ip-range`, `--gateway` and `--aux-address`. */
export type NetworkConfigProblem =
  | { kind: "subnet-host-bits"; subnet: string; masked: string }
  | { kind: "range-bigger"; range: string; subnet: string }
  | { kind: "range-host-bits"; range: string; masked: string }
  | { kind: "range-outside"; range: string; subnet: string };

/** What moby's validateEndpointSettings finds wrong with `--ip` and `--alias`. */
export type EndpointProblem = { kind: "ip-predefined" } | { kind: "alias-predefined" } | { kind: "ip-outside"; ip: string };

function networkConfigProblem(p: NetworkConfigProblem): string {
  switch (p.kind) {
    case "subnet-host-bits":
      return `invalid subnet ${p.subnet}: it should be ${p.masked}`;
    case "range-bigger":
      return `invalid ip-range ${p.range}: CIDR block is bigger than its parent subnet ${p.subnet}`;
    case "range-host-bits":
      return `invalid ip-range ${p.range}: it should be ${p.masked}`;
    case "range-outside":
      return `invalid ip-range ${p.range}: parent subnet ${p.subnet} doesn't contain ip-range`;
  }
}

function endpointProblem(p: EndpointProblem): string {
  switch (p.kind) {
    case "ip-predefined":
      return "user-specified IP address is supported on user-defined networks only";
    case "alias-predefined":
      return "network-scoped aliases are only supported for user-defined networks";
    case "ip-outside":
      return `no configured subnet contains IP address ${p.ip}`;
  }
}

/** moby's multierror.Join: one error as is, several as a `* ` list. */
const joinErrors = (texts: string[]) => (texts.length === 1 ? texts[0] : `* ${texts.join("\n* ")}`);

export function errorText(e: SimError): string {
  switch (e.code) {
    case "not-swarm-manager":
      return 'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.';
    case "worker-not-manager":
      return "This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.";
    case "not-in-swarm":
      return "This node is not part of a swarm";
    case "already-in-swarm":
      return 'This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and join another one.';
    case "manager-leave": {
      // moby daemon/cluster/swarm.go Leave: a manager never leaves without --force.
      const head = "You are attempting to leave the swarm on a node that is participating as a manager. ";
      if (e.data.last) return `${head}Removing the last manager erases all current state of the swarm. Use \`--force\` to ignore this message. `;
      const quorum = e.data.losesQuorum
        ? `Removing this node leaves ${e.data.reachableAfter} managers out of ${e.data.total}. Without a Raft quorum your swarm will be inaccessible. `
        : "";
      return `${head}${quorum}The only way to restore a swarm that has lost consensus is to reinitialize it with \`--force-new-cluster\`. Use \`--force\` to suppress this message.`;
    }
    case "invalid-join-token":
      return "rpc error: code = InvalidArgument desc = A valid join token is necessary to join this cluster";
    case "join-timeout":
      return "Timeout was reached before node joined. The attempt to join the swarm will continue in the background. Use the \"docker info\" command to see the current swarm status of your node.";
    case "data-path-port-range":
      return `Datapath port number is not in valid range (1024-49151) : ${e.data.port}`;
    case "node-not-found":
      return `node ${e.data.ref} not found`;
    case "node-ambiguous":
      return `node ${e.data.ref} is ambiguous (${e.data.matches} matches found)`;
    case "demote-last-manager":
      return "rpc error: code = FailedPrecondition desc = attempting to demote the last manager of the swarm";
    case "network-not-found":
      return `network ${e.data.ref} not found`;
    case "network-ambiguous":
      return e.data.by === "name"
        ? `network ${e.data.ref} is ambiguous (${e.data.matches} matches found on name)`
        : `network ${e.data.ref} is ambiguous (${e.data.matches} matches found based on ID prefix)`;
    case "network-name-taken":
      return `network with name ${e.data.name} already exists`;
    case "network-predefined-create":
      return e.data.swarm
        ? `${e.data.name} is a pre-defined network and cannot be created`
        : `operation is not permitted on predefined ${e.data.name} network `;
    case "network-predefined-remove":
      return `${e.data.name} is a pre-defined network and cannot be removed`;
    case "ingress-exists":
      return `rpc error: code = AlreadyExists desc = ingress network (${e.data.id}) is already present`;
    case "ingress-attachable":
      return "rpc error: code = InvalidArgument desc = ingress network cannot be attachable";
    case "service-name-taken":
      return `rpc error: code = AlreadyExists desc = name conflicts with an existing object: service ${e.data.name} already exists`;
    case "service-not-found":
      return `service ${e.data.ref} not found`;
    case "no-previous-spec":
      return `rpc error: code = FailedPrecondition desc = service ${e.data.id} does not have a previous spec`;
    case "service-local-network":
      return `The network ${e.data.name} cannot be used with services. Only networks scoped to the swarm can be used, such as those created with the overlay driver.`;
    case "ingress-dnsrr":
      return "rpc error: code = InvalidArgument desc = EndpointSpec: port published with ingress mode can't be used with dnsrr mode";
    case "invalid-cpu-value":
      return `rpc error: code = InvalidArgument desc = invalid cpu value ${goFloat(e.data.cpus)}: Must be at least 0.001`;
    case "invalid-memory-value":
      return `rpc error: code = InvalidArgument desc = invalid memory value ${e.data.bytes}: Must be at least 4MiB`;
    case "invalid-spec":
      // swarmkit's validateServiceSpec (controlapi/service.go): the spec reached the manager and was refused.
      return `rpc error: code = InvalidArgument desc = ${e.data.message}`;
    case "invalid-daemon-value":
      // moby's convert.ServiceSpecToGRPC refuses these before swarmkit sees them (no gRPC wrapping).
      return e.data.message;
    case "port-in-use":
      return `rpc error: code = InvalidArgument desc = port '${e.data.port}' is already in use by service '${e.data.service}' (${e.data.id}) as ${e.data.mode === "ingress" ? "an ingress port" : "a host-published port"}`;
    case "invalid-constraint": {
      // swarmkit's controlapi returns constraint.Parse's plain error, which gRPC reports as code Unknown.
      const d = e.data;
      const why = d.problem === "operator" ? "constraint expected one operator from ==, !=" : `${d.problem} '${d.text}' is invalid`;
      return `rpc error: code = Unknown desc = ${why}`;
    }
    case "not-attachable":
      return `Could not attach to network ${e.data.network}: rpc error: code = PermissionDenied desc = network ${e.data.network} not manually attachable`;
    case "container-name-taken":
      return `Conflict. The container name "/${e.data.name}" is already in use by container "${e.data.id}". You have to remove (or rename) that container to be able to reuse that name.`;
    case "no-such-container":
      return `No such container: ${e.data.ref}`;
    case "port-allocated":
      return `failed to set up container networking: driver failed programming external connectivity on endpoint ${e.data.name} (${e.data.endpoint}): Bind for ${e.data.hostIp}:${e.data.hostPort} failed: port is already allocated`;
    case "container-rename-same":
      return "Renaming a container with the same name as its current name";
    case "container-name-invalid":
      // moby daemon/names.go reserveName.
      return `Invalid container name (${e.data.name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`;
    case "container-rename-invalid":
      // moby daemon/rename.go wraps reserveName's error.
      return `Error when allocating new name: ${errorText({ code: "container-name-invalid", data: e.data })}`;
    case "container-rename-taken":
      return `Error when allocating new name: ${errorText({ code: "container-name-taken", data: e.data })}`;
    case "container-not-running":
      return `container ${e.data.id} is not running`;
    case "endpoint-exists":
      return `endpoint with name ${e.data.container} already exists in network ${e.data.network}`;
    case "not-connected":
      return `container ${e.data.id} is not connected to network ${e.data.network}`;
    case "node-not-down":
      return `rpc error: code = FailedPrecondition desc = node ${e.data.id} is not down and can't be removed`;
    case "node-is-manager":
      return `rpc error: code = FailedPrecondition desc = node ${e.data.id} is a cluster manager and is a member of the raft cluster. It must be demoted to worker before removal`;
    case "no-leader":
      return "rpc error: code = Unknown desc = The swarm does not have a leader. It's possible that too few managers are online. Make sure more than half of the managers are online.";
    case "cert-expiry-too-short":
      return "rpc error: code = InvalidArgument desc = minimum certificate expiry time is: 1h0m0s";
    case "negative-heartbeat":
      return "rpc error: code = InvalidArgument desc = heartbeat time period cannot be a negative duration";
    case "pool-overlap":
      return "invalid pool request: Pool overlaps with other one on this address space";
    case "pools-exhausted":
      return "could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network";
    case "unknown-host":
      return `unknown host ${e.data.host}`;
    case "invalid-json":
      return `invalid JSON: ${e.data.cause}`;
    case "plugin-not-found":
      return `plugin "${e.data.name}" not found`;
    case "swarm-plugin-lookup":
      return `rpc error: code = InvalidArgument desc = error during lookup of plugin ${e.data.name}`;
    case "invalid-network-config":
      return `invalid network config:\n${joinErrors(e.data.problems.map(networkConfigProblem))}`;
    case "ipv4-or-ipv6":
      return "IPv4 or IPv6 must be enabled";
    case "swarm-ipv4":
      return "IPv4 cannot be disabled in a Swarm scoped network";
    case "scope-downgrade":
      return `cannot downgrade network scope for ${e.data.driver} networks`;
    case "swarm-scope-inactive":
      return "cannot create a swarm scoped network when swarm is not active";
    case "swarm-scope-worker":
      return "Cannot create a multi-host network from a worker node. Please create the network from a manager node.";
    case "only-one-instance":
      return `only one instance of "${e.data.driver}" network is allowed`;
    case "aux-address-in-use":
      return `failed to allocate secondary ip address (${e.data.name}:${e.data.ip}): Address already in use`;
    case "address-in-use":
      return "Address already in use";
    case "invalid-endpoint-settings":
      return `invalid endpoint settings:\n${joinErrors(e.data.problems.map(endpointProblem))}`;
    case "cluster-settings":
      return `error updating cluster settings: ${errorText(e.data.cause)}`;
    case "subnet-size-range":
      return `subnet size is out of range: ${e.data.size}`;
    case "subnet-size-too-small":
      return `invalid CIDR: "${e.data.pool}". Subnet size is too small for pool: ${e.data.size}`;
    case "network-in-use":
      // swarmkit controlapi/network.go removeNetwork: the first service (then running task) that refers to it, by ID.
      return `rpc error: code = FailedPrecondition desc = network ${e.data.id} is in use by ${e.data.by} ${e.data.ref}`;
    case "ingress-in-use":
      // swarmkit controlapi/network.go removeIngressNetwork.
      return `rpc error: code = FailedPrecondition desc = ingress network cannot be removed because service ${e.data.service} depends on it`;
    case "network-active-endpoints":
      // moby daemon/network.go wraps libnetwork's ActiveEndpointsError.
      return `error while removing network: network ${e.data.name} has active endpoints (${e.data.endpoints.map((p) => `name:${JSON.stringify(p.name)} id:${JSON.stringify(p.id)}`).join(", ")})`;
    case "bad-address":
      // moby daemon/cluster/listen_addr.go errBadAdvertiseAddr / errBadDataPathAddr.
      if (e.data.flag === "listen") return "listen address must be an IP address or network interface (with optional port number)";
      return e.data.flag === "advertise"
        ? "advertise address must be a non-zero IP address or network interface (with optional port number)"
        : "data path address must be a non-zero IP address or network interface (without a port number)";
    case "lab-limit": {
      // Not docker's: the simulator's own limit (see swarm/limits.ts), printed without the daemon prefix.
      const d = e.data;
      const others = d.others > 0 ? ` (other services already ask for ${d.others})` : "";
      // Past 2^53 a count no longer reads as typed (uint64 on the command line, a number here): it is not echoed.
      const asked = Number.isSafeInteger(d.replicas) ? `${d.replicas} replicas` : "that many replicas";
      return `this lab simulates at most ${d.limit} tasks per swarm: ${asked} is too many${others}`;
    }
    case "lab-unsupported":
      return e.data.message;
  }
}

/** The line the CLI prints for a daemon error: `Error response from daemon: …`, or the lab's own limit as it is. */
export function daemonErrorLine(e: SimError): string {
  return e.code === "lab-limit" || e.code === "lab-unsupported" ? errorText(e) : `Error response from daemon: ${errorText(e)}`;
}

/** Go's %g for the small numbers swarmkit prints (`1e-05`, not JavaScript's `1e-5`). */
function goFloat(n: number): string {
  const text = n !== 0 && Math.abs(n) < 1e-4 ? n.toExponential() : String(n);
  return text.replace(/e([+-])(\d)$/, "e$10$2");
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: SimError };
export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = <T = never>(error: SimError): Result<T> => ({ ok: false, error });
