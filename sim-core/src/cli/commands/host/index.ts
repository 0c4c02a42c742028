/**
 * Host and container tools: one list for dispatch, help and completion. A name may appear twice, once per
 * side: `ping` is busybox's inside containers and iputils' on the hosts.
 */
import type { CommandSpec } from "../../types";
import { catTool } from "./cat";
import { curlTool } from "./curl";
import { digTool } from "./dig";
import { ipTool } from "./ip";
import { iputilsPingTool } from "./iputils-ping";
import { iptablesTool } from "./iptables";
import { hostnameTool, nslookupTool } from "./nslookup";
import { pingTool } from "./ping";
import { tcpdumpTool } from "./tcpdump";
import { wgetTool } from "./wget";

export const HOST_TOOLS: CommandSpec[] = [pingTool, iputilsPingTool, nslookupTool, hostnameTool, iptablesTool, tcpdumpTool, curlTool, wgetTool, digTool, ipTool, catTool];
