import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { shellFactory } from "../../src/cli/index";
import { DOCKER_COMMANDS } from "../../src/cli/commands/docker/index";
import { createSandbox } from "../../src/sandbox";

const lab = () => {
  const sb = createSandbox({ shell: shellFactory({ docker: DOCKER_COMMANDS }) });
  return { sb, shell: () => sb.commandLine };
};

describe("docker's whole command tree", () => {
  it("prints `docker --help` exactly as the docker CLI does (captured from docker 28.2)", async () => {
    const golden = readFileSync(new URL("../fixtures/docker-28.2-help.txt", import.meta.url), "utf8");
    expect((await lab().sb.exec("node-1", "docker --help")).stdout).toBe(golden);
  });

  it("answers commands it does not model with a clear message, whatever their flags", async () => {
    const { sb } = lab();
    expect(await sb.exec("node-1", "docker pull -q nginx")).toEqual({
      stdout: "",
      stderr: "docker pull: not supported in this simulator: images are built in (nginx, alpine, busybox, nicolaka/netshoot, and any other name runs as a plain container)\n",
      exitCode: 1,
    });
    expect((await sb.exec("node-1", "docker volume ls --help")).stderr).toBe("docker volume ls: not supported in this simulator: containers here have no volumes\n");
    expect((await sb.exec("node-1", "docker stack deploy -c x.yml app")).stderr).toBe("docker stack deploy: not supported in this simulator: deploy services with `docker service create` instead\n");
    // A command docker does not have at all is still unknown.
    expect((await sb.exec("node-1", "docker frobnicate")).stderr).toBe("docker: unknown command: docker frobnicate\n\nRun 'docker --help' for more information\n");
  });

  it("lists a management command's unmodelled subcommands in its help, but Tab offers only what runs", async () => {
    const { sb, shell } = lab();
    expect((await sb.exec("node-1", "docker system --help")).stdout).toContain("  df          Show docker disk usage\n");
    const tab = shell().complete("node-1", "docker vo", 9);
    expect(tab.candidates).toEqual([]);
    expect(shell().complete("node-1", "docker ne", 9).candidates).toEqual(["network"]);
  });
});
