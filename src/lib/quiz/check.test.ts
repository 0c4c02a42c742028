import { createLab } from "sim-core";
import { describe, expect, it } from "vitest";
import { answerLines, checkCommandAnswer, MAX_ANSWER_LINES } from "./check";

const attachable = { setup: ["docker swarm init"], goal: { kind: "overlay", name: "debugnet", attachable: true } } as const;

describe("answerLines", () => {
  it("takes one command per line, without pasted prompts, blank lines or comments", () => {
    expect(answerLines("node-1$ docker swarm init\n\n# then\n$ docker network ls  \n")).toEqual(["docker swarm init", "docker network ls"]);
  });
});

describe("checkCommandAnswer", () => {
  it("passes an equivalent command written differently", async () => {
    const r = await checkCommandAnswer(attachable, "docker network create --attachable --driver=overlay debugnet", createLab);
    expect(r).toMatchObject({ status: "checked", passed: true, misses: [] });
  });

  it("fails a near miss with the goal it missed and the simulator's own output", async () => {
    const r = await checkCommandAnswer(attachable, "docker network create -d overlay debugnet", createLab);
    expect(r).toMatchObject({ status: "checked", passed: false, misses: [{ code: "notAttachable", name: "debugnet" }] });
    if (r.status === "checked") expect(r.transcript).toEqual([{ command: "docker network create -d overlay debugnet", stdout: expect.stringMatching(/^\w{25}\n$/), stderr: "", exitCode: 0 }]);
  });

  it("shows docker's error for a command that fails", async () => {
    const r = await checkCommandAnswer(attachable, "docker network create --driver overlay --attachabel debugnet", createLab);
    expect(r.status === "checked" && r.transcript[0]).toMatchObject({ exitCode: 125, stderr: expect.stringContaining("unknown flag: --attachabel") });
    expect(r).toMatchObject({ passed: false, misses: [{ code: "noNetwork" }] });
  });

  it("runs several lines in order", async () => {
    const r = await checkCommandAnswer({ setup: [], goal: { kind: "overlay", name: "test" } }, "docker swarm init\ndocker network create -d overlay test", createLab);
    expect(r).toMatchObject({ passed: true });
  });

  it("refuses empty, too long and too many lines without running anything", async () => {
    const never = () => {
      throw new Error("must not build a lab");
    };
    expect(await checkCommandAnswer(attachable, "  \n# nothing", never)).toEqual({ status: "invalid", reason: "empty" });
    expect(await checkCommandAnswer(attachable, "docker ps\n".repeat(MAX_ANSWER_LINES + 1), never)).toEqual({ status: "invalid", reason: "tooManyLines" });
    expect(await checkCommandAnswer(attachable, `docker network create ${"x".repeat(400)}`, never)).toEqual({ status: "invalid", reason: "lineTooLong" });
  });

  it("stops a command that would run forever at the simulated time limit", async () => {
    const r = await checkCommandAnswer(attachable, "docker run --rm alpine ping 8.8.8.8", createLab);
    expect(r.status === "checked" && r.transcript[0].exitCode).not.toBe(0);
  });
});
