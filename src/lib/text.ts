/** At most `max` characters, cut at the last whitespace in its second half (else mid-word), with "…" when cut. */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.search(/\s\S*$/);
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

/** A plain-text summary of Markdown for meta descriptions: no markup, one line, cut at a word. */
export function plainSummary(markdown: string, max: number): string {
  const text = markdown
    .replace(/```.*?```/gs, " ")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[*_`#>]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return cutAtWord(text, max);
}
