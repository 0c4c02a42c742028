/**
 * Where a topology element (a host, a container, a network) appears in a terminal's text: the cells to
 * highlight when the learner points at it. A term matches only as a whole token, so 10.0.1.3 does not light
 * up inside 10.0.1.30 and `web` not inside `web.1.x7k…`.
 */
export interface Match {
  line: number;
  start: number;
  length: number;
}

/** The most cells lit at once: a long output shows its first matches, never thousands of decorations. */
export const MAX_MATCHES = 200;

const TOKEN = /[A-Za-z0-9_.:-]/;

/** Terms worth finding: at least two characters, each once, longest first (so a longer term wins an overlap). */
export function searchTerms(terms: readonly (string | null | undefined)[]): string[] {
  return [...new Set(terms.filter((t): t is string => typeof t === "string" && t.trim().length >= 2).map((t) => t.trim()))].sort((a, b) => b.length - a.length);
}

function isBoundary(text: string, at: number): boolean {
  const ch = text[at];
  // A sentence's full stop or a list's colon ends a token: "reached 10.0.1.3." still matches.
  if (ch === "." || ch === ":") return at + 1 >= text.length || !TOKEN.test(text[at + 1]);
  return ch === undefined || !TOKEN.test(ch);
}

/** The matches of `terms` in `lines` (line index relative to the first), in reading order, overlaps dropped. */
export function findMatches(lines: readonly string[], terms: readonly string[], limit = MAX_MATCHES): Match[] {
  const wanted = searchTerms(terms);
  const out: Match[] = [];
  if (wanted.length === 0) return out;
  for (let line = 0; line < lines.length && out.length < limit; line++) {
    const text = lines[line];
    const taken: Match[] = [];
    for (const term of wanted) {
      let from = 0;
      for (;;) {
        const at = text.indexOf(term, from);
        if (at < 0) break;
        from = at + 1;
        const end = at + term.length;
        if (at > 0 && !isBoundary(text, at - 1)) continue;
        if (!isBoundary(text, end)) continue;
        if (taken.some((m) => at < m.start + m.length && m.start < end)) continue;
        taken.push({ line, start: at, length: term.length });
      }
    }
    taken.sort((a, b) => a.start - b.start);
    out.push(...taken.slice(0, limit - out.length));
  }
  return out;
}
