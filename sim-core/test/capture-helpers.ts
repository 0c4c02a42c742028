/** A lab with a service on node-2 and a debug container on node-1 sharing an overlay, and tshark when installed. */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { shellFactory } from "../src/cli/index";
import { DOCKER_COMMANDS } from "../src/cli/commands/docker/index";
import { HOST_TOOLS } from "../src/cli/commands/host/index";
import { createSandbox } from "../src/sandbox";

export async function overlayLab(seed = "capture") {
  const sb = createSandbox({ nodes: 3, seed, shell: shellFactory({ docker: DOCKER_COMMANDS, tools: HOST_TOOLS }) });
  await sb.exec("node-1", "docker swarm init --advertise-addr 192.168.1.10");
  const token = (await sb.exec("node-1", "docker swarm join-token -q worker")).stdout.trim();
  for (const n of ["node-2", "node-3"]) await sb.exec(n, `docker swarm join --token ${token} 192.168.1.10:2377`);
  await sb.exec("node-1", "docker network create -d overlay --attachable appnet");
  await sb.exec("node-1", "docker service create -d --name web --replicas 1 --constraint node.hostname==node-2 --network appnet nginx");
  await sb.exec("node-1", "docker run -dit --name debug --network appnet nicolaka/netshoot");
  return sb;
}

const tshark = ["/usr/bin/tshark", "/usr/sbin/tshark"].find((p) => fs.existsSync(p));

/** tshark's fields for every frame of a pcap, or null where tshark is not installed. */
export function tsharkFields(pcap: Uint8Array, fields: string[], extra: string[] = []): string[][] | null {
  if (!tshark) return null;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cap-")), "cap.pcap");
  fs.writeFileSync(file, pcap);
  const out = execFileSync(tshark, ["-r", file, ...extra, "-T", "fields", ...fields.flatMap((f) => ["-e", f])], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  const lines = out.replace(/\n+$/, "");
  return lines === "" ? [] : lines.split("\n").map((l) => l.split("\t"));
}

