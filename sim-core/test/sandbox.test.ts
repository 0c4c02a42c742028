import { describe, expect, it } from "vitest";
import { createSandbox, type CommandLineFactory } from "../src/sandbox";
import { swarmInit } from "../src/swarm/cluster";

// A one-command shell for the test: `init` runs swarm init on the node, `sleep N` waits N virtual seconds.
const tinyShell: CommandLineFactory = (sandbox) => ({
  async exec(node, line, { onOutput, signal }) {
    if (line === "init") {
      const r = swarmInit(sandbox.world, node);
      return r.ok ? { stdout: `${r.value.nodeId}\n`, stderr: "", exitCode: 0 } : { stdout: "", stderr: "failed\n", exitCode: 1 };
    }
    const m = /^sleep (\d+)$/.exec(line);
    if (m) {
      for (let i = 0; i < Number(m[1]); i++) {
        await sandbox.clock.sleep(1000, signal);
        if (signal?.aborted) return { stdout: "", stderr: "", exitCode: 130 };
        onOutput?.({ stream: "stdout", text: `${i + 1}\n` });
      }
      return { stdout: "", stderr: "", exitCode: 0 };
    }
    return { stdout: "", stderr: `${line}: not found\n`, exitCode: 127 };
  },
});

describe("createSandbox", () => {
  it("runs lines through the plugged-in shell against its world", async () => {
    const sb = createSandbox({ nodes: 2, seed: "sb", shell: tinyShell });
    const r = await sb.exec("node-1", "init");
    expect(r.exitCode).toBe(0);
    expect(sb.state().hosts["node-1"].nodeId).toBe(r.stdout.trim());
  });

  it("streams output in virtual time and stops on abort", async () => {
    const sb = createSandbox({ shell: tinyShell });
    const seen: string[] = [];
    const ctl = new AbortController();
    const run = sb.exec("node-1", "sleep 100", { signal: ctl.signal, onOutput: (c) => (seen.push(c.text), seen.length === 3 && ctl.abort()) });
    expect((await run).exitCode).toBe(130);
    expect(seen).toEqual(["1\n", "2\n", "3\n"]);
  });

  it("snapshots and restores the world, files included", async () => {
    const sb = createSandbox({ seed: "files", shell: tinyShell });
    sb.writeFile("node-1", "/tmp/cap.pcap", new Uint8Array([0xd4, 0xc3, 0xb2, 0xa1, 0, 255]));
    const snap = sb.snapshot();
    await sb.exec("node-1", "init");
    sb.restore(snap);
    expect(sb.state().hosts["node-1"].nodeId).toBeNull();
    expect([...sb.readFile("node-1", "/tmp/cap.pcap")!]).toEqual([0xd4, 0xc3, 0xb2, 0xa1, 0, 255]);
    expect(sb.readFile("node-1", "/nope")).toBeNull();
  });
});
