/**
 * `--format` as docker's formatter package applies it: list commands render one template per row into a
 * table (`table …`, tabwriter with a header row rendered from the column names) or plain lines; `json`
 * prints each row as a JSON object; inspect commands render each object, or print the indented JSON array.
 * Rows are Go-struct-like contexts (`listContext`): methods docker's contexts have, marshalled by their
 * zero-argument methods as docker's `formatter.MarshalJSON` does.
 */
import { tabwrite } from "../../../format/table";
import { executeTemplate, goCompactJson, GO_TYPE, parseTemplate, TemplateError, type Template } from "../../../format/template";
import { goJson } from "../../../format/json";
import type { CommandIO, FlagSpec } from "../../types";

/** A row context's columns, computed up front: docker's zero-argument methods (`.ID`, `.Name`, …). */
export type ListFields = Record<string, string | number | boolean>;

const LABELS = Symbol("labels");

/** What every row context shares: docker's formatter.MarshalJSON, the columns as a sorted map. */
const CONTEXT_PROTO = {
  MarshalJSON(this: Record<string, unknown>) {
    return Object.fromEntries(Object.keys(this).sort().map((k) => [k, this[k]]));
  },
};

/** Contexts of objects with labels also answer `{{.Label "key"}}`. */
const LABELLED_PROTO = {
  ...CONTEXT_PROTO,
  Label(this: { [LABELS]: Record<string, string> }, name: string) {
    return this[LABELS][name] ?? "";
  },
};

/**
 * Makes a row context: a Go struct of the given type (its name shows in template errors) whose fields are
 * the columns, marshalled as docker marshals its contexts. Plain values, no closures: a 10,000-row
 * listing builds 10,000 small objects and nothing else.
 */
export function listContext(type: string, fields: ListFields, labels?: Record<string, string>): Record<string | symbol, unknown> {
  const context = Object.assign(Object.create(labels ? LABELLED_PROTO : CONTEXT_PROTO) as Record<string | symbol, unknown>, fields);
  context[GO_TYPE] = type;
  if (labels) context[LABELS] = labels;
  return context;
}

export interface ListFormat {
  /** The default table, e.g. "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}". */
  table: string;
  /** Column headers by field name (docker's SubHeaderContext). */
  headers: Record<string, string>;
  /** What `-q` prints (docker's DefaultQuietFormat is `{{.ID}}`). */
  quiet?: string;
  /** `--format raw`, where the command has it. */
  raw?: { normal: string; quiet: string };
}

export const formatFlag = (usage: string): FlagSpec => ({ name: "format", type: "string", usage });

/** The usage line docker's list commands give --format. */
export const LIST_FORMAT_USAGE =
  "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates";

/** The usage line docker's inspect commands give -f/--format. */
export const INSPECT_FORMAT_USAGE =
  "Format output using a custom template:\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates";

/** formatter.Format.templateString: strip `table`, trim spaces, turn typed `\t` and `\n` into real ones. */
function templateString(format: string): string {
  if (format === "json") return "{{json .}}";
  const body = format.startsWith("table") ? format.slice(5) : format;
  return body.replace(/^ +| +$/g, "").replace(/\\t/g, "\t").replace(/\\n/g, "\n");
}

/**
 * Writes rows with `--format`/`-q` as docker's list commands do; returns the exit code. Errors print
 * `template parsing error: …` and nothing on stdout, as docker buffers its output.
 */
export function writeList(io: CommandIO, spec: ListFormat, rows: unknown[], options: { format?: string; quiet?: boolean }): number {
  let format = options.format || "table";
  if (format === "table") format = options.quiet ? (spec.quiet ?? "{{.ID}}") : spec.table;
  else if (format === "raw" && spec.raw) format = options.quiet ? spec.raw.quiet : spec.raw.normal;
  let tmpl: Template;
  try {
    tmpl = parseTemplate(templateString(format));
  } catch (e) {
    return templateFailure(io, e);
  }
  let body = "";
  for (const row of rows) {
    try {
      body += `${executeTemplate(tmpl, row)}\n`;
    } catch (e) {
      return templateFailure(io, e);
    }
  }
  if (!format.startsWith("table")) {
    io.out(body);
    return 0;
  }
  // The header row: the same template over the column names, where a failing action cuts the row short.
  let header: string;
  try {
    header = executeTemplate(tmpl, spec.headers, { header: true });
  } catch (e) {
    header = e instanceof TemplateError ? (e.partial ?? "") : "";
  }
  io.out(tabulate(`${header}\n${body}`));
  return 0;
}

/** Go's tabwriter over tab-separated text: cells end at a tab, a line's last cell is not padded. */
function tabulate(text: string): string {
  const lines = text.split("\n");
  const last = lines.pop() ?? "";
  const table = lines.length ? tabwrite(lines.map((l) => l.split("\t"))) : "";
  return table + last;
}

function templateFailure(io: CommandIO, e: unknown): number {
  if (!(e instanceof TemplateError)) throw e;
  io.err(`template parsing error: ${e.message}\n`);
  return 1;
}

/** What an inspect command's lookup of one reference gives: the object to print, or the error docker prints. */
export type InspectLookup = { ok: true; value: unknown } | { ok: false; error: string };

/** `-f/--format` of the inspect commands (and of version and info). */
export const INSPECT_FORMAT_FLAG: FlagSpec = { name: "format", short: "f", type: "string", usage: INSPECT_FORMAT_USAGE };

/**
 * docker's inspect.Inspect: a template that does not parse fails first (exit 64, nothing looked up); then
 * the objects found print as an indented JSON array (`[]` when none), a compact one for `json`, or one
 * template result each (map semantics, a missing key an error, as docker's raw fallback runs it; an empty
 * line when nothing printed); the errors follow on stderr, one per line, with exit 1.
 */
export function writeInspect(io: CommandIO, refs: readonly string[], format: string | undefined, lookup: (ref: string) => InspectLookup): number {
  let tmpl: Template | undefined;
  if (format && format !== "json") {
    try {
      tmpl = parseTemplate(format);
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e;
      io.err(`template parsing error: ${e.message}\n`);
      return 64;
    }
  }
  const found: unknown[] = [];
  const errors: string[] = [];
  let rendered = "";
  for (const ref of refs) {
    const r = lookup(ref);
    if (!r.ok) errors.push(r.error);
    else if (!tmpl) found.push(r.value);
    else {
      try {
        rendered += `${executeTemplate(tmpl, r.value, { missingKey: "error" })}\n`;
      } catch (e) {
        if (!(e instanceof TemplateError)) throw e;
        errors.push(`template parsing error: ${e.message}`);
      }
    }
  }
  if (tmpl) io.out(rendered || "\n");
  else if (format === "json") io.out(`${goCompactJson(found).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}\n`);
  else io.out(`${goJson(found)}\n`);
  if (errors.length === 0) return 0;
  io.err(`${errors.join("\n")}\n`);
  return 1;
}
