/**
 * Go's text/template, as far as docker's `--format` uses it: text and actions with trim markers, comments,
 * pipelines with `|`, fields and field chains, methods with arguments (`.Label "k"`), variables (`$`,
 * `$x :=`, `$i, $v := range`), parenthesised pipelines, string/raw/char/number/bool/nil literals,
 * `if`/`else if`/`else`/`with`/`range` (over lists, maps in key order and ints) with `break`/`continue`,
 * Go's builtins (and, or, not, len, index, slice, print, printf, println, eq, ne, lt, le, gt, ge, html,
 * js, urlquery) and docker's own functions (json, split, join, title, lower, upper, pad, truncate).
 *
 * Values are plain JS data. An object carrying a `GO_TYPE` name is a Go struct (a formatter context): a
 * missing field is an error naming that type, and function-valued fields are methods. Any other object is
 * a Go map (a missing key prints `<no value>`, or fails with `missingKey: "error"`). Errors carry Go's own
 * texts (`template: :1: function "x" not defined`, `template: :1:2: executing "" at <.Foo>: …`).
 */

/** Marks an object as a Go struct of this type, e.g. `*formatter.networkContext`. */
export const GO_TYPE = Symbol("goType");

export class TemplateError extends Error {
  constructor(
    message: string,
    /** "parse" errors are usage errors (docker exits 64 from inspect); "exec" errors happen per element. */
    readonly phase: "parse" | "exec",
  ) {
    super(message);
  }

  /** What an execution wrote before it failed (docker prints a table header cut short at the failure). */
  partial?: string;
}

export type TemplateFunc = (...args: unknown[]) => unknown;

// ---------------------------------------------------------------- lexer

type TokKind = "text" | "left" | "right" | "field" | "var" | "ident" | "string" | "raw" | "char" | "number" | "bool" | "nil" | "dot" | "pipe" | "lparen" | "rparen" | "declare" | "assign" | "comma" | "space" | "eof";

interface Tok {
  kind: TokKind;
  value: string;
  pos: number;
}

const KEYWORDS = new Set(["if", "else", "end", "range", "with", "define", "template", "block", "break", "continue"]);

function lex(src: string, fail: (pos: number, msg: string) => never): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const open = src.indexOf("{{", i);
    let textEnd = open < 0 ? src.length : open;
    const trimLeft = open >= 0 && src.startsWith("{{- ", open) || (open >= 0 && /^\{\{-[\t\n\r ]/.test(src.slice(open, open + 4)));
    if (trimLeft) while (textEnd > i && /[\t\n\r ]/.test(src[textEnd - 1])) textEnd--;
    if (textEnd > i) toks.push({ kind: "text", value: src.slice(i, textEnd), pos: i });
    if (open < 0) break;
    i = open + 2 + (trimLeft ? 2 : 0);
    // A comment is the whole action.
    if (src.startsWith("/*", i)) {
      const close = src.indexOf("*/", i);
      if (close < 0) fail(i, "unclosed comment");
      let after = close + 2;
      let trimRight = false;
      if (/^[\t\n\r ]-\}\}/.test(src.slice(after, after + 4))) {
        after += 2;
        trimRight = true;
      }
      if (!src.startsWith("}}", after)) fail(i, "comment ends before closing delimiter");
      i = after + 2;
      if (trimRight) while (i < src.length && /[\t\n\r ]/.test(src[i])) i++;
      continue;
    }
    toks.push({ kind: "left", value: "{{", pos: open });
    for (;;) {
      if (i >= src.length) fail(i, "unclosed action");
      const rest = src.slice(i);
      const trimRight = /^[\t\n\r ]-\}\}/.test(rest);
      if (trimRight || rest.startsWith("}}")) {
        toks.push({ kind: "right", value: "}}", pos: i });
        i += trimRight ? 4 : 2;
        if (trimRight) while (i < src.length && /[\t\n\r ]/.test(src[i])) i++;
        break;
      }
      const c = src[i];
      const start = i;
      if (/[\t\r\n ]/.test(c)) {
        while (i < src.length && /[\t\r\n ]/.test(src[i])) i++;
        toks.push({ kind: "space", value: " ", pos: start });
      } else if (c === "|") {
        toks.push({ kind: "pipe", value: c, pos: i++ });
      } else if (c === "(") {
        toks.push({ kind: "lparen", value: c, pos: i++ });
      } else if (c === ")") {
        toks.push({ kind: "rparen", value: c, pos: i++ });
      } else if (c === ",") {
        toks.push({ kind: "comma", value: c, pos: i++ });
      } else if (rest.startsWith(":=")) {
        toks.push({ kind: "declare", value: ":=", pos: i });
        i += 2;
      } else if (c === "=") {
        toks.push({ kind: "assign", value: c, pos: i++ });
      } else if (c === '"') {
        i++;
        while (i < src.length && src[i] !== '"') {
          if (src[i] === "\\") i++;
          if (src[i] === "\n") fail(i, "unterminated quoted string");
          i++;
        }
        if (i >= src.length) fail(start, "unterminated quoted string");
        toks.push({ kind: "string", value: src.slice(start, ++i), pos: start });
      } else if (c === "`") {
        const close = src.indexOf("`", i + 1);
        if (close < 0) fail(start, "unterminated raw quoted string");
        toks.push({ kind: "raw", value: src.slice(i + 1, close), pos: start });
        i = close + 1;
      } else if (c === "'") {
        const m = /^'(\\.|[^'\\])'/u.exec(rest);
        if (!m) fail(start, "unterminated character constant");
        toks.push({ kind: "char", value: m[0], pos: start });
        i += m[0].length;
      } else if (c === "$") {
        const m = /^\$[\p{L}_\p{N}]*/u.exec(rest)!;
        toks.push({ kind: "var", value: m[0], pos: start });
        i += m[0].length;
      } else if (c === "." && !/[0-9]/.test(src[i + 1] ?? "")) {
        const m = /^\.[\p{L}_][\p{L}_\p{N}]*/u.exec(rest);
        if (m) {
          toks.push({ kind: "field", value: m[0], pos: start });
          i += m[0].length;
        } else {
          toks.push({ kind: "dot", value: ".", pos: i++ });
        }
      } else if (/[0-9+\-.]/.test(c)) {
        const m = /^[+-]?(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(\d[\d_]*)?\.?\d*([eE][+-]?\d+)?)/.exec(rest);
        if (!m || m[0] === "" || m[0] === "+" || m[0] === "-" || /[\p{L}_]/u.test(src[i + m[0].length] ?? "")) fail(start, `bad number syntax: "${/^[^\s})|]*/.exec(rest)![0]}"`);
        toks.push({ kind: "number", value: m[0], pos: start });
        i += m[0].length;
      } else if (/[\p{L}_]/u.test(c)) {
        const m = /^[\p{L}_][\p{L}_\p{N}]*/u.exec(rest)!;
        const word = m[0];
        const kind: TokKind = word === "true" || word === "false" ? "bool" : word === "nil" ? "nil" : "ident";
        toks.push({ kind, value: word, pos: start });
        i += word.length;
      } else if (/[!-~]/.test(c)) {
        fail(i, `unexpected "${c}" in operand`);
      } else {
        fail(i, `unrecognized character in action: ${goRune(c)}`);
      }
    }
  }
  toks.push({ kind: "eof", value: "", pos: src.length });
  return toks;
}

const goRune = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")} '${c}'`;

// ---------------------------------------------------------------- parser

type Operand =
  | { kind: "field"; pos: number; text: string; base: Operand | null; names: string[] }
  | { kind: "dot"; pos: number; text: string }
  | { kind: "var"; pos: number; text: string; name: string; names: string[] }
  | { kind: "ident"; pos: number; text: string; name: string }
  | { kind: "literal"; pos: number; text: string; value: unknown }
  | { kind: "pipe"; pos: number; text: string; pipe: Pipeline };

interface Command {
  pos: number;
  args: Operand[];
  /** The command as written, for error messages (`index .L 5`). */
  text: string;
}

interface Pipeline {
  pos: number;
  decl: string[];
  assign: boolean;
  cmds: Command[];
}

type Node =
  | { kind: "text"; text: string }
  | { kind: "action"; pipe: Pipeline }
  | { kind: "if" | "with"; pipe: Pipeline; then: Node[]; else: Node[] | null }
  | { kind: "range"; pipe: Pipeline; body: Node[]; else: Node[] | null }
  | { kind: "break" | "continue"; pos: number };

export interface Template {
  name: string;
  source: string;
  nodes: Node[];
  /**
   * Set when the template is only text and plain field actions (`{{.ID}}\t{{.Name}}`), as docker's
   * default tables are: text parts and field names, run without the general evaluator.
   */
  simple?: (string | { field: string })[];
}

/** Parses a template; throws a TemplateError with Go's text (`template: :1: …`). */
export function parseTemplate(source: string, name = ""): Template {
  const fail = (pos: number, msg: string): never => {
    throw new TemplateError(`template: ${name}:${lineOf(source, pos)}: ${msg}`, "parse");
  };
  const toks = lex(source, fail);
  let k = 0;
  let rangeDepth = 0;
  /** Variables in scope while parsing: Go rejects an undefined one at parse time. */
  const scope: string[] = ["$"];
  const checkVar = (name: string, pos: number) => {
    if (!scope.includes(name)) fail(pos, `undefined variable "${name}"`);
  };
  const peek = () => toks[k];
  const skipSpace = () => {
    while (toks[k].kind === "space") k++;
  };
  const next = () => toks[k++];
  const expectRight = (context: string) => {
    skipSpace();
    const t = next();
    if (t.kind !== "right") fail(t.pos, `unexpected ${describe(t)} in ${context}`);
  };

  function parseOperand(): Operand | null {
    const t = peek();
    let op: Operand;
    switch (t.kind) {
      case "field":
        k++;
        op = { kind: "field", pos: t.pos, text: t.value, base: null, names: t.value.slice(1).split(".") };
        break;
      case "dot":
        k++;
        op = { kind: "dot", pos: t.pos, text: "." };
        break;
      case "var": {
        k++;
        checkVar(t.value, t.pos);
        op = { kind: "var", pos: t.pos, text: t.value, name: t.value, names: [] };
        break;
      }
      case "ident":
        if (KEYWORDS.has(t.value)) return null;
        k++;
        if (!(t.value in BUILTINS) && !(t.value in DOCKER_FUNCS)) fail(t.pos, `function "${t.value}" not defined`);
        op = { kind: "ident", pos: t.pos, text: t.value, name: t.value };
        break;
      case "string":
        k++;
        op = { kind: "literal", pos: t.pos, text: t.value, value: unquote(t.value, () => fail(t.pos, `invalid syntax`)) };
        break;
      case "raw":
        k++;
        op = { kind: "literal", pos: t.pos, text: `\`${t.value}\``, value: t.value };
        break;
      case "char":
        k++;
        op = { kind: "literal", pos: t.pos, text: t.value, value: (unquote(`"${t.value.slice(1, -1)}"`, () => fail(t.pos, "invalid syntax")) as string).codePointAt(0) };
        break;
      case "number": {
        k++;
        const n = Number(t.value.replace(/_/g, "").replace(/^([+-]?)0[oO]/, "$10o"));
        if (Number.isNaN(n)) fail(t.pos, `bad number syntax: "${t.value}"`);
        op = { kind: "literal", pos: t.pos, text: t.value, value: n };
        break;
      }
      case "bool":
        k++;
        op = { kind: "literal", pos: t.pos, text: t.value, value: t.value === "true" };
        break;
      case "nil":
        k++;
        op = { kind: "literal", pos: t.pos, text: "nil", value: null };
        break;
      case "lparen": {
        k++;
        const pipe = parsePipeline("parenthesized pipeline", "rparen");
        op = { kind: "pipe", pos: t.pos, text: `(${pipeText(pipe)})`, pipe };
        break;
      }
      default:
        return null;
    }
    // Field chains after a variable or a parenthesised pipeline: $x.Name, (index . 0).Name
    while (peek().kind === "field" && (op.kind === "var" || op.kind === "pipe" || op.kind === "field")) {
      const f = next();
      const names = f.value.slice(1).split(".");
      if (op.kind === "var") op = { ...op, text: op.text + f.value, names: [...op.names, ...names] };
      else if (op.kind === "field") op = { ...op, text: op.text + f.value, names: [...op.names, ...names] };
      else op = { kind: "field", pos: op.pos, text: op.text + f.value, base: op, names };
    }
    return op;
  }

  function parseCommand(): Command {
    const cmd: Command = { pos: peek().pos, args: [], text: "" };
    for (;;) {
      skipSpace();
      const op = parseOperand();
      if (op) cmd.args.push(op);
      const t = peek();
      if (t.kind === "space") continue;
      if (t.kind === "pipe") next();
      else if (t.kind !== "right" && t.kind !== "rparen") fail(t.pos, t.kind === "eof" ? "unclosed action" : `unexpected ${describe(t)} in operand`);
      break;
    }
    if (cmd.args.length === 0) fail(cmd.pos, "empty command");
    cmd.text = cmd.args.map((a) => a.text).join(" ");
    return cmd;
  }

  function parsePipeline(context: string, end: TokKind): Pipeline {
    skipSpace();
    const pipe: Pipeline = { pos: peek().pos, decl: [], assign: false, cmds: [] };
    // Variable declarations: $x := …, $i, $v := …
    const save = k;
    if (peek().kind === "var") {
      const vars = [next().value];
      skipSpace();
      if (peek().kind === "comma" && context === "range") {
        next();
        skipSpace();
        if (peek().kind === "var") vars.push(next().value);
        skipSpace();
      }
      if (peek().kind === "declare" || peek().kind === "assign") {
        pipe.assign = next().kind === "assign";
        pipe.decl = vars;
        if (pipe.assign) vars.forEach((v) => checkVar(v, save));
      } else {
        k = save;
      }
    }
    for (;;) {
      skipSpace();
      const t = peek();
      if (t.kind === end) {
        next();
        if (pipe.cmds.length === 0) fail(t.pos, `missing value for ${context}`);
        pipe.cmds.slice(1).forEach((c, i) => {
          if (c.args[0].kind === "literal" || c.args[0].kind === "dot") fail(c.pos, `non executable command in pipeline stage ${i + 2}`);
        });
        if (!pipe.assign) scope.push(...pipe.decl);
        return pipe;
      }
      if (["field", "var", "ident", "string", "raw", "char", "number", "bool", "nil", "dot", "lparen"].includes(t.kind) && !(t.kind === "ident" && KEYWORDS.has(t.value))) {
        pipe.cmds.push(parseCommand());
        continue;
      }
      fail(t.pos, t.kind === "eof" ? "unclosed action" : `unexpected ${describe(t)} in ${context}`);
    }
  }

  /** Parses nodes until {{end}} / {{else}} / EOF; returns which stopped it. */
  function parseList(inside: string | null): { nodes: Node[]; stop: "end" | "else" | "eof"; elseIf?: boolean } {
    const nodes: Node[] = [];
    for (;;) {
      const t = next();
      if (t.kind === "eof") {
        if (inside) fail(t.pos, "unexpected EOF");
        return { nodes, stop: "eof" };
      }
      if (t.kind === "text") {
        nodes.push({ kind: "text", text: t.value });
        continue;
      }
      // t is "left"
      skipSpace();
      const word = peek();
      if (word.kind === "ident" && KEYWORDS.has(word.value)) {
        next();
        switch (word.value) {
          case "end":
            if (!inside) fail(word.pos, "unexpected {{end}}");
            expectRight("end");
            return { nodes, stop: "end" };
          case "else": {
            if (!inside || inside === "else") fail(word.pos, "unexpected {{else}}");
            skipSpace();
            if (peek().kind === "ident" && (peek().value === "if" || peek().value === "with")) {
              // {{else if …}} continues as a nested if whose end closes both.
              return { nodes, stop: "else", elseIf: true };
            }
            expectRight("else");
            return { nodes, stop: "else" };
          }
          case "if":
          case "with":
            nodes.push(parseControl(word.value));
            continue;
          case "range": {
            const mark = scope.length;
            const pipe = parsePipeline("range", "right");
            rangeDepth++;
            const body = parseList("range");
            rangeDepth--;
            let elseNodes: Node[] | null = null;
            if (body.stop === "else") {
              if (body.elseIf) fail(word.pos, "unexpected {{else if}} in range");
              elseNodes = parseList("else").nodes;
            }
            scope.length = mark;
            nodes.push({ kind: "range", pipe, body: body.nodes, else: elseNodes });
            continue;
          }
          case "break":
          case "continue":
            if (rangeDepth === 0) fail(word.pos, `{{${word.value}}} outside {{range}}`);
            expectRight(word.value);
            nodes.push({ kind: word.value, pos: word.pos });
            continue;
          default:
            fail(word.pos, `{{${word.value}}} is not supported in this simulator`);
        }
      }
      nodes.push({ kind: "action", pipe: parsePipeline("command", "right") });
    }
  }

  function parseControl(kind: "if" | "with"): Node {
    const mark = scope.length;
    const pipe = parsePipeline(kind, "right");
    const then = parseList(kind);
    let elseNodes: Node[] | null = null;
    if (then.stop === "else") {
      if (then.elseIf) {
        const nested = next(); // "if" / "with"
        elseNodes = [parseControl(nested.value as "if" | "with")];
      } else {
        elseNodes = parseList("else").nodes;
      }
    }
    scope.length = mark;
    return { kind, pipe, then: then.nodes, else: elseNodes };
  }

  const { nodes } = parseList(null);
  return { name, source, nodes, simple: simpleParts(nodes) };
}

function simpleParts(nodes: Node[]): Template["simple"] {
  const parts: (string | { field: string })[] = [];
  for (const n of nodes) {
    if (n.kind === "text") parts.push(n.text);
    else if (n.kind === "action" && n.pipe.decl.length === 0 && n.pipe.cmds.length === 1 && n.pipe.cmds[0].args.length === 1) {
      const op = n.pipe.cmds[0].args[0];
      if (op.kind !== "field" || op.base || op.names.length !== 1) return undefined;
      parts.push({ field: op.names[0] });
    } else return undefined;
  }
  return parts;
}

/** How Go's parser names a token in its errors. */
function describe(t: Tok): string {
  if (t.kind === "ident" && KEYWORDS.has(t.value)) return `<${t.value}>`;
  if (t.value.length > 10) return `${JSON.stringify(t.value.slice(0, 10))}...`;
  switch (t.kind) {
    case "rparen":
      return `")"`;
    case "lparen":
      return `"("`;
    case "eof":
      return "EOF";
    case "pipe":
      return `"|"`;
    case "comma":
      return `","`;
    case "declare":
      return `":="`;
    case "assign":
      return `"="`;
    default:
      return `"${t.value}"`;
  }
}

const lineOf = (src: string, pos: number) => src.slice(0, pos).split("\n").length;

function unquote(quoted: string, fail: () => never): string {
  try {
    return JSON.parse(quoted.replace(/\\x([0-9a-fA-F]{2})/g, "\\u00$1").replace(/\\a/g, "\\u0007").replace(/\\v/g, "\\u000b").replace(/\\'/g, "'")) as string;
  } catch {
    return fail();
  }
}

function pipeText(p: Pipeline): string {
  const decl = p.decl.length ? `${p.decl.join(", ")} ${p.assign ? "=" : ":="} ` : "";
  return decl + p.cmds.map((c) => c.args.map((a) => a.text).join(" ")).join(" | ");
}

// ---------------------------------------------------------------- values

const NO_VALUE = Symbol("noValue");

const isStruct = (v: unknown): v is Record<string | symbol, unknown> => typeof v === "object" && v !== null && GO_TYPE in v;

/** An object printed as a Go struct (`{a b}`) rather than a map: docker's JSON objects with exported field names. */
function looksLikeStruct(v: object): boolean {
  const keys = Object.keys(v);
  return keys.length > 0 && keys.every((k) => /^[A-Z]/.test(k));
}

/** fmt's %v. */
export function goString(v: unknown, nested = false): string {
  if (v === NO_VALUE) return "<no value>";
  if (v === null || v === undefined) return "<nil>";
  if (typeof v === "string") return v;
  if (typeof v === "number") return goNumber(v);
  if (typeof v === "boolean") return String(v);
  if (typeof v === "function") return nested ? "0x1" : "<func>";
  if (Array.isArray(v)) return `[${v.map((x) => goString(x, true)).join(" ")}]`;
  if (typeof v === "object") {
    if (isStruct(v)) {
      const fields = Object.keys(v).filter((k) => typeof v[k] !== "function");
      return `{${fields.map((k) => goString(v[k], true)).join(" ")}}`;
    }
    if (looksLikeStruct(v)) return `{${Object.values(v).map((x) => goString(x, true)).join(" ")}}`;
    const keys = Object.keys(v).sort();
    return `map[${keys.map((k) => `${k}:${goString((v as Record<string, unknown>)[k], true)}`).join(" ")}]`;
  }
  return String(v);
}

function goNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  return String(n).replace(/e([+-])(\d)$/, "e$10$2");
}

function truth(v: unknown): boolean {
  if (v === NO_VALUE || v === null || v === undefined || v === false || v === 0 || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === "object" && !isStruct(v) && !looksLikeStruct(v)) return Object.keys(v).length > 0;
  return true;
}

// ---------------------------------------------------------------- functions

class ExecError extends Error {}

const argError = (name: string, want: number, got: number) => new ExecError(`wrong number of args for ${name}: want ${want} got ${got}`);

function lengthOf(v: unknown): number {
  if (typeof v === "string") return new TextEncoder().encode(v).length;
  if (Array.isArray(v)) return v.length;
  if (typeof v === "object" && v !== null && !isStruct(v)) return Object.keys(v).length;
  throw new ExecError(`error calling len: len of type ${goTypeName(v)}`);
}

function goTypeName(v: unknown): string {
  if (v === null || v === undefined || v === NO_VALUE) return "<nil>";
  if (typeof v === "string") return "string";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "float64";
  if (typeof v === "boolean") return "bool";
  if (Array.isArray(v)) return "[]interface {}";
  if (isStruct(v)) return String(v[GO_TYPE]);
  return "map[string]interface {}";
}

function compare(name: string, a: unknown, b: unknown): number {
  const basic = (x: unknown) => (typeof x === "number" ? "number" : typeof x === "string" ? "string" : typeof x === "boolean" ? "bool" : null);
  if (a === NO_VALUE || a === null || a === undefined || b === NO_VALUE || b === null || b === undefined) {
    if (name === "eq" || name === "ne") return a === b || ((a === null || a === undefined) && (b === null || b === undefined)) ? 0 : 1;
    throw new ExecError(`error calling ${name}: invalid type for comparison`);
  }
  if (basic(a) === null || basic(b) === null) throw new ExecError(`error calling ${name}: invalid type for comparison`);
  if (basic(a) !== basic(b)) throw new ExecError(`error calling ${name}: incompatible types for comparison`);
  if (basic(a) === "bool" && name !== "eq" && name !== "ne") throw new ExecError(`error calling ${name}: invalid type for comparison`);
  return a === b ? 0 : (a as number) < (b as number) ? -1 : 1;
}

/** fmt.Sprintf for the verbs templates use: %v %s %d %q %t %x %X %f %%, with flags, width and precision. */
export function sprintf(format: string, args: unknown[]): string {
  let argi = 0;
  return format.replace(/%([-+# 0]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g, (_m, flags: string, width: string | undefined, prec: string | undefined, verb: string) => {
    if (verb === "%") return "%";
    if (argi >= args.length) return `%!${verb}(MISSING)`;
    const a = args[argi++];
    let s: string;
    switch (verb) {
      case "v":
      case "s":
        s = goString(a);
        if (verb === "s" && typeof a === "number") s = `%!s(${goTypeName(a)}=${goString(a)})`;
        if (prec !== undefined && typeof a === "string") s = s.slice(0, Number(prec));
        break;
      case "q":
        s = typeof a === "string" ? JSON.stringify(a) : typeof a === "number" ? `'${String.fromCodePoint(a)}'` : `%!q(${goTypeName(a)}=${goString(a)})`;
        break;
      case "d":
        s = typeof a === "number" && Number.isInteger(a) ? String(a) : `%!d(${goTypeName(a)}=${goString(a)})`;
        break;
      case "t":
        s = typeof a === "boolean" ? String(a) : `%!t(${goTypeName(a)}=${goString(a)})`;
        break;
      case "x":
      case "X": {
        const hex = typeof a === "number" ? a.toString(16) : typeof a === "string" ? [...new TextEncoder().encode(a)].map((b) => b.toString(16).padStart(2, "0")).join("") : `%!${verb}(${goTypeName(a)}=${goString(a)})`;
        s = verb === "X" ? hex.toUpperCase() : hex;
        break;
      }
      case "f":
        s = typeof a === "number" ? a.toFixed(prec === undefined ? 6 : Number(prec)) : `%!f(${goTypeName(a)}=${goString(a)})`;
        break;
      default:
        s = `%!${verb}(${goTypeName(a)}=${goString(a)})`;
    }
    if (width !== undefined && s.length < Number(width)) {
      s = flags.includes("-") ? s.padEnd(Number(width)) : flags.includes("0") && /[dfxX]/.test(verb) ? s.padStart(Number(width), "0") : s.padStart(Number(width));
    }
    return s;
  }) + (argi < args.length ? `%!(EXTRA ${args.slice(argi).map((a) => `${goTypeName(a)}=${goString(a)}`).join(", ")})` : "");
}

/** fmt.Sprint: spaces between operands when neither is a string. */
function sprint(args: unknown[]): string {
  let out = "";
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== "string" && typeof args[i - 1] !== "string") out += " ";
    out += goString(a);
  });
  return out;
}

const str = (name: string, v: unknown): string => {
  if (typeof v === "string") return v;
  throw new ExecError(`wrong type for value; expected string; got ${goTypeName(v)}`);
};
const int = (v: unknown): number => {
  if (typeof v === "number" && Number.isInteger(v)) return v;
  throw new ExecError(`wrong type for value; expected int; got ${goTypeName(v)}`);
};

function fixed(name: string, n: number, f: (...a: unknown[]) => unknown): TemplateFunc {
  return (...args) => {
    if (args.length !== n) throw argError(name, n, args.length);
    return f(...args);
  };
}

const BUILTINS: Record<string, TemplateFunc> = {
  and: (...a) => {
    if (a.length === 0) throw argError("and", 1, 0);
    return a.find((x) => !truth(x)) ?? a[a.length - 1];
  },
  or: (...a) => {
    if (a.length === 0) throw argError("or", 1, 0);
    return a.find((x) => truth(x)) ?? a[a.length - 1];
  },
  not: fixed("not", 1, (a) => !truth(a)),
  len: fixed("len", 1, (a) => lengthOf(a)),
  index: (item, ...keys) => {
    let v = item;
    for (const key of keys) {
      if (Array.isArray(v) || typeof v === "string") {
        const i = int(key);
        const n = Array.isArray(v) ? v.length : v.length;
        if (i < 0 || i >= n) throw new ExecError(`error calling index: index out of range: ${i}`);
        v = Array.isArray(v) ? v[i] : new TextEncoder().encode(v)[i];
      } else if (typeof v === "object" && v !== null && !isStruct(v)) {
        const m = v as Record<string, unknown>;
        v = Object.hasOwn(m, str("index", key)) ? m[key as string] : NO_VALUE;
      } else if (v === null || v === undefined || v === NO_VALUE) {
        throw new ExecError("error calling index: index of untyped nil");
      } else {
        throw new ExecError(`error calling index: can't index item of type ${goTypeName(v)}`);
      }
    }
    return v;
  },
  slice: (item, ...idx) => {
    if (typeof item !== "string" && !Array.isArray(item)) throw new ExecError(`error calling slice: can't slice item of type ${goTypeName(item)}`);
    const [i = 0, j = item.length] = idx.map(int);
    if (i < 0 || j > item.length || i > j) throw new ExecError(`error calling slice: index out of range: ${j > item.length ? j : i}`);
    return item.slice(i, j);
  },
  print: (...a) => sprint(a),
  printf: (f, ...a) => sprintf(str("printf", f), a),
  println: (...a) => `${a.map((x) => goString(x)).join(" ")}\n`,
  html: (...a) => sprint(a).replace(/[&'<>"\0]/g, (c) => ({ "&": "&amp;", "'": "&#39;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "\0": "\uFFFD" })[c]!),
  js: (...a) => sprint(a).replace(/[\\'"<>&=]/g, (c) => (c === "\\" || c === "'" || c === '"' ? `\\${c}` : `\\u00${c.charCodeAt(0).toString(16).toUpperCase()}`)),
  urlquery: (...a) => encodeURIComponent(sprint(a)).replace(/%20/g, "+"),
  eq: (a, ...b) => {
    if (b.length === 0) throw new ExecError("error calling eq: missing argument for comparison");
    return b.some((x) => compare("eq", a, x) === 0);
  },
  ne: fixed("ne", 2, (a, b) => compare("ne", a, b) !== 0),
  lt: fixed("lt", 2, (a, b) => compare("lt", a, b) < 0),
  le: fixed("le", 2, (a, b) => compare("le", a, b) <= 0),
  gt: fixed("gt", 2, (a, b) => compare("gt", a, b) > 0),
  ge: fixed("ge", 2, (a, b) => compare("ge", a, b) >= 0),
};

/** Go's encoding/json without HTML escaping, as docker's `json` function marshals. */
export function goCompactJson(v: unknown): string {
  return JSON.stringify(v === NO_VALUE ? null : v, (_k, x: unknown) => {
    if (isStruct(x)) {
      const marshal = x.MarshalJSON;
      if (typeof marshal === "function") return marshal.call(x);
      return Object.fromEntries(Object.entries(x).filter(([, f]) => typeof f !== "function"));
    }
    return x;
  });
}

const DOCKER_FUNCS: Record<string, TemplateFunc> = {
  json: fixed("json", 1, (v) => goCompactJson(v)),
  split: fixed("split", 2, (s, sep) => (str("split", sep) === "" ? [...str("split", s)] : str("split", s).split(sep as string))),
  join: fixed("join", 2, (list, sep) => (list === null || list === undefined ? "" : Array.isArray(list) ? list.map((x) => goString(x)).join(str("join", sep)) : (() => {
    throw new ExecError(`error calling join: expected slice, got ${goTypeName(list)}`);
  })())),
  title: fixed("title", 1, (s) => str("title", s).replace(/(^|[^\p{L}\p{N}_'])(\p{Ll})/gu, (_m, pre: string, c: string) => pre + c.toUpperCase())),
  lower: fixed("lower", 1, (s) => str("lower", s).toLowerCase()),
  upper: fixed("upper", 1, (s) => str("upper", s).toUpperCase()),
  pad: fixed("pad", 3, (s, pre, post) => (str("pad", s) === "" ? "" : " ".repeat(int(pre)) + s + " ".repeat(int(post)))),
  truncate: fixed("truncate", 2, (s, n) => (str("truncate", s).length < int(n) ? s : (s as string).slice(0, n as number))),
};

/** docker's header functions: a table header stays the column's name whatever function wraps it. */
const HEADER_FUNCS: Record<string, TemplateFunc> = {
  json: (v) => v,
  split: (v) => v,
  join: (v) => v,
  title: (v) => v,
  lower: (v) => v,
  upper: (v) => v,
  truncate: (v) => v,
};

// ---------------------------------------------------------------- execution

const FUNC_MAP: Record<string, TemplateFunc> = { ...BUILTINS, ...DOCKER_FUNCS };
const HEADER_FUNC_MAP: Record<string, TemplateFunc> = { ...BUILTINS, ...DOCKER_FUNCS, ...HEADER_FUNCS };

class Break {}
class Continue {}

export interface ExecOptions {
  /** "error": a missing map key fails (docker inspect's raw fallback); default prints `<no value>`. */
  missingKey?: "default" | "error";
  /** docker's header functions instead of its basic ones (rendering a table's header row). */
  header?: boolean;
}

/** One run of a template: its output so far and its variables (a class, so a run allocates no closures). */
class Execution {
  out = "";
  readonly vars: [string, unknown][];
  readonly funcs: Record<string, TemplateFunc>;

  constructor(
    readonly t: Template,
    data: unknown,
    readonly options: ExecOptions,
  ) {
    this.vars = [["$", data]];
    this.funcs = options.header ? HEADER_FUNC_MAP : FUNC_MAP;
  }

  complete(): string {
    return runAll(this);
  }

  at(pos: number, text: string, msg: string): TemplateError {
    const { t } = this;
    return new TemplateError(`template: ${t.name}:${lineOf(t.source, pos)}:${pos - t.source.lastIndexOf("\n", pos - 1) - 1}: executing "${t.name}" at <${text}>: ${msg}`, "exec");
  }

  lookupVar(name: string, op: Operand): unknown {
    const vars = this.vars;
    for (let i = vars.length - 1; i >= 0; i--) if (vars[i][0] === name) return vars[i][1];
    throw this.at(op.pos, op.text, `undefined variable: ${name}`);
  }

  field(receiver: unknown, name: string, args: unknown[], op: Operand, final: boolean): unknown {
    if (receiver === NO_VALUE || receiver === null || receiver === undefined) {
      throw this.at(op.pos, op.text, `nil pointer evaluating ${goTypeName(receiver) === "<nil>" ? "interface {}" : goTypeName(receiver)}.${name}`);
    }
    if (isStruct(receiver)) {
      if (!(name in receiver)) throw this.at(op.pos, op.text, `can't evaluate field ${name} in type ${String(receiver[GO_TYPE])}`);
      const v = receiver[name];
      if (typeof v === "function") {
        const want = v.length;
        if (args.length !== want) throw this.at(op.pos, op.text, `wrong number of args for ${name}: want ${want} got ${args.length}`);
        return v.apply(receiver, args);
      }
      if (final && args.length > 0) throw this.at(op.pos, op.text, `${name} has arguments but cannot be invoked as function`);
      return v;
    }
    if (typeof receiver === "object" && !Array.isArray(receiver)) {
      if (final && args.length > 0) throw this.at(op.pos, op.text, `${name} is not a method but has arguments`);
      const m = receiver as Record<string, unknown>;
      if (Object.hasOwn(m, name)) return m[name];
      if (this.options.missingKey === "error") throw this.at(op.pos, op.text, `map has no entry for key "${name}"`);
      return NO_VALUE;
    }
    throw this.at(op.pos, op.text, `can't evaluate field ${name} in type ${goTypeName(receiver)}`);
  }

  chain(receiver: unknown, names: string[], args: unknown[], op: Operand): unknown {
    let v = receiver;
    for (let i = 0; i < names.length; i++) {
      const last = i === names.length - 1;
      v = this.field(v, names[i], last ? args : NO_ARGS, op, last);
    }
    return v;
  }

  evalOperand(op: Operand, dot: unknown, args: unknown[] = NO_ARGS, cmdText?: string): unknown {
    switch (op.kind) {
      case "dot":
        return dot;
      case "literal":
        return op.value;
      case "field":
        return this.chain(op.base ? this.evalOperand(op.base, dot) : dot, op.names, args, op);
      case "var":
        return op.names.length ? this.chain(this.lookupVar(op.name, op), op.names, args, op) : this.lookupVar(op.name, op);
      case "pipe":
        return this.evalPipeline(op.pipe, dot);
      case "ident": {
        try {
          return this.funcs[op.name](...args);
        } catch (e) {
          if (!(e instanceof ExecError)) throw e;
          // Go names the identifier for a wrong argument count, the whole command for a failed call.
          if (e.message.startsWith("wrong number")) throw this.at(op.pos, op.text, e.message);
          throw this.at(op.pos, cmdText ?? op.text, e.message.startsWith("error calling") ? e.message : `error calling ${op.name}: ${e.message}`);
        }
      }
    }
  }

  evalCommand(cmd: Command, dot: unknown, piped: unknown[]): unknown {
    const head = cmd.args[0];
    const args: unknown[] = [];
    for (let i = 1; i < cmd.args.length; i++) args.push(this.evalOperand(cmd.args[i], dot));
    args.push(...piped);
    if (head.kind === "ident" || head.kind === "field" || (head.kind === "var" && head.names.length > 0)) return this.evalOperand(head, dot, args, cmd.text);
    if (args.length > 0) throw this.at(head.pos, head.text, `can't give argument to non-function ${head.text}`);
    return this.evalOperand(head, dot);
  }

  evalPipeline(p: Pipeline, dot: unknown): unknown {
    let v: unknown = undefined;
    for (let i = 0; i < p.cmds.length; i++) v = this.evalCommand(p.cmds[i], dot, i === 0 ? NO_ARGS : [v]);
    if (p.decl.length === 1) {
      const vars = this.vars;
      if (p.assign) {
        for (let i = vars.length - 1; i >= 0; i--)
          if (vars[i][0] === p.decl[0]) {
            vars[i][1] = v;
            return v;
          }
      }
      vars.push([p.decl[0], v]);
    }
    return v;
  }

  run(nodes: Node[], dot: unknown): void {
    const vars = this.vars;
    for (const node of nodes) {
      switch (node.kind) {
        case "text":
          this.out += node.text;
          break;
        case "action": {
          const v = this.evalPipeline(node.pipe, dot);
          if (node.pipe.decl.length === 0) this.out += goString(v);
          break;
        }
        case "if":
        case "with": {
          const mark = vars.length;
          const v = this.evalPipeline(node.pipe, dot);
          if (truth(v)) this.run(node.then, node.kind === "with" ? v : dot);
          else if (node.else) this.run(node.else, dot);
          vars.length = mark;
          break;
        }
        case "range": {
          const mark = vars.length;
          const decl = node.pipe.decl;
          const v = this.evalPipeline({ ...node.pipe, decl: [] }, dot);
          let entries: [unknown, unknown][];
          if (Array.isArray(v)) entries = v.map((x, i) => [i, x]);
          else if (typeof v === "number" && Number.isInteger(v)) entries = Array.from({ length: Math.max(0, v) }, (_x, i) => [i, i]);
          else if (v === null || v === undefined || v === NO_VALUE) entries = [];
          else if (typeof v === "object" && !isStruct(v)) entries = Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]);
          else throw this.at(node.pipe.pos, pipeText(node.pipe), `range can't iterate over ${goString(v)}`);
          if (entries.length === 0 && node.else) this.run(node.else, dot);
          for (const [key, value] of entries) {
            const inner = vars.length;
            if (decl.length === 1) vars.push([decl[0], value]);
            if (decl.length === 2) vars.push([decl[0], key], [decl[1], value]);
            try {
              this.run(node.body, value);
            } catch (e) {
              if (e instanceof Break) break;
              if (!(e instanceof Continue)) throw e;
            } finally {
              vars.length = inner;
            }
          }
          vars.length = mark;
          break;
        }
        case "break":
          throw new Break();
        case "continue":
          throw new Continue();
      }
    }
  }
}

const NO_ARGS: unknown[] = [];

/** Runs a parsed template over data; throws a TemplateError with Go's `executing` text. */
export function executeTemplate(t: Template, data: unknown, options: ExecOptions = {}): string {
  // The fast path: plain fields of a struct's own values; anything else (methods, maps, errors) runs in full.
  if (t.simple && isStruct(data)) {
    let out = "";
    for (const part of t.simple) {
      if (typeof part === "string") out += part;
      else if (Object.hasOwn(data, part.field) && typeof data[part.field] !== "function") out += goString(data[part.field]);
      else return new Execution(t, data, options).complete();
    }
    return out;
  }
  return new Execution(t, data, options).complete();
}

/** Runs the whole template (the general evaluator). */
function runAll(run: Execution): string {
  const t = run.t;
  try {
    run.run(t.nodes, run.vars[0][1]);
  } catch (e) {
    if (e instanceof TemplateError) e.partial = run.out;
    throw e;
  }
  return run.out;
}

/** Parses and runs in one go. */
export function renderTemplate(source: string, data: unknown, options: ExecOptions & { name?: string } = {}): string {
  return executeTemplate(parseTemplate(source, options.name), data, options);
}
