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
}

export interface EditorState {
  /** The line as characters (code points), so wide and astral characters move as one. */
  chars: string[];
  cursor: number;
  history: string[];
  /** Position while browsing history with ↑/↓; null on the line being typed. */
  historyIndex: number | null;
  /** The line being typed, kept while browsing history. */
  draft: string[];
  search: SearchState | null;
  /** The last text killed (Ctrl-U/K/W), for Ctrl-Y. */
  killed: string;
  /** The previous key was Tab (a second Tab lists the candidates, as bash does). */
  lastTab: boolean;
}

export type Key =
  | { type: "text"; text: string }
  | { type: "paste"; text: string }
  | {
      type:
        | "enter" | "backspace" | "delete" | "left" | "right" | "up" | "down" | "home" | "end"
        | "word-left" | "word-right" | "kill-start" | "kill-end" | "kill-word" | "kill-word-forward" | "yank"
        | "interrupt" | "clear" | "eof" | "tab" | "search" | "escape" | "transpose";
    };

export type Effect =
  | { type: "submit"; line: string }
  | { type: "interrupt" }
  | { type: "clear" }
  | { type: "eof" }
  | { type: "complete"; line: string; cursor: number; list: boolean }
  | { type: "bell" };

export function createEditor(history: readonly string[] = []): EditorState {
  return { chars: [], cursor: 0, history: history.slice(-HISTORY_LIMIT), historyIndex: null, draft: [], search: null, killed: "", lastTab: false };
}

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
const printable = (text: string) => Array.from(text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "").replace(/\t/g, " "));

function insert(s: EditorState, text: string): EditorState {
  const add = printable(text);
  if (add.length === 0) return s;
  return { ...s, chars: [...s.chars.slice(0, s.cursor), ...add, ...s.chars.slice(s.cursor)], cursor: s.cursor + add.length };
}

const withLine = (s: EditorState, line: string): EditorState => {
  const chars = Array.from(line);
  return { ...s, chars, cursor: chars.length };
};

function pressInSearch(s: EditorState, search: SearchState, key: Key): { state: EditorState; effects: Effect[] } {
  const found = search.match >= 0 ? s.history[search.match] : null;
  const accept = (st: EditorState) => ({ ...(found !== null ? withLine(st, found) : st), search: null });
  switch (key.type) {
    case "text": {
      const query = search.query + printable(key.text).join("");
      const match = searchHistory(s.history, query, search.match >= 0 ? search.match : s.history.length - 1);
      return { state: { ...s, search: { query, match: match >= 0 ? match : search.match, failed: match < 0 } }, effects: match < 0 ? [{ type: "bell" }] : [] };
    }
    case "backspace": {
      const query = Array.from(search.query).slice(0, -1).join("");
      const match = searchHistory(s.history, query, s.history.length - 1);
      return { state: { ...s, search: { query, match, failed: false } }, effects: [] };
    }
    case "search": {
      const match = searchHistory(s.history, search.query, search.match - 1);
      if (match < 0) return { state: { ...s, search: { ...search, failed: true } }, effects: [{ type: "bell" }] };
      return { state: { ...s, search: { ...search, match, failed: false } }, effects: [] };
    }
    case "interrupt":
      return { state: { ...s, search: null, chars: [], cursor: 0, draft: [], historyIndex: null }, effects: [{ type: "interrupt" }] };
    case "enter":
      return press(accept(s), key);
    case "escape":
      return { state: accept(s), effects: [] };
    default:
      // Any editing key ends the search with the line found, then acts on it (readline's behaviour).
      return press(accept(s), key);
  }
}

/** One key: the next state and what the pane must do. */
export function press(state: EditorState, key: Key): { state: EditorState; effects: Effect[] } {
  if (state.search) return pressInSearch(state, state.search, key);
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
        state: { ...s, chars: [], cursor: 0, draft: [], historyIndex: null, history: remember(s.history, line) },
        effects: [{ type: "submit", line }],
      };
    case "backspace":
      if (s.cursor === 0) return bell();
      return ok({ ...s, chars: [...s.chars.slice(0, s.cursor - 1), ...s.chars.slice(s.cursor)], cursor: s.cursor - 1 });
    case "delete":
      if (s.cursor >= s.chars.length) return bell();
      return ok({ ...s, chars: [...s.chars.slice(0, s.cursor), ...s.chars.slice(s.cursor + 1)] });
    case "eof":
      if (s.chars.length === 0) return { state: s, effects: [{ type: "eof" }] };
      return press(s, { type: "delete" });
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
      return ok({ ...s, chars: s.chars.slice(s.cursor), cursor: 0, killed: s.chars.slice(0, s.cursor).join("") || s.killed });
    case "kill-end":
      return ok({ ...s, chars: s.chars.slice(0, s.cursor), killed: s.chars.slice(s.cursor).join("") || s.killed });
    case "kill-word": {
      const from = rubout(s.chars, s.cursor);
      if (from === s.cursor) return bell();
      return ok({ ...s, chars: [...s.chars.slice(0, from), ...s.chars.slice(s.cursor)], cursor: from, killed: s.chars.slice(from, s.cursor).join("") });
    }
    case "kill-word-forward": {
      const to = wordRight(s.chars, s.cursor);
      if (to === s.cursor) return bell();
      return ok({ ...s, chars: [...s.chars.slice(0, s.cursor), ...s.chars.slice(to)], killed: s.chars.slice(s.cursor, to).join("") });
    }
    case "yank":
      return s.killed ? ok(insert(s, s.killed)) : bell();
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
      return ok({ ...withLine(s, s.history[index]), historyIndex: index, draft: s.historyIndex === null ? s.chars : s.draft });
    }
    case "down": {
      if (s.historyIndex === null) return bell();
      const index = s.historyIndex + 1;
      if (index >= s.history.length) return ok({ ...s, chars: s.draft, cursor: s.draft.length, historyIndex: null, draft: [] });
      return ok({ ...withLine(s, s.history[index]), historyIndex: index });
    }
    case "interrupt":
      // bash prints ^C, leaves the line as typed on screen and starts an empty one.
      return { state: { ...s, chars: [], cursor: 0, draft: [], historyIndex: null }, effects: [{ type: "interrupt" }] };
    case "clear":
      return { state: s, effects: [{ type: "clear" }] };
    case "tab":
      return { state: s, effects: [{ type: "complete", line, cursor: s.cursor, list: state.lastTab }] };
    case "search":
      return ok({ ...s, search: { query: "", match: -1, failed: false } });
    case "escape":
      return ok(s);
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
  // sim-core counts UTF-16 units; the editor counts characters.
  const start = Array.from(lineOf(s).slice(0, completion.start)).length;
  const typed = s.chars.slice(start, s.cursor).join("");
  if (candidates.length === 0) return { state: s, list: null, bell: true };
  const replace = (word: string) => {
    const add = Array.from(word);
    return { ...s, chars: [...s.chars.slice(0, start), ...add, ...s.chars.slice(s.cursor)], cursor: start + add.length, lastTab: true };
  };
  if (candidates.length === 1) {
    const word = candidates[0];
    const done = /[=/:]$/.test(word) ? word : `${word} `;
    const next = replace(done);
    // A space is not added twice when one already follows.
    if (done.endsWith(" ") && s.chars[s.cursor] === " ") return { state: { ...replace(word), cursor: start + Array.from(word).length + 1 }, list: null, bell: false };
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
  return { text: prompt + lineOf(s), cursor: Array.from(prompt).length + s.cursor };
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
  "\u001b\u007f": "kill-word",
  "\u001bd": "kill-word-forward",
  "\u0019": "yank",
  "\u0014": "transpose",
  "\u0003": "interrupt",
  "\u0007": "escape",
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
