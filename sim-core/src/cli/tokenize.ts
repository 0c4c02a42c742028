/**
 * The shell grammar the simulator understands: words with single/double quotes and backslash escapes,
 * `#` comments, `\`-newline continuation, `;`, `&&`, `||`, `&`, `$(…)` command substitution and `$?`.
 * The common harmless pipes and redirections (`| head -n N`, `| grep WORD`, `2>&1`, `> /dev/null`) are
 * understood; everything else bash would treat specially (other pipes and redirections, heredocs,
 * variables, subshells, backquotes) is reported as unsupported. Errors are data, with the texts bash prints (minus its name,
 * which the shell adds).
 */

export type Part =
  | { kind: "text"; text: string; quoted: boolean }
  | { kind: "subst"; source: string; quoted: boolean }
  | { kind: "status"; quoted: boolean };

export type Word = Part[];

export type Separator = ";" | "&&" | "||" | "&";

/** The harmless pipes the simulator runs itself: `| head -n N`, `| grep [-v] [-i] WORD`. */
export type Filter = { kind: "head"; n: number } | { kind: "grep"; pattern: string; invert: boolean; ignoreCase: boolean };

/** `2>&1`, `>&2`, `> /dev/null`, `2>/dev/null`, `&>/dev/null`: fd → where it goes, applied left to right. */
export interface Redirect {
  fd: 1 | 2 | "both";
  to: "null" | 1 | 2;
}

export interface SimpleCommand {
  words: Word[];
  filters?: Filter[];
  redirects?: Redirect[];
  /** What follows this command: how the next one runs. */
  sep: Separator;
  /** The command's text as typed (for `jobs`). */
  source: string;
}

export type TokenizeResult = { ok: true; commands: SimpleCommand[] } | { ok: false; error: string; unsupported?: boolean };

export const MAX_SUBST_DEPTH = 8;

const PIPES = "pipes (|) other than `| head -n N` and `| grep WORD` are";
const REDIRECTS = "redirections other than `2>&1` and `> /dev/null` are";

/** Parses one filter stage; undefined when it is not one the simulator runs. */
function parseFilter(stage: Word[]): Filter | undefined {
  if (stage.some((w) => w.some((p) => p.kind !== "text"))) return undefined;
  const argv = stage.map((w) => w.map((p) => (p.kind === "text" ? p.text : "")).join(""));
  if (argv[0] === "head") {
    const rest = argv.slice(1);
    let n = 10;
    if (rest.length === 1 && /^-\d+$/.test(rest[0])) n = Number(rest[0].slice(1));
    else if (rest.length === 1 && /^-n\d+$/.test(rest[0])) n = Number(rest[0].slice(2));
    else if (rest.length === 2 && rest[0] === "-n" && /^\d+$/.test(rest[1])) n = Number(rest[1]);
    else if (rest.length !== 0) return undefined;
    return { kind: "head", n };
  }
  if (argv[0] === "grep") {
    let invert = false;
    let ignoreCase = false;
    let i = 1;
    for (; i < argv.length && /^-[vi]+$/.test(argv[i]); i++) {
      if (argv[i].includes("v")) invert = true;
      if (argv[i].includes("i")) ignoreCase = true;
    }
    if (argv[i] === "--") i++;
    if (i !== argv.length - 1) return undefined;
    return { kind: "grep", pattern: argv[i], invert, ignoreCase };
  }
  return undefined;
}

const REDIRECT_RE = /^(?:([12]?)>(?:&([12])|[ \t]*\/dev\/null)|&>[ \t]*\/dev\/null)(?=[\s;&|]|$)/;

const unsupported = (what: string): TokenizeResult => ({ ok: false, error: `${what} not supported in this simulator`, unsupported: true });

/** Finds the end of a `$(…)` starting after "$(" at `start`; returns the index of the closing paren. */
function substEnd(line: string, start: number, depth: number): number | { error: TokenizeResult } {
  if (depth > MAX_SUBST_DEPTH) return { error: { ok: false, error: `$(…) nested too deeply (the limit is ${MAX_SUBST_DEPTH} levels)` } };
  let i = start;
  while (i < line.length) {
    const c = line[i];
    if (c === "\\") {
      i += 2;
      continue;
    }
    if (c === "'") {
      const j = line.indexOf("'", i + 1);
      if (j < 0) return { error: { ok: false, error: "unexpected EOF while looking for matching `''" } };
      i = j + 1;
      continue;
    }
    if (c === '"') {
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === "\\") i++;
        else if (line[i] === "$" && line[i + 1] === "(") {
          const e = substEnd(line, i + 2, depth + 1);
          if (typeof e !== "number") return e;
          i = e;
        }
        i++;
      }
      if (i >= line.length) return { error: { ok: false, error: 'unexpected EOF while looking for matching `"\'' } };
      i++;
      continue;
    }
    if (c === "$" && line[i + 1] === "(") {
      const e = substEnd(line, i + 2, depth + 1);
      if (typeof e !== "number") return e;
      i = e + 1;
      continue;
    }
    if (c === "(") return { error: unsupported("subshells ( … ) are") };
    if (c === ")") return i;
    i++;
  }
  return { error: { ok: false, error: "unexpected EOF while looking for matching `)'" } };
}

/** Tokenizes one line (which may hold `\`-newline continuations). `depth` counts enclosing `$(…)`. */
export function tokenize(input: string, depth = 0): TokenizeResult {
  const line = input.replace(/\\\r?\n/g, "");
  const commands: SimpleCommand[] = [];
  let words: Word[] = [];
  let stages: Word[][] = [];
  let redirects: Redirect[] = [];
  let word: Word | null = null;
  let cmdStart = 0;
  const text = (t: string, quoted: boolean) => {
    word ??= [];
    const last = word[word.length - 1];
    if (last && last.kind === "text" && last.quoted === quoted) last.text += t;
    else word.push({ kind: "text", text: t, quoted });
  };
  const endWord = () => {
    if (word) words.push(word);
    word = null;
  };
  const endCommand = (sep: Separator, at: number): TokenizeResult | null => {
    endWord();
    if (words.length === 0) {
      return { ok: false, error: `syntax error near unexpected token \`${stages.length > 0 ? "|" : sep}'` };
    }
    const cmd: SimpleCommand = { words, sep, source: line.slice(cmdStart, at).trim() };
    if (stages.length > 0) {
      cmd.words = stages[0];
      const filters: Filter[] = [];
      for (const stage of [...stages.slice(1), words]) {
        const f = parseFilter(stage);
        if (!f) return unsupported(PIPES);
        filters.push(f);
      }
      cmd.filters = filters;
    }
    if (redirects.length > 0) cmd.redirects = redirects;
    commands.push(cmd);
    words = [];
    stages = [];
    redirects = [];
    return null;
  };
  const dollar = (i: number, quoted: boolean): number | TokenizeResult => {
    const n = line[i + 1];
    if (n === "(") {
      if (line[i + 2] === "(") return unsupported("arithmetic $(( … )) is");
      const e = substEnd(line, i + 2, depth + 1);
      if (typeof e !== "number") return e.error;
      word ??= [];
      word.push({ kind: "subst", source: line.slice(i + 2, e), quoted });
      return e + 1;
    }
    if (n === "?") {
      word ??= [];
      word.push({ kind: "status", quoted });
      return i + 2;
    }
    if (n === "{" || (n !== undefined && /[A-Za-z_0-9@*#!$-]/.test(n))) return unsupported("shell variables ($NAME) are");
    text("$", quoted);
    return i + 1;
  };

  /** A redirection at i, if the line has one the simulator supports there. */
  const redirectAt = (i: number): { r: Redirect; len: number } | TokenizeResult | null => {
    const m = REDIRECT_RE.exec(line.slice(i, i + 40));
    if (!m) return null;
    const fd: Redirect["fd"] = m[0].startsWith("&") ? "both" : m[1] === "2" ? 2 : 1;
    return { r: { fd, to: m[2] ? (Number(m[2]) as 1 | 2) : "null" }, len: m[0].length };
  };
  const redirect = (i: number): number | TokenizeResult => {
    const r = redirectAt(i);
    if (r === null) return unsupported(REDIRECTS);
    if (!("r" in r)) return r;
    endWord();
    redirects.push(r.r);
    return i + r.len;
  };

  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === "\n" && (word !== null || words.length > 0)) {
      const e = endCommand(";", i);
      if (e) return e;
      i++;
      cmdStart = i;
      continue;
    }
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      endWord();
      i++;
      continue;
    }
    if (c === "#" && word === null) {
      const nl = line.indexOf("\n", i);
      if (nl < 0) break;
      i = nl;
      continue;
    }
    if (c === "\\") {
      if (i + 1 < line.length) text(line[i + 1], true);
      i += 2;
      continue;
    }
    if (c === "'") {
      const j = line.indexOf("'", i + 1);
      if (j < 0) return { ok: false, error: "unexpected EOF while looking for matching `''" };
      text(line.slice(i + 1, j), true);
      i = j + 1;
      continue;
    }
    if (c === '"') {
      word ??= [];
      text("", true);
      i++;
      for (;;) {
        if (i >= line.length) return { ok: false, error: 'unexpected EOF while looking for matching `"\'' };
        const d = line[i];
        if (d === '"') {
          i++;
          break;
        }
        if (d === "\\" && i + 1 < line.length && '$`"\\\n'.includes(line[i + 1])) {
          text(line[i + 1], true);
          i += 2;
          continue;
        }
        if (d === "$") {
          const r = dollar(i, true);
          if (typeof r !== "number") return r;
          i = r;
          continue;
        }
        if (d === "`") return unsupported("backquote command substitution (`…`) is");
        text(d, true);
        i++;
      }
      continue;
    }
    if (c === "$") {
      const r = dollar(i, false);
      if (typeof r !== "number") return r;
      i = r;
      continue;
    }
    if (c === ";") {
      if (line[i + 1] === ";") return { ok: false, error: "syntax error near unexpected token `;;'" };
      const e = endCommand(";", i);
      if (e) return e;
      i++;
      cmdStart = i;
      continue;
    }
    if (c === "&") {
      if (line[i + 1] === "&") {
        const e = endCommand("&&", i);
        if (e) return e;
        i += 2;
      } else if (line[i + 1] === ">") {
        const r = redirect(i);
        if (typeof r !== "number") return r;
        i = r;
        continue;
      } else {
        const e = endCommand("&", i);
        if (e) return e;
        i++;
      }
      cmdStart = i;
      continue;
    }
    if (c === "|") {
      if (line[i + 1] === "|") {
        const e = endCommand("||", i);
        if (e) return e;
        i += 2;
        cmdStart = i;
        continue;
      }
      endWord();
      if (words.length === 0) return { ok: false, error: "syntax error near unexpected token `|'" };
      stages.push(words);
      words = [];
      i++;
      continue;
    }
    if (c === "<") {
      if (line[i + 1] === "<") return unsupported("heredocs (<<) are");
      return unsupported(REDIRECTS);
    }
    if (c === ">") {
      const r = redirect(i);
      if (typeof r !== "number") return r;
      i = r;
      continue;
    }
    if (c === "`") return unsupported("backquote command substitution (`…`) is");
    if (c === "(" || c === ")") {
      if (word === null && c === "(") return unsupported("subshells ( … ) are");
      return { ok: false, error: `syntax error near unexpected token \`${c}'` };
    }
    if ((c === "{" || c === "}") && word === null && (i + 1 >= line.length || /\s/.test(line[i + 1]))) {
      return unsupported("command groups { … } are");
    }
    // digits right before a redirection: 2>&1, 2>/dev/null
    if (/[0-9]/.test(c) && word === null && (line[i + 1] === ">" || line[i + 1] === "<")) {
      if (line[i + 1] === "<") return unsupported(REDIRECTS);
      const r = redirect(i);
      if (typeof r !== "number") return r;
      i = r;
      continue;
    }
    text(c, false);
    i++;
  }
  endWord();
  if (words.length > 0 || stages.length > 0 || redirects.length > 0) {
    if (words.length === 0 && stages.length > 0) return { ok: false, error: "syntax error: unexpected end of file" };
    const e = endCommand(";", line.length);
    if (e) return e;
  } else if (commands.length > 0) {
    const last = commands[commands.length - 1];
    if (last.sep === "&&" || last.sep === "||") return { ok: false, error: "syntax error: unexpected end of file" };
  }
  return { ok: true, commands };
}
