/**
 * What `docker service create` and `docker service update` share (docker/cli cli/command/service/opts.go
 * `addServiceFlags`), and the flag values docker's option types parse before any request is made: ports
 * (opts/swarmopts/port.go), network attachments (opts/network.go), placement preferences, byte sizes
 * (go-units RAMInBytes) and CPU counts (opts.ParseCPUs). Each parser returns its value or docker's error
 * text, which the flag parser turns into pflag's `invalid argument` line.
 */
import type { PortConfig } from "../../../model/state";
import type { FlagSpec } from "../../types";

export const f = (name: string, type: FlagSpec["type"], usage: string, extra: Partial<FlagSpec> = {}): FlagSpec => ({ name, type, usage, ...extra });

/** docker's flag value types: `validate` rejects at parse time with the option type's own error. */
const bytesFlag = (name: string, usage: string): FlagSpec => f(name, "string", usage, { valueName: "bytes", validate: (v) => errorOf(parseBytes(v)) });
const cpuFlag = (name: string, usage: string): FlagSpec => f(name, "string", usage, { valueName: "decimal", validate: (v) => errorOf(parseNanoCpus(v)) });
const errorOf = (v: unknown) => (typeof v === "string" ? v : undefined);

/**
 * addServiceFlags: the flags both commands declare. `create` passes docker's defaults, which appear in
 * help (some through pflag's own default, some written into the usage text as buildServiceDefaultFlagMapping does).
 */
export function commonServiceFlags(create: boolean): FlagSpec[] {
  const d = (text: string) => (create ? ` (default ${text})` : "");
  return [
    f("detach", "bool", "Exit immediately instead of waiting for the service to converge", { short: "d" }),
    f("quiet", "bool", "Suppress progress output", { short: "q" }),
    f("workdir", "string", "Working directory inside the container", { short: "w" }),
    f("user", "string", "Username or UID (format: <name|uid>[:<group|gid>])", { short: "u" }),
    f("credential-spec", "string", "Credential spec for managed service account (Windows only)", { valueName: "credential-spec" }),
    f("hostname", "string", "Container hostname"),
    f("entrypoint", "string", "Overwrite the default ENTRYPOINT of the image", { valueName: "command" }),
    f("cap-add", "list", "Add Linux capabilities"),
    f("cap-drop", "list", "Drop Linux capabilities"),
    cpuFlag("limit-cpu", "Limit CPUs"),
    bytesFlag("limit-memory", "Limit Memory"),
    cpuFlag("reserve-cpu", "Reserve CPUs"),
    bytesFlag("reserve-memory", "Reserve Memory"),
    f("limit-pids", "int", "Limit maximum number of processes (default 0 = unlimited)"),
    // Docker 29 (API 1.52) added the two swap settings to create and update.
    bytesFlag("memory-swap", "Swap Bytes (-1 for unlimited)"),
    f("memory-swappiness", "int", "Tune memory swappiness (0-100), -1 to reset to default", { default: -1 }),
    f("stop-grace-period", "duration", `Time to wait before force killing a container (ns|us|ms|s|m|h)${d("10s")}`),
    f("replicas", "uint64", "Number of tasks", { valueName: "uint" }),
    f("max-concurrent", "uint64", "Number of job tasks to run concurrently (default equal to --replicas)", { valueName: "uint" }),
    f("replicas-max-per-node", "uint64", "Maximum number of tasks per node (default 0 = unlimited)", { valueName: "uint" }),
    f("restart-condition", "string", `Restart when condition is met ("none", "on-failure", "any")${d('"any"')}`, { values: ["none", "on-failure", "any"] }),
    f("restart-delay", "duration", `Delay between restart attempts (ns|us|ms|s|m|h)${d("5s")}`),
    f("restart-max-attempts", "uint64", "Maximum number of restarts before giving up", { valueName: "uint" }),
    f("restart-window", "duration", "Window used to evaluate the restart policy (ns|us|ms|s|m|h)"),
    ...(["update", "rollback"] as const).flatMap((p) => {
      const what = p === "update" ? { done: "updated", verb: "update", noun: "an update", each: "update" } : { done: "rolled back", verb: "roll back", noun: "a rollback", each: "rollback" };
      return [
        f(`${p}-parallelism`, "uint64", `Maximum number of tasks ${what.done} simultaneously (0 to ${what.verb} all at once)`, { valueName: "uint", ...(create ? { default: 1 } : {}) }),
        f(`${p}-delay`, "duration", `Delay between ${p === "update" ? "updates" : "task rollbacks"} (ns|us|ms|s|m|h)${d("0s")}`),
        f(`${p}-monitor`, "duration", `Duration after each task ${what.each} to monitor for failure (ns|us|ms|s|m|h)${d("5s")}`),
        f(`${p}-failure-action`, "string", `Action on ${p} failure (${p === "update" ? '"pause", "continue", "rollback"' : '"pause", "continue"'})${d('"pause"')}`, {
          values: p === "update" ? ["pause", "continue", "rollback"] : ["pause", "continue"],
        }),
        f(`${p}-max-failure-ratio`, "float", `Failure rate to tolerate during ${what.noun}${d("0")}`),
        f(`${p}-order`, "string", `${p === "update" ? "Update" : "Rollback"} order ("start-first", "stop-first")${d('"stop-first"')}`, { values: ["start-first", "stop-first"] }),
      ];
    }),
    // Tab: cobra has nothing for it; docker's bash completion offers both modes.
    f("endpoint-mode", "string", "Endpoint mode (vip or dnsrr)", { values: ["dnsrr", "vip"], ...(create ? { default: "vip" } : {}) }),
    f("with-registry-auth", "bool", "Send registry authentication details to swarm agents"),
    f("no-resolve-image", "bool", "Do not query the registry to resolve image digest and supported platforms"),
    f("log-driver", "string", "Logging driver for service"),
    f("log-opt", "list", "Logging driver options"),
    f("health-cmd", "string", "Command to run to check health"),
    f("health-interval", "duration", "Time between running the check (ms|s|m|h)"),
    f("health-timeout", "duration", "Maximum time to allow one check to run (ms|s|m|h)"),
    f("health-retries", "int", "Consecutive failures needed to report unhealthy"),
    f("health-start-period", "duration", "Start period for the container to initialize before counting retries towards unstable (ms|s|m|h)"),
    f("health-start-interval", "duration", "Time between running the check during the start period (ms|s|m|h)"),
    f("no-healthcheck", "bool", "Disable any container-specified HEALTHCHECK"),
    f("tty", "bool", "Allocate a pseudo-TTY", { short: "t" }),
    f("read-only", "bool", "Mount the container's root filesystem as read only"),
    f("stop-signal", "string", "Signal to stop the container"),
    f("isolation", "string", "Service container isolation mode"),
  ];
}

/** `-p`/`--publish-add`: the flag whose value is checked as docker's PortOpt does. */
export const publishFlag = (name: string, usage: string, short?: string): FlagSpec =>
  f(name, "list", usage, { valueName: "port", ...(short ? { short } : {}), validate: (v) => errorOf(parsePublish(v)) });

const KV_LONG_SYNTAX = /\w+=\w+(,\w+=\w+)*/;

function parsePortRange(text: string): [number, number] | null {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!m) return null;
  const start = Number(m[1]);
  const end = m[2] === undefined ? start : Number(m[2]);
  return start > 65535 || end > 65535 || end < start ? null : [start, end];
}

/** Go's strconv error for a port that does not parse as a 16-bit unsigned integer. */
function portNumberError(v: string): string | null {
  if (!/^\d+$/.test(v)) return "invalid syntax";
  return Number(v) > 65535 ? "value out of range" : null;
}

/**
 * `-p 8080:80[/udp]`, `-p 80` (the swarm picks the published port), ranges `8080-8081:80-81`, or the long
 * form `published=8080,target=80[,protocol=…][,mode=ingress|host]` (docker/cli opts/swarmopts/port.go,
 * go-connections nat.ParsePortSpec). A published port of 0 means "assign one".
 */
export function parsePublish(value: string): PortConfig[] | string {
  if (KV_LONG_SYNTAX.test(value)) {
    const port: PortConfig = { protocol: "tcp", targetPort: 0, publishedPort: 0, publishMode: "ingress" };
    for (const field of value.split(",")) {
      const lower = field.toLowerCase();
      const eq = lower.indexOf("=");
      if (eq <= 0) return `invalid field: ${field}`;
      const [key, val] = [lower.slice(0, eq), lower.slice(eq + 1)];
      if (key === "protocol") {
        if (val !== "tcp" && val !== "udp" && val !== "sctp") return `invalid protocol value '${val}'`;
        port.protocol = val;
      } else if (key === "mode") {
        if (val !== "ingress" && val !== "host") return `invalid publish mode value (${val}): must be either 'ingress' or 'host'`;
        port.publishMode = val;
      } else if (key === "target" || key === "published") {
        const bad = portNumberError(val);
        if (bad) return `invalid ${key === "target" ? "target" : "published"} port (${val}): value must be an integer: ${bad}`;
        if (key === "target") port.targetPort = Number(val);
        else port.publishedPort = Number(val);
      } else return `invalid field key: ${key}`;
    }
    if (port.targetPort === 0) return "missing mandatory field 'target'";
    return [port];
  }
  const parts = value.split(":");
  const [ip, hostPort, rawContainer] = parts.length === 1 ? ["", "", parts[0]] : parts.length === 2 ? ["", parts[0], parts[1]] : [parts.slice(0, -2).join(":"), parts[parts.length - 2], parts[parts.length - 1]];
  const slash = rawContainer.indexOf("/");
  const containerPort = slash < 0 ? rawContainer : rawContainer.slice(0, slash);
  const proto = slash < 0 ? "tcp" : rawContainer.slice(slash + 1).toLowerCase();
  if (proto !== "tcp" && proto !== "udp" && proto !== "sctp") return `invalid proto: ${proto}`;
  if (ip !== "" && !/^\d{1,3}(\.\d{1,3}){3}$/.test(ip.replace(/^\[|\]$/g, "")) && !ip.includes(":")) return `invalid IP address: ${ip}`;
  if (containerPort === "") return `no port specified: ${value}<empty>`;
  const target = parsePortRange(containerPort);
  if (!target) return `invalid containerPort: ${containerPort}`;
  const published = hostPort === "" ? null : parsePortRange(hostPort);
  if (hostPort !== "" && !published) return `invalid hostPort: ${hostPort}`;
  if (ip !== "") return "hostip is not supported";
  const count = target[1] - target[0] + 1;
  if (published && published[1] - published[0] !== target[1] - target[0] && count !== 1) {
    return `invalid ranges specified for container and host Ports: ${containerPort} and ${hostPort}`;
  }
  return Array.from({ length: count }, (_, i) => ({ protocol: proto, targetPort: target[0] + i, publishedPort: published ? published[0] + i : 0, publishMode: "ingress" as const }));
}

export interface NetworkAttachment {
  target: string;
  aliases: string[];
}

/** `--network appnet` or `--network name=appnet,alias=web` (docker/cli opts/network.go, which lower-cases the long form). */
export function parseNetwork(value: string): NetworkAttachment | string {
  if (!KV_LONG_SYNTAX.test(value)) return { target: value, aliases: [] };
  const out: NetworkAttachment = { target: "", aliases: [] };
  for (const field of value.split(",")) {
    const lower = field.toLowerCase();
    const eq = lower.indexOf("=");
    if (eq <= 0) return `invalid field ${field}`;
    const key = lower.slice(0, eq).trim();
    const val = lower.slice(eq + 1).trim();
    if (key === "name") out.target = val;
    else if (key === "alias") out.aliases.push(val);
    else if (!["ip", "ip6", "mac-address", "link-local-ip", "driver-opt", "gw-priority"].includes(key)) return `invalid field key ${key}`;
  }
  if (out.target === "") return "network name/id is not specified";
  return out;
}

/** `--placement-pref spread=node.labels.zone` (docker/cli opts.go placementPrefOpts): the spread descriptor. */
export function parsePlacementPref(value: string): string | { error: string } {
  const eq = value.indexOf("=");
  if (eq <= 0) return { error: 'placement preference must be of the format "<strategy>=<arg>"' };
  const strategy = value.slice(0, eq);
  if (strategy !== "spread") return { error: `unsupported placement preference ${strategy} (only spread is supported)` };
  return value.slice(eq + 1);
}

const BINARY_UNITS: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

/** go-units RAMInBytes, as docker's MemBytes parses `--limit-memory 512m`: bytes, or its error text. */
export function parseBytes(text: string): number | string {
  let sep = -1;
  for (let i = text.length - 1; i >= 0; i--) if ("0123456789. ".includes(text[i])) {
    sep = i;
    break;
  }
  if (sep < 0) return `invalid size: '${text}'`;
  const num = text[sep] === " " ? text.slice(0, sep) : text.slice(0, sep + 1);
  let sfx = text.slice(sep + 1);
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(num)) return `strconv.ParseFloat: parsing "${num}": invalid syntax`;
  const size = Number(num);
  if (size < 0) return `invalid size: '${text}'`;
  if (sfx === "") return Math.trunc(size);
  const bad = () => `invalid suffix: '${sfx}'`;
  if (sfx.length > 3) return bad();
  sfx = sfx.toLowerCase();
  if (sfx[0] === "b") return sfx.length > 1 ? bad() : Math.trunc(size);
  const mul = BINARY_UNITS[sfx[0]];
  if (!mul || (sfx.length === 2 && sfx[1] !== "b") || (sfx.length === 3 && sfx.slice(1) !== "ib")) return bad();
  return Math.trunc(size * mul);
}

/** opts.ParseCPUs: a rational number of CPUs as nano-CPUs, or docker's error text. */
export function parseNanoCpus(text: string): number | string {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  const frac = /^([+-]?\d+)\/(\d+)$/.exec(text);
  if (frac && Number(frac[2]) !== 0) {
    const nano = (Number(frac[1]) * 1e9) / Number(frac[2]);
    return Number.isInteger(nano) ? nano : "value is too precise";
  }
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return `failed to parse ${text} as a rational number`;
  const decimals = (m[3] ?? "").replace(/0+$/, "");
  if (decimals.length > 9) return "value is too precise";
  const nano = Number(m[2] || "0") * 1e9 + Number((decimals || "0").padEnd(9, "0"));
  return m[1] === "-" ? -nano : nano;
}
