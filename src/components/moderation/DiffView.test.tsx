import { NextIntlClientProvider } from "next-intl";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import messages from "../../../messages/en/moderation.json";
import { diffLines, diffWords } from "@/lib/diff/rows";
import { LineDiff, WordDiff } from "./DiffView";

const render = (node: React.ReactNode) =>
  renderToStaticMarkup(
    <NextIntlClientProvider locale="en" timeZone="UTC" messages={{ moderation: messages }}>
      {node}
    </NextIntlClientProvider>,
  );

describe("diff views", () => {
  it("show what people typed as text, never as markup", () => {
    const hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    for (const html of [
      render(<LineDiff ops={diffLines("safe\n", `safe\n${hostile}\n`)} layout="inline" />),
      render(<LineDiff ops={diffLines("safe\n", `safe\n${hostile}\n`)} layout="side" />),
      render(<WordDiff ops={diffWords("Title", `Title ${hostile}`)} layout="inline" />),
      render(<WordDiff ops={diffWords("Title", `Title ${hostile}`)} layout="side" />),
    ]) {
      expect(html).not.toContain("<img");
      expect(html).not.toContain("<script");
      expect(html).toContain("&lt;script&gt;");
    }
  });

  it("marks removed and added text with del and ins, and folds long unchanged runs", () => {
    const before = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join("\n") + "\n";
    const after = before.replace("line 15\n", "line fifteen\n");
    const html = render(<LineDiff ops={diffLines(before, after)} layout="inline" />);
    // The changed line is removed and added, with the changed word itself marked inside it.
    expect(html).toMatch(/<del class="[^"]*lineMark[^"]*"><span>line <\/span><del class="[^"]*del[^"]*">15<\/del><\/del>/);
    expect(html).toMatch(/<ins class="[^"]*lineMark[^"]*"><span>line <\/span><ins class="[^"]*ins[^"]*">fifteen<\/ins><\/ins>/);
    expect(html).toContain("11 unchanged lines");
    expect(html).not.toContain("line 2<");
    expect(render(<LineDiff ops={diffLines("same\n", "same\n")} layout="side" />)).toContain("No difference.");
  });

  it("says when a line changed only at its end of line or only in whitespace, and shows that whitespace", () => {
    for (const layout of ["inline", "side"] as const) {
      const eol = render(<LineDiff ops={diffLines("a\nlast", "a\nlast\n")} layout={layout} />);
      expect(eol).toContain("only the end of the line changed");
      const ws = render(<LineDiff ops={diffLines("docker network ls\n", "docker network  ls\n")} layout={layout} />);
      expect(ws).toContain("only whitespace changed");
      expect(ws).toMatch(/<ins class="[^"]*ins[^"]*">··<\/ins>|<ins class="[^"]*ins[^"]*">·<\/ins>/);
    }
  });
});
