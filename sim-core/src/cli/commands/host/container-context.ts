/** The container a tool runs in, found from the shell's location. */
import { hostOfContainer } from "../../../net/dns";
import type { World } from "../../../engine/world";
import type { ContainerState } from "../../../model/state";
import type { RunContext } from "../../types";

export function containerOf(ctx: RunContext): { world: World; host: string; container: ContainerState } | null {
  const world = ctx.world;
  const id = ctx.container;
  if (!id) return null;
  const host = hostOfContainer(world, id);
  const container = host ? world.state.hosts[host].containers[id] : undefined;
  return host && container ? { world, host, container } : null;
}
