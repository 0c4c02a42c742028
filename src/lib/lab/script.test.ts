import { describe, expect, it } from "vitest";
import { fillPlaceholders } from "./placeholders";
import { fitScript, pendingScriptSchema, scriptFromBlock } from "./script";

describe("scriptFromBlock", () => {
  it("reads node prefixes and skips the output lines between them", () => {
    const block = `# Node 1 (manager)
node-1$ docker swarm init --advertise-addr 192.168.1.10
Swarm initialized: current node (xxx) is now a manager.
To add a worker: docker swarm join --token SWMTKN-... 192.168.1.10:2377

# Node 2 (worker)
node-2$ docker swarm join --token SWMTKN-... 192.168.1.10:2377

# Verify
node-1$ docker node ls
ID    HOSTNAME   STATUS   AVAILABILITY   MANAGER STATUS
xxx   node-1     Ready    Active         Leader
node-1$ docker exec <api-container> ping api   # round-robins via Swarm DNS`;
    expect(scriptFromBlock(block)).toEqual([
      { node: "node-1", line: "docker swarm init --advertise-addr 192.168.1.10" },
      { node: "node-2", line: "docker swarm join --token SWMTKN-... 192.168.1.10:2377" },
      { node: "node-1", line: "docker node ls" },
      { node: "node-1", line: "docker exec <api-container> ping api" },
    ]);
  });

  it("takes every line of a plain block, on the node its comment names", () => {
    expect(scriptFromBlock("# On a Swarm manager\ndocker network create --driver overlay --attachable myoverlay\ndocker service create --name api --network myoverlay myapp\n")).toEqual([
      { node: "node-1", line: "docker network create --driver overlay --attachable myoverlay" },
      { node: "node-1", line: "docker service create --name api --network myoverlay myapp" },
    ]);
    expect(scriptFromBlock("# On node-2\ndocker ps")).toEqual([{ node: "node-2", line: "docker ps" }]);
    expect(scriptFromBlock("# On node-9\ndocker ps", 3)).toEqual([{ node: "node-1", line: "docker ps" }]);
  });

  it("joins backslash continuations, also after a $ prompt", () => {
    expect(scriptFromBlock("$ docker network create --driver overlay \\\n    --opt encrypted \\\n    secure-net\n\n$ docker service ls")).toEqual([
      { node: "node-1", line: "docker network create --driver overlay --opt encrypted secure-net" },
      { node: "node-1", line: "docker service ls" },
    ]);
  });

  it("finds no command in a block of output and comments", () => {
    expect(scriptFromBlock("# just a note\n")).toEqual([]);
    expect(scriptFromBlock("$ nslookup api\nServer:    127.0.0.11")).toEqual([{ node: "node-1", line: "nslookup api" }]);
  });
});

describe("fillPlaceholders", () => {
  const values = { token: "SWMTKN-1-abc-def", managerIp: "192.168.1.10", containerOf: (s: string) => (s === "api" ? "api.1.x1y2" : null) };
  it("fills the token, the manager address and a service's container", () => {
    expect(fillPlaceholders("docker swarm join --token SWMTKN-... 192.168.1.10:2377", values)).toBe("docker swarm join --token SWMTKN-1-abc-def 192.168.1.10:2377");
    expect(fillPlaceholders("docker swarm join --token <TOKEN> <manager-ip>:2377", values)).toBe("docker swarm join --token SWMTKN-1-abc-def 192.168.1.10:2377");
    expect(fillPlaceholders("docker exec <api-container> ping api", values)).toBe("docker exec api.1.x1y2 ping api");
    expect(fillPlaceholders("docker exec <web-container> ls", values)).toBe("docker exec <web-container> ls");
    expect(fillPlaceholders("join <TOKEN>", { ...values, token: null })).toBe("join <TOKEN>");
  });

  it("types a real image for the articles' myapp, where it is the image", () => {
    expect(fillPlaceholders("docker service create --name api --network appnet --replicas 5 myapp", values)).toBe(
      "docker service create --name api --network appnet --replicas 5 traefik/whoami",
    );
    expect(fillPlaceholders("docker run -d --name api --network appnet -e DB_HOST=db myapp:1.2", values)).toBe(
      "docker run -d --name api --network appnet -e DB_HOST=db traefik/whoami",
    );
    // A service or network called myapp, or an image that only starts with the word, is left alone.
    expect(fillPlaceholders("docker service create --name myapp nginx", values)).toBe("docker service create --name myapp nginx");
    expect(fillPlaceholders("docker service create --name web myapp-frontend", values)).toBe("docker service create --name web myapp-frontend");
    expect(fillPlaceholders("docker service ps myapp", values)).toBe("docker service ps myapp");
  });
});

describe("pending scripts", () => {
  it("accepts a script from a question page and refuses anything else", () => {
    const ok = { steps: [{ node: "node-2", line: "docker ps" }], source: { href: "/en/q/docker-overlay-network#quick-example", title: "Quick example" } };
    expect(pendingScriptSchema.safeParse(ok).success).toBe(true);
    expect(pendingScriptSchema.safeParse({ ...ok, source: { href: "//evil.example/q/x", title: "" } }).success).toBe(false);
    expect(pendingScriptSchema.safeParse({ ...ok, steps: [] }).success).toBe(false);
  });
});

describe("fitting a block to the cluster it is typed into", () => {
  const none = { hasSwarm: false, networks: ["bridge", "host", "none"], services: [] };
  const swarm = { ...none, hasSwarm: true, networks: [...none.networks, "ingress"] };
  const encrypted = scriptFromBlock("$ docker network create --driver overlay \\\n  --opt encrypted secure-net\n$ docker service create --name api --replicas 6 --network secure-net myapp");
  const twoNode = scriptFromBlock("node-1$ docker swarm init --advertise-addr 192.168.1.10\nnode-2$ docker swarm join --token SWMTKN-... 192.168.1.10:2377");

  it("starts a swarm on node-1 first for a block that needs one, in a cluster without", () => {
    expect(fitScript(encrypted, none)).toEqual({ steps: [{ node: "node-1", line: "docker swarm init" }, ...encrypted], fresh: false });
    expect(fitScript(scriptFromBlock("docker network create -d overlay --attachable appnet"), none).steps[0].line).toBe("docker swarm init");
  });

  it("types it as it is in a cluster that has a swarm, and a block with no swarm command anywhere", () => {
    expect(fitScript(encrypted, swarm)).toEqual({ steps: encrypted, fresh: false });
    const bridge = scriptFromBlock("docker network create mynet\ndocker run -d --network mynet nginx");
    expect(fitScript(bridge, none)).toEqual({ steps: bridge, fresh: false });
  });

  it("asks for a new cluster when a block that starts a swarm meets one", () => {
    expect(fitScript(twoNode, swarm)).toEqual({ steps: twoNode, fresh: true });
    expect(fitScript(twoNode, none)).toEqual({ steps: twoNode, fresh: false });
  });

  it("makes what a container block takes for granted only where the cluster lacks it", () => {
    const steps = scriptFromBlock(DISCOVERY_EN);
    // A fresh cluster: a swarm, the network and the service first.
    expect(fitScript(steps, none).steps.map((s) => s.line)).toEqual([
      "docker swarm init",
      "docker network create --driver overlay --attachable appnet",
      "docker service create --name api --network appnet --replicas 5 myapp",
      "docker run --rm --network appnet alpine nslookup api",
    ]);
    // After the article's first block: only the command itself.
    expect(fitScript(steps, { ...swarm, networks: [...swarm.networks, "appnet"], services: ["api"] }).steps.map((s) => s.line)).toEqual([
      "docker run --rm --network appnet alpine nslookup api",
    ]);
    // The network there, the service not.
    expect(fitScript(steps, { ...swarm, networks: [...swarm.networks, "appnet"] }).steps.map((s) => s.ensure?.kind ?? "run")).toEqual(["service", "run"]);
  });
});

const DISCOVERY_EN = `# Service "api" has 5 replicas across 3 nodes. Inside any container on appnet:
$ nslookup api
Server:    127.0.0.11
Address 1: 10.0.1.5 api
# A virtual IP that load-balances across the 5 replicas via IPVS.`;

describe("a block whose commands run inside a container", () => {
  it("runs each command in a container on the network its comment names, after what the comment takes for granted", () => {
    expect(scriptFromBlock(DISCOVERY_EN)).toEqual([
      { node: "node-1", line: "docker network create --driver overlay --attachable appnet", ensure: { kind: "network", name: "appnet" } },
      { node: "node-1", line: "docker service create --name api --network appnet --replicas 5 myapp", ensure: { kind: "service", name: "api" } },
      { node: "node-1", line: "docker run --rm --network appnet alpine nslookup api" },
    ]);
  });

  it("reads the Ukrainian article's comment the same way", () => {
    const uk = `# Сервіс "api" має 5 реплік на 3 вузлах. У будь-якому контейнері в appnet:
$ nslookup api
Server:    127.0.0.11`;
    expect(scriptFromBlock(uk)).toEqual(scriptFromBlock(DISCOVERY_EN));
  });

  it("without a service named, makes only the network; a comment naming a node ends the container", () => {
    expect(scriptFromBlock("# From a container on backend:\nwget -qO- http://web\n# On node-2\ndocker ps")).toEqual([
      { node: "node-1", line: "docker network create --driver overlay --attachable backend", ensure: { kind: "network", name: "backend" } },
      { node: "node-1", line: "docker run --rm --network backend alpine wget -qO- http://web" },
      { node: "node-2", line: "docker ps" },
    ]);
  });

  it("is not fooled by comments that only mention containers or nodes", () => {
    for (const comment of ["# Containers on node-1 and node-2 can ping each other by service name", "# Run it in a container on node-2", "# 5 containers spread across both nodes; all on appnet"]) {
      expect(scriptFromBlock(`${comment}\ndocker ps`).map((s) => s.line)).toEqual(["docker ps"]);
    }
  });

  it("a block that is only a comment and output runs nothing", () => {
    expect(scriptFromBlock("# Inside any container on appnet:\n# (nothing to type)")).toEqual([]);
  });

  it("its steps pass the lab's check on arrival, and a made-up kind does not", () => {
    const steps = scriptFromBlock(DISCOVERY_EN);
    const source = { href: "/en/q/docker-overlay-network#service-discovery-on-overlay", title: "Service discovery on overlay" };
    expect(pendingScriptSchema.safeParse({ steps, source }).success).toBe(true);
    const bad = [{ ...steps[0], ensure: { kind: "volume", name: "x" } }];
    expect(pendingScriptSchema.safeParse({ steps: bad, source }).success).toBe(false);
  });
});
