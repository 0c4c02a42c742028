/**
 * What simulated output may do to the terminal. A command's output reaches xterm only through this
 * filter, so nothing a user named or echoed can set the window title (OSC 0/2), write the clipboard
 * (OSC 52), make links (OSC 8), send device control strings (DCS), query the terminal (DA, DSR, window
 * reports) or reset it. Kept: text, line controls (\n \r \t \b), SGR colours and the cursor movement and
 * erase sequences docker's convergence display draws its frames with.
 *
 * Stateful: a sequence split across two chunks is still recognised (and still dropped).
 */

const ESC = "\u001b";
/** CSI finals that only move the cursor, erase or colour: ESC [ <digits;…> <final>. */
const SAFE_CSI_FINAL = new Set(["A", "B", "C", "D", "E", "F", "G", "H", "f", "J", "K", "m"]);
/** The longest sequence kept pending across chunks; beyond it, it is dropped as garbage. */
const MAX_PENDING = 4096;

type Mode = "text" | "esc" | "csi" | "string" | "string-esc";

export interface EscapeFilter {
  /** Safe text for the terminal from the next chunk of output. */
  push(chunk: string): string;
  /** Ends the stream: an unfinished sequence is dropped. */
  flush(): string;
}

export function createEscapeFilter(): EscapeFilter {
  let mode: Mode = "text";
  let seq = "";
  let skipped = 0;

  const push = (chunk: string): string => {
    let out = "";
    for (const ch of chunk) {
      const code = ch.codePointAt(0)!;
      switch (mode) {
        case "text":
          if (ch === ESC) {
            mode = "esc";
            seq = ch;
          } else if (code === 0x9b) {
            // 8-bit CSI: parsed as its 7-bit form, so the same rules apply.
            mode = "csi";
            seq = `${ESC}[`;
          } else if (code === 0x90 || code === 0x9d || code === 0x98 || code === 0x9e || code === 0x9f) {
            mode = "string"; // 8-bit DCS, OSC, SOS, PM, APC
            skipped = 0;
          } else if (code < 0x20 ? ch === "\n" || ch === "\r" || ch === "\t" || ch === "\b" : !(code === 0x7f || (code >= 0x80 && code < 0xa0))) {
            out += ch;
          }
          break;
        case "esc":
          if (ch === "[") {
            mode = "csi";
            seq += ch;
          } else if (ch === "]" || ch === "P" || ch === "X" || ch === "^" || ch === "_") {
            mode = "string"; // OSC, DCS, SOS, PM, APC: dropped up to their terminator
            skipped = 0;
          } else {
            // ESC c (reset), ESC 7/8, charset switches and the rest: dropped with their one character.
            mode = "text";
          }
          if (mode !== "csi") seq = "";
          break;
        case "csi":
          seq += ch;
          if (code >= 0x40 && code <= 0x7e) {
            const params = seq.slice(2, -1);
            if (SAFE_CSI_FINAL.has(ch) && /^[\d;]*$/.test(params)) out += seq;
            mode = "text";
            seq = "";
          } else if (code < 0x20 || code > 0x7e || seq.length > 64) {
            mode = "text"; // malformed: dropped
            seq = "";
          }
          break;
        case "string":
          if (ch === "\u0007" || code === 0x9c) mode = "text";
          else if (ch === ESC) mode = "string-esc";
          else if (++skipped > MAX_PENDING) mode = "text";
          break;
        case "string-esc":
          mode = ch === "\\" ? "text" : "string";
          break;
      }
    }
    return out;
  };

  return {
    push,
    flush() {
      mode = "text";
      seq = "";
      return "";
    },
  };
}

/** The text of a transcript without any escape sequence (for export and for comparing sessions). */
export function plainText(text: string): string {
  const f = createEscapeFilter();
  return f.push(text).replace(/\u001b\[[\d;]*[A-Za-z]/g, "");
}
