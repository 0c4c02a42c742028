import { describe, expect, it } from "vitest";
import { shellFactory } from "../../src/cli/index";
import { DOCKER_COMMANDS } from "../../src/cli/commands/docker/index";
import { createSandbox } from "../../src/sandbox";

async function lab(nodes = 1) {
  const sb = createSandbox({ nodes, seed: "swarm-manage", shell: shellFactory({ docker: DOCKER_COMMANDS }) });
  await sb.exec("node-1", "docker swarm init --advertise-addr 192.168.1.10");
  const token = (await sb.exec("node-1", "docker swarm join-token -q worker")).stdout.trim();
  for (let k = 2; k <= nodes; k++) await sb.exec(`node-${k}`, `docker swarm join --token ${token} 192.168.1.10:2377`);
  return sb;
}

const NO_MANAGER = 'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.';
const WORKER = "This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.";
const unlockText = (key: string) =>
  `To unlock a swarm manager after it restarts, run the \`docker swarm unlock\`\ncommand and provide the following key:\n\n    ${key}\n\nRemember to store this key in a password manager, since without it you\nwill not be able to restart the manager.\n`;
const PEM = /^-----BEGIN CERTIFICATE-----\n(MIIBazCCARCgAwIBAgIU[A-Za-z0-9+/]{44}\n)(.{64}\n){6}.{44}\n-----END CERTIFICATE-----\n$/;

describe("docker swarm update", () => {
  it("without flags shows its help; with --autolock prints the unlock key once", async () => {
    const sb = await lab();
    const help = await sb.exec("node-1", "docker swarm update");
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toBe((await sb.exec("node-1", "docker swarm update --help")).stdout);
    const r = await sb.exec("node-1", "docker swarm update --autolock");
    const key = sb.state().swarms[Object.keys(sb.state().swarms)[0]].settings!.unlockKey!;
    expect(key).toMatch(/^SWMKEY-1-[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]$/);
    expect(r).toEqual({ stdout: `Swarm updated.\n${unlockText(key)}`, stderr: "", exitCode: 0 });
    expect(await sb.exec("node-1", "docker swarm update --autolock=true")).toEqual({ stdout: "Swarm updated.\n", stderr: "", exitCode: 0 });
    expect(await sb.exec("node-1", "docker swarm update --task-history-limit 10")).toEqual({ stdout: "Swarm updated.\n", stderr: "", exitCode: 0 });
  });

  it("refuses what swarmkit refuses, and runs only on a manager", async () => {
    const sb = await lab(2);
    expect(await sb.exec("node-1", "docker swarm update --cert-expiry 30m")).toEqual({
      stdout: "",
      stderr: "Error response from daemon: rpc error: code = InvalidArgument desc = minimum certificate expiry time is: 1h0m0s\n",
      exitCode: 1,
    });
    expect(await sb.exec("node-1", "docker swarm update --dispatcher-heartbeat -5s")).toEqual({
      stdout: "",
      stderr: "Error response from daemon: rpc error: code = InvalidArgument desc = heartbeat time period cannot be a negative duration\n",
      exitCode: 1,
    });
    expect(await sb.exec("node-2", "docker swarm update --autolock")).toEqual({ stdout: "", stderr: `Error response from daemon: ${WORKER}\n`, exitCode: 1 });
    expect((await sb.exec("node-1", "docker swarm update --external-ca url=https://x")).stderr).toBe(
      'invalid argument "url=https://x" for "--external-ca" flag: the external-ca option needs a protocol= parameter\n\nUsage:  docker swarm update [OPTIONS]\n\nRun \'docker swarm update --help\' for more information\n',
    );
    expect((await sb.exec("node-1", "docker swarm update x")).stderr).toBe(
      "docker: 'docker swarm update' accepts no arguments\n\nUsage:  docker swarm update [OPTIONS]\n\nRun 'docker swarm update --help' for more information\n",
    );
  });
});

describe("docker swarm unlock-key / unlock", () => {
  it("has no key until autolock is on, rotates it then, and turning autolock off drops it", async () => {
    const sb = await lab();
    expect(await sb.exec("node-1", "docker swarm unlock-key")).toEqual({ stdout: "", stderr: "no unlock key is set\n", exitCode: 1 });
    expect(await sb.exec("node-1", "docker swarm unlock-key --rotate")).toEqual({ stdout: "", stderr: "cannot rotate because autolock is not turned on\n", exitCode: 1 });
    await sb.exec("node-1", "docker swarm update --autolock");
    const key = (await sb.exec("node-1", "docker swarm unlock-key -q")).stdout.trim();
    expect(await sb.exec("node-1", "docker swarm unlock-key")).toEqual({ stdout: unlockText(key), stderr: "", exitCode: 0 });
    const rotated = await sb.exec("node-1", "docker swarm unlock-key --rotate");
    const next = (await sb.exec("node-1", "docker swarm unlock-key -q")).stdout.trim();
    expect(next).not.toBe(key);
    expect(rotated).toEqual({ stdout: `Successfully rotated manager unlock key.\n${unlockText(next)}`, stderr: "", exitCode: 0 });
    expect(await sb.exec("node-1", "docker swarm unlock-key --rotate -q")).toEqual({ stdout: `${(await sb.exec("node-1", "docker swarm unlock-key -q")).stdout}`, stderr: "", exitCode: 0 });
    await sb.exec("node-1", "docker swarm update --autolock=false");
    expect((await sb.exec("node-1", "docker swarm unlock-key")).stderr).toBe("no unlock key is set\n");
  });

  it("wraps the daemon's refusal; unlock says why there is nothing to unlock", async () => {
    const sb = createSandbox({ shell: shellFactory({ docker: DOCKER_COMMANDS }) });
    expect(await sb.exec("node-1", "docker swarm unlock-key")).toEqual({ stdout: "", stderr: `could not fetch unlock key: Error response from daemon: ${NO_MANAGER}\n`, exitCode: 1 });
    expect(await sb.exec("node-1", "docker swarm unlock")).toEqual({ stdout: "", stderr: "error: this node is not part of a swarm\n", exitCode: 1 });
    await sb.exec("node-1", "docker swarm init --advertise-addr 192.168.1.10");
    expect(await sb.exec("node-1", "docker swarm unlock")).toEqual({ stdout: "", stderr: "error: swarm is not locked\n", exitCode: 1 });
  });
});

describe("docker swarm ca", () => {
  it("prints the root CA; --rotate makes a new one, new join tokens, and the progress without a terminal", async () => {
    const sb = await lab(2);
    const before = await sb.exec("node-1", "docker swarm ca");
    expect(before.stdout).toMatch(PEM);
    const token = (await sb.exec("node-1", "docker swarm join-token -q worker")).stdout;
    const r = await sb.exec("node-1", "docker swarm ca --rotate");
    const after = (await sb.exec("node-1", "docker swarm ca")).stdout;
    expect(after).toMatch(PEM);
    expect(after).not.toBe(before.stdout);
    expect(r.stdout).toMatch(/^desired root digest: \n {2}rotated TLS certificates: \n {2}rotated CA certificates: {2}\ndesired root digest: sha256:[0-9a-f]{64}\n-----BEGIN/);
    expect(r.stdout.endsWith(after)).toBe(true);
    expect((await sb.exec("node-1", "docker swarm join-token -q worker")).stdout).not.toBe(token);
    expect((await sb.exec("node-1", "docker info")).stdout).toContain("   Force Rotate: 1\n");
    expect(await sb.exec("node-1", "docker swarm ca --rotate -d")).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    expect(await sb.exec("node-1", "docker swarm ca --rotate -q")).toEqual({ stdout: (await sb.exec("node-1", "docker swarm ca")).stdout, stderr: "", exitCode: 0 });
  });

  it("draws the bars on a terminal; a down node keeps the rotation waiting", async () => {
    const sb = await lab(3);
    const tty = await sb.exec("node-1", "docker swarm ca --rotate", { tty: true } as never);
    const full = "[==================================================>] 3/3 nodes";
    expect(tty.stdout).toMatch(new RegExp(`^desired root digest: sha256:[0-9a-f]{64}\\n {2}rotated TLS certificates: {2}\\${full}\\n {2}rotated CA certificates: {3}\\${full}\\n-----BEGIN`));
    await sb.exec("node-3", "docker swarm leave");
    const ac = new AbortController();
    const pending = sb.exec("node-1", "docker swarm ca --rotate -q", { signal: ac.signal });
    await new Promise((res) => setTimeout(res, 50));
    ac.abort();
    expect(await pending).toEqual({ stdout: "", stderr: "", exitCode: 0 });
  });

  it("asks for --rotate before changing anything, and runs only on a manager", async () => {
    const sb = await lab(2);
    expect(await sb.exec("node-1", "docker swarm ca --cert-expiry 48h")).toEqual({ stdout: "", stderr: "`--cert-expiry` flag requires the `--rotate` flag to update the CA\n", exitCode: 1 });
    expect((await sb.exec("node-1", "docker swarm ca --ca-cert ca.pem")).stderr).toBe(
      'invalid argument "ca.pem" for "--ca-cert" flag: open ca.pem: no such file or directory\n\nUsage:  docker swarm ca [OPTIONS]\n\nRun \'docker swarm ca --help\' for more information\n',
    );
    expect(await sb.exec("node-1", "docker swarm ca --rotate --external-ca protocol=cfssl,url=https://ca")).toEqual({
      stdout: "",
      stderr:
        "rotating to an external CA requires the `--ca-cert` flag to specify the external CA's cert - to add an external CA with the current root CA certificate, use the `update` command instead\n",
      exitCode: 1,
    });
    expect(await sb.exec("node-2", "docker swarm ca")).toEqual({ stdout: "", stderr: `Error response from daemon: ${WORKER}\n`, exitCode: 1 });
  });

  it("is listed with the other swarm commands", async () => {
    const sb = createSandbox({ shell: shellFactory({ docker: DOCKER_COMMANDS }) });
    expect((await sb.exec("node-1", "docker swarm --help")).stdout).toContain(
      "Commands:\n  ca          Display and rotate the root CA\n  init        Initialize a swarm\n  join        Join a swarm as a node and/or manager\n  join-token  Manage join tokens\n  leave       Leave the swarm\n  unlock      Unlock swarm\n  unlock-key  Manage the unlock key\n  update      Update the swarm\n",
    );
  });
});
