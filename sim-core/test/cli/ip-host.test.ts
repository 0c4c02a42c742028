/**
 * `ip` on a host answers words iproute2 does not know as iproute2 does (ip/ip.c: main()'s option loop,
 * `Option "%s" is unknown, try "ip -help".` then exit(-1); do_cmd(), `Object "%s" is unknown, try "ip help".`
 * and EXIT_FAILURE). A real option or object the lab does not model is never called unknown.
 */
import { describe, expect, it } from "vitest";
import { createLab } from "../../src/lab";

describe("ip on a host", () => {
  it("refuses an option iproute2 lacks with its wording and exit 255", async () => {
    const lab = createLab({ nodes: 1 });
    expect(await lab.exec("node-1", "ip -Z addr")).toEqual({ stdout: "", stderr: 'Option "-Z" is unknown, try "ip -help".\n', exitCode: 255 });
  });

  it("refuses an object iproute2 lacks with its wording and exit 1", async () => {
    const lab = createLab({ nodes: 1 });
    expect(await lab.exec("node-1", "ip badcmd")).toEqual({ stdout: "", stderr: 'Object "badcmd" is unknown, try "ip help".\n', exitCode: 1 });
  });

  it("says what the lab models when the word is real iproute2 it does not model (by any prefix, as iproute2 reads it)", async () => {
    const lab = createLab({ nodes: 1 });
    for (const line of ["ip link", "ip neigh", "ip -j addr", "ip -br addr"]) {
      const r = await lab.exec("node-1", line);
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toMatch(/the simulator knows ip addr/);
    }
    expect((await lab.exec("node-1", "ip a")).stdout).toContain("inet 192.168.1.10/24");
    expect((await lab.exec("node-1", "ip r")).stdout).toContain("default via 192.168.1.1 dev eth0");
  });
});
