/**
 * swarmkit's task templates (template/context.go): `--hostname "{{.Node.Hostname}}-{{.Task.Slot}}"` is
 * expanded for each task with the service, the node it runs on and the task itself. The manager checks
 * the template when the service is created, expanding it against a placeholder task
 * (controlapi validateContainerSpec), so a broken template is refused up front.
 */
import { executeTemplate, GO_TYPE, parseTemplate, TemplateError } from "../format/template";
import type { NodeState, ServiceState, TaskState } from "../model/state";

interface TemplateInput {
  serviceId: string;
  serviceName: string;
  labels: Record<string, string>;
  nodeId: string;
  hostname: string;
  os: string;
  arch: string;
  taskId: string;
  taskName: string;
  slot: string;
}

/** template.Context with Go's type names, so a wrong field reads as it does in swarmkit's error. */
function context(i: TemplateInput) {
  return {
    [GO_TYPE]: "*template.Context",
    Service: { [GO_TYPE]: "struct { ID string; Name string; Labels map[string]string }", ID: i.serviceId, Name: i.serviceName, Labels: i.labels },
    Node: {
      [GO_TYPE]: "struct { ID string; Hostname string; Platform template.Platform }",
      ID: i.nodeId,
      Hostname: i.hostname,
      Platform: { [GO_TYPE]: "template.Platform", Architecture: i.arch, OS: i.os },
    },
    Task: { [GO_TYPE]: "struct { ID string; Name string; Slot string }", ID: i.taskId, Name: i.taskName, Slot: i.slot },
  };
}

function expand(source: string, input: TemplateInput): string {
  return executeTemplate(parseTemplate(source, "expansion"), context(input), { missingKey: "error" });
}

/** The daemon's check at create: the error text (`expanding hostname failed: template: …`), or null. */
export function hostnameTemplateError(source: string): string | null {
  try {
    expand(source, {
      serviceId: "serviceid", serviceName: "servicename", labels: {}, nodeId: "nodeid", hostname: "nodeHostname",
      os: "os", arch: "architecture", taskId: "", taskName: "taskname", slot: "1",
    });
    return null;
  } catch (e) {
    if (e instanceof TemplateError) return `expanding hostname failed: ${e.message}`;
    throw e;
  }
}

/** The hostname a task's container gets; a template that fails for this task leaves it empty (the container ID is used). */
export function expandHostname(source: string, service: ServiceState, task: TaskState, node: NodeState): string {
  try {
    return expand(source, {
      serviceId: service.id,
      serviceName: service.name,
      labels: service.labels,
      nodeId: node.id,
      hostname: node.hostname,
      os: "linux",
      arch: "x86_64",
      taskId: task.id,
      taskName: `${service.name}.${task.slot ?? node.id}.${task.id}`,
      slot: String(task.slot ?? node.id),
    });
  } catch (e) {
    if (e instanceof TemplateError) return "";
    throw e;
  }
}
