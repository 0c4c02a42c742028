/**
 * docker rename / docker container rename (docker/cli cli/command/container/rename.go): the client
 * refuses a blank name itself; every error is prefixed `failed to rename container: `.
 */
import { renameContainer } from "../../../daemon/containers";
import { errorText } from "../../../engine/errors";
import type { CommandSpec } from "../../types";
import { worldOf } from "./common";

export const renameCmd: CommandSpec = {
  path: ["container", "rename"],
  use: "rename CONTAINER NEW_NAME",
  short: "Rename a container",
  aliasPaths: ["docker container rename", "docker rename"],
  args: { kind: "exact", n: 2 },
  complete: ["container"],
  flags: [],
  async run(ctx, io) {
    const [ref, newName] = ctx.args;
    if (newName.trim().replace(/^\//, "") === "") {
      io.err("failed to rename container: new name cannot be blank\n");
      return 1;
    }
    const r = renameContainer(worldOf(ctx), ctx.host, ref, newName);
    if (r.ok) return 0;
    io.err(`failed to rename container: Error response from daemon: ${errorText(r.error)}\n`);
    return 1;
  },
};

export const RENAME_COMMANDS = [renameCmd, { ...renameCmd, path: ["rename"] }];
