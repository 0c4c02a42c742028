/**
 * PaneTerminal draws a restored pane in the terminal's first frame by parsing through xterm's write buffer
 * synchronously (`_core._writeBuffer.writeSync`, outside xterm's typings). This holds the installed xterm to it:
 * an upgrade that renames it fails here, not silently in the learner's first frame.
 */
import { Terminal } from "@xterm/xterm";
import { describe, expect, it } from "vitest";
import type { XtermInternals } from "./pane-terminal";

const firstLine = (t: Terminal) => t.buffer.active.getLine(0)?.translateToString(true).trimEnd() ?? "";

describe("xterm's synchronous write, as PaneTerminal uses it", () => {
  it("is there, and parses before it returns", () => {
    const term = new Terminal({ cols: 40, rows: 5, allowProposedApi: true });
    const buffer = (term as unknown as XtermInternals)._core?._writeBuffer;
    expect(typeof buffer?.writeSync).toBe("function");
    buffer!.writeSync!("node-1$ ");
    expect(firstLine(term)).toBe("node-1$");
    term.dispose();
  });

  it("a plain write waits for a task of its own (why the synchronous one is used)", async () => {
    const term = new Terminal({ cols: 40, rows: 5 });
    term.write("node-1$ ");
    expect(firstLine(term)).toBe("");
    await new Promise<void>((resolve) => term.write("", resolve));
    expect(firstLine(term)).toBe("node-1$");
    term.dispose();
  });

  it("keeps the order of writes queued before it", async () => {
    const term = new Terminal({ cols: 40, rows: 5 });
    term.write("a");
    (term as unknown as XtermInternals)._core!._writeBuffer!.writeSync!("b");
    expect(firstLine(term)).toBe("ab");
    term.write("c");
    await new Promise<void>((resolve) => term.write("", resolve));
    expect(firstLine(term)).toBe("abc");
    term.dispose();
  });
});
