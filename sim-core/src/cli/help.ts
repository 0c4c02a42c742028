/**
 * Help text the way docker's usage template (docker/cli cli/cobra.go) and pflag's FlagUsagesWrapped print it.
 */
import type { FlagSpec } from "./types";

const TYPE_NAMES: Record<string, string> = {
  bool: "",
  string: "string",
  int: "int",
  uint64: "uint64",
  float: "float",
  duration: "duration",
  stringSlice: "strings",
  stringArray: "stringArray",
  list: "list",
  map: "map",
};

function wrapN(i: number, slop: number, s: string): [string, string] {
  if (i + slop > s.length) return [s, ""];
  const head = s.slice(0, i);
  const w = Math.max(head.lastIndexOf(" "), head.lastIndexOf("\t"), head.lastIndexOf("\n"));
  if (w <= 0) return [s, ""];
  const nl = head.lastIndexOf("\n");
  if (nl > 0 && nl < w) return [s.slice(0, nl), s.slice(nl + 1)];
  return [s.slice(0, w), s.slice(w + 1)];
}

/** pflag's wrap(i, w, s): text starting at column i, wrapped to width w. */
export function wrap(i: number, w: number, s: string): string {
  let width = w - i;
  let r = "";
  if (width < 24) {
    i = 16;
    width = w - i;
    r += "\n" + " ".repeat(i);
  }
  if (width < 24) return s.replaceAll("\n", r);
  const slop = 5;
  width -= slop;
  const [l, first] = wrapN(width, slop, s);
  let rest = first;
  r += l.replaceAll("\n", "\n" + " ".repeat(i));
  while (rest !== "") {
    let t: string;
    [t, rest] = wrapN(width, slop, rest);
    r += "\n" + " ".repeat(i) + t.replaceAll("\n", "\n" + " ".repeat(i));
  }
  return r;
}

function defaultText(f: FlagSpec): string {
  if (f.type === "map") {
    const d = (f.default ?? {}) as Record<string, string>;
    return ` (default map[${Object.keys(d)
      .sort()
      .map((k) => `${k}:${d[k]}`)
      .join(" ")}])`;
  }
  const d = f.default;
  if (d === undefined || d === "" || d === 0 || d === false) return "";
  if (Array.isArray(d)) return d.length ? ` (default [${d.join(",")}])` : "";
  if (f.type === "string") return ` (default ${JSON.stringify(d)})`;
  if (f.type === "duration" && typeof d === "number") return ` (default ${goDurationString(d)})`;
  return ` (default ${String(d)})`;
}

/** Go's Duration.String for whole-ish millisecond values. */
export function goDurationString(ms: number): string {
  if (ms === 0) return "0s";
  let out = "";
  let rest = ms;
  const h = Math.floor(rest / 3600000);
  rest -= h * 3600000;
  const m = Math.floor(rest / 60000);
  rest -= m * 60000;
  if (h) out += `${h}h`;
  if (h || m) out += `${m}m`;
  if (ms < 1000) return `${rest}ms`;
  return out + `${rest / 1000}s`;
}

/** The `Options:` block: visible flags sorted by name, usage column aligned, wrapped to 79 columns. */
export function flagUsages(flags: readonly FlagSpec[], cols = 79): string {
  const visible: FlagSpec[] = flags.filter((f) => !f.hidden && f.name !== "help");
  // cobra lists --help (without -h) when a command's own flag took the -h shorthand (docker run -h = --hostname).
  if (visible.some((f) => f.short === "h")) visible.push({ name: "help", type: "bool", usage: "Print usage" });
  visible.sort((a, b) => (a.name < b.name ? -1 : 1));
  const lines: [string, string][] = [];
  let maxlen = 0;
  for (const f of visible) {
    let line = f.short ? `  -${f.short}, --${f.name}` : `      --${f.name}`;
    const varname = f.valueName ?? TYPE_NAMES[f.type];
    if (varname) line += " " + varname;
    // pflag counts the NUL separator it appends, so the usage column sits one further right.
    maxlen = Math.max(maxlen, line.length + 1);
    let usage = f.usage + defaultText(f);
    if (f.deprecated) usage += ` (DEPRECATED: ${f.deprecated})`;
    lines.push([line, usage]);
  }
  return lines.map(([l, u]) => `${l} ${" ".repeat(maxlen - l.length)} ${wrap(maxlen + 2, cols, u)}`).join("\n");
}
