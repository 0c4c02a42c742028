/**
 * One node's terminal: xterm.js drawing what the worker's engine sends, and the line editor at the
 * prompt. Everything typed is handled here on the main thread (echo never waits for the simulator);
 * only a finished line, Ctrl-C and Tab go to the worker.
 */
import { FitAddon } from "@xterm/addon-fit";
import { Unicode11Addon } from "@xterm/addon-unicode11";
import { Terminal, type IDecoration, type IMarker } from "@xterm/xterm";
import {
  applyCompletion, createEditor, formatColumns, graphemes, layout, parseKeys, press, redraw, view, type EditorState, type Key,
} from "@/lib/lab/line-editor";
import { findMatches } from "@/lib/lab/highlight";
import type { PaneView } from "@/lib/lab/protocol";
import { createRowFixer, type RowFixer } from "@/lib/lab/rows";

export interface PaneHost {
  /** Runs a line; `columns` is the terminal's width, for output that wraps to it. */
  exec(pane: string, line: string, columns: number): void;
  interrupt(pane: string): void;
  complete(pane: string, line: string, cursor: number): Promise<{ start: number; candidates: string[] }>;
  history(pane: string, history: string[]): void;
  fastForward(): void;
}

/** The part of xterm's internals `PaneTerminal.write` uses. */
export interface XtermInternals {
  _core?: {
    _writeBuffer?: { writeSync?: (data: string) => void };
    _renderService?: { _renderDebouncer?: { _animationFrame?: number; _innerRefresh?: () => void } };
  };
}

/** The last text selected in any pane: a middle click pastes it, as X11's primary selection does. */
let primarySelection = "";

const THEME = {
  background: "#0f1419",
  foreground: "#d8dee9",
  cursor: "#f0f4f8",
  selectionBackground: "#3a4a63",
  black: "#1c2129",
  brightBlack: "#6b7686",
};

export class PaneTerminal {
  readonly term: Terminal;
  private readonly fit = new FitAddon();
  private editor: EditorState;
  private prompt = "";
  /** Row of the terminal cursor within the prompt line being edited. */
  private row = 0;
  private busy = true;
  /** Keys typed while a command runs, handed to the editor when the prompt comes back (bash's type-ahead). */
  private typeahead: Key[] = [];
  private completing = false;
  private readonly observer: ResizeObserver;
  /** Cursor-up in docker's redrawn frames counted in rows at this pane's width. */
  private rows: RowFixer = createRowFixer();

  constructor(
    readonly id: string,
    private readonly element: HTMLElement,
    private readonly host: PaneHost,
    options: {
      history: string[];
      label: string;
      screenReader: boolean;
      /**
       * Where what covers the bottom of the window begins (the phone's sticky key row), in viewport pixels;
       * null when nothing does. The cursor's row is kept above it while the pane has focus.
       */
      coveredFrom?: () => number | null;
    },
  ) {
    this.editor = createEditor(options.history);
    this.term = new Terminal({
      convertEol: true,
      cursorBlink: true,
      fontFamily: '"DejaVu Sans Mono", "JetBrains Mono", Menlo, Consolas, "Liberation Mono", monospace',
      fontSize: 13,
      scrollback: 5000,
      macOptionIsMeta: true,
      rightClickSelectsWord: false,
      screenReaderMode: options.screenReader,
      theme: THEME,
      // Decorations (the highlights of what the topology points at) are a proposed API.
      allowProposedApi: true,
    });
    this.term.loadAddon(this.fit);
    // Emoji and other wide characters take two cells, as in today's terminals (and as the line editor counts).
    this.term.loadAddon(new Unicode11Addon());
    this.term.unicode.activeVersion = "11";
    this.term.open(element);
    const firstRender = this.term.onRender(() => {
      firstRender.dispose();
      performance.mark(`lab:rendered-${id}`);
    });
    this.term.textarea?.setAttribute("aria-label", options.label);
    if (options.coveredFrom) {
      const coveredFrom = options.coveredFrom;
      this.term.onRender(() => this.revealCursor(coveredFrom));
    }
    this.term.attachCustomKeyEventHandler((e) => this.shortcut(e));
    this.term.onData((data) => this.input(data));
    this.term.onSelectionChange(() => {
      const text = this.term.getSelection();
      if (text) primarySelection = text;
    });
    element.addEventListener("mousedown", (e) => {
      if (e.button !== 1) return;
      e.preventDefault(); // no autoscroll
      if (primarySelection) this.term.paste(primarySelection);
      this.term.focus();
    });
    // Bracketed paste: a paste arrives marked, so a multi-line paste runs line by line on purpose.
    this.write("\u001b[?2004h");
    this.observer = new ResizeObserver(() => this.resize());
    this.observer.observe(element);
    this.resize();
    this.pristine = true;
  }

  /**
   * Nothing written since the constructor (which only turns bracketed paste on): the first `reset` has nothing
   * to clear. xterm's `reset()` would record the fitted size in its options, and each changed option makes its
   * renderer write the terminal's stylesheet again (some 800 rules) and measure the font: twice, on the way to
   * the first prompt.
   */
  private pristine = false;

  /**
   * Scrolls the page so that the cursor's row, while this pane has focus, is not under what covers the bottom
   * of the window: output that grows past the key row would otherwise hide the prompt being typed at, as a
   * phone's terminal app never does. xterm keeps its textarea on the cursor's cell; that cell is measured.
   */
  private revealCursor(coveredFrom: () => number | null) {
    const textarea = this.term.textarea;
    if (!textarea || document.activeElement !== textarea) return;
    const limit = coveredFrom();
    if (limit === null) return;
    const bottom = textarea.getBoundingClientRect().bottom;
    // A few pixels of air between the row and the key row.
    if (bottom > limit - 4) window.scrollBy(0, Math.ceil(bottom - limit + 4));
  }

  /** The first line of the last command's output, tracked by xterm as the buffer scrolls. */
  private lastOutput: IMarker | null = null;
  private highlights: IDecoration[] = [];

  /**
   * Lights up where the given terms (names, IDs, addresses of what the learner points at in the topology)
   * appear in the last command's output — or, before any command, in what the screen shows. Null clears.
   */
  highlight(terms: readonly string[] | null) {
    for (const d of this.highlights) d.dispose();
    this.highlights = [];
    const buffer = this.term.buffer.active;
    const first = this.lastOutput && !this.lastOutput.isDisposed ? this.lastOutput.line : buffer.viewportY;
    const lines: string[] = [];
    if (terms?.length) for (let i = first; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(false) ?? "");
    const cursorLine = buffer.baseY + buffer.cursorY;
    for (const m of terms?.length ? findMatches(lines, terms) : []) {
      const marker = this.term.registerMarker(first + m.line - cursorLine);
      const decoration = this.term.registerDecoration({ marker, x: m.start, width: m.length, backgroundColor: "#e5c07b", foregroundColor: "#0f1419", layer: "bottom" });
      if (!decoration) {
        marker.dispose();
        continue;
      }
      decoration.onDispose(() => marker.dispose());
      this.highlights.push(decoration);
    }
    this.element.dataset.highlights = String(this.highlights.length);
  }

  /** Esc pressed just before: the next Tab leaves the terminal instead of completing (keyboard-only use). */
  private escaped = false;

  /** Ctrl-Shift-C/V copy and paste as terminal emulators do; Ctrl-Shift-F fast-forwards; Esc, Tab leaves. */
  private shortcut(e: KeyboardEvent): boolean {
    if (e.type !== "keydown") return true;
    // A modifier pressed on its own (the Shift of Shift-Tab) is not a key of its own.
    if (e.key === "Shift" || e.key === "Control" || e.key === "Alt" || e.key === "Meta") return true;
    if (e.key === "Tab" && this.escaped && !e.ctrlKey && !e.altKey) {
      this.escaped = false;
      // The Esc was a way out, not a meta prefix for the key typed on coming back.
      this.editor = { ...this.editor, meta: false };
      return false; // the browser moves focus on
    }
    this.escaped = e.key === "Escape";
    if (!e.ctrlKey || !e.shiftKey) return true;
    const key = e.key.toLowerCase();
    if (key === "c") {
      const text = this.term.getSelection();
      if (text) void navigator.clipboard?.writeText(text).catch(() => undefined);
      e.preventDefault();
      return false;
    }
    if (key === "v") {
      e.preventDefault();
      void navigator.clipboard?.readText().then((t) => this.term.paste(t)).catch(() => undefined);
      return false;
    }
    if (key === "f") {
      e.preventDefault();
      this.host.fastForward();
      return false;
    }
    return true;
  }

  private resize() {
    const before = this.term.cols;
    try {
      this.fit.fit();
    } catch {
      return; // not laid out yet (a hidden tab)
    }
    if (this.term.cols !== before && !this.busy) this.draw();
  }

  focus() {
    this.term.focus();
    this.resize();
  }

  setScreenReader(on: boolean) {
    this.term.options.screenReaderMode = on;
  }

  private parseNow = false;

  /**
   * Writes to the terminal. xterm parses a write in a task of its own (and a keystroke's echo at once); while
   * `parseNow` is set, the data is parsed synchronously through xterm's write buffer (`writeSync`, which xterm
   * keeps for this; not in its typings, checked by pane-terminal.test.ts against the installed version).
   */
  private write(data: string) {
    this.pristine = false;
    const buffer = (this.term as unknown as XtermInternals)._core?._writeBuffer;
    if (this.parseNow && typeof buffer?.writeSync === "function") buffer.writeSync(data);
    else this.term.write(data);
  }

  /** Draws a pane from scratch (boot, replay, undo): its whole stream, then its prompt. */
  reset(view: PaneView, history?: string[]) {
    this.highlight(null);
    this.lastOutput?.dispose();
    this.lastOutput = null;
    if (!this.pristine) this.term.reset();
    // Parsed now rather than in xterm's next task, so the frame that draws the pane shows its screen and
    // prompt (a returning learner's prompt is drawn in the terminal's first frame).
    this.parseNow = true;
    try {
      this.write("\u001b[?2004h");
      this.rows = createRowFixer();
      this.write(this.rows.push(view.stream, this.term.cols));
      this.typeahead = [];
      if (history) this.editor = createEditor(history);
      this.showPrompt(view.prompt);
    } finally {
      this.parseNow = false;
    }
  }

  /** Output of the running command, or of a background job while the prompt shows. */
  output(raw: string) {
    const text = this.rows.push(raw, this.term.cols);
    if (this.busy) {
      this.write(text);
      return;
    }
    // Printed above the line being typed, which is drawn again below it.
    this.write(`${this.row > 0 ? `\u001b[${this.row}A` : ""}\r\u001b[J${text}`);
    this.row = 0;
    this.draw();
  }

  /** The command ended: its prompt, after clearing the screen for `clear`. */
  done(prompt: string, clear = false) {
    if (clear) this.write("\u001b[H\u001b[2J\u001b[3J");
    this.showPrompt(prompt);
    const keys = this.typeahead;
    this.typeahead = [];
    for (const key of keys) this.key(key);
  }

  private showPrompt(prompt: string) {
    this.busy = false;
    this.prompt = prompt;
    this.row = 0;
    this.draw();
  }

  private draw() {
    const v = view(this.editor, this.prompt);
    const r = redraw(v.text, v.cursor, this.term.cols, this.row);
    this.write(r.out);
    this.row = r.row;
  }

  /** Writes a finished line's end and leaves the prompt (the worker's output follows). */
  private leaveLine() {
    const v = view(this.editor, this.prompt);
    // Redraw once more with the cursor at the end, so the output starts below the whole line.
    const r = redraw(v.text, Array.from(v.text).length, this.term.cols, this.row);
    this.write(r.out);
    this.row = 0;
  }

  /** What xterm sends for keys and pastes; also the phone key row and "Run in lab" typing. */
  input(data: string) {
    // Parsed at once (xterm does so for keys it hears itself, not for the key row's or a script's) and drawn at once.
    const nested = this.parseNow;
    this.parseNow = true;
    try {
      this.keys(data);
    } finally {
      this.parseNow = nested;
      this.renderNow();
    }
  }

  /**
   * Draws what the keys changed now, in the task that handled them, instead of at xterm's next animation frame
   * (its render debouncer, outside its typings, checked by an e2e test): a key that arrives before this frame's
   * paint is echoed by it, not by the next one.
   */
  private renderNow() {
    const debouncer = (this.term as unknown as XtermInternals)._core?._renderService?._renderDebouncer;
    if (debouncer?._animationFrame === undefined || typeof debouncer._innerRefresh !== "function") return;
    cancelAnimationFrame(debouncer._animationFrame);
    debouncer._innerRefresh();
  }

  private keys(data: string) {
    for (const key of parseKeys(data)) {
      if (key.type !== "paste" || !/[\r\n]/.test(key.text)) {
        this.key(key);
        continue;
      }
      // A multi-line paste runs line by line: each line waits for the one before it to finish.
      const lines = key.text.replace(/\r\n?/g, "\n").split("\n");
      lines.forEach((line, i) => {
        if (line) this.key({ type: "paste", text: line });
        if (i < lines.length - 1) this.key({ type: "enter" });
      });
    }
  }

  private key(key: Key) {
    if (this.busy) {
      if (key.type === "interrupt") {
        // As a terminal's ^C does, what was typed ahead is thrown away with the command.
        this.typeahead = [];
        this.host.interrupt(this.id);
      } else this.typeahead.push(key);
      return;
    }
    if (this.completing) {
      this.typeahead.push(key);
      return;
    }
    const before = this.editor;
    const { state, effects } = press(this.editor, key);
    for (const effect of effects) {
      switch (effect.type) {
        case "submit": {
          const chars = graphemes(effect.line);
          this.editor = { ...before, search: null, chars, cursor: chars.length };
          this.leaveLine();
          this.write(this.rows.push("\r\n", this.term.cols));
          this.editor = state;
          if (effect.line.trim() === "") return this.showPrompt(this.prompt);
          this.busy = true;
          this.lastOutput?.dispose();
          this.lastOutput = this.term.registerMarker(0);
          this.host.history(this.id, state.history);
          this.host.exec(this.id, effect.line, this.term.cols);
          return;
        }
        case "interrupt":
          this.editor = before;
          this.leaveLine();
          this.write("^C\r\n");
          this.editor = state;
          this.showPrompt(this.prompt);
          return;
        case "clear":
          this.write("\u001b[H\u001b[2J\u001b[3J");
          this.row = 0;
          this.editor = state;
          this.draw();
          return;
        case "complete":
          this.editor = state;
          void this.complete(effect.line, effect.cursor, effect.list);
          return;
        case "bell":
          break;
      }
    }
    this.editor = state;
    if (!this.append(before, state)) this.draw();
  }

  /**
   * Characters typed at the end of the line are written as they are, as a terminal echoes them, instead of
   * drawing the whole line again: a screen reader then hears the character, not the prompt and line each time.
   * False when the key did anything else (the line is drawn again).
   */
  private append(before: EditorState, after: EditorState): boolean {
    if (before.search || after.search || before.cursor !== before.chars.length || after.cursor !== after.chars.length) return false;
    if (after.chars.length <= before.chars.length || before.chars.some((c, i) => after.chars[i] !== c)) return false;
    const v = view(after, this.prompt);
    const l = layout(v.text, v.cursor, this.term.cols);
    // A line that ends in the last column leaves the terminal waiting to wrap: drawn again, which moves on.
    if (l.wrapAtEnd) return false;
    this.write(after.chars.slice(before.chars.length).join(""));
    this.row = l.cursorRow;
    return true;
  }

  private async complete(line: string, cursor: number, list: boolean) {
    this.completing = true;
    try {
      const completion = await this.host.complete(this.id, line, cursor);
      const r = applyCompletion(this.editor, completion, list);
      this.editor = r.state;
      if (r.list) {
        this.leaveLine();
        this.write(`\r\n${formatColumns(r.list, this.term.cols)}\r\n`);
        this.row = 0;
      }
      this.draw();
    } finally {
      this.completing = false;
      const keys = this.typeahead;
      this.typeahead = [];
      for (const key of keys) this.key(key);
    }
  }

  /** What the terminal shows, as text (the export and the tests read it). */
  text(): string {
    const buffer = this.term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++) {
      const line = buffer.getLine(i);
      if (!line) continue;
      const text = line.translateToString(true);
      if (line.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
      else lines.push(text);
    }
    while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
    return lines.join("\n");
  }

  dispose() {
    this.observer.disconnect();
    this.term.dispose();
  }
}
