import { describe, expect, it } from "vitest";
import { addExerciseLinks } from "./exercise-links";

describe("addExerciseLinks", () => {
  const html = '<h2 id="theory">Theory</h2><p>x</p><h3 id="створення">Створення</h3><p>y</p>';

  it("puts each exercise's link under the heading of the section it practises, escaped", () => {
    const out = addExerciseLinks(html, [
      { anchor: "створення", href: "/uk/exercises/a?x=1&y=2", label: "Вправа 1: <a> & b" },
      { anchor: "missing", href: "/uk/exercises/b", label: "nowhere" },
    ]);
    expect(out).toBe(
      '<h2 id="theory">Theory</h2><p>x</p><h3 id="створення">Створення</h3><p class="exercise-link"><a href="/uk/exercises/a?x=1&#x26;y=2" data-testid="section-exercise">▶ Вправа 1: &#x3C;a> &#x26; b</a></p><p>y</p>',
    );
  });

  it("leaves the HTML as it was when no exercise matches", () => {
    expect(addExerciseLinks(html, [])).toBe(html);
    expect(addExerciseLinks(html, [{ anchor: "nope", href: "/x", label: "x" }])).toBe(html);
  });
});
