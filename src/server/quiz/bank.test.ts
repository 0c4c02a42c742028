import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createLab } from "sim-core";
import { beforeAll, describe, expect, it } from "vitest";
import { checkCommandAnswer } from "@/lib/quiz/check";
import { EXERCISES } from "@/lib/exercises";
import { coverableSections, exercisesFor, loadQuizBank, type QuizBank } from "./bank";

const root = path.join(import.meta.dirname, "../../..");
let bank: QuizBank;
beforeAll(async () => {
  bank = await loadQuizBank(root);
});

describe("the quiz bank", () => {
  it("has at least 60 items, in both locales", () => {
    expect(bank.items.en.length).toBeGreaterThanOrEqual(60);
    expect(bank.items.uk.length).toBe(bank.items.en.length);
  });

  it("covers every section of every topic with at least 3 items", () => {
    const gaps: string[] = [];
    for (const [slug, headings] of Object.entries(bank.headings)) {
      for (const h of coverableSections(headings.en)) {
        const n = bank.neutral.filter((i) => i.topic === slug && i.section === h.id).length;
        if (n < 3) gaps.push(`${slug}#${h.id}: ${n}`);
      }
    }
    expect(gaps).toEqual([]);
  });

  it("links an item to the exercise that practises its section, in the reader's locale", () => {
    const linked = new Set(bank.items.en.flatMap((i) => i.section.exercises.map((e) => e.slug)));
    // Every exercise that cites a quizzed question is reached from the quiz.
    const quizzed = new Set(bank.topics.en.map((t) => t.slug));
    expect([...linked].sort()).toEqual(EXERCISES.filter((e) => quizzed.has(e.article.question)).map((e) => e.slug).sort());
    for (const l of ["en", "uk"] as const) {
      for (const item of bank.items[l]) {
        for (const e of item.section.exercises) {
          const def = EXERCISES.find((x) => x.slug === e.slug)!;
          expect(def.article.question).toBe(item.section.slug);
          expect(e.number).toBe(def.number);
        }
      }
    }
    // Two exercises practise "Common mistakes": an item there links both.
    const mistakes = bank.items.en.find((i) => i.section.anchor === "common-mistakes")!;
    expect(mistakes.section.exercises.map((e) => e.slug).sort()).toEqual(["common-mistakes", "control-ports"]);
    const uk = bank.items.uk.find((i) => i.section.exercises[0]?.slug === "two-node-overlay")!;
    expect(uk.section.exercises[0].title).not.toBe(bank.items.en.find((i) => i.id === uk.id)!.section.exercises[0].title);
  });

  it("finds an exercise on a section's parent heading, never on a sibling's", () => {
    const headings = [
      { depth: 2 as const, id: "a", text: "A" },
      { depth: 3 as const, id: "a-1", text: "A.1" },
      { depth: 3 as const, id: "a-2", text: "A.2" },
      { depth: 2 as const, id: "b", text: "B" },
    ];
    const def = EXERCISES[0];
    const q = def.article.question;
    const withSection = (id: string) => headings.map((h) => (h.id === "a" ? { ...h, id } : h));
    // The exercise cites the parent: both children are practised by it; B is not.
    const hs = withSection(def.article.section);
    expect(exercisesFor(q, hs, 1).map((e) => e.slug)).toContain(def.slug);
    expect(exercisesFor(q, hs, 2).map((e) => e.slug)).toContain(def.slug);
    expect(exercisesFor(q, hs, 3)).toEqual([]);
    // A sibling's exercise is not the child's: A.1 cites the exercise's section, A.2 does not get it.
    const sibling = headings.map((h) => (h.id === "a-1" ? { ...h, id: def.article.section } : h));
    expect(exercisesFor(q, sibling, 2)).toEqual([]);
    expect(exercisesFor("another-question", hs, 1)).toEqual([]);
  });

  it("has a topic for the main answer and for each of its follow-ups", () => {
    expect(bank.topics.en.map((t) => t.slug)).toEqual([
      "docker-overlay-network",
      "overlay-vs-bridge",
      "overlay-with-docker-run",
      "overlay-on-single-host",
      "overlay-vs-kubernetes-networking",
      "swarm-routing-mesh",
    ]);
  });

  it("lines up EN and UA item for item: same ids, kinds, answers and option counts", () => {
    const shape = (items: QuizBank["items"]["en"]) =>
      items.map((i) => ({
        id: i.id,
        kind: i.kind,
        topic: i.topic,
        n: i.kind === "single" || i.kind === "multi" ? i.options.length : i.kind === "order" ? i.steps.length : 0,
      }));
    expect(shape(bank.items.uk)).toEqual(shape(bank.items.en));
  });

  it("explains every option, and every true/false, ordering and command answer, in both locales", () => {
    for (const locale of ["en", "uk"] as const) {
      for (const item of bank.items[locale]) {
        if (item.kind === "single" || item.kind === "multi") {
          for (const o of item.options) {
            expect(o.why.length, `${locale} ${item.id}: ${o.text}`).toBeGreaterThan(15);
            expect(o.why).not.toBe(o.text);
          }
          expect(new Set(item.options.map((o) => o.why)).size, `${locale} ${item.id}: one explanation per option`).toBe(item.options.length);
        } else {
          expect(item.why.length, `${locale} ${item.id}`).toBeGreaterThan(15);
        }
      }
    }
  });

  it("gives true/false reasons without restating the verdict, which the page shows itself", () => {
    for (const locale of ["en", "uk"] as const) {
      for (const item of bank.items[locale]) {
        if (item.kind === "truefalse") expect(item.why, `${locale} ${item.id}`).not.toMatch(/^(True|False|Так|Ні|Правда|Неправда)\b/);
      }
    }
  });

  it("writes UA in Ukrainian and keeps commands untranslated", () => {
    for (const [i, item] of bank.items.uk.entries()) {
      expect(item.prompt, item.id).toMatch(/[а-яіїєґ]/i);
      const en = bank.items.en[i];
      const code = (s: string) => [...s.matchAll(/`([^`]+)`/g)].map((m) => m[1]).sort();
      expect(code(item.prompt), item.id).toEqual(code(en.prompt));
    }
  });

  it("links each item to the heading it tests, in the reader's locale", () => {
    const en = bank.items.en.find((i) => i.id === "ov-vxlan-hops")!;
    const uk = bank.items.uk.find((i) => i.id === "ov-vxlan-hops")!;
    expect(en.section).toMatchObject({ slug: "docker-overlay-network", anchor: "how-vxlan-encapsulation-works", heading: "How VXLAN encapsulation works" });
    expect(uk.section).toMatchObject({ slug: "docker-overlay-network", anchor: "як-працює-інкапсуляція-vxlan" });
  });

  it("has every kind of item: single, multi, true/false, ordering and command", () => {
    const kinds = new Set(bank.items.en.map((i) => i.kind));
    expect([...kinds].sort()).toEqual(["command", "multi", "order", "single", "truefalse"]);
    expect(bank.items.en.filter((i) => i.kind === "order").map((i) => i.id)).toEqual(expect.arrayContaining(["ov-vxlan-hops", "ov-setup-order"]));
  });
});

describe("every command question, replayed in sim-core", () => {
  it.each(["solution", "alternative", "nearMiss"] as const)("%s", async (which) => {
    const commands = bank.neutral.filter((i) => i.kind === "command");
    expect(commands.length).toBeGreaterThanOrEqual(8);
    for (const item of commands) {
      if (item.kind !== "command") continue;
      const result = await checkCommandAnswer(item, item[which], createLab);
      expect(result.status, item.id).toBe("checked");
      if (result.status !== "checked") continue;
      expect(result.passed, `${item.id} ${which}: ${item[which]} → ${JSON.stringify(result.misses)}`).toBe(which !== "nearMiss");
      if (which === "nearMiss") expect(result.misses.length, item.id).toBeGreaterThan(0);
      if (which === "alternative") expect(item.alternative).not.toBe(item.solution);
    }
  });
});

describe("loadQuizBank refuses broken content", () => {
  function copyWith(edit: (dir: string) => void): string {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "quiz-bank-"));
    fs.cpSync(path.join(root, "content"), path.join(tmp, "content"), { recursive: true });
    edit(path.join(tmp, "content", "quiz"));
    return tmp;
  }
  const rewrite = (file: string, f: (v: unknown) => unknown) => fs.writeFileSync(file, JSON.stringify(f(JSON.parse(fs.readFileSync(file, "utf8")))));

  it("an option without its explanation", async () => {
    const tmp = copyWith((dir) =>
      rewrite(path.join(dir, "overlay-vs-bridge", "uk.json"), (v) => {
        const t = v as Record<string, { options: { text: string; why?: string }[] }>;
        delete t["ob-scope"].options[1].why;
        return t;
      }),
    );
    await expect(loadQuizBank(tmp)).rejects.toThrow(/overlay-vs-bridge\/uk\.json/);
  });

  it("a locale missing an item", async () => {
    const tmp = copyWith((dir) =>
      rewrite(path.join(dir, "overlay-vs-bridge", "uk.json"), (v) => {
        const t = v as Record<string, unknown>;
        delete t["ob-mtu"];
        return t;
      }),
    );
    await expect(loadQuizBank(tmp)).rejects.toThrow('overlay-vs-bridge/uk.json has no text for "ob-mtu"');
  });

  it("a section that is not a heading of the question", async () => {
    const tmp = copyWith((dir) =>
      rewrite(path.join(dir, "overlay-vs-bridge", "items.json"), (v) => (v as { section: string }[]).map((i, n) => (n === 0 ? { ...i, section: "no-such-heading" } : i))),
    );
    await expect(loadQuizBank(tmp)).rejects.toThrow('cites "#no-such-heading"');
  });

  it("an option count that differs between the answer key and the text", async () => {
    const tmp = copyWith((dir) =>
      rewrite(path.join(dir, "overlay-vs-bridge", "items.json"), (v) => (v as { id: string }[]).map((i) => (i.id === "ob-mtu" ? { ...i, options: 3 } : i))),
    );
    await expect(loadQuizBank(tmp)).rejects.toThrow("has 4 options, items.json says 3");
  });
});
