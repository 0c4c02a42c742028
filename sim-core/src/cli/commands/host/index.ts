/** Host and container tools: one list for dispatch, help and completion. */
import type { CommandSpec } from "../../types";
import { catTool } from "./cat";
import { curlTool } from "./curl";
import { digTool } from "./dig";
import { ipTool } from "./ip";
import { iptablesTool } from "./iptables";
import { hostnameTool, nslookupTool } from "./nslookup";
import { pingTool } from "./ping";
import { tcpdumpTool } from "./tcpdump";
import { wgetTool } from "./wget";

export const HOST_TOOLS: CommandSpec[] = [pingTool, nslookupTool, hostnameTool, iptablesTool, tcpdumpTool, curlTool, wgetTool, digTool, ipTool, catTool];
