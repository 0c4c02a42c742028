/**
 * docker redraws its convergence display by moving the cursor up one row per line of the last frame
 * (`\r ESC[nA ESC[J`). In a pane narrower than a frame's line, that line wraps onto several rows and
 * the frame would no longer be erased: this rewrites each cursor-up to the rows those lines really
 * take at the pane's width, so frames redraw in place as they do in a wide terminal.
 */
import { cellWidth } from "./cell-width";

const KEEP = 256;

export interface RowFixer {
  /** Text already passed through the escape filter; `cols` is the pane's width now. */
  push(text: string, cols: number): string;
}

export function createRowFixer(): RowFixer {
  /** Widest extent (cells) of each finished line, most recent last. */
  const lines: number[] = [];
  let width = 0;
  let widest = 0;
  let pending = "";

  const rowsOf = (w: number, cols: number) => Math.max(1, Math.ceil(w / cols));

  return {
    push(chunk, cols) {
      const text = pending + chunk;
      pending = "";
      let out = "";
      let i = 0;
      while (i < text.length) {
        const ch = text[i];
        if (ch === "\u001b") {
          const m = /^\u001b\[([\d;]*)([A-Za-z])/.exec(text.slice(i));
          if (!m) {
            // An unfinished sequence at the end of a chunk: kept for the next one.
            if (/^\u001b(\[[\d;]*)?$/.test(text.slice(i))) {
              pending = text.slice(i);
              break;
            }
            out += ch;
            i++;
            continue;
          }
          let seq = m[0];
          if (m[2] === "A") {
            const n = Number(m[1] || "1");
            if (n > 0 && n <= lines.length && width === 0) {
              const up = lines.splice(lines.length - n, n);
              seq = `\u001b[${up.reduce((sum, w) => sum + rowsOf(w, cols), 0)}A`;
            }
          } else if (m[2] === "C") {
            width += Number(m[1] || "1");
            widest = Math.max(widest, width);
          }
          out += seq;
          i += m[0].length;
          continue;
        }
        if (ch === "\n") {
          lines.push(widest);
          if (lines.length > KEEP) lines.shift();
          width = 0;
          widest = 0;
        } else if (ch === "\r") {
          width = 0;
        } else if (ch === "\b") {
          width = Math.max(0, width - 1);
        } else {
          const cp = text.codePointAt(i)!;
          const c = String.fromCodePoint(cp);
          width += cellWidth(c);
          widest = Math.max(widest, width);
          out += c;
          i += c.length;
          continue;
        }
        out += ch;
        i++;
      }
      return out;
    },
  };
}
