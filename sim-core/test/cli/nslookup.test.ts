/**
 * busybox nslookup (networking/nslookup.c, FEATURE_NSLOOKUP_BIG, 1.37) against the embedded DNS: the
 * server block (`Address:\t127.0.0.11:53`, xmalloc_sockaddr2dotted), one reply block per query (A then
 * AAAA without -type), `Non-authoritative answer:` since libnetwork's resolver does not set AA, an empty
 * AAAA answer for a name without IPv6 (resolver.go: "present without IPv6 address"), NXDOMAIN per query,
 * `invalid query type "X"` and the usage for an option it lacks.
 */
import { describe, expect, it } from "vitest";
import { createLab } from "../../src/index";

const HEAD = "Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n";

async function lab() {
  const l = createLab({ nodes: 1, seed: "ns" });
  const run = (line: string) => l.exec("node-1", line);
  await run("docker swarm init --advertise-addr 192.168.1.10");
  await run("docker network create -d overlay --attachable appnet");
  await run("docker service create -d --name web --network appnet nginx");
  await run("docker run -dit --name dbg --network appnet alpine");
  return run;
}

describe("busybox nslookup", () => {
  it("asks A and AAAA by default, and one type with -type= (any case)", async () => {
    const run = await lab();
    const a = "Non-authoritative answer:\nName:\tweb\nAddress: 10.0.1.2\n\n";
    const aaaa = "Non-authoritative answer:\n\n";
    expect(await run("docker exec dbg nslookup web")).toEqual({ stdout: HEAD + a + aaaa, stderr: "", exitCode: 0 });
    expect(await run("docker exec dbg nslookup -type=a web")).toEqual({ stdout: HEAD + a, stderr: "", exitCode: 0 });
    expect(await run("docker exec dbg nslookup -type=AAAA web")).toEqual({ stdout: HEAD + aaaa, stderr: "", exitCode: 0 });
    expect(await run("docker exec dbg nslookup -querytype=a tasks.web")).toMatchObject({ stdout: expect.stringMatching(/^Server:[^]*Name:\ttasks\.web\nAddress: 10\.0\.1\.3\n\n$/), exitCode: 0 });
    expect(await run("docker exec dbg nslookup nope")).toEqual({ stdout: `${HEAD}** server can't find nope: NXDOMAIN\n\n** server can't find nope: NXDOMAIN\n\n`, stderr: "", exitCode: 1 });
  });

  it("answers a bad type and an unknown option as busybox does", async () => {
    const run = await lab();
    expect(await run("docker exec dbg nslookup -type=bogus web")).toEqual({ stdout: "", stderr: 'nslookup: invalid query type "bogus"\n', exitCode: 1 });
    const usage = await run("docker exec dbg nslookup -x web");
    expect(usage).toEqual({
      stdout: "",
      stderr: "BusyBox v1.37.0 (2026-01-10 15:38:28 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any\n",
      exitCode: 1,
    });
    expect((await run("docker exec dbg nslookup -type=srv web")).stderr).toBe("nslookup: the lab's DNS answers A and AAAA queries; -type=srv is not modelled\n");
  });
});
