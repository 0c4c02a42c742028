import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shellFactory } from "../../src/cli/index";
import { tokenize } from "../../src/cli/tokenize";
import { createSandbox } from "../../src/index";
import { SPECS, TICK } from "./helpers";

const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

const hostile = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.string({ unit: fc.constantFrom("'", '"', "\\", "$", "(", ")", "`", ";", "&", "|", ">", "<", "#", " ", "\n", "{", "}", "*", "?", "-", "\u001b", "\u0007", "\u009b"), maxLength: 80 }),
  fc.integer({ min: 1, max: 200 }).map((n) => "echo " + "$(echo ".repeat(n) + "x" + ")".repeat(n)),
  fc.integer({ min: 1, max: 200 }).map((n) => "$(".repeat(n)),
  fc.integer({ min: 1, max: 40_000 }).map((n) => "echo " + "a".repeat(n)),
  fc.constantFrom("tick", "tick &", "sleep 999999", "kill %1", "fg", "jobs", "docker network create --replicas", "docker network ls -q -q -q", "\u001b]0;title\u0007", "ssh node-2; ssh node-1"),
  fc.array(fc.constantFrom("docker", "network", "create", "-d", "--", "-x", "--opt", "a=b", "$?", "'x y'", "&&", "||", ";", "&"), { maxLength: 12 }).map((w) => w.join(" ")),
);

function sandbox() {
  const sb = createSandbox({ nodes: 3, seed: "fuzz", shell: shellFactory({ docker: SPECS, tools: [TICK], limits: { time: 5000, jobs: 3 } }) });
  return { sb, shell: sb.commandLine };
}

describe("hostile lines at the shell", () => {
  it("never throw, never hang, never echo raw control characters, never change state when rejected", async () => {
    const { sb, shell } = sandbox();
    await fc.assert(
      fc.asyncProperty(hostile, async (line) => {
        const before = JSON.stringify(sb.snapshot());
        const res = await shell.exec("node-1", line, {});
        expect(typeof res.exitCode).toBe("number");
        expect(res.stdout).not.toMatch(RAW_CONTROL);
        expect(res.stderr).not.toMatch(RAW_CONTROL);
        expect(res.stdout.length + res.stderr.length).toBeLessThan((1 << 20) + 500);
        if (!tokenize(line.replace(/\\\r?\n/g, "")).ok) {
          expect(res.exitCode).toBe(2);
          expect(JSON.stringify(sb.snapshot())).toBe(before);
        }
      }),
      { numRuns: 300, seed: 42 },
    );
    // the session still works afterwards
    await shell.exec("node-1", "kill %1; kill %2; kill %3", {});
    expect(await shell.exec("node-1", "echo ok", {})).toMatchObject({ stdout: expect.stringMatching(/ok\n$/), exitCode: 0 });
  }, 60_000);
});

describe("hostile docker lines against the real command list", () => {
  it("flag and usage errors (exit 125, or rejected syntax) leave the world as it was", async () => {
    const { DOCKER_COMMANDS } = await import("../../src/cli/commands/docker/index");
    const sb = createSandbox({ nodes: 3, seed: "fuzz-docker", shell: shellFactory({ docker: DOCKER_COMMANDS, limits: { time: 5000 } }) });
    const shell = sb.commandLine;
    await shell.exec("node-1", "docker swarm init", {});
    const word = fc.constantFrom(
      "network", "create", "rm", "ls", "inspect", "service", "node", "swarm", "update", "scale", "-d", "overlay", "--attachable",
      "--foo", "-x", "--replicas", "abc", "-1", "web", "nginx", "--name", "--subnet", "10.0.9.0/24", "--", "-q", "'\u001b[2J'", "$(", "\u0000",
    );
    await fc.assert(
      fc.asyncProperty(fc.array(word, { minLength: 1, maxLength: 8 }), async (words) => {
        const line = "docker " + words.join(" ");
        const before = JSON.stringify(sb.snapshot());
        const res = await shell.exec("node-1", line, {});
        expect(res.stdout + res.stderr).not.toMatch(RAW_CONTROL);
        if (res.exitCode === 125 || !tokenize(line).ok) expect(JSON.stringify(sb.snapshot())).toBe(before);
      }),
      { numRuns: 200, seed: 7 },
    );
  }, 60_000);
});
