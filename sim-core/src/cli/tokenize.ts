/**
 * The shell grammar the simulator understands: words with single/double quotes and backslash escapes,
 * `#` comments, `\`-newline continuation, `;`, `&&`, `||`, `&`, `$(…)` command substitution and `$?`.
 * Everything else bash would treat specially (pipes, redirections, heredocs, variables, subshells,
 * backquotes) is reported as unsupported. Errors are data, with the texts bash prints (minus its name,
 * which the shell adds).
 */

export type Part =
  | { kind: "text"; text: string; quoted: boolean }
  | { kind: "subst"; source: string; quoted: boolean }
  | { kind: "status"; quoted: boolean };

export type Word = Part[];

export type Separator = ";" | "&&" | "||" | "&";

export interface SimpleCommand {
  words: Word[];
  /** What follows this command: how the next one runs. */
  sep: Separator;
  /** The command's text as typed (for `jobs`). */
  source: string;
}

export type TokenizeResult = { ok: true; commands: SimpleCommand[] } | { ok: false; error: string; unsupported?: boolean };

export const MAX_SUBST_DEPTH = 8;

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
      return { ok: false, error: `syntax error near unexpected token \`${sep}'` };
    }
    commands.push({ words, sep, source: line.slice(cmdStart, at).trim() });
    words = [];
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
        return unsupported("redirections (>, <, 2>&1) are");
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
      return unsupported("pipes (|) are");
    }
    if (c === ">" || c === "<") {
      if (c === "<" && line[i + 1] === "<") return unsupported("heredocs (<<) are");
      return unsupported("redirections (>, <, 2>&1) are");
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
    if (/[0-9]/.test(c) && word === null && (line[i + 1] === ">" || line[i + 1] === "<")) return unsupported("redirections (>, <, 2>&1) are");
    text(c, false);
    i++;
  }
  endWord();
  if (words.length > 0) commands.push({ words, sep: ";", source: line.slice(cmdStart).trim() });
  else if (commands.length > 0) {
    const last = commands[commands.length - 1];
    if (last.sep === "&&" || last.sep === "||") return { ok: false, error: "syntax error: unexpected end of file" };
  }
  return { ok: true, commands };
}
