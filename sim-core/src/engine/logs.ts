/**
 * What a container's process prints, as `docker logs` shows it: the startup lines its image prints when it
 * starts (derived from the image and the start time, nothing stored), then the lines kept in the
 * container's state — for web servers, one access-log line per HTTP request answered.
 */
import { LOG_LIMIT, type ContainerState, type LogEntry, type SwarmState, type TaskState } from "../model/state";
import { imageProfile } from "./images";
import type { World } from "./world";

/** Keeps a line in the container's log, dropping the oldest beyond LOG_LIMIT. */
export function appendLog(container: ContainerState, entry: LogEntry): void {
  const logs = (container.logs ??= []);
  logs.push(entry);
  if (logs.length > LOG_LIMIT) logs.splice(0, logs.length - LOG_LIMIT);
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number) => String(n).padStart(2, "0");

/** nginx's $time_local in a UTC container: `05/Jan/2026:09:00:03 +0000`. */
export function nginxLocalTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

export interface HttpRequestSeen {
  at: number;
  /** The address the server saw the request come from. */
  client: string;
  method: string;
  path: string;
  status: number;
  bytes: number;
  userAgent: string;
}

/**
 * Records a request the container's web server answered, as its image logs it: nginx's `main` log format
 * (`$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer"
 * "$http_user_agent" "$http_x_forwarded_for"`) on stdout; images without a web server log nothing.
 */
export function recordRequest(container: ContainerState, r: HttpRequestSeen): void {
  if (imageProfile(container.image).family !== "nginx") return;
  const text = `${r.client} - - [${nginxLocalTime(r.at)}] "${r.method} ${r.path} HTTP/1.1" ${r.status} ${r.bytes} "-" "${r.userAgent}" "-"`;
  appendLog(container, { at: r.at, stream: "stdout", text });
}

/** Everything the container printed so far, oldest first: the image's startup lines, then the kept lines. */
export function containerLogs(container: ContainerState): LogEntry[] {
  return [...imageProfile(container.image).startup(container.createdAt), ...(container.logs ?? [])];
}

/** A task's log: its container's while the container exists, else what was kept when it went. */
export function taskLogs(world: World, swarm: SwarmState, task: TaskState): LogEntry[] {
  const node = task.nodeId ? swarm.nodes[task.nodeId] : undefined;
  const container = node && task.containerId ? world.state.hosts[node.hostname]?.containers[task.containerId] : undefined;
  return container ? containerLogs(container) : (task.logs ?? []);
}
