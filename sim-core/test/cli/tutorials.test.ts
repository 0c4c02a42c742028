/**
 * The daemon behaviours Docker's own tutorials rely on (docker/docs engine/swarm/swarm-tutorial/*,
 * engine/network/tutorials/overlay.md, swarm/networking.md), replayed through the lab's door. Expected
 * texts come from the docker/cli, moby and swarmkit sources cited at each test.
 */
import { describe, expect, it } from "vitest";
import { createLab, errorText, removeNetwork } from "../../src/index";
import { pinImage } from "../../src/engine/images";

async function swarmLab(seed = "tutorials") {
  const lab = createLab({ nodes: 3, seed });
  const run = (line: string, node = "node-1") => lab.exec(node, line);
  await run("docker swarm init --advertise-addr 192.168.1.10");
  const token = (await run("docker swarm join-token -q worker")).stdout.trim();
  for (const n of ["node-2", "node-3"]) await run(`docker swarm join --token ${token} 192.168.1.10:2377`, n);
  const swarm = () => Object.values(lab.state().swarms)[0];
  const service = (name: string) => Object.values(swarm().services).find((s) => s.name === name)!;
  const network = (name: string) => Object.values(swarm().networks).find((s) => s.name === name)!;
  return { lab, run, swarm, service, network };
}

const err = (stderr: string, exitCode = 1) => ({ stdout: "", stderr, exitCode });

describe("hostile lines", () => {
  it("answers a huge replica count at once with the lab's limit in one line, for create, scale and update", async () => {
    const { run, service } = await swarmLab();
    expect(await run("docker service create --replicas 100000000 nginx")).toEqual(
      err("this lab simulates at most 10000 tasks per swarm: 100000000 replicas is too many\n"),
    );
    await run("docker service create -d --name web --replicas 2 nginx");
    expect(await run("docker service scale web=10001")).toEqual(err("web: this lab simulates at most 10000 tasks per swarm: 10001 replicas is too many\n"));
    await run("docker service create -d --name api --replicas 9000 nginx");
    expect(await run("docker service update -d --replicas 1001 web")).toEqual(
      err("this lab simulates at most 10000 tasks per swarm: 1001 replicas is too many (other services already ask for 9000)\n"),
    );
    expect(service("web").replicas).toBe(2);
    expect(await run("docker service scale web=18446744073709551615")).toEqual(err("web: this lab simulates at most 10000 tasks per swarm: that many replicas is too many (other services already ask for 9000)\n"));
  }, 30_000);

  it("validates swarm names as swarmkit's validateAnnotations does (controlapi/common.go)", async () => {
    const { run } = await swarmLab();
    const dns = err("Error response from daemon: rpc error: code = InvalidArgument desc = name must be valid as a DNS name component\n");
    const long = err("Error response from daemon: rpc error: code = InvalidArgument desc = name must be 63 characters or fewer\n");
    expect(await run("docker service create --name мережа nginx")).toEqual(dns);
    expect(await run("docker service create --name my.web nginx")).toEqual(dns);
    expect(await run("docker service create --name -web nginx")).toEqual(dns);
    expect(await run(`docker service create --name ${"a".repeat(64)} nginx`)).toEqual(long);
    expect((await run(`docker service create -d --name ${"a".repeat(63)} nginx`)).exitCode).toBe(0);
    expect((await run("docker service create -d --name my_web-1 nginx")).exitCode).toBe(0);
    expect(await run("docker network create -d overlay мережа")).toEqual(dns);
    expect(await run(`docker network create -d overlay ${"n".repeat(64)}`)).toEqual(long);
    expect((await run("docker network create -d overlay my_net-2")).exitCode).toBe(0);
    // Local networks are not swarm objects: the daemon takes any name for a bridge.
    expect((await run("docker network create my.bridge")).exitCode).toBe(0);
  }, 30_000);

  it("validates container names as moby's reserveName does (daemon/names.go RestrictedNamePattern)", async () => {
    const { run } = await swarmLab();
    expect(await run("docker run -d --name мережа nginx")).toEqual(
      err(
        "docker: Error response from daemon: Invalid container name (мережа), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed\n\nRun 'docker run --help' for more information\n",
        125,
      ),
    );
    expect(await run("docker run -d --name x nginx")).toEqual(
      err("docker: Error response from daemon: Invalid container name (x), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed\n\nRun 'docker run --help' for more information\n", 125),
    );
    expect((await run("docker run -d --name /web.1_a-b nginx")).exitCode).toBe(0);
    expect((await run("docker ps --format '{{.Names}}'")).stdout).toBe("web.1_a-b\n");
    expect(await run("docker rename web.1_a-b мережа")).toEqual(
      err("failed to rename container: Error response from daemon: Error when allocating new name: Invalid container name (/мережа), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed\n"),
    );
  }, 30_000);
});

describe("removing what is in use", () => {
  it("refuses a swarm network a service or a running task uses, by ID (swarmkit controlapi/network.go removeNetwork)", async () => {
    const { run, service, network } = await swarmLab();
    await run("docker network create -d overlay --attachable appnet");
    await run("docker service create -d --name web --network appnet nginx");
    const net = network("appnet").id;
    expect(await run("docker network rm appnet")).toEqual(
      err(`Error response from daemon: rpc error: code = FailedPrecondition desc = network ${net} is in use by service ${service("web").id}\n`),
    );
    await run("docker service rm web");
    await run("docker run -dit --name c1 --network appnet alpine", "node-2");
    const rm = await run("docker network rm appnet");
    expect(rm).toEqual(err(expect.stringMatching(new RegExp(`^Error response from daemon: rpc error: code = FailedPrecondition desc = network ${net} is in use by task [0-9a-z]{25}\\n$`))));
    // The same task ID every time: it belongs to the container's attachment.
    expect(await run("docker network rm appnet")).toEqual(rm);
    await run("docker stop c1", "node-2");
    expect(await run("docker network rm appnet")).toEqual({ stdout: "appnet\n", stderr: "", exitCode: 0 });
  }, 30_000);

  it("refuses a local network with running containers on it, naming their endpoints (moby: error while removing network)", async () => {
    const { run } = await swarmLab();
    await run("docker network create mynet");
    await run("docker run -dit --name c1 --network mynet alpine");
    await run("docker run -dit --name c2 --network mynet alpine");
    const endpoint = async (name: string) => (await run(`docker inspect -f '{{.NetworkSettings.Networks.mynet.EndpointID}}' ${name}`)).stdout.slice(0, 12);
    expect(await run("docker network rm mynet")).toEqual(
      err(`Error response from daemon: error while removing network: network mynet has active endpoints (name:"c1" id:"${await endpoint("c1")}", name:"c2" id:"${await endpoint("c2")}")\n`),
    );
    await run("docker stop c1 c2");
    expect(await run("docker network rm mynet")).toEqual({ stdout: "mynet\n", stderr: "", exitCode: 0 });
  }, 30_000);

  it("asks before removing ingress, as docker/cli network/remove.go does; with no answer it keeps it; a publishing service keeps it too", async () => {
    const { run, lab, swarm, service } = await swarmLab();
    const warning =
      "WARNING! Before removing the routing-mesh network, make sure all the nodes in your swarm run the same docker engine version. " +
      "Otherwise, removal may not be effective and functionality of newly create ingress networks will be impaired.\nAre you sure you want to continue? [y/N] ";
    expect(await run("docker network rm ingress")).toEqual({ stdout: warning, stderr: "", exitCode: 0 });
    expect(await lab.exec("node-1", "docker network rm ingress", { tty: true })).toEqual({ stdout: `${warning}\n`, stderr: "", exitCode: 0 });
    expect(Object.values(swarm().networks).some((n) => n.ingress)).toBe(true);
    // Had the learner answered y: swarmkit's removeIngressNetwork refuses while a service publishes through the mesh.
    await run("docker service create -d --name web -p 8080:80 nginx");
    const removed = removeNetwork(lab.sandbox.world, "node-1", "ingress");
    expect(removed.ok ? "" : errorText(removed.error)).toBe(
      `rpc error: code = FailedPrecondition desc = ingress network cannot be removed because service ${service("web").id} depends on it`,
    );
  }, 30_000);
});

describe("containers and tasks as the tutorials run them", () => {
  it("exit in docker run -it ends the container's main shell: the container stops with its status, --rm removes it", async () => {
    const { lab, run } = await swarmLab();
    expect(await run("docker run -it --name keep alpine")).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    expect(lab.prompt("node-1")).toBe("/ # ");
    expect(await run("exit 3")).toEqual({ stdout: "", stderr: "", exitCode: 3 });
    expect(lab.prompt("node-1")).toBe("node-1$ ");
    await run("docker run -it --rm --name gone alpine");
    await run("exit");
    expect((await run("docker ps -a --format '{{.Names}} {{.Status}}'")).stdout).toBe("keep Exited (3) Less than a second ago\n");
    // docker exec -it is not the main process: leaving it leaves the container running.
    await run("docker run -dit --name box alpine");
    await run("docker exec -it box sh");
    await run("exit");
    expect((await run("docker ps --format '{{.Names}} {{.Status}}'")).stdout).toBe("box Up Less than a second\n");
  }, 30_000);

  it("a service's command and args reach its tasks; busybox top keeps running (swarm-tutorial/deploy-service.md, rolling-update.md)", async () => {
    const { run } = await swarmLab();
    await run("docker service create -d --name helloworld --constraint node.hostname==node-1 alpine ping docker.com");
    await run("docker service create -d --name top --constraint node.hostname==node-1 busybox top");
    await run("docker service create -d --name web --constraint node.hostname==node-1 nginx nginx -g 'daemon off;'");
    expect((await run("docker ps --no-trunc --format '{{.Command}}'")).stdout).toBe('"/docker-entrypoint.sh nginx -g \'daemon off;\'"\n"top"\n"ping docker.com"\n');
    // The tasks run the images the daemon pinned to their digests; tables show the tag alone, --no-trunc all of it.
    expect((await run("docker ps --format '{{.Image}}'")).stdout).toBe("nginx:latest\nbusybox:latest\nalpine:latest\n");
    expect((await run("docker ps --no-trunc --format '{{.Image}}'")).stdout).toBe(`${pinImage("nginx:latest")}\n${pinImage("busybox:latest")}\n${pinImage("alpine:latest")}\n`);
    await run("sleep 60");
    expect((await run("docker service ls --format '{{.Name}} {{.Replicas}}'")).stdout).toBe("helloworld 1/1\ntop 1/1\nweb 1/1\n");
    expect((await run("docker service ps -q top")).stdout.split("\n").filter(Boolean)).toHaveLength(1);
  }, 30_000);

  it("scaling down removes the tasks of the removed slots, as swarmkit's task reaper does", async () => {
    const { run } = await swarmLab();
    await run("docker service create -d --name web --replicas 4 nginx");
    await run("docker service scale -d web=2");
    expect((await run("docker service ps web --format '{{.Name}} {{.DesiredState}}'")).stdout).toBe("web.1 Running\nweb.2 Running\n");
  }, 30_000);

  it("ping answers on the loopback and the container's own address", async () => {
    const { run } = await swarmLab();
    const r = await run("docker run --rm alpine ping -c 2 127.0.0.1");
    expect(r.stdout).toMatch(/^PING 127\.0\.0\.1 \(127\.0\.0\.1\): 56 data bytes\n64 bytes from 127\.0\.0\.1: seq=0 ttl=64 time=0\.\d{3} ms\n64 bytes from 127\.0\.0\.1: seq=1 ttl=64 time=0\.\d{3} ms\n\n--- 127\.0\.0\.1 ping statistics ---\n2 packets transmitted, 2 packets received, 0% packet loss\nround-trip min\/avg\/max = [\d./]+ ms\n$/);
    expect(r.exitCode).toBe(0);
    expect((await run("docker run --rm alpine ping -c 1 localhost")).stdout).toContain("1 packets transmitted, 1 packets received, 0% packet loss\n");
    await run("docker run -dit --name me alpine");
    const ip = (await run("docker inspect -f '{{.NetworkSettings.Networks.bridge.IPAddress}}' me")).stdout.trim();
    expect((await run(`docker exec me ping -c 1 ${ip}`)).stdout).toContain("1 packets transmitted, 1 packets received, 0% packet loss\n");
    const host = (await run("docker exec me hostname")).stdout.trim();
    expect((await run(`docker exec me ping -c 1 ${host}`)).stdout).toContain(`PING ${host} (${ip}): 56 data bytes\n`);
  }, 30_000);
});

describe("swarm init and join by interface name (swarm-tutorial/create-swarm.md, moby daemon/cluster/listen_addr.go)", () => {
  it("resolves eth0 to the host's address and refuses what is neither an interface nor an address", async () => {
    const lab = createLab({ nodes: 2, seed: "eth0" });
    const run = (line: string, node = "node-1") => lab.exec(node, line);
    expect(await run("docker swarm init --advertise-addr eth1")).toEqual(
      err("Error response from daemon: advertise address must be a non-zero IP address or network interface (with optional port number)\n"),
    );
    expect(await run("docker swarm init --advertise-addr eth0 --data-path-addr 10.0.0.1:4789")).toEqual(
      err("Error response from daemon: data path address must be a non-zero IP address or network interface (without a port number)\n"),
    );
    const init = await run("docker swarm init --advertise-addr eth0:2377 --data-path-addr eth0");
    expect(init.stdout).toContain(" 192.168.1.10:2377\n");
    const token = (await run("docker swarm join-token -q worker")).stdout.trim();
    expect(await run(`docker swarm join --token ${token} --advertise-addr eth0 192.168.1.10:2377`, "node-2")).toEqual({
      stdout: "This node joined a swarm as a worker.\n",
      stderr: "",
      exitCode: 0,
    });
    expect((await run("docker node inspect node-2 -f '{{.Status.Addr}}'")).stdout).toBe("192.168.1.20\n");
  }, 30_000);

  it("checks --listen-addr the same way (0.0.0.0 allowed) and refuses --force-new-cluster on a node already in a swarm", async () => {
    const lab = createLab({ nodes: 1, seed: "listen" });
    const run = (line: string) => lab.exec("node-1", line);
    expect(await run("docker swarm init --listen-addr foo")).toEqual(
      err("Error response from daemon: listen address must be an IP address or network interface (with optional port number)\n"),
    );
    expect((await run("docker swarm init --listen-addr 0.0.0.0:2377")).exitCode).toBe(0);
    expect(await run("docker swarm init --force-new-cluster")).toEqual(
      err("--force-new-cluster is not supported in this simulator (it rebuilds a swarm that lost its quorum from this manager's state)\n"),
    );
  }, 30_000);
});

describe("service networks (swarm/networking.md)", () => {
  it("takes --network host and none, the swarm's predefined networks (moby daemon/cluster populateNetworkID)", async () => {
    const { run, service } = await swarmLab();
    expect((await run("docker service create -d --name h --network host nginx")).exitCode).toBe(0);
    expect((await run("docker service create -d --name n --network none alpine sleep 1d")).exitCode).toBe(0);
    expect([service("h").hostNetwork, service("n").hostNetwork, service("h").vips]).toEqual(["host", "none", {}]);
    expect((await run("docker service ls --format '{{.Name}} {{.Replicas}}'")).stdout).toBe("h 1/1\nn 1/1\n");
    expect(await run("docker service create -d --name b --network bridge nginx")).toEqual(
      err("--network bridge for a service is not supported in this simulator (it models overlay networks, host and none)\n"),
    );
    await run("docker network create mine");
    expect(await run("docker service create -d --name m --network mine nginx")).toEqual(
      err("Error response from daemon: The network mine cannot be used with services. Only networks scoped to the swarm can be used, such as those created with the overlay driver.\n"),
    );
  }, 30_000);

  it("network inspect --verbose adds the service table: VIP, ports, LB index and every task's endpoint (moby api ServiceInfo)", async () => {
    const { run, service } = await swarmLab();
    await run("docker network create -d overlay ov");
    await run("docker service create -d --name web --replicas 2 --network ov -p 8080:80 nginx");
    const rows = (await run("docker service ps web --format '{{json .}}' --no-trunc")).stdout.trim().split("\n");
    const tasks = rows.map((l) => JSON.parse(l) as { Name: string; ID: string; Node: string });
    const table = JSON.parse((await run("docker network inspect --verbose -f '{{json .Services}}' ov")).stdout);
    expect(Object.keys(table)).toEqual(["web"]);
    expect(table.web).toMatchObject({ VIP: service("web").vips[Object.keys(service("web").vips)[1]], Ports: [], LocalLBIndex: 257 });
    expect(table.web.Tasks.map((t: { Name: string; Info: Record<string, string> }) => [t.Name, t.Info["Host IP"]])).toEqual(
      tasks.map((t) => [`${t.Name}.${t.ID}`, `192.168.1.${Number(t.Node.slice(5)) * 10}`]),
    );
    const ingress = JSON.parse((await run("docker network inspect -v -f '{{json .Services}}' ingress")).stdout);
    expect(ingress.web.Ports).toEqual(["Target: 80, Publish: 8080"]);
    expect((await run("docker network inspect -f '{{json .Services}}' ov")).exitCode).toBe(1);
  }, 30_000);
});

describe("the lab's image catalogue", () => {
  it("docker run of an image the registry lacks: not here, and the pull is refused (moby daemon/containerd image_pull.go)", async () => {
    const lab = createLab({ nodes: 1, seed: "images" });
    expect(await lab.exec("node-1", "docker run --rm myapp")).toEqual(
      err(
        "Unable to find image 'myapp:latest' locally\ndocker: Error response from daemon: pull access denied for myapp, repository does not exist or may require 'docker login'\n\nRun 'docker run --help' for more information\n",
        125,
      ),
    );
    expect((await lab.exec("node-1", "docker run -d --name who example/who:1.0")).stderr).toBe(
      "Unable to find image 'example/who:1.0' locally\ndocker: Error response from daemon: pull access denied for example/who, repository does not exist or may require 'docker login'\n\nRun 'docker run --help' for more information\n",
    );
    expect(await lab.exec("node-1", "docker run --rm docker.io/library/alpine:3.20 echo ok")).toEqual({ stdout: "ok\n", stderr: "", exitCode: 0 });
    expect((await lab.exec("node-1", "docker run -d --name cache redis")).exitCode).toBe(0);
    expect((await lab.exec("node-1", "docker ps -a --format '{{.Names}}'")).stdout).toBe("cache\n");
  }, 30_000);

  it("service create and update --image warn that an image outside the registry cannot be pinned (moby daemon/cluster digestWarning)", async () => {
    const { run, service } = await swarmLab();
    const warning = (image: string) =>
      `image ${image} could not be accessed on a registry to record\nits digest. Each node will access ${image} independently,\npossibly leading to different nodes running different\nversions of the image.\n\n`;
    const created = await run("docker service create -d --name api myapp");
    expect(created).toEqual({ stdout: `${service("api").id}\n`, stderr: warning("myapp:latest"), exitCode: 0 });
    expect(await run("docker service update -d --image myapp:v2 api")).toEqual({ stdout: "api\n", stderr: warning("myapp:v2"), exitCode: 0 });
    expect(await run("docker service update -d --image nginx:1.27 api")).toEqual({ stdout: "api\n", stderr: "", exitCode: 0 });
    expect((await run("docker service create -d --name web nginx")).stderr).toBe("");
  }, 30_000);

  it("pins a catalogue image to its digest (moby daemon/cluster imageWithDigestString); tables show the tag, --no-trunc and inspect all of it", async () => {
    const { run, service } = await swarmLab();
    await run("docker service create -d --name web --replicas 1 nginx");
    const pinned = pinImage("nginx:latest");
    expect(pinned).toMatch(/^nginx:latest@sha256:[0-9a-f]{64}$/);
    expect(service("web").image).toBe(pinned);
    expect((await run("docker service ls --format '{{.Image}}'")).stdout).toBe("nginx:latest\n");
    expect((await run("docker service ps --format '{{.Image}}' web")).stdout).toBe("nginx:latest\n");
    expect((await run("docker service ps --no-trunc --format '{{.Image}}' web")).stdout).toBe(`${pinned}\n`);
    expect((await run("docker service inspect -f '{{.Spec.TaskTemplate.ContainerSpec.Image}}' web")).stdout).toBe(`${pinned}\n`);
    // The same name and tag always pin to the same digest; another tag to another.
    await run("docker service update -d --image nginx:1.27 web");
    expect(service("web").image).toBe(pinImage("nginx:1.27"));
    expect(pinImage("nginx:1.27")).not.toBe(pinned);
    // --no-resolve-image: the registry is not asked, so nothing is pinned and nothing is warned.
    expect(await run("docker service create -d --no-resolve-image --name local myapp")).toEqual({ stdout: `${service("local").id}\n`, stderr: "", exitCode: 0 });
    expect(service("local").image).toBe("myapp:latest");
    await run("docker service create -d --no-resolve-image --name plain nginx");
    expect(service("plain").image).toBe("nginx:latest");
  }, 30_000);
});

describe("standalone containers on an attachable overlay (engine/network/tutorials/overlay.md)", () => {
  it("a worker lists the overlay while a container there uses it, drops it when that container stops, and lists it again on start", async () => {
    const { run } = await swarmLab();
    await run("docker network create -d overlay --attachable test-net");
    const listed = async () => (await run("docker network ls --format '{{.Name}}'", "node-2")).stdout.split("\n").includes("test-net");
    expect(await listed()).toBe(false);
    await run("docker run -dit --name alpine2 --network test-net alpine", "node-2");
    expect(await listed()).toBe(true);
    await run("docker container stop alpine2", "node-2");
    expect(await listed()).toBe(false);
    await run("docker start alpine2", "node-2");
    expect(await listed()).toBe(true);
    // The manager lists every swarm network all along.
    expect((await run("docker network ls --format '{{.Name}}'")).stdout).toContain("test-net\n");
  }, 30_000);
});

describe("host-mode published ports (swarm/ingress.md, Publish a service's ports directly on the swarm node)", () => {
  it("are the task container's own bindings: docker ps PORTS shows them, and docker run -p cannot take the port", async () => {
    const { run } = await swarmLab();
    await run("docker service create -d --name h --constraint node.hostname==node-1 --publish mode=host,target=80,published=8080 nginx");
    expect((await run("docker ps --format '{{.Ports}}'")).stdout).toBe("0.0.0.0:8080->80/tcp, [::]:8080->80/tcp\n");
    expect((await run("docker run -d --name web -p 8080:80 nginx")).stderr).toMatch(/Bind for 0\.0\.0\.0:8080 failed: port is already allocated\n/);
    // The swarm still routes the port to its task (mesh.ts), not to a docker run binding.
    expect((await run("docker run --rm alpine wget -qO- http://192.168.1.10:8080")).stdout).toMatch(/^Hostname: [0-9a-f]{12}\nIP: 192\.168\.1\.10\nRemoteAddr: 192\.168\.1\.10:\d+\n$/);
  }, 30_000);
});

describe("the daemon's validation order (swarmkit controlapi/network.go validateNetworkSpec, then CreateNetwork)", () => {
  it("checks the spec (attachable ingress, name, IPAM driver) before looking for an ingress already there", async () => {
    const { run, network } = await swarmLab();
    const ingress = network("ingress").id;
    expect(await run("docker network create -d overlay --ingress --attachable again")).toEqual(
      err("Error response from daemon: rpc error: code = InvalidArgument desc = ingress network cannot be attachable\n"),
    );
    expect(await run("docker network create -d overlay --ingress my.ingress")).toEqual(
      err("Error response from daemon: rpc error: code = InvalidArgument desc = name must be valid as a DNS name component\n"),
    );
    expect(await run("docker network create -d overlay --ingress --ipam-driver foo again")).toEqual(
      err("Error response from daemon: rpc error: code = InvalidArgument desc = error during lookup of plugin foo\n"),
    );
    expect(await run("docker network create -d overlay --ingress again")).toEqual(
      err(`Error response from daemon: rpc error: code = AlreadyExists desc = ingress network (${ingress}) is already present\n`),
    );
  }, 30_000);
});

describe("help on a terminal of the lab's width (docker/cli cli/cobra.go wrappedFlagUsages)", () => {
  it("wraps the option usages to the terminal's columns less one; 80 columns without a terminal or a width", async () => {
    const lab = createLab({ nodes: 1, seed: "columns" });
    const wide = await lab.exec("node-1", "docker service create --help", { tty: true, columns: 200 });
    const plain = await lab.exec("node-1", "docker service create --help");
    expect(wide.stdout).toContain("      --memory-swappiness int              Tune memory swappiness (0-100), -1 to reset to default (default -1)\n");
    expect(plain.stdout).toContain("      --memory-swappiness int              Tune memory swappiness\n                                           (0-100), -1 to reset to\n");
    expect((await lab.exec("node-1", "docker service create --help", { tty: true })).stdout).toBe(plain.stdout);
    expect((await lab.exec("node-1", "docker service create --help", { columns: 200 })).stdout).toBe(plain.stdout);
    // Only the option usages wrap: every other line is the same at any width.
    const notOptions = (s: string) => s.split("\n").filter((l) => !l.startsWith("  ") && l !== "");
    expect(notOptions(wide.stdout)).toEqual(notOptions(plain.stdout));
  }, 30_000);
});
