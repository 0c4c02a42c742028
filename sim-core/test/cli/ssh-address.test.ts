import { describe, expect, it } from "vitest";
import { createLab, setHostUp } from "../../src/index";

/**
 * `ssh ADDRESS`: a node's underlay address logs in to that node as its name does; other addresses fail as
 * OpenSSH's connect does on the lab's underlay (ssh.c ssh_connect_direct), after the kernel's own delays.
 */
describe("ssh by address", () => {
  it("logs in to the node whose underlay address it is, as ssh node-2 does", async () => {
    const lab = createLab({ nodes: 3, seed: "ssh-ip", pacing: "instant" });
    expect(await lab.exec("node-1", "ssh 192.168.1.20")).toEqual({ stdout: "", stderr: "", exitCode: 0 });
    expect(lab.prompt("node-1")).toBe("node-2$ ");
    expect((await lab.exec("node-1", "hostname")).stdout).toBe("node-2\n");
    // ssh names the destination as it was given when the connection closes
    expect(await lab.exec("node-1", "exit")).toEqual({ stdout: "", stderr: "logout\nConnection to 192.168.1.20 closed.\n", exitCode: 0 });
    expect(lab.prompt("node-1")).toBe("node-1$ ");
    expect(await lab.exec("node-1", "ssh root@192.168.1.30 hostname")).toEqual({ stdout: "node-3\n", stderr: "", exitCode: 0 });
    // options with an argument come before the destination
    expect(await lab.exec("node-1", "ssh -p 22 -l root 192.168.1.30 hostname")).toEqual({ stdout: "node-3\n", stderr: "", exitCode: 0 });
    // the host's own addresses log in to itself
    await lab.exec("node-1", "ssh 127.0.0.1");
    expect(lab.prompt("node-1")).toBe("node-1$ ");
    expect((await lab.exec("node-1", "exit")).stderr).toBe("logout\nConnection to 127.0.0.1 closed.\n");
  });

  it("fails for an address nothing holds as ssh does, after the kernel gives up", async () => {
    const lab = createLab({ nodes: 3, seed: "ssh-ip", pacing: "instant" });
    let t = lab.now();
    // on eth0's link: ARP gets no answer (three probes a second apart)
    expect(await lab.exec("node-1", "ssh 192.168.1.99")).toEqual({ stdout: "", stderr: "ssh: connect to host 192.168.1.99 port 22: No route to host\n", exitCode: 255 });
    expect(lab.now() - t).toBe(3_000);
    expect(lab.prompt("node-1")).toBe("node-1$ ");
    // off the link: out through the router, and nothing answers the SYNs
    t = lab.now();
    expect(await lab.exec("node-1", "ssh 10.20.30.40")).toEqual({ stdout: "", stderr: "ssh: connect to host 10.20.30.40 port 22: Connection timed out\n", exitCode: 255 });
    expect(lab.now() - t).toBe(127_000);
    // the router is there but runs no sshd
    expect(await lab.exec("node-1", "ssh 192.168.1.1")).toEqual({ stdout: "", stderr: "ssh: connect to host 192.168.1.1 port 22: Connection refused\n", exitCode: 255 });
    // a powered-off node answers nothing, by name or address
    setHostUp(lab.sandbox.world, "node-3", false);
    t = lab.now();
    expect(await lab.exec("node-1", "ssh node-3")).toEqual({ stdout: "", stderr: "ssh: connect to host node-3 port 22: No route to host\n", exitCode: 255 });
    expect(lab.now() - t).toBe(3_000);
    expect((await lab.exec("node-1", "ssh 192.168.1.30")).exitCode).toBe(255);
    expect(lab.prompt("node-1")).toBe("node-1$ ");
    // names still fail to resolve
    expect(await lab.exec("node-1", "ssh node-9")).toEqual({ stdout: "", stderr: "ssh: Could not resolve hostname node-9: Name or service not known\n", exitCode: 255 });
  });

  it("refuses at a container on one of the host's bridges: it runs no sshd", async () => {
    const lab = createLab({ nodes: 1, seed: "ssh-ip", pacing: "instant" });
    expect((await lab.exec("node-1", "docker run -d --name web nginx")).exitCode).toBe(0);
    const ip = (await lab.exec("node-1", "docker inspect -f '{{.NetworkSettings.Networks.bridge.IPAddress}}' web")).stdout.trim();
    expect(ip).toMatch(/^172\.17\.0\.\d+$/);
    expect((await lab.exec("node-1", `ssh ${ip}`)).stderr).toBe(`ssh: connect to host ${ip} port 22: Connection refused\n`);
    // docker0's gateway is the host itself
    expect((await lab.exec("node-1", "ssh 172.17.0.1 hostname")).stdout).toBe("node-1\n");
  });
});
