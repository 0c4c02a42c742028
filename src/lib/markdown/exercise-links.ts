/**
 * "Practise this in an exercise" links under the article's headings whose section an exercise practises.
 * Added to the HTML the pipeline produced (its heading shape, `<hN id="…">`, is fixed), like "Run in lab".
 */
export interface SectionExercise {
  /** The heading's id in this locale. */
  anchor: string;
  href: string;
  label: string;
}

const attr = (s: string) => s.replace(/&/g, "&#x26;").replace(/"/g, "&#x22;").replace(/</g, "&#x3C;");
const text = (s: string) => s.replace(/&/g, "&#x26;").replace(/</g, "&#x3C;");

export function addExerciseLinks(html: string, links: readonly SectionExercise[]): string {
  if (links.length === 0) return html;
  return html.replace(/<(h[2-4]) id="([^"]*)">([\s\S]*?)<\/\1>/g, (whole, _tag: string, id: string) => {
    const here = links.filter((l) => attr(l.anchor) === id || l.anchor === id);
    if (here.length === 0) return whole;
    const items = here.map((l) => `<a href="${attr(l.href)}" data-testid="section-exercise">▶ ${text(l.label)}</a>`).join(" ");
    return `${whole}<p class="exercise-link">${items}</p>`;
  });
}
