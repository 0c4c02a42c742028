import { describe, expect, it } from "vitest";
import {
  applyCompletion, createEditor, formatColumns, layout, lineOf, parseKeys, press, redraw, remember, view,
  type EditorState, type Effect, type Key,
} from "./line-editor";

/** Types keys as xterm sends them one keypress at a time (Esc on its own, then the next key). */
function typeKeys(chunks: string[], s: EditorState = createEditor()) {
  const effects: Effect[] = [];
  for (const chunk of chunks) {
    const r = type(chunk, s);
    s = r.s;
    effects.push(...r.effects);
  }
  return { s, effects, line: lineOf(s), cursor: s.cursor };
}

/** Types what xterm would send and returns the state and every effect. */
function type(data: string, s: EditorState = createEditor()) {
  const effects: Effect[] = [];
  for (const key of parseKeys(data)) {
    const r = press(s, key);
    s = r.state;
    effects.push(...r.effects);
  }
  return { s, effects, line: lineOf(s), cursor: s.cursor };
}

describe("line editor keys", () => {
  it("types, moves with ←/→, Home/End, Ctrl-A/E, and inserts at the cursor", () => {
    expect(type("docker ps\u001b[D\u001b[DX")).toMatchObject({ line: "docker Xps", cursor: 8 });
    expect(type("ls\u001b[Ha\u001b[Fb")).toMatchObject({ line: "alsb", cursor: 4 });
    expect(type("ls\u0001a\u0005b")).toMatchObject({ line: "alsb", cursor: 4 });
    expect(type("ls\u001bOHa\u001b[4~b")).toMatchObject({ line: "alsb" });
  });

  it("deletes with Backspace and Delete, and rings at the edges", () => {
    expect(type("abc\u007f")).toMatchObject({ line: "ab" });
    expect(type("abc\u0001\u001b[3~")).toMatchObject({ line: "bc", cursor: 0 });
    expect(type("\u007f").effects).toEqual([{ type: "bell" }]);
  });

  it("kills with Ctrl-U, Ctrl-K and Ctrl-W, and yanks with Ctrl-Y", () => {
    expect(type("docker service ls\u0002\u0002\u0015")).toMatchObject({ line: "ls", cursor: 0 });
    expect(type("docker service ls\u0001\u0006\u0006\u000b")).toMatchObject({ line: "do", cursor: 2 });
    expect(type("docker service  ls\u0017")).toMatchObject({ line: "docker service  " });
    expect(type("docker service ls \u0017")).toMatchObject({ line: "docker service " });
    expect(type("docker service ls\u0017\u0001\u0019 ")).toMatchObject({ line: "ls docker service " });
  });

  it("moves by words with Alt-B/Alt-F (and Ctrl-←/→)", () => {
    expect(type("docker service-ls now\u001bb").cursor).toBe(18);
    expect(type("docker service-ls now\u001bb\u001bb").cursor).toBe(15);
    expect(type("docker service-ls now\u0001\u001bf").cursor).toBe(6);
    expect(type("docker service-ls now\u0001\u001b[1;5C\u001b[1;5C").cursor).toBe(14);
  });

  it("walks history with ↑/↓ and keeps the line being typed", () => {
    const s = createEditor(["docker node ls", "docker service ls"]);
    expect(type("dra\u001b[A", s)).toMatchObject({ line: "docker service ls" });
    expect(type("dra\u001b[A\u001b[A", s)).toMatchObject({ line: "docker node ls" });
    expect(type("dra\u001b[A\u001b[A\u001b[A", s).effects).toEqual([{ type: "bell" }]);
    expect(type("dra\u001b[A\u001b[A\u001b[B\u001b[B", s)).toMatchObject({ line: "dra", cursor: 3 });
  });

  it("submits with Enter and remembers the line once (no blanks, repeats or leading-space lines)", () => {
    const r = type("docker ps\rdocker ps\r \r secret\r");
    expect(r.effects).toEqual([
      { type: "submit", line: "docker ps" },
      { type: "submit", line: "docker ps" },
      { type: "submit", line: " " },
      { type: "submit", line: " secret" },
    ]);
    expect(r.s.history).toEqual(["docker ps"]);
    expect(remember(["a"], "b")).toEqual(["a", "b"]);
  });

  it("searches history backwards with Ctrl-R, again with Ctrl-R, accepts with Esc, runs with Enter", () => {
    const s = createEditor(["docker swarm init", "docker service create --name web nginx", "docker service ls"]);
    const r = type("\u0012serv", s);
    expect(view(r.s, "node-1$ ").text).toBe("(reverse-i-search)`serv': docker service ls");
    const again = type("\u0012serv\u0012", s);
    expect(view(again.s, "$ ").text).toBe("(reverse-i-search)`serv': docker service create --name web nginx");
    expect(type("\u0012serv\u0012\u001b", s)).toMatchObject({ line: "docker service create --name web nginx" });
    expect(type("\u0012init\r", s).effects).toEqual([{ type: "submit", line: "docker swarm init" }]);
    const failed = type("\u0012zzz", s);
    expect(view(failed.s, "$ ").text).toBe("(failed reverse-i-search)`zzz': ");
    expect(type("\u0012serv\u0003", s)).toMatchObject({ line: "", effects: [{ type: "interrupt" }] });
  });

  it("gives up a search with Ctrl-G, leaving the line as it was", () => {
    const s = createEditor(["docker network ls"]);
    expect(type("keep me\u0012net\u0007", s)).toMatchObject({ line: "keep me", cursor: 7 });
    expect(type("\u0007").effects).toEqual([{ type: "bell" }]);
  });

  it("leaves a search with the cursor where the match begins, so ←/→ and typing edit there", () => {
    const s = createEditor(["docker network ls"]);
    expect(type("\u0012net\u001b[DQ", s).line).toBe("dockerQ network ls");
    expect(type("\u0012net\u001b", s).cursor).toBe(7);
    expect(type("\u0012net\u0005", s).cursor).toBe(17);
  });

  it("searches for the last search's text again with Ctrl-R Ctrl-R", () => {
    const s = createEditor(["docker network ls", "echo hi"]);
    const first = type("\u0012net\r", s);
    const again = type("\u0012\u0012", first.s);
    expect(view(again.s, "$ ").text).toBe("(reverse-i-search)`net': docker network ls");
  });

  it("Ctrl-C interrupts, Ctrl-L clears, Ctrl-D on an empty line is end of input, else deletes", () => {
    expect(type("ping x\u0003")).toMatchObject({ line: "", effects: [{ type: "interrupt" }] });
    expect(type("ab\u000c")).toMatchObject({ line: "ab", effects: [{ type: "clear" }] });
    // bash runs exit, and does not keep it in history.
    const eof = type("\u0004", createEditor(["docker ps"]));
    expect(eof.effects).toEqual([{ type: "submit", line: "exit" }]);
    expect(eof.s.history).toEqual(["docker ps"]);
    expect(type("ab\u0001\u0004")).toMatchObject({ line: "b", effects: [] });
  });

  it("asks for completion on Tab, and to list on a second Tab", () => {
    expect(type("docker se\t").effects).toEqual([{ type: "complete", line: "docker se", cursor: 9, list: false }]);
    expect(type("docker se\t\t").effects[1]).toEqual({ type: "complete", line: "docker se", cursor: 9, list: true });
  });

  it("runs a bracketed multi-line paste line by line and keeps the unfinished last line", () => {
    const r = type("\u001b[200~docker swarm init\r\ndocker node ls\ndocker service\u001b[201~ ls");
    expect(r.effects).toEqual([
      { type: "submit", line: "docker swarm init" },
      { type: "submit", line: "docker node ls" },
    ]);
    expect(r.line).toBe("docker service ls");
  });

  it("drops control characters from a paste and from typed text", () => {
    expect(type("\u001b[200~echo \u001b]52;c;aGk=\u0007x\u001b[201~").line).toBe("echo ]52;c;aGk=x");
    expect(type("a\u0000b").line).toBe("ab");
  });

  it("moves over wide and astral characters as one", () => {
    const r = type("echo 日本🐳\u001b[D\u001b[DX");
    expect(r).toMatchObject({ line: "echo 日X本🐳", cursor: 7 });
  });

  it("transposes with Ctrl-T", () => {
    expect(type("sl\u0014").line).toBe("ls");
  });

  it("moves over and deletes a letter written with a combining mark as one character", () => {
    const cafe = "echo cafe\u0301 x";
    expect(type(`${cafe}\u001b[D\u001b[D\u007f`)).toMatchObject({ line: "echo caf x", cursor: 8 });
    expect(type(`${cafe}\u001b[D\u001b[D\u001b[DX`).line).toBe("echo cafXe\u0301 x");
    // The cursor is counted in code points for the layout, as xterm draws them.
    expect(view(type(`${cafe}\u001b[D\u001b[D`).s, "$ ").cursor).toBe("$ echo cafe\u0301".length);
  });

  it("adds kills in a row together, as readline's kill ring does", () => {
    // Ctrl-W twice, then Ctrl-Y: both words come back.
    expect(type("run --name web-1 nginx:1.25\u0017\u0017\u0019").line).toBe("run --name web-1 nginx:1.25");
    expect(type("run --name web-1 nginx:1.25\u0017\u0017\u0001\u0019").line).toBe("web-1 nginx:1.25run --name ");
    // Forward kills append: Alt-D twice from the start.
    expect(type("alpha beta gamma\u0001\u001bd\u001bd\u0005 \u0019").line).toBe(" gamma alpha beta");
    // A key between two kills starts a new entry.
    expect(type("one two three\u0017\u001b[D\u001b[C\u0017\u0019").line).toBe("one two ");
  });

  it("kills a word of letters and digits with Alt-Backspace, a blank-delimited one with Ctrl-W", () => {
    expect(type("echo foo/bar.baz\u001b\u007f").line).toBe("echo foo/bar.");
    expect(type("echo foo/bar.baz\u0017").line).toBe("echo ");
  });

  it("reads Esc then a key as Alt and that key (readline's meta prefix), and any other key after Esc as itself", () => {
    expect(typeKeys(["docker service ls", "\u001b", "b", "\u001b", "B", "X"])).toMatchObject({ line: "docker Xservice ls", cursor: 8 });
    expect(typeKeys(["docker service ls", "\u0001", "\u001b", "f", "\u001b", "F"])).toMatchObject({ cursor: 14 });
    expect(typeKeys(["docker service ls", "\u0001", "\u001b", "d"])).toMatchObject({ line: " service ls", cursor: 0 });
    expect(typeKeys(["docker service ls", "\u001b", "\u007f"])).toMatchObject({ line: "docker service " });
    // Typed fast, the key after Esc comes with more text: only its first character is the Alt key.
    expect(typeKeys(["ab cd", "\u001b", "bXY"])).toMatchObject({ line: "ab XYcd" });
    const s = createEditor(["docker network create appnet", "docker service create --network appnet nginx"]);
    expect(typeKeys(["docker inspect ", "\u001b", ".", "\u001b", "."], s).line).toBe("docker inspect appnet");
    // Not a prefix for anything else: the key is typed as it is, once.
    expect(typeKeys(["ab", "\u001b", "x"])).toMatchObject({ line: "abx" });
    expect(typeKeys(["ab", "\u001b", "\u001b[D", "x"])).toMatchObject({ line: "axb" });
  });

  it("inserts the previous line's last word with Alt-., and older ones when pressed again", () => {
    const s = createEditor(["docker network create -d overlay appnet", "docker service create --name web nginx"]);
    expect(type("docker service ps \u001b.", s).line).toBe("docker service ps nginx");
    expect(type("docker inspect \u001b.\u001b.", s).line).toBe("docker inspect appnet");
    expect(type("x \u001b.\u001b.\u001b.", s).effects).toEqual([{ type: "bell" }]);
    expect(type("\u001b.").effects).toEqual([{ type: "bell" }]);
  });

  it("keeps edits to a history line while browsing, until a line is run", () => {
    const s = createEditor(["echo alpha", "echo gamma"]);
    expect(type("\u001b[A-EDITED\u001b[A\u001b[B", s).line).toBe("echo gamma-EDITED");
    expect(type("draft\u001b[A-EDITED\u001b[A\u001b[B\u001b[B", s).line).toBe("draft");
    const ran = type("\u001b[A-EDITED\u001b[A\r\u001b[A\u001b[A", s);
    expect(ran.effects).toEqual([{ type: "submit", line: "echo alpha" }]);
    expect(ran.s.history).toEqual(["echo alpha", "echo gamma", "echo alpha"]);
    expect(ran.line).toBe("echo gamma");
  });
});

describe("completion", () => {
  const at = (line: string, cursor = line.length) => ({ ...createEditor(), chars: Array.from(line), cursor });

  it("completes one candidate and adds a space", () => {
    const r = applyCompletion(at("docker service ps w"), { start: 18, candidates: ["web"] }, false);
    expect(lineOf(r.state)).toBe("docker service ps web ");
    expect(r.state.cursor).toBe(22);
  });

  it("extends several candidates to their common prefix, rings, then lists on the second Tab", () => {
    const r = applyCompletion(at("docker service cr"), { start: 15, candidates: ["create"] }, false);
    expect(lineOf(r.state)).toBe("docker service create ");
    const two = applyCompletion(at("docker s"), { start: 7, candidates: ["search", "secret", "service", "stack"] }, false);
    expect(two).toMatchObject({ list: null, bell: true });
    expect(applyCompletion(at("docker s"), { start: 7, candidates: ["search", "secret", "service", "stack"] }, true).list).toEqual([
      "search", "secret", "service", "stack",
    ]);
    expect(lineOf(applyCompletion(at("docker serv"), { start: 7, candidates: ["service-a", "service-b"] }, false).state)).toBe("docker service-");
  });

  it("lists in columns sorted down, as bash does", () => {
    expect(formatColumns(["a", "bb", "c", "d", "e"], 12)).toBe("a   c   e\r\nbb  d");
  });
});

describe("drawing the line", () => {
  it("lays out wrapping, wide characters that do not fit, and a line that fills its last column", () => {
    expect(layout("node-1$ ls", 10, 80)).toEqual({ endRow: 0, cursorRow: 0, cursorCol: 10, wrapAtEnd: false });
    expect(layout("abcdef", 2, 4)).toEqual({ endRow: 1, cursorRow: 0, cursorCol: 2, wrapAtEnd: false });
    expect(layout("abc日", 4, 4)).toEqual({ endRow: 1, cursorRow: 1, cursorCol: 2, wrapAtEnd: false });
    expect(layout("abcd", 4, 4)).toEqual({ endRow: 1, cursorRow: 1, cursorCol: 0, wrapAtEnd: true });
  });

  it("redraws in place from the row the cursor is on", () => {
    expect(redraw("$ ab", 3, 80, 0)).toEqual({ out: "\r\u001b[J$ ab\r\u001b[3C", row: 0 });
    expect(redraw("$ abcdef", 2, 4, 1)).toEqual({ out: "\u001b[1A\r\u001b[J$ abcdef\r\n\u001b[2A\r\u001b[2C", row: 0 });
  });
});

describe("parsing what xterm sends", () => {
  it("tells keys, sequences and text apart", () => {
    const keys: Key[] = parseKeys("ab\u001b[A\u0003\u001bbc");
    expect(keys).toEqual([{ type: "text", text: "ab" }, { type: "up" }, { type: "interrupt" }, { type: "word-left" }, { type: "text", text: "c" }]);
  });
});
