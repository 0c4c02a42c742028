/**
 * What the simulator knows of the images labs use: their configuration as `docker inspect` shows it
 * (entrypoint, command, environment, labels), the tools a shell inside finds, and what their process
 * prints when it starts. Facts from the images' Dockerfiles (nginxinc/docker-nginx mainline/debian,
 * alpine, busybox, nicolaka/netshoot); any other image is treated as an alpine-based application.
 */
import type { LogEntry } from "../model/state";
import { endpointId } from "./ids";

export type ImageFamily = "nginx" | "alpine" | "busybox" | "netshoot" | "app";

export interface ImageProfile {
  family: ImageFamily;
  entrypoint: string[] | null;
  cmd: string[];
  env: string[];
  labels: Record<string, string>;
  exposedPorts: string[];
  stopSignal?: string;
  /**
   * Whether the main process ends cleanly (exit 0) on its stop signal and on Ctrl-C (nginx on SIGQUIT);
   * otherwise it is a shell as PID 1, which ignores SIGTERM and is killed after the timeout.
   */
  cleanStop: boolean;
  /**
   * Commands on the container's PATH, shells included: what `docker exec` and a shell inside find.
   * busybox and alpine carry the busybox applets (ping, nslookup, wget, ip, cat, hostname) and no curl;
   * nginx is Debian slim plus curl (its Dockerfile installs it) without ping, ip, nslookup or wget;
   * netshoot has them all, and bind's dig.
   */
  tools: readonly string[];
  /** The lines the process prints when the container starts at `at`. */
  startup(at: number): LogEntry[];
}

const PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
const BUSYBOX_TOOLS = ["sh", "ash", "ping", "nslookup", "hostname", "wget", "ip", "cat"];
const NGINX_VERSION = "1.27.4";

const pad = (n: number) => String(n).padStart(2, "0");
/** nginx's error-log time: `2026/01/05 09:00:00`. */
function errorLogTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/**
 * docker-entrypoint.sh's lines on stdout (it echoes each script it runs; 30-tune-worker-processes.sh says
 * nothing unless autotuning is asked for), then nginx's notices on stderr (its error log), master PID 1.
 */
function nginxStartup(at: number): LogEntry[] {
  const out = (text: string): LogEntry => ({ at, stream: "stdout", text });
  const notice = (text: string): LogEntry => ({ at, stream: "stderr", text: `${errorLogTime(at)} [notice] 1#1: ${text}` });
  const ep = "/docker-entrypoint.sh";
  return [
    out(`${ep}: /docker-entrypoint.d/ is not empty, will attempt to perform configuration`),
    out(`${ep}: Looking for shell scripts in /docker-entrypoint.d/`),
    out(`${ep}: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh`),
    out("10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf"),
    out("10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf"),
    out(`${ep}: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh`),
    out(`${ep}: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh`),
    out(`${ep}: Launching /docker-entrypoint.d/30-tune-worker-processes.sh`),
    out(`${ep}: Configuration complete; ready for start up`),
    notice('using the "epoll" event method'),
    notice(`nginx/${NGINX_VERSION}`),
    notice("built by gcc 12.2.0 (Debian 12.2.0-14) "),
    notice("OS: Linux 6.8.0-51-generic"),
    notice("getrlimit(RLIMIT_NOFILE): 1048576:1048576"),
    notice("start worker processes"),
    notice("start worker process 29"),
    notice("start worker process 30"),
  ];
}

const quiet = () => [];

const PROFILES: Record<ImageFamily, ImageProfile> = {
  nginx: {
    family: "nginx",
    entrypoint: ["/docker-entrypoint.sh"],
    cmd: ["nginx", "-g", "daemon off;"],
    env: [PATH, `NGINX_VERSION=${NGINX_VERSION}`, "NJS_VERSION=0.8.9", "NJS_RELEASE=1~bookworm", "PKG_RELEASE=1~bookworm", "DYNPKG_RELEASE=1~bookworm"],
    labels: { maintainer: "NGINX Docker Maintainers <docker-maint@nginx.com>" },
    exposedPorts: ["80/tcp"],
    stopSignal: "SIGQUIT",
    cleanStop: true,
    tools: ["sh", "bash", "curl", "cat", "hostname"],
    startup: nginxStartup,
  },
  alpine: { family: "alpine", entrypoint: null, cmd: ["/bin/sh"], env: [PATH], labels: {}, exposedPorts: [], cleanStop: false, tools: BUSYBOX_TOOLS, startup: quiet },
  busybox: { family: "busybox", entrypoint: null, cmd: ["sh"], env: [PATH], labels: {}, exposedPorts: [], cleanStop: false, tools: BUSYBOX_TOOLS, startup: quiet },
  netshoot: {
    family: "netshoot",
    entrypoint: null,
    cmd: ["zsh"],
    env: [PATH],
    labels: {},
    exposedPorts: [],
    cleanStop: false,
    tools: [...BUSYBOX_TOOLS, "bash", "zsh", "curl", "dig", "tcpdump"],
    startup: quiet,
  },
  app: { family: "app", entrypoint: null, cmd: ["/bin/sh"], env: [PATH], labels: {}, exposedPorts: [], cleanStop: false, tools: BUSYBOX_TOOLS, startup: quiet },
};

/** `nicolaka/netshoot:latest` → "netshoot"; unknown names → "app". */
export function imageProfile(image: string): ImageProfile {
  const name = image.split("@")[0].replace(/:[^/:]*$/, "").split("/").pop() ?? "";
  return PROFILES[(name in PROFILES && name !== "app" ? name : "app") as ImageFamily];
}

/** Whether a shell in a container of this image finds the command (`/bin/sh` is `sh`). */
export const imageHasTool = (image: string, tool: string) => imageProfile(image).tools.includes(tool.split("/").pop() ?? tool);

/**
 * The exit code of an image's main process when it is ended from outside: `docker stop` (0 when it quits on
 * its stop signal, else SIGKILL's 137 after the timeout), `docker kill`/`rm -f` (SIGKILL, 137), Ctrl-C on an
 * attached `docker run` (0, or SIGINT's 130).
 */
export function stopExitCode(image: string, how: "stop" | "kill" | "interrupt"): number {
  const clean = imageProfile(image).cleanStop;
  if (how === "kill") return 137;
  if (how === "stop") return clean ? 0 : 137;
  return clean ? 0 : 130;
}

/**
 * The images the lab's registry has (Docker Hub names, as `reference.FamiliarName` gives them): the four
 * it models closely, and well-known application images it runs as alpine-based servers. Any other name is
 * answered as Docker Hub answers a repository that does not exist.
 */
export const IMAGE_CATALOGUE: readonly string[] = [
  "nginx", "alpine", "busybox", "nicolaka/netshoot",
  "redis", "httpd", "caddy", "traefik", "traefik/whoami", "containous/whoami", "haproxy", "memcached", "postgres",
  "mysql", "mariadb", "mongo", "rabbitmq", "registry", "ubuntu", "debian", "python", "node", "golang", "wordpress",
  "dockersamples/visualizer", "dockersamples/examplevotingapp_vote", "dockersamples/examplevotingapp_result",
  "dockersamples/examplevotingapp_worker", "portainer/portainer-ce",
];

/** An image reference's repository as Docker Hub names it: `docker.io/library/nginx:1.27` → `nginx`. */
export function familiarName(image: string): string {
  let name = image.split("@")[0];
  const lastSlash = name.lastIndexOf("/");
  const colon = name.lastIndexOf(":");
  if (colon > lastSlash) name = name.slice(0, colon);
  return name.replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, "").replace(/^library\//, "");
}

/**
 * The reference moby's ErrImageDoesNotExist names (daemon/images/errors.go): `reference.FamiliarString`
 * of the reference with its default tag (`TagNameOnly`): `myapp` → `myapp:latest`.
 */
export function missingImageRef(image: string): string {
  const at = image.indexOf("@");
  const name = at < 0 ? image : image.slice(0, at);
  const digest = at < 0 ? "" : image.slice(at);
  const colon = name.lastIndexOf(":");
  const tag = colon > name.lastIndexOf("/") ? name.slice(colon) : digest ? "" : ":latest";
  return familiarName(name) + tag + digest;
}

/** Whether the lab's registry has the image (see IMAGE_CATALOGUE). */
export const knownImage = (image: string) => IMAGE_CATALOGUE.includes(familiarName(image));

/**
 * The warning the daemon returns when it cannot pin a service's image to a digest (moby daemon/cluster
 * digestWarning): every image outside the lab's registry. docker/cli prints it with Fprintln.
 */
export function digestWarning(image: string): string | null {
  if (knownImage(image)) return null;
  return `image ${image} could not be accessed on a registry to record\nits digest. Each node will access ${image} independently,\npossibly leading to different nodes running different\nversions of the image.\n`;
}

/**
 * What the daemon pins a service's image to when it resolves it on the registry (moby daemon/cluster
 * imageWithDigestString): `nginx:latest@sha256:…`. The lab's registry gives each name:tag a stable digest;
 * an image outside it, or one already pinned, stays as it is.
 */
export function pinImage(image: string): string {
  if (image.includes("@") || !knownImage(image)) return image;
  return `${image}@sha256:${endpointId("registry", familiarName(image) + image.slice(familiarName(image).length))}`;
}

/** docker/cli's display of an image reference in tables: the digest stripped when a tag is there. */
export function displayImage(image: string): string {
  const at = image.indexOf("@");
  if (at < 0) return image;
  const name = image.slice(0, at);
  return name.slice(name.lastIndexOf("/") + 1).includes(":") ? name : image;
}
