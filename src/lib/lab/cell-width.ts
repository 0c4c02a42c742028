/**
 * How many terminal cells a character takes, exactly as the lab's terminals draw it: xterm with its Unicode 11
 * widths (`@xterm/addon-unicode11`, loaded by every pane), where emoji and East Asian wide characters take 2 cells
 * and combining marks 0. The widths come from the addon's own provider, so the line editor's layout and
 * xterm's cells cannot disagree.
 */
import { Unicode11Addon } from "@xterm/addon-unicode11";
import type { IUnicodeVersionProvider, Terminal } from "@xterm/xterm";

/** The provider the addon registers on a terminal, caught here without one. */
function unicode11(): IUnicodeVersionProvider {
  let provider: IUnicodeVersionProvider | null = null;
  const catcher = { unicode: { register: (p: IUnicodeVersionProvider) => (provider = p) } };
  new Unicode11Addon().activate(catcher as unknown as Terminal);
  if (!provider) throw new Error("@xterm/addon-unicode11 registered no provider");
  return provider;
}

const widths = unicode11();

export function cellWidth(char: string): 0 | 1 | 2 {
  return widths.wcwidth(char.codePointAt(0) ?? 0);
}

export const stringWidth = (text: string): number => Array.from(text).reduce((n, c) => n + cellWidth(c), 0);
