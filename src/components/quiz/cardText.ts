import type { QuizItem } from "@/lib/quiz/schema";

/** A card's back as one line of plain text (the Anki export), from the same data as the on-screen back. */
export function backText(item: QuizItem): string {
  switch (item.kind) {
    case "single":
      return `${item.options[item.correct].text} — ${item.options[item.correct].why}`;
    case "multi":
      return item.correct.map((c) => item.options[c].text).join("; ");
    case "truefalse":
      return `${item.answer ? "✓" : "✗"} ${item.why}`;
    case "order":
      return item.steps.map((s, i) => `${i + 1}. ${s}`).join(" ");
    case "command":
      return `${item.solution.replace(/\n/g, " ; ")} — ${item.why}`;
  }
}
