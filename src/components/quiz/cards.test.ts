import { describe, expect, it } from "vitest";
import { gradeCard, newCard } from "@/lib/quiz/cards";
import { emptyProgress, setCard } from "@/lib/quiz/progress";
import type { QuizItem } from "@/lib/quiz/schema";
import { backText } from "./cardText";
import { deck } from "./Flashcards";

const section = { slug: "t", anchor: "a", heading: "A", questionTitle: "T", exercises: [] };
const item = (id: string): QuizItem => ({ id, topic: "t", prompt: id, section, kind: "truefalse", answer: true, why: "because" });
const items = ["a", "b", "c", "d"].map(item);

describe("the flashcard deck", () => {
  it("shows due cards first, the longest overdue first, then cards never reviewed, and skips cards not yet due", () => {
    const t0 = new Date("2026-12-01T10:00:00Z");
    let p = emptyProgress();
    p = setCard(p, "c", { ...newCard(t0), due: "2026-11-30T10:00:00.000Z" }); // overdue by a day
    p = setCard(p, "d", { ...newCard(t0), due: "2026-12-01T09:00:00.000Z" }); // overdue by an hour
    p = setCard(p, "a", gradeCard(undefined, 4, t0)); // graded Easy: days away
    expect(deck(items, p, t0).map((i) => i.id)).toEqual(["c", "d", "b"]);
  });
});

describe("the Anki back of a card", () => {
  it("is the short answer of each kind of item", () => {
    const opt = (text: string) => ({ text, why: `${text} because` });
    expect(backText({ ...item("s"), kind: "single", options: [opt("x"), opt("y")], correct: 1 })).toBe("y — y because");
    expect(backText({ ...item("m"), kind: "multi", options: [opt("x"), opt("y"), opt("z")], correct: [0, 2] })).toBe("x; z");
    expect(backText({ ...item("o"), kind: "order", steps: ["one", "two"], why: "w" })).toBe("1. one 2. two");
    expect(backText({ ...item("c"), kind: "command", why: "w", setup: [], goal: { kind: "manager", host: "node-1" }, solution: "docker swarm init\ndocker network ls" })).toBe(
      "docker swarm init ; docker network ls — w",
    );
    expect(backText(item("f"))).toBe("✓ because");
  });
});
