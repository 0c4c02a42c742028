/**
 * The prompt's line editor, as bash's readline (emacs mode) behaves, kept pure: a key and the state give
 * the next state and the effects (run a line, interrupt, clear, complete …). The terminal pane draws the
 * state with `layout()` and performs the effects; tests drive it key by key.
 */
import { cellWidth } from "./cell-width";

export const HISTORY_LIMIT = 1000;

export interface SearchState {
  query: string;
  /** Index in history of the line found, or -1. */
  match: number;
  failed: boolean;
  /** The line and cursor when the search began, for Ctrl-G. */
  before: { chars: string[]; cursor: number };
}

export interface EditorState {
  /**
   * The line as user-perceived characters (grapheme clusters): an accented letter written with a combining
   * mark, a wide or astral character, moves and is deleted as one, as readline does.
   */
  chars: string[];
  cursor: number;
  history: string[];
  /** Position while browsing history with ↑/↓; null on the line being typed. */
  historyIndex: number | null;
  /** The line being typed, kept while browsing history. */
  draft: string[];
  /** History lines edited while browsing (by index), kept until a line is run, as readline keeps them. */
  edits: Record<number, string[]>;
  search: SearchState | null;
  /** The last search's text: Ctrl-R Ctrl-R searches for it again. */
  lastQuery: string;
  /** The kill ring's last entry (Ctrl-U/K/W, Alt-D, Alt-Backspace), for Ctrl-Y; kills in a row add up. */
  killed: string;
  /** The previous key was Tab (a second Tab lists the candidates, as bash does). */
  lastTab: boolean;
  /** The previous key, for kills that add up and Alt-. pressed again. */
  prev: Key["type"] | null;
  /** What the last Alt-. inserted (graphemes) and from how many lines back, for the next Alt-. to replace. */
  lastArg: { back: number; length: number } | null;
  /** A lone Esc was pressed: the next key is read as if Alt were held (readline's meta prefix, Esc b = Alt-b). */
  meta?: boolean;
}

export type Key =
  | { type: "text"; text: string }
  | { type: "paste"; text: string }
  | {
      type:
        | "enter" | "backspace" | "delete" | "left" | "right" | "up" | "down" | "home" | "end"
        | "word-left" | "word-right" | "kill-start" | "kill-end" | "kill-word" | "kill-word-back" | "kill-word-forward"
        | "yank" | "yank-last-arg" | "interrupt" | "clear" | "eof" | "tab" | "search" | "escape" | "abort" | "transpose";
    };

export type Effect =
  | { type: "submit"; line: string }
  | { type: "interrupt" }
  | { type: "clear" }
  | { type: "complete"; line: string; cursor: number; list: boolean }
  | { type: "bell" };

export function createEditor(history: readonly string[] = []): EditorState {
  return {
    chars: [], cursor: 0, history: history.slice(-HISTORY_LIMIT), historyIndex: null, draft: [], edits: {}, search: null,
    lastQuery: "", killed: "", lastTab: false, prev: null, lastArg: null,
  };
}

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
/** Text as user-perceived characters. */
export const graphemes = (text: string): string[] => Array.from(segmenter.segment(text), (g) => g.segment);

export const lineOf = (s: EditorState) => s.chars.join("");

/** Adds a line to history as bash does with HISTCONTROL=ignoreboth: no blanks, no repeats, not when it starts with a space. */
export function remember(history: readonly string[], line: string): string[] {
  if (line.trim() === "" || line.startsWith(" ") || history[history.length - 1] === line) return [...history];
  return [...history, line].slice(-HISTORY_LIMIT);
}

const isWordChar = (c: string) => /[\p{L}\p{N}_]/u.test(c);

function wordLeft(chars: string[], from: number): number {
  let i = from;
  while (i > 0 && !isWordChar(chars[i - 1])) i--;
  while (i > 0 && isWordChar(chars[i - 1])) i--;
  return i;
}

function wordRight(chars: string[], from: number): number {
  let i = from;
  while (i < chars.length && !isWordChar(chars[i])) i++;
  while (i < chars.length && isWordChar(chars[i])) i++;
  return i;
}

/** Ctrl-W: back to the previous whitespace (readline's unix-word-rubout). */
function rubout(chars: string[], from: number): number {
  let i = from;
  while (i > 0 && /\s/.test(chars[i - 1])) i--;
  while (i > 0 && !/\s/.test(chars[i - 1])) i--;
  return i;
}

function searchHistory(history: readonly string[], query: string, before: number): number {
  if (query === "") return -1;
  for (let i = Math.min(before, history.length - 1); i >= 0; i--) if (history[i].includes(query)) return i;
  return -1;
}

/** Only printable characters reach the line: a control character typed or pasted is dropped. */
const printable = (text: string) => graphemes(text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "").replace(/\t/g, " "));

function insert(s: EditorState, text: string): EditorState {
  const add = printable(text);
  if (add.length === 0) return s;
  return { ...s, chars: [...s.chars.slice(0, s.cursor), ...add, ...s.chars.slice(s.cursor)], cursor: s.cursor + add.length };
}

const withLine = (s: EditorState, line: string | string[]): EditorState => {
  const chars = typeof line === "string" ? graphemes(line) : line;
  return { ...s, chars, cursor: chars.length };
};

/** A line shown from history: as edited while browsing, or as it was run. */
const historyLine = (s: EditorState, index: number) => s.edits[index] ?? graphemes(s.history[index]);

/** Browsing history: the line being left keeps its edits (the draft, or the history line's). */
function leaveForHistory(s: EditorState): EditorState {
  if (s.historyIndex === null) return { ...s, draft: s.chars };
  if (s.chars.join("") === s.history[s.historyIndex]) return s;
  return { ...s, edits: { ...s.edits, [s.historyIndex]: s.chars } };
}

/** The last word of a line (readline's yank-last-arg, words split at blanks). */
const lastWord = (line: string) => line.trim().split(/\s+/).pop() ?? "";

/** A kill: what is cut goes to the kill ring, added to the last entry when the previous key killed too. */
const KILLS = new Set<Key["type"]>(["kill-start", "kill-end", "kill-word", "kill-word-back", "kill-word-forward"]);
function kill(s: EditorState, from: number, to: number, backward: boolean): EditorState {
  const cut = s.chars.slice(from, to).join("");
  const more = s.prev !== null && KILLS.has(s.prev);
  const killed = more ? (backward ? cut + s.killed : s.killed + cut) : cut || s.killed;
  return { ...s, chars: [...s.chars.slice(0, from), ...s.chars.slice(to)], cursor: backward ? from : s.cursor, killed };
}

function pressInSearch(s: EditorState, search: SearchState, key: Key): { state: EditorState; effects: Effect[] } {
  const found = search.match >= 0 ? s.history[search.match] : null;
  // The line found, with the cursor where the match begins (readline leaves it there).
  const accept = (st: EditorState): EditorState => {
    const done = { ...st, search: null, lastQuery: search.query || st.lastQuery, historyIndex: found !== null ? search.match : st.historyIndex };
    if (found === null) return done;
    return { ...done, chars: graphemes(found), cursor: graphemes(found.slice(0, Math.max(0, found.indexOf(search.query)))).length };
  };
  switch (key.type) {
    case "text": {
      const query = search.query + printable(key.text).join("");
      const match = searchHistory(s.history, query, search.match >= 0 ? search.match : s.history.length - 1);
      return { state: { ...s, search: { ...search, query, match: match >= 0 ? match : search.match, failed: match < 0 } }, effects: match < 0 ? [{ type: "bell" }] : [] };
    }
    case "backspace": {
      const query = graphemes(search.query).slice(0, -1).join("");
      const match = searchHistory(s.history, query, s.history.length - 1);
      return { state: { ...s, search: { ...search, query, match, failed: false } }, effects: [] };
    }
    case "search": {
      // Ctrl-R on an empty search looks for the last search's text again.
      if (search.query === "" && s.lastQuery) {
        const query = s.lastQuery;
        const match = searchHistory(s.history, query, s.history.length - 1);
        return { state: { ...s, search: { ...search, query, match, failed: match < 0 } }, effects: match < 0 ? [{ type: "bell" }] : [] };
      }
      const match = searchHistory(s.history, search.query, search.match - 1);
      if (match < 0) return { state: { ...s, search: { ...search, failed: true } }, effects: [{ type: "bell" }] };
      return { state: { ...s, search: { ...search, match, failed: false } }, effects: [] };
    }
    case "interrupt":
      return { state: { ...s, search: null, chars: [], cursor: 0, draft: [], edits: {}, historyIndex: null }, effects: [{ type: "interrupt" }] };
    case "abort":
      // Ctrl-G: the search is given up, the line is back as it was.
      return { state: { ...s, search: null, chars: search.before.chars, cursor: search.before.cursor }, effects: [{ type: "bell" }] };
    case "enter":
      return press(accept(s), key);
    case "escape":
      return { state: accept(s), effects: [] };
    default:
      // Any editing key ends the search with the line found, then acts on it (readline's behaviour).
      return press(accept(s), key);
  }
}

/** What a key means after the meta prefix (Esc): readline binds both cases of the letters. */
const META: Record<string, Key["type"]> = {
  b: "word-left", B: "word-left", f: "word-right", F: "word-right", d: "kill-word-forward", D: "kill-word-forward", ".": "yank-last-arg",
};

/** One key after Esc: Esc b, Esc f, Esc d, Esc . and Esc Backspace act as their Alt keys; any other key as itself. */
function pressMeta(state: EditorState, key: Key): { state: EditorState; effects: Effect[] } {
  const s = { ...state, meta: false };
  if (key.type === "backspace") return press(s, { type: "kill-word-back" });
  if (key.type !== "text") return press(s, key);
  const [first, ...rest] = graphemes(key.text);
  if (!META[first]) return press(s, key);
  const r = press(s, { type: META[first] } as Key);
  if (rest.length === 0) return r;
  const then = press(r.state, { type: "text", text: rest.join("") });
  return { state: then.state, effects: [...r.effects, ...then.effects] };
}

/** One key: the next state and what the pane must do. */
export function press(state: EditorState, key: Key): { state: EditorState; effects: Effect[] } {
  if (state.meta) return pressMeta(state, key);
  // Esc outside a search is a prefix, not a key of its own: the key before it still counts (Esc . Esc . cycles).
  if (key.type === "escape" && !state.search) return { state: { ...state, meta: true }, effects: [] };
  const r = state.search ? pressInSearch(state, state.search, key) : pressKey(state, key);
  return { state: { ...r.state, prev: key.type }, effects: r.effects };
}

function pressKey(state: EditorState, key: Key): { state: EditorState; effects: Effect[] } {
  const s: EditorState = { ...state, lastTab: key.type === "tab" };
  const line = lineOf(s);
  const ok = (next: EditorState) => ({ state: next, effects: [] as Effect[] });
  const bell = () => ({ state: s, effects: [{ type: "bell" } as Effect] });
  switch (key.type) {
    case "text":
      return ok(insert(s, key.text));
    case "paste": {
      // A multi-line paste runs line by line: every complete line is submitted, the rest stays typed.
      const lines = key.text.replace(/\r\n?/g, "\n").split("\n");
      let cur = s;
      const effects: Effect[] = [];
      for (const part of lines.slice(0, -1)) {
        cur = insert(cur, part);
        const r = press(cur, { type: "enter" });
        cur = r.state;
        effects.push(...r.effects);
      }
      return { state: insert(cur, lines[lines.length - 1]), effects };
    }
    case "enter":
      return {
        state: { ...s, chars: [], cursor: 0, draft: [], edits: {}, historyIndex: null, history: remember(s.history, line) },
        effects: [{ type: "submit", line }],
      };
    case "backspace":
      if (s.cursor === 0) return bell();
      return ok({ ...s, chars: [...s.chars.slice(0, s.cursor - 1), ...s.chars.slice(s.cursor)], cursor: s.cursor - 1 });
    case "delete":
      if (s.cursor >= s.chars.length) return bell();
      return ok({ ...s, chars: [...s.chars.slice(0, s.cursor), ...s.chars.slice(s.cursor + 1)] });
    case "eof":
      // On an empty line bash runs exit (and does not keep it in history); otherwise Ctrl-D deletes.
      if (s.chars.length === 0) return { state: { ...s, draft: [], edits: {}, historyIndex: null }, effects: [{ type: "submit", line: "exit" }] };
      return pressKey(s, { type: "delete" });
    case "left":
      return s.cursor > 0 ? ok({ ...s, cursor: s.cursor - 1 }) : bell();
    case "right":
      return s.cursor < s.chars.length ? ok({ ...s, cursor: s.cursor + 1 }) : bell();
    case "home":
      return ok({ ...s, cursor: 0 });
    case "end":
      return ok({ ...s, cursor: s.chars.length });
    case "word-left":
      return ok({ ...s, cursor: wordLeft(s.chars, s.cursor) });
    case "word-right":
      return ok({ ...s, cursor: wordRight(s.chars, s.cursor) });
    case "kill-start":
      return ok(kill(s, 0, s.cursor, true));
    case "kill-end":
      return ok(kill(s, s.cursor, s.chars.length, false));
    case "kill-word": {
      const from = rubout(s.chars, s.cursor);
      if (from === s.cursor) return bell();
      return ok(kill(s, from, s.cursor, true));
    }
    case "kill-word-back": {
      // Alt-Backspace: back to the start of a word of letters and digits (readline's backward-kill-word).
      const from = wordLeft(s.chars, s.cursor);
      if (from === s.cursor) return bell();
      return ok(kill(s, from, s.cursor, true));
    }
    case "kill-word-forward": {
      const to = wordRight(s.chars, s.cursor);
      if (to === s.cursor) return bell();
      return ok(kill(s, s.cursor, to, false));
    }
    case "yank":
      return s.killed ? ok(insert(s, s.killed)) : bell();
    case "yank-last-arg": {
      // Alt-.: the last word of the previous line; pressed again, of the line before it, in its place.
      const again = s.prev === "yank-last-arg" && s.lastArg !== null;
      const back = again ? s.lastArg!.back + 1 : 1;
      const index = s.history.length - back;
      if (index < 0) return bell();
      const base = again ? { ...s, chars: [...s.chars.slice(0, s.cursor - s.lastArg!.length), ...s.chars.slice(s.cursor)], cursor: s.cursor - s.lastArg!.length } : s;
      const word = printable(lastWord(s.history[index]));
      return ok({ ...insert(base, word.join("")), lastArg: { back, length: word.length } });
    }
    case "transpose": {
      if (s.chars.length < 2 || s.cursor === 0) return bell();
      const at = s.cursor === s.chars.length ? s.cursor - 1 : s.cursor;
      const chars = [...s.chars];
      [chars[at - 1], chars[at]] = [chars[at], chars[at - 1]];
      return ok({ ...s, chars, cursor: at + 1 });
    }
    case "up": {
      const index = (s.historyIndex ?? s.history.length) - 1;
      if (index < 0) return bell();
      const left = leaveForHistory(s);
      return ok({ ...withLine(left, historyLine(left, index)), historyIndex: index });
    }
    case "down": {
      if (s.historyIndex === null) return bell();
      const index = s.historyIndex + 1;
      const left = leaveForHistory(s);
      if (index >= s.history.length) return ok({ ...withLine(left, left.draft), historyIndex: null, draft: [] });
      return ok({ ...withLine(left, historyLine(left, index)), historyIndex: index });
    }
    case "interrupt":
      // bash prints ^C, leaves the line as typed on screen and starts an empty one.
      return { state: { ...s, chars: [], cursor: 0, draft: [], edits: {}, historyIndex: null }, effects: [{ type: "interrupt" }] };
    case "clear":
      return { state: s, effects: [{ type: "clear" }] };
    case "tab":
      return { state: s, effects: [{ type: "complete", line, cursor: s.cursor, list: state.lastTab }] };
    case "search":
      return ok({ ...s, search: { query: "", match: -1, failed: false, before: { chars: s.chars, cursor: s.cursor } } });
    case "escape":
      return ok(s);
    case "abort":
      return bell();
  }
}

/** The longest prefix all candidates share. */
export function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return "";
  let p = words[0];
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}

/**
 * Applies sim-core's completion (the word from `start` to the cursor, and its candidates) as bash does:
 * one candidate completes the word and adds a space; several extend it to their common prefix, and when
 * nothing more can be added a second Tab lists them.
 */
export function applyCompletion(
  s: EditorState,
  completion: { start: number; candidates: readonly string[] },
  list: boolean,
): { state: EditorState; list: string[] | null; bell: boolean } {
  const { candidates } = completion;
  // sim-core counts UTF-16 units; the editor counts user-perceived characters.
  const start = graphemes(lineOf(s).slice(0, completion.start)).length;
  const typed = s.chars.slice(start, s.cursor).join("");
  if (candidates.length === 0) return { state: s, list: null, bell: true };
  const replace = (word: string) => {
    const add = graphemes(word);
    return { ...s, chars: [...s.chars.slice(0, start), ...add, ...s.chars.slice(s.cursor)], cursor: start + add.length, lastTab: true };
  };
  if (candidates.length === 1) {
    const word = candidates[0];
    const done = /[=/:]$/.test(word) ? word : `${word} `;
    const next = replace(done);
    // A space is not added twice when one already follows.
    if (done.endsWith(" ") && s.chars[s.cursor] === " ") return { state: { ...replace(word), cursor: start + graphemes(word).length + 1 }, list: null, bell: false };
    return { state: next, list: null, bell: false };
  }
  const prefix = commonPrefix(candidates);
  if (prefix.length > typed.length) return { state: replace(prefix), list: null, bell: false };
  return list ? { state: s, list: [...candidates], bell: false } : { state: { ...s, lastTab: true }, list: null, bell: true };
}

/** Candidates in columns across the width, sorted down each column as bash lists them. */
export function formatColumns(words: readonly string[], cols: number): string {
  const width = Math.max(...words.map((w) => Array.from(w).length)) + 2;
  const perRow = Math.max(1, Math.floor(cols / width));
  const rows = Math.ceil(words.length / perRow);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = "";
    for (let c = 0; c < perRow; c++) {
      const w = words[c * rows + r];
      if (w === undefined) break;
      line += c < perRow - 1 && words[(c + 1) * rows + r] !== undefined ? w.padEnd(width) : w;
    }
    lines.push(line);
  }
  return lines.join("\r\n");
}

/** What the prompt line shows: the prompt and the line, or readline's search prompt. */
export function view(s: EditorState, prompt: string): { text: string; cursor: number } {
  if (s.search) {
    const head = `(${s.search.failed ? "failed " : ""}reverse-i-search)\`${s.search.query}': `;
    const found = s.search.match >= 0 ? s.history[s.search.match] : "";
    const at = s.search.match >= 0 ? Math.max(0, found.indexOf(s.search.query)) : 0;
    return { text: head + found, cursor: Array.from(head).length + Array.from(found.slice(0, at)).length };
  }
  // The cursor as an index in code points, which `layout` walks as xterm does.
  return { text: prompt + lineOf(s), cursor: Array.from(prompt + s.chars.slice(0, s.cursor).join("")).length };
}

/** Where each character lands on a terminal `cols` wide: a wide character that does not fit wraps early. */
export function layout(text: string, cursor: number, cols: number): { endRow: number; cursorRow: number; cursorCol: number; wrapAtEnd: boolean } {
  const chars = Array.from(text);
  let row = 0;
  let col = 0;
  let cursorRow = 0;
  let cursorCol = 0;
  chars.forEach((ch, i) => {
    const w = cellWidth(ch);
    if (col + w > cols) {
      row++;
      col = 0;
    }
    if (i === cursor) [cursorRow, cursorCol] = [row, col];
    col += w;
  });
  // A line that fills its last column leaves the terminal waiting to wrap; the pane moves to the next row.
  const wrapAtEnd = col >= cols && chars.length > 0;
  if (wrapAtEnd) {
    row++;
    col = 0;
  }
  if (cursor >= chars.length) [cursorRow, cursorCol] = [row, col];
  return { endRow: row, cursorRow, cursorCol, wrapAtEnd };
}

/**
 * Escape sequences that redraw the prompt line in place: back to its first row, erase to the end of the
 * screen, write it, and put the cursor where the editor's cursor is. `fromRow` is the row (relative to the
 * line's first) where the terminal cursor is now; the result says where it is afterwards.
 */
export function redraw(text: string, cursor: number, cols: number, fromRow: number): { out: string; row: number } {
  const l = layout(text, cursor, cols);
  let out = `${fromRow > 0 ? `\u001b[${fromRow}A` : ""}\r\u001b[J${text}`;
  if (l.wrapAtEnd) out += "\r\n";
  const up = l.endRow - l.cursorRow;
  if (up > 0) out += `\u001b[${up}A`;
  out += "\r";
  if (l.cursorCol > 0) out += `\u001b[${l.cursorCol}C`;
  return { out, row: l.cursorRow };
}

const KEYS: Record<string, Key["type"]> = {
  "\r": "enter",
  "\n": "enter",
  "\u007f": "backspace",
  "\b": "backspace",
  "\u001b[3~": "delete",
  "\u001b[D": "left",
  "\u001bOD": "left",
  "\u0002": "left",
  "\u001b[C": "right",
  "\u001bOC": "right",
  "\u0006": "right",
  "\u001b[A": "up",
  "\u001bOA": "up",
  "\u0010": "up",
  "\u001b[B": "down",
  "\u001bOB": "down",
  "\u000e": "down",
  "\u001b[H": "home",
  "\u001bOH": "home",
  "\u001b[1~": "home",
  "\u0001": "home",
  "\u001b[F": "end",
  "\u001bOF": "end",
  "\u001b[4~": "end",
  "\u0005": "end",
  "\u001bb": "word-left",
  "\u001b[1;5D": "word-left",
  "\u001b[1;3D": "word-left",
  "\u001bf": "word-right",
  "\u001b[1;5C": "word-right",
  "\u001b[1;3C": "word-right",
  "\u0015": "kill-start",
  "\u000b": "kill-end",
  "\u0017": "kill-word",
  "\u001b\u007f": "kill-word-back",
  "\u001b\b": "kill-word-back",
  "\u001b.": "yank-last-arg",
  "\u001bd": "kill-word-forward",
  "\u0019": "yank",
  "\u0014": "transpose",
  "\u0003": "interrupt",
  "\u0007": "abort",
  "\u000c": "clear",
  "\u0004": "eof",
  "\t": "tab",
  "\u0012": "search",
  "\u001b": "escape",
};

const PASTE_START = "\u001b[200~";
const PASTE_END = "\u001b[201~";
const SEQUENCE = /^\u001b(\[[\d;]*[~A-Za-z]|O[A-Za-z]|[\s\S])?/;

/** Splits what xterm sends (keys, escape sequences, bracketed pastes, typed text) into keys. */
export function parseKeys(data: string): Key[] {
  const keys: Key[] = [];
  let rest = data;
  let text = "";
  const flushText = () => {
    if (text) keys.push({ type: "text", text });
    text = "";
  };
  while (rest.length > 0) {
    if (rest.startsWith(PASTE_START)) {
      flushText();
      const end = rest.indexOf(PASTE_END);
      const body = end < 0 ? rest.slice(PASTE_START.length) : rest.slice(PASTE_START.length, end);
      keys.push({ type: "paste", text: body });
      rest = end < 0 ? "" : rest.slice(end + PASTE_END.length);
      continue;
    }
    if (rest[0] === "\u001b") {
      const seq = SEQUENCE.exec(rest)![0];
      flushText();
      const type = KEYS[seq];
      if (type) keys.push({ type } as Key);
      rest = rest.slice(seq.length);
      continue;
    }
    const ch = rest[0];
    if (KEYS[ch] && ch !== "\u001b") {
      flushText();
      keys.push({ type: KEYS[ch] } as Key);
    } else if (ch >= " ") {
      text += ch;
    }
    rest = rest.slice(1);
  }
  flushText();
  return keys;
}
