/**
 * The per-node load-balancer endpoint of an overlay. Swarmkit's allocator (manager/allocator/network.go:
 * `getNodeNetworks`, `allocateNode`, `doTaskAlloc`) gives a node an address on each overlay its live tasks
 * use, after the tasks' own addresses (allocated before placement), and frees it with the node's last task
 * there; libnetwork (`createLoadBalancerSandbox`) names the endpoint `<net>-endpoint` in sandbox `lb-<net>`.
 * Expected numbering from docker/docs engine/network/tutorials/overlay.md's `nginx` service (5 replicas on
 * `nginx-net`, published through the mesh, on 3 nodes): VIP .2, tasks .3–.7, the nodes' endpoints .8, .9,
 * .10; and 3 ingress-sbox addresses before the service's ingress VIP (10.255.0.5 there).
 */
import { describe, expect, it } from "vitest";
import { createLab } from "../../src/index";

async function tutorialLab() {
  const lab = createLab({ nodes: 3, seed: "lb" });
  const run = (line: string, node = "node-1") => lab.exec(node, line);
  await run("docker swarm init --advertise-addr 192.168.1.10");
  const token = (await run("docker swarm join-token -q worker")).stdout.trim();
  for (const n of ["node-2", "node-3"]) await run(`docker swarm join --token ${token} 192.168.1.10:2377`, n);
  await run("docker network create -d overlay --attachable nginx-net");
  const inspect = async (node: string, net = "nginx-net") => JSON.parse((await run(`docker network inspect ${net}`, node)).stdout)[0];
  return { lab, run, inspect };
}

describe("overlay load-balancer endpoints", () => {
  it("numbers VIP, tasks, then each node's lb-<net> endpoint as the overlay tutorial's swarm did", async () => {
    const { run, inspect } = await tutorialLab();
    await run("docker service create -d --name nginx --network nginx-net --publish 80:80 --replicas 5 nginx");
    const vips = JSON.parse((await run("docker service inspect --format '{{json .Endpoint.VirtualIPs}}' nginx")).stdout);
    expect(vips.map((v: { Addr: string }) => v.Addr)).toEqual(["10.0.0.5/24", "10.0.1.2/24"]);
    const n1 = await inspect("node-1");
    const tasks1 = Object.values(n1.Containers as Record<string, { Name: string; IPv4Address: string }>).filter((c) => c.Name.startsWith("nginx."));
    expect(tasks1.map((c) => `${c.Name.split(".").slice(0, 2).join(".")} ${c.IPv4Address}`).sort()).toEqual(["nginx.1 10.0.1.3/24", "nginx.4 10.0.1.6/24"]);
    expect(n1.Containers["lb-nginx-net"]).toMatchObject({ Name: "nginx-net-endpoint", MacAddress: "02:42:0a:00:01:08", IPv4Address: "10.0.1.8/24", IPv6Address: "" });
    expect(n1.Containers["lb-nginx-net"].EndpointID).toMatch(/^[0-9a-f]{64}$/);
    expect((await inspect("node-2")).Containers["lb-nginx-net"]).toMatchObject({ Name: "nginx-net-endpoint", IPv4Address: "10.0.1.9/24" });
    expect((await inspect("node-3")).Containers["lb-nginx-net"]).toMatchObject({ Name: "nginx-net-endpoint", IPv4Address: "10.0.1.10/24" });
    // Go marshals map keys sorted: the lb- entry after the container IDs, as in the tutorial's output.
    expect(Object.keys(n1.Containers).at(-1)).toBe("lb-nginx-net");
    expect(n1.Peers.map((p: { IP: string }) => p.IP)).toEqual(["192.168.1.10", "192.168.1.20", "192.168.1.30"]);
    // A second service on the network: its VIP and tasks come next; the nodes keep their endpoints.
    await run("docker service create -d --name api --network nginx-net --replicas 3 nginx");
    const api = JSON.parse((await run("docker service inspect --format '{{json .Endpoint.VirtualIPs}}' api")).stdout);
    expect(api[0].Addr).toBe("10.0.1.11/24");
    expect((await run("docker service ps --format '{{.Name}}' api")).stdout).toBe("api.1\napi.2\napi.3\n");
    const n1b = await inspect("node-1");
    expect(Object.values(n1b.Containers as Record<string, { Name: string; IPv4Address: string }>).find((c) => c.Name.startsWith("api."))?.IPv4Address).toMatch(/^10\.0\.1\.1[234]\/24$/);
    expect(n1b.Containers["lb-nginx-net"].IPv4Address).toBe("10.0.1.8/24");
  });

  it("frees a node's endpoint with its last task there, and gives one to a node with a standalone container", async () => {
    const { run, inspect, lab } = await tutorialLab();
    await run("docker service create -d --name web --network nginx-net --replicas 1 --constraint node.hostname==node-2 nginx");
    // VIP .2, the task .3, node-2's endpoint .4; node-1 (a manager without tasks there) has none.
    expect((await inspect("node-2")).Containers["lb-nginx-net"].IPv4Address).toBe("10.0.1.4/24");
    const n1 = await inspect("node-1");
    expect(n1.Containers).toEqual({});
    expect(n1.Peers).toBeUndefined();
    // A standalone container on the attachable overlay: its address first, then node-1's endpoint.
    await run("docker run -dit --name debug --network nginx-net alpine");
    const withDebug = await inspect("node-1");
    expect(withDebug.Containers["lb-nginx-net"].IPv4Address).toBe("10.0.1.6/24");
    expect(Object.values(withDebug.Containers as Record<string, { Name: string; IPv4Address: string }>).find((c) => c.Name === "debug")?.IPv4Address).toBe("10.0.1.5/24");
    expect(withDebug.Peers.map((p: { IP: string }) => p.IP)).toEqual(["192.168.1.10", "192.168.1.20"]);
    await run("docker stop debug");
    expect((await inspect("node-1")).Containers).toEqual({});
    // Scaled to 0, node-2 lets go of its endpoint (and the address stays free of any owner).
    await run("docker service scale -d web=0");
    const net = Object.values(Object.values(lab.state().swarms)[0].networks).find((n) => n.name === "nginx-net")!;
    expect(Object.values(net.endpoints).filter((o) => o.startsWith("lb:"))).toEqual([]);
    expect(Object.values(Object.values(lab.state().swarms)[0].nodes).map((n) => n.lbAddresses)).toEqual([undefined, undefined, undefined]);
  });
});
