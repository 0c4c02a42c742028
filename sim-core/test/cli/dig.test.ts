/** dig inside nicolaka/netshoot, against Docker's embedded DNS and the lab's router, as bind 9.20 prints it. */
import { describe, expect, it } from "vitest";
import { shellFactory } from "../../src/cli/index";
import { DOCKER_COMMANDS } from "../../src/cli/commands/docker/index";
import { HOST_TOOLS } from "../../src/cli/commands/host/index";
import { createSandbox } from "../../src/sandbox";

async function lab() {
  const sb = createSandbox({ nodes: 2, seed: "dig", shell: shellFactory({ docker: DOCKER_COMMANDS, tools: HOST_TOOLS }) });
  const run = (line: string) => sb.exec("node-1", line);
  await run("docker swarm init --advertise-addr 192.168.1.10");
  await run("docker network create -d overlay --attachable appnet");
  await run("docker service create -d --name web --replicas 3 --network appnet nginx");
  await run("docker run -dit --name ns --network appnet nicolaka/netshoot");
  const swarm = Object.values(sb.state().swarms)[0];
  const web = Object.values(swarm.services).find((s) => s.name === "web")!;
  const appnet = Object.values(swarm.networks).find((n) => n.name === "appnet")!;
  const tasks = Object.values(swarm.tasks).map((t) => t.addresses[appnet.id]);
  return { sb, run, vip: web.vips[appnet.id], tasks };
}

/** The header and footer around the sections, with the random query ID taken from the output. */
const frame = (args: string, status: string, counts: string, sections: string, time: number, size: number, id: string) =>
  `\n; <<>> DiG 9.20.15 <<>> ${args}\n;; global options: +cmd\n;; Got answer:\n;; ->>HEADER<<- opcode: QUERY, status: ${status}, id: ${id}\n` +
  `;; flags: qr rd ra; ${counts}\n\n${sections};; Query time: ${time} msec\n;; SERVER: 127.0.0.11#53(127.0.0.11) (UDP)\n` +
  `;; WHEN: Mon Jan 05 09:00:00 UTC 2026\n;; MSG SIZE  rcvd: ${size}\n\n`;
const idOf = (out: string) => /id: (\d+)\n/.exec(out)![1];

describe("dig", () => {
  it("a service name: its VIP from the embedded DNS, TTL 600, no EDNS in the reply, uncompressed size", async () => {
    const { run, vip } = await lab();
    const r = await run("docker exec ns dig web");
    expect(r).toEqual({
      stdout: frame("web", "NOERROR", "QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 0", `;; QUESTION SECTION:\n;web.\t\t\t\tIN\tA\n\n;; ANSWER SECTION:\nweb.\t\t\t600\tIN\tA\t${vip}\n\n`, 0, 40, idOf(r.stdout)),
      stderr: "",
      exitCode: 0,
    });
    expect(Number(idOf(r.stdout))).toBeLessThan(65536);
  });

  it("tasks.<service>: every task's address, shuffled on each query; +short prints the addresses alone", async () => {
    const { run, tasks } = await lab();
    const r = await run("docker exec ns dig tasks.web");
    const answers = r.stdout.split("\n").filter((l) => l.startsWith("tasks.web.\t"));
    expect(answers.map((l) => l.split("\t").pop()).sort()).toEqual([...tasks].sort());
    expect(answers[0]).toMatch(/^tasks\.web\.\t\t600\tIN\tA\t10\.0\.1\.\d+$/);
    expect(r.stdout).toContain(";; flags: qr rd ra; QUERY: 1, ANSWER: 3, AUTHORITY: 0, ADDITIONAL: 0\n\n;; QUESTION SECTION:\n;tasks.web.\t\t\tIN\tA\n");
    expect(r.stdout).toContain(";; MSG SIZE  rcvd: 102\n\n");
    const orders = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const short = await run("docker exec ns dig +short tasks.web");
      expect(short.stdout.split("\n").slice(0, -1).sort()).toEqual([...tasks].sort());
      orders.add(short.stdout);
    }
    expect(orders.size).toBeGreaterThan(1);
  });

  it("a name Docker does not know goes to the host's resolver: NXDOMAIN with the root's SOA, compressed, with EDNS", async () => {
    const { run } = await lab();
    const r = await run("docker exec ns dig nope");
    const ms = Number(/Query time: (\d+) msec/.exec(r.stdout)![1]);
    expect(ms).toBeGreaterThan(0);
    expect(r).toEqual({
      stdout: frame(
        "nope",
        "NXDOMAIN",
        "QUERY: 1, ANSWER: 0, AUTHORITY: 1, ADDITIONAL: 1",
        ";; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: 1232\n;; QUESTION SECTION:\n;nope.\t\t\t\tIN\tA\n\n" +
          ";; AUTHORITY SECTION:\n.\t\t\t10800\tIN\tSOA\ta.root-servers.net. nstld.verisign-grs.com. 2026010500 1800 900 604800 86400\n\n",
        ms,
        108,
        idOf(r.stdout),
      ),
      stderr: "",
      exitCode: 0,
    });
    expect(await run("docker exec ns dig +short nope")).toEqual({ stdout: "", stderr: "", exitCode: 0 });
  });

  it("AAAA of a Docker name: NOERROR and no answer", async () => {
    const { run } = await lab();
    const r = await run("docker exec ns dig web AAAA");
    expect(r.stdout).toBe(frame("web AAAA", "NOERROR", "QUERY: 1, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 0", ";; QUESTION SECTION:\n;web.\t\t\t\tIN\tAAAA\n\n", 0, 21, idOf(r.stdout)));
  });

  it("@8.8.8.8 is out of reach: three tries of five seconds, then dig gives up with exit 9", async () => {
    const { sb, run } = await lab();
    const start = sb.clock.now();
    const timedOut = ";; communications error to 8.8.8.8#53: timed out\n".repeat(3);
    expect(await run("docker exec ns dig @8.8.8.8 web")).toEqual({
      stdout: `${timedOut}\n; <<>> DiG 9.20.15 <<>> @8.8.8.8 web\n; (1 server found)\n;; global options: +cmd\n;; no servers could be reached\n`,
      stderr: "",
      exitCode: 9,
    });
    expect(sb.clock.now() - start).toBe(15_000);
    expect(await run("docker exec ns dig +short @8.8.8.8 web")).toEqual({ stdout: `${timedOut};; no servers could be reached\n`, stderr: "", exitCode: 9 });
  });

  it("on the default bridge the container asks the host's resolver, which knows no container names", async () => {
    const { run } = await lab();
    await run("docker run -dit --name plain nicolaka/netshoot");
    const r = await run("docker exec plain dig web");
    expect(r.stdout).toContain("status: NXDOMAIN");
    expect(r.stdout).toContain(";; SERVER: 192.168.1.1#53(192.168.1.1) (UDP)\n");
  });

  it("refuses options and query types it does not model, and images without dig", async () => {
    const { run } = await lab();
    expect(await run("docker exec ns dig +trace web")).toEqual({
      stdout: "",
      stderr:
        'Invalid option: +trace\nUsage:  dig [@global-server] [domain] [q-type] [q-class] {q-opt}\n            {global-d-opt} host [@local-server] {local-d-opt}\n            [ host [@local-server] {local-d-opt} [...]]\n\nUse "dig -h" (or "dig -h | more") for complete list of options\n',
      exitCode: 1,
    });
    expect(await run("docker exec ns dig web MX")).toEqual({ stdout: "", stderr: "dig: MX queries are not supported in this simulator (A and AAAA are)\n", exitCode: 1 });
    await run("docker run -dit --name ca --network appnet alpine");
    expect((await run("docker exec ca dig web")).exitCode).toBe(127);
  });
});
