/**
 * Help as docker prints it, command for command. The fixtures are `docker <command> --help` captured from
 * the docker CLI 28.2.2; where docker 29 added flags (service create/update --memory-swap and
 * --memory-swappiness, API 1.52, docker/cli cli/command/service/opts.go) they are spliced in as 29 prints them.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { shellFactory } from "../../src/cli/index";
import { DOCKER_COMMANDS } from "../../src/cli/commands/docker/index";
import { createSandbox } from "../../src/sandbox";

const dir = new URL("../fixtures/help/", import.meta.url);
const fixtures = readdirSync(dir).filter((f) => f.endsWith(".txt"));

describe("docker help, byte for byte", () => {
  const sb = createSandbox({ shell: shellFactory({ docker: DOCKER_COMMANDS }) });
  it("has a fixture for every command", () => {
    expect(fixtures.length).toBeGreaterThan(40);
  });
  it.each(fixtures)("%s", async (file) => {
    const command = file.slice(0, -4).split("_").join(" ");
    const r = await sb.exec("node-1", `docker ${command} --help`);
    expect(r.stdout).toBe(readFileSync(new URL(file, dir), "utf8"));
    expect(r.exitCode).toBe(0);
  });
});
