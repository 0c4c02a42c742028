/** Every docker leaf command, one list: dispatch, help and completion all come from it. */
import type { CommandSpec } from "../../types";
import { CONTAINER_COMMANDS } from "./container";
import { INSPECT_COMMANDS } from "./container-inspect";
import { LOGS_COMMANDS } from "./container-logs";
import { RENAME_COMMANDS } from "./container-rename";
import { NETWORK_COMMANDS } from "./network";
import { networkPruneCmd } from "./network-prune";
import { NODE_COMMANDS } from "./node";
import { nodeInspectCmd } from "./node-inspect";
import { SERVICE_COMMANDS } from "./service";
import { serviceInspectCmd } from "./service-inspect";
import { serviceLogsCmd } from "./service-logs";
import { serviceRollbackCmd, serviceUpdateCmd } from "./service-update";
import { SWARM_COMMANDS } from "./swarm";
import { SWARM_MANAGE_COMMANDS } from "./swarm-manage";
import { SYSTEM_COMMANDS } from "./system";

export const DOCKER_COMMANDS: CommandSpec[] = [...SWARM_COMMANDS, ...SWARM_MANAGE_COMMANDS, ...NODE_COMMANDS, nodeInspectCmd, ...NETWORK_COMMANDS, networkPruneCmd, ...SERVICE_COMMANDS, serviceUpdateCmd, serviceRollbackCmd, serviceInspectCmd, serviceLogsCmd, ...CONTAINER_COMMANDS, ...INSPECT_COMMANDS, ...LOGS_COMMANDS, ...RENAME_COMMANDS, ...SYSTEM_COMMANDS];
