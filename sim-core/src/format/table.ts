/**
 * Docker's tables: Go's text/tabwriter with the settings docker's formatter uses (minwidth 10, tabwidth 1,
 * padding 3, padded with spaces). Every cell but a row's last is padded to its column's width — the widest
 * cell plus 3, at least 10 — so a row whose last cell is empty still ends in spaces, as docker's do.
 */
export function tabwrite(rows: readonly (readonly string[])[], minwidth = 10, padding = 3): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.slice(0, -1).forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? minwidth, cell.length + padding);
    });
  }
  return rows.map((row) => row.map((cell, i) => (i < row.length - 1 ? cell.padEnd(widths[i]) : cell)).join("") + "\n").join("");
}

export const truncateId = (id: string) => id.slice(0, 12);
