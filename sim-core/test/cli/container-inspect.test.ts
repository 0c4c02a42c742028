import { pinImage } from "../../src/engine/images";
import { describe, expect, it } from "vitest";
import { shellFactory } from "../../src/cli/index";
import { DOCKER_COMMANDS } from "../../src/cli/commands/docker/index";
import { createSandbox } from "../../src/sandbox";

const lab = () => createSandbox({ seed: "cinspect", shell: shellFactory({ docker: DOCKER_COMMANDS }) });

describe("docker container inspect / docker inspect", () => {
  it("prints a container in Docker 29's key order, with its networks", async () => {
    const sb = lab();
    await sb.exec("node-1", "docker network create mynet");
    await sb.exec("node-1", "docker run -d --name web --network mynet nginx");
    const r = await sb.exec("node-1", "docker container inspect web");
    expect(r.stderr).toBe("");
    expect(r.exitCode).toBe(0);
    const [c] = JSON.parse(r.stdout);
    expect(Object.keys(c)).toEqual([
      "Id", "Created", "Path", "Args", "State", "Image", "ResolvConfPath", "HostnamePath", "HostsPath", "LogPath", "Name", "RestartCount", "Driver", "Platform",
      "MountLabel", "ProcessLabel", "AppArmorProfile", "ExecIDs", "HostConfig", "GraphDriver", "Mounts", "Config", "NetworkSettings",
    ]);
    expect(c.Path).toBe("/docker-entrypoint.sh");
    expect(c.Args).toEqual(["nginx", "-g", "daemon off;"]);
    expect(c.Name).toBe("/web");
    expect(c.State).toEqual({
      Status: "running", Running: true, Paused: false, Restarting: false, OOMKilled: false, Dead: false, Pid: c.State.Pid, ExitCode: 0, Error: "",
      StartedAt: "2026-01-05T09:00:00Z", FinishedAt: "0001-01-01T00:00:00Z",
    });
    expect(c.HostConfig.NetworkMode).toBe("mynet");
    expect(Object.keys(c.Config)).toEqual([
      "Hostname", "Domainname", "User", "AttachStdin", "AttachStdout", "AttachStderr", "ExposedPorts", "Tty", "OpenStdin", "StdinOnce", "Env", "Cmd", "Image",
      "Volumes", "WorkingDir", "Entrypoint", "Labels", "StopSignal",
    ]);
    expect(c.Config.Image).toBe("nginx");
    expect(c.Config.Hostname).toBe(c.Id.slice(0, 12));
    expect(c.Config.Labels).toEqual({ maintainer: "NGINX Docker Maintainers <docker-maint@nginx.com>" });
    expect(r.stdout).toContain('"maintainer": "NGINX Docker Maintainers \\u003cdocker-maint@nginx.com\\u003e"');
    expect(c.NetworkSettings.Ports).toEqual({ "80/tcp": null });
    expect(c.NetworkSettings.Networks).toEqual({
      mynet: {
        IPAMConfig: null, Links: null, Aliases: null, DriverOpts: null, GwPriority: 0, NetworkID: expect.stringMatching(/^[0-9a-f]{64}$/),
        EndpointID: expect.stringMatching(/^[0-9a-f]{64}$/), Gateway: "172.18.0.1", IPAddress: "172.18.0.2", MacAddress: "02:42:ac:12:00:02", IPPrefixLen: 16,
        IPv6Gateway: "", GlobalIPv6Address: "", GlobalIPv6PrefixLen: 0, DNSNames: ["web", c.Id.slice(0, 12)],
      },
    });
    // The endpoint is the one `docker network inspect` lists.
    const [net] = JSON.parse((await sb.exec("node-1", "docker network inspect mynet")).stdout);
    expect(net.Containers[c.Id].EndpointID).toBe(c.NetworkSettings.Networks.mynet.EndpointID);
    // docker inspect finds the same object; by ID prefix too.
    expect((await sb.exec("node-1", `docker inspect ${c.Id.slice(0, 6)}`)).stdout).toBe(r.stdout);
  });

  it("gives a task's container its swarm labels and no DNS names on the default bridge", async () => {
    const sb = lab();
    await sb.exec("node-1", "docker swarm init");
    await sb.exec("node-1", "docker service create -d --name api alpine sleep 1d");
    await sb.exec("node-1", "docker run -dit --name plain busybox");
    const task = Object.values(sb.state().hosts["node-1"].containers).find((c) => c.taskId)!;
    const [c] = JSON.parse((await sb.exec("node-1", `docker inspect ${task.name}`)).stdout);
    expect(Object.keys(c.Config.Labels)).toEqual([
      "com.docker.swarm.node.id", "com.docker.swarm.service.id", "com.docker.swarm.service.name", "com.docker.swarm.task", "com.docker.swarm.task.id", "com.docker.swarm.task.name",
    ]);
    expect(c.Config.Labels["com.docker.swarm.task.name"]).toBe(task.name);
    // The daemon pinned the service's image to its digest; the task's container runs that reference.
    expect(c.Config.Image).toBe(pinImage("alpine:latest"));
    // The service's args are the task container's command (the image has no entrypoint).
    expect([c.Path, c.Args, c.Config.Cmd]).toEqual(["sleep", ["1d"], ["sleep", "1d"]]);
    const [p] = JSON.parse((await sb.exec("node-1", "docker inspect plain")).stdout);
    expect(p.Config.Cmd).toEqual(["sh"]);
    expect(p.HostConfig.NetworkMode).toBe("bridge");
    expect(p.NetworkSettings.Networks.bridge).toMatchObject({ Gateway: "172.17.0.1", IPAddress: "172.17.0.2", IPPrefixLen: 16, DNSNames: null });
  });

  it("shows a stopped container as exited without addresses; --size adds the sizes", async () => {
    const sb = lab();
    await sb.exec("node-1", "docker run -dit --name ca alpine");
    await sb.exec("node-1", "docker stop ca");
    const [c] = JSON.parse((await sb.exec("node-1", "docker container inspect ca")).stdout);
    expect(c.State).toMatchObject({ Status: "exited", Running: false, Pid: 0, ExitCode: 137 });
    expect(c.NetworkSettings).toMatchObject({ SandboxID: "", Ports: {} });
    expect(c.NetworkSettings.Networks.bridge).toMatchObject({ IPAddress: "", EndpointID: "", MacAddress: "" });
    const [s] = JSON.parse((await sb.exec("node-1", "docker container inspect -s ca")).stdout);
    expect(Object.keys(s).slice(19, 23)).toEqual(["GraphDriver", "SizeRw", "SizeRootFs", "Mounts"]);
  });

  it("prints [] and Docker's errors for unknown objects", async () => {
    const sb = lab();
    expect(await sb.exec("node-1", "docker inspect nope")).toEqual({ stdout: "[]\n", stderr: "error: no such object: nope\n", exitCode: 1 });
    expect(await sb.exec("node-1", "docker container inspect nope")).toEqual({ stdout: "[]\n", stderr: "Error response from daemon: No such container: nope\n", exitCode: 1 });
    expect(await sb.exec("node-1", "docker inspect --type container nope")).toEqual({ stdout: "[]\n", stderr: "Error response from daemon: No such container: nope\n", exitCode: 1 });
    expect(await sb.exec("node-1", "docker inspect --type network nope")).toEqual({ stdout: "[]\n", stderr: "Error response from daemon: network nope not found\n", exitCode: 1 });
    expect(await sb.exec("node-1", "docker inspect --type image nope")).toEqual({ stdout: "[]\n", stderr: "Error response from daemon: No such image: nope\n", exitCode: 1 });
    const types = '"config", "container", "image", "network", "node", "plugin", "secret", "service", "task", "volume"';
    expect(await sb.exec("node-1", "docker inspect --type foo x")).toEqual({ stdout: "", stderr: `unknown type: "foo": must be one of ${types}\n`, exitCode: 1 });
    expect(await sb.exec("node-1", "docker inspect --type '' x")).toEqual({ stdout: "", stderr: `type is empty: must be one of ${types}\n`, exitCode: 1 });
    // Found objects are printed, the missing ones reported, one error per line.
    const r = await sb.exec("node-1", "docker inspect bridge nope nada");
    expect(JSON.parse(r.stdout).map((n: { Name: string }) => n.Name)).toEqual(["bridge"]);
    expect(r.stderr).toBe("error: no such object: nope\nerror: no such object: nada\n");
    expect(r.exitCode).toBe(1);
  });

  it("formats with -f (Go template, json) as the inspect command does", async () => {
    const sb = lab();
    await sb.exec("node-1", "docker network create mynet");
    await sb.exec("node-1", "docker run -d --name web --network mynet nginx");
    expect(await sb.exec("node-1", "docker inspect -f '{{.Name}} {{.State.Status}}' web")).toEqual({ stdout: "/web running\n", stderr: "", exitCode: 0 });
    expect(await sb.exec("node-1", "docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' web")).toEqual({ stdout: "172.18.0.2\n", stderr: "", exitCode: 0 });
    expect((await sb.exec("node-1", "docker container inspect -f json web")).stdout).toMatch(/^\[\{"Id":"[0-9a-f]{64}","Created":/);
    expect(await sb.exec("node-1", "docker inspect -f '{{.Name}}' nope")).toEqual({ stdout: "\n", stderr: "error: no such object: nope\n", exitCode: 1 });
    const bad = await sb.exec("node-1", "docker inspect -f '{{.Name' web");
    expect(bad.exitCode).toBe(64);
    expect(bad.stderr).toMatch(/^template parsing error: template: :1: /);
  });

  it("help and usage errors as docker prints them", async () => {
    const sb = lab();
    expect((await sb.exec("node-1", "docker inspect --help")).stdout).toBe(`Usage:  docker inspect [OPTIONS] NAME|ID [NAME|ID...]

Return low-level information on Docker objects

Options:
  -f, --format string   Format output using a custom template:
                        'json':             Print in JSON format
                        'TEMPLATE':         Print output using the given
                        Go template.
                        Refer to https://docs.docker.com/go/formatting/
                        for more information about formatting output with
                        templates
  -s, --size            Display total file sizes if the type is container
      --type string     Only inspect objects of the given type
`);
    expect(await sb.exec("node-1", "docker inspect")).toEqual({
      stdout: "",
      stderr: "docker: 'docker inspect' requires at least 1 argument\n\nUsage:  docker inspect [OPTIONS] NAME|ID [NAME|ID...]\n\nSee 'docker inspect --help' for more information\n",
      exitCode: 1,
    });
  });
});
