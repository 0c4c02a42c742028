/**
 * A declarative flag parser with spf13/pflag's semantics and error texts (errors.go, flag.go), as docker's
 * commands use it: long `--flag value` / `--flag=value`, short `-f value` / `-fvalue` / `-f=value`,
 * combined bool shorthands `-dit`, `--` terminator, `--bool=false`, repeated list flags, `--label k=v` maps,
 * and `interspersed: false` (flags stop at the first positional argument).
 *
 * Errors are data: `{ ok: false, error }` with the exact text pflag would produce. `--help`/`-h` is
 * reported as `help: true` (cobra's ErrHelp).
 */
import type { FlagSpec, FlagValue, ParsedFlags } from "./types";

export type FlagParse =
  | { ok: true; flags: ParsedFlags; args: string[]; help: boolean; /** `-h` was used (docker deprecates the shorthand). */ helpShorthand?: boolean }
  | { ok: false; error: string };

const HELP: FlagSpec = { name: "help", short: "h", type: "bool", usage: "Print usage" };

/** pflag's `-s, --name` (or `--name`) used in "invalid argument" errors. */
export function flagDisplay(f: FlagSpec): string {
  return f.short ? `-${f.short}, --${f.name}` : `--${f.name}`;
}

function parseGoInt(v: string, bits: 64, unsigned: boolean): number | string {
  const fn = unsigned ? "strconv.ParseUint" : "strconv.ParseInt";
  const m = /^([+-])?(0[xX][0-9a-fA-F_]+|0[oO]?[0-7_]+|0[bB][01_]+|[0-9_]+)$/.exec(v);
  if (!m || (unsigned && m[1])) return `${fn}: parsing ${goQuote(v)}: invalid syntax`;
  const body = m[2].replace(/_/g, "");
  let n: bigint;
  try {
    n = BigInt(/^0[0-7]+$/.test(body) ? "0o" + body.slice(1) : body.replace(/^0[oO]/, "0o"));
  } catch {
    return `${fn}: parsing ${goQuote(v)}: invalid syntax`;
  }
  if (m[1] === "-") n = -n;
  const max = unsigned ? (1n << BigInt(bits)) - 1n : (1n << BigInt(bits - 1)) - 1n;
  const min = unsigned ? 0n : -(1n << BigInt(bits - 1));
  if (n > max || n < min) return `${fn}: parsing ${goQuote(v)}: value out of range`;
  return Number(n);
}

/** Go's %q for the strings users type (printable ASCII kept, the rest escaped). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === "\\") out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\r") out += "\\r";
    else if (c < 0x20 || c === 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else if (c >= 0x80 && c < 0xa0) out += "\\u" + c.toString(16).padStart(4, "0");
    else out += ch;
  }
  return out + '"';
}

/** Go's %q of a byte: 'x'. */
function runeQuote(c: string): string {
  return c === "'" ? "'\\''" : c === "\\" ? "'\\\\'" : /^[\x20-\x7e]$/.test(c) ? `'${c}'` : goQuote(c).replace(/^"|"$/g, "'");
}

const DURATION_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, "µs": 1e-3, "μs": 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 };

/** Go's time.ParseDuration, returning milliseconds or the Go error text. */
export function parseGoDuration(v: string): number | string {
  const bad = `time: invalid duration ${goQuote(v)}`;
  let s = v;
  let sign = 1;
  if (s.startsWith("-") || s.startsWith("+")) {
    if (s[0] === "-") sign = -1;
    s = s.slice(1);
  }
  if (s === "0") return 0;
  if (s === "") return bad;
  let total = 0;
  while (s !== "") {
    const m = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    if (m[0] === "" || m[0] === ".") return bad;
    s = s.slice(m[0].length);
    const u = /^[^\d.]+/.exec(s);
    if (!u) return `time: missing unit in duration ${goQuote(v)}`;
    const unit = DURATION_UNITS[u[0]];
    if (unit === undefined) return `time: unknown unit ${goQuote(u[0])} in duration ${goQuote(v)}`;
    s = s.slice(u[0].length);
    total += Number(`${m[1] || "0"}.${m[2] || "0"}`) * unit;
  }
  return sign * total;
}

function parseBool(v: string): boolean | undefined {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(v)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(v)) return false;
  return undefined;
}

function zero(f: FlagSpec): FlagValue {
  if (f.default !== undefined) {
    const d = f.default as FlagValue;
    return Array.isArray(d) ? [...d] : typeof d === "object" ? { ...d } : d;
  }
  switch (f.type) {
    case "bool":
      return false;
    case "int":
    case "uint64":
    case "float":
    case "duration":
      return 0;
    case "stringArray":
    case "stringSlice":
    case "list":
      return [];
    case "map":
      return {};
    default:
      return "";
  }
}

class Parsed implements ParsedFlags {
  values: Record<string, FlagValue> = {};
  changed = new Set<string>();
  get<T extends FlagValue = FlagValue>(name: string): T | undefined {
    return this.values[name] as T | undefined;
  }
}

/** Splits a CSV field the way Go's encoding/csv does for stringSlice flags (quotes allowed). */
function splitCsv(v: string): string[] | string {
  const out: string[] = [];
  let cur = "";
  let i = 0;
  let quoted = false;
  let fieldStart = true;
  while (i < v.length) {
    const ch = v[i];
    if (quoted) {
      if (ch === '"') {
        if (v[i + 1] === '"') {
          cur += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        if (i < v.length && v[i] !== ",") return `parse error on line 1, column ${i + 1}: extraneous or missing " in quoted-field`;
        continue;
      }
      cur += ch;
      i++;
      continue;
    }
    if (ch === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
      i++;
      continue;
    }
    if (ch === ",") {
      out.push(cur);
      cur = "";
      fieldStart = true;
      i++;
      continue;
    }
    if (ch === '"') return `parse error on line 1, column ${i + 1}: bare " in non-quoted-field`;
    cur += ch;
    fieldStart = false;
    i++;
  }
  if (quoted) return `parse error on line 1, column ${v.length + 1}: extraneous or missing " in quoted-field`;
  out.push(cur);
  return out;
}

/** Sets one flag from its string value; returns the cause on failure. */
function setValue(p: Parsed, f: FlagSpec, raw: string): string | undefined {
  const first = !p.changed.has(f.name);
  if (f.validate) {
    const cause = f.validate(raw);
    if (cause) return cause;
  }
  switch (f.type) {
    case "bool": {
      const b = parseBool(raw);
      if (b === undefined) return `strconv.ParseBool: parsing ${goQuote(raw)}: invalid syntax`;
      p.values[f.name] = b;
      break;
    }
    case "int":
    case "uint64": {
      const n = parseGoInt(raw, 64, f.type === "uint64");
      if (typeof n === "string") return n;
      p.values[f.name] = n;
      break;
    }
    case "float": {
      const t = raw.replace(/_/g, "");
      const n = /^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|[iI]nf(inity)?|NaN)$/.test(t) ? Number(t.replace(/^([+-]?)[iI]nf(inity)?$/, "$1Infinity")) : NaN;
      if (Number.isNaN(n) && t !== "NaN") return `strconv.ParseFloat: parsing ${goQuote(raw)}: invalid syntax`;
      p.values[f.name] = n;
      break;
    }
    case "duration": {
      const d = parseGoDuration(raw);
      if (typeof d === "string") return d;
      p.values[f.name] = d;
      break;
    }
    case "stringSlice": {
      const parts = splitCsv(raw);
      if (typeof parts === "string") return parts;
      const prev = first ? [] : (p.values[f.name] as string[]);
      p.values[f.name] = [...prev, ...parts];
      break;
    }
    case "stringArray":
    case "list": {
      const prev = first ? [] : (p.values[f.name] as string[]);
      p.values[f.name] = [...prev, raw];
      break;
    }
    case "map": {
      const prev = first ? {} : (p.values[f.name] as Record<string, string>);
      const eq = raw.indexOf("=");
      const k = eq < 0 ? raw : raw.slice(0, eq);
      const v = eq < 0 ? "" : raw.slice(eq + 1);
      p.values[f.name] = { ...prev, [k]: v };
      break;
    }
    default:
      p.values[f.name] = raw;
  }
  p.changed.add(f.name);
  return undefined;
}

export interface ParseOptions {
  interspersed?: boolean;
}

/** Parses argv (without the command path) against the specs. */
export function parseFlags(specs: readonly FlagSpec[], argv: readonly string[], opts: ParseOptions = {}): FlagParse {
  const interspersed = opts.interspersed !== false;
  const all = specs.some((f) => f.name === "help") ? specs : [...specs, HELP];
  const byLong = new Map(all.map((f) => [f.name, f]));
  // A command's own shorthand wins over help's -h (docker run -h is --hostname), as cobra leaves help without one then.
  const byShort = new Map<string, FlagSpec>();
  for (const f of all) if (f.short && !byShort.has(f.short)) byShort.set(f.short, f);
  const p = new Parsed();
  for (const f of all) p.values[f.name] = zero(f);
  const args: string[] = [];
  let help = false;
  let helpShorthand = false;

  const bad = (f: FlagSpec, v: string, cause: string) => `invalid argument ${goQuote(v)} for ${goQuote(flagDisplay(f))} flag: ${cause}`;

  let i = 0;
  while (i < argv.length) {
    const a = argv[i++];
    if (a.length < 2 || a[0] !== "-") {
      if (!interspersed) {
        args.push(a, ...argv.slice(i));
        break;
      }
      args.push(a);
      continue;
    }
    if (a === "--") {
      args.push(...argv.slice(i));
      break;
    }
    if (a.startsWith("--")) {
      const body = a.slice(2);
      if (body.startsWith("-") || body.startsWith("=")) return { ok: false, error: `bad flag syntax: ${a}` };
      const eq = body.indexOf("=");
      const name = eq < 0 ? body : body.slice(0, eq);
      const f = byLong.get(name);
      if (!f) return { ok: false, error: `unknown flag: --${name}` };
      let value: string;
      if (eq >= 0) value = body.slice(eq + 1);
      else if (f.type === "bool") value = "true";
      else if (i < argv.length) value = argv[i++];
      else return { ok: false, error: `flag needs an argument: --${name}` };
      if (f.name === "help" && f === HELP) {
        help = parseBool(value) ?? true;
        continue;
      }
      const cause = setValue(p, f, value);
      if (cause) return { ok: false, error: bad(f, value, cause) };
      continue;
    }
    // shorthand group
    let rest = a.slice(1);
    while (rest.length > 0) {
      const c = rest[0];
      if (c === "-" || c === "=") return { ok: false, error: `bad flag syntax: ${a}` };
      const f = byShort.get(c);
      if (!f) return { ok: false, error: `unknown shorthand flag: ${runeQuote(c)} in -${rest}` };
      let value: string;
      if (rest.length > 2 && rest[1] === "=") {
        value = rest.slice(2);
        rest = "";
      } else if (f.type === "bool") {
        value = "true";
        rest = rest.slice(1);
      } else if (rest.length > 1) {
        value = rest.slice(1);
        rest = "";
      } else if (i < argv.length) {
        value = argv[i++];
        rest = "";
      } else return { ok: false, error: `flag needs an argument: ${runeQuote(c)} in -${rest}` };
      if (f === HELP) {
        help = parseBool(value) ?? true;
        helpShorthand = true;
        continue;
      }
      const cause = setValue(p, f, value);
      if (cause) return { ok: false, error: bad(f, value, cause) };
    }
  }
  return { ok: true, flags: p, args, help, ...(helpShorthand ? { helpShorthand } : {}) };
}
