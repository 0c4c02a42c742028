import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { createPgliteTestDb, type TestDb } from "../db/testing";
import { questionRevisions, questions, quizItems, quizItemVersions } from "../db/schema";
import { headingSlug } from "@/lib/markdown";
import { renderSync } from "@/lib/markdown/pipeline.mjs";
import { loadSeedQuestions } from "../content/load";
import { lockQuestion, publishLocked, valuesOf } from "../services/revisions";
import { loadQuizBank, type QuizBank } from "./bank";
import { changedSections, markReviewed, reviewQueue, sections } from "./review";
import { seedQuiz } from "./seed";
import { callerAs, createUser } from "../services/moderation-testing";

const root = path.join(import.meta.dirname, "../../..");
let t: TestDb;
let bank: QuizBank;

beforeAll(async () => {
  [t, bank] = await Promise.all([createPgliteTestDb(), loadQuizBank(root)]);
});
afterAll(async () => {
  await t?.close();
});

/** Publishes `edit(body)` as the next revision of a question, as a moderator's approval does. */
async function publish(slug: string, locale: "en" | "uk", edit: (body: string) => string) {
  const [q] = await t.db.select().from(questions).where(eq(questions.slug, slug));
  const [cur] = await t.db
    .select()
    .from(questionRevisions)
    .where(and(eq(questionRevisions.questionId, q.id), eq(questionRevisions.locale, locale), eq(questionRevisions.isPublished, true)));
  return t.db.transaction(async (tx) => {
    await lockQuestion(tx, q.id);
    const values = { ...valuesOf(cur), body: edit(cur.body) };
    return publishLocked(tx, { questionId: q.id, locale, values, authorId: null, authorName: "Mod", source: "moderator", basedOnRevisionId: cur.id });
  });
}

describe("seedQuiz", () => {
  it("seeds every item as version 1, and a second run changes nothing", async () => {
    expect(await seedQuiz(t.db, bank)).toEqual({ created: bank.neutral.length, updated: 0, retired: 0 });
    expect(await seedQuiz(t.db, bank)).toEqual({ created: 0, updated: 0, retired: 0 });
    const [row] = await t.db.select().from(quizItems).where(eq(quizItems.id, "ov-vxlan-hops"));
    expect(row).toMatchObject({ topic: "docker-overlay-network", section: "how-vxlan-encapsulation-works", kind: "order", version: 1, retired: false });
  });

  it("keeps a new version when an item's text changes, and retires items gone from the files", async () => {
    const changed: QuizBank = {
      ...bank,
      neutral: bank.neutral.filter((n) => n.id !== "ob-mtu"),
      items: {
        en: bank.items.en.filter((i) => i.id !== "ob-mtu").map((i) => (i.id === "ob-scope" ? { ...i, prompt: `${i.prompt} (edited)` } : i)),
        uk: bank.items.uk.filter((i) => i.id !== "ob-mtu"),
      },
    };
    expect(await seedQuiz(t.db, changed)).toEqual({ created: 0, updated: 1, retired: 1 });
    const versions = await t.db.select().from(quizItemVersions).where(eq(quizItemVersions.itemId, "ob-scope"));
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2]);
    const [retired] = await t.db.select().from(quizItems).where(eq(quizItems.id, "ob-mtu"));
    expect(retired.retired).toBe(true);

    // Back to the files: ob-scope gets a third version (history is never rewritten), ob-mtu returns.
    expect(await seedQuiz(t.db, bank)).toEqual({ created: 0, updated: 1, retired: 0 });
    const [back] = await t.db.select().from(quizItems).where(eq(quizItems.id, "ob-mtu"));
    expect(back.retired).toBe(false);
  });
});

describe("marking items for review when a section's answer is published", () => {
  it("marks the items citing the changed section, and only those", async () => {
    const { revision } = await publish("docker-overlay-network", "en", (body) => body.replace("Each container gets an IP there.", "Each container gets its own IP there."));
    const queue = await reviewQueue(t.db);
    const vxlan = bank.neutral.filter((n) => n.section === "how-vxlan-encapsulation-works").map((n) => n.id);
    expect(queue.map((q) => q.id).sort()).toEqual([...vxlan].sort());
    expect(queue[0]).toMatchObject({ topic: "docker-overlay-network", locale: "en", revision: revision.number });
  });

  it("maps a UA heading to the same items by its place among the headings", async () => {
    await publish("overlay-vs-bridge", "uk", (body) => body.replace("Як відповісти на співбесіді", "Як відповісти на інтерв'ю"));
    const ids = (await reviewQueue(t.db)).filter((q) => q.topic === "overlay-vs-bridge").map((q) => q.id);
    expect(ids.sort()).toEqual(bank.neutral.filter((n) => n.section === "how-to-answer-in-an-interview").map((n) => n.id).sort());
  });

  it("marks every item of the question when headings are added or removed", async () => {
    await publish("overlay-on-single-host", "en", (body) => `${body}\n\n## A new section\n\nMore.\n`);
    const ids = (await reviewQueue(t.db)).filter((q) => q.topic === "overlay-on-single-host").map((q) => q.id);
    expect(ids.length).toBe(bank.neutral.filter((n) => n.topic === "overlay-on-single-host").length);
  });

  it("shows moderators the queue in their language through tRPC, and lets them clear an item", async () => {
    const mod = await createUser(t.db, "moderator");
    const queue = await callerAs(t.db, mod).quiz.reviewQueue({ locale: "uk" });
    const hops = queue.find((q) => q.id === "ov-vxlan-hops");
    expect(hops).toMatchObject({ heading: "Як працює інкапсуляція VXLAN", anchor: "як-працює-інкапсуляція-vxlan", prompt: expect.stringContaining("Розставте в порядку") });
    await callerAs(t.db, mod).quiz.markReviewed({ id: "ov-vxlan-hops" });
    expect((await reviewQueue(t.db)).map((q) => q.id)).not.toContain("ov-vxlan-hops");
  });

  it("leaves the queue once a moderator marks an item reviewed", async () => {
    expect(await markReviewed(t.db, "ov-vxlan-port")).toBe(true);
    expect(await markReviewed(t.db, "ov-vxlan-port")).toBe(false);
    expect((await reviewQueue(t.db)).map((q) => q.id)).not.toContain("ov-vxlan-port");
  });
});

describe("sections", () => {
  // The page's renderer itself (the pipeline its render threads run), not the pool around it: on a busy machine
  // the pool may rightly give up on a render and show plain text, which has no headings.
  const headingsOf = (markdown: string) => {
    const r = renderSync(markdown);
    if ("error" in r) throw new Error(r.error);
    return r.headings;
  };

  it("finds the same headings as the page renders, ignoring # lines inside code", () => {
    for (const q of loadSeedQuestions(root)) {
      for (const locale of ["en", "uk"] as const) {
        expect(sections(q.locales[locale].body).map((s) => headingSlug(s.heading)), `${q.slug} ${locale}`).toEqual(
          headingsOf(q.locales[locale].body).map((h) => h.id.replace(/-\d+$/, "")),
        );
      }
    }
    const body = "Intro\n\n## One\n\ntext\n\n```bash\n# not a heading\n## nor this\n```\n\n### Two\n\nmore\n";
    expect(sections(body)).toEqual([
      { heading: "One", content: "text\n\n```bash\n# not a heading\n## nor this\n```" },
      { heading: "Two", content: "more" },
    ]);
    expect(headingsOf(body)).toHaveLength(2);
    expect(changedSections(body, body.replace("more", "less"))).toEqual([1]);
    expect(changedSections(body, body.replace("Intro", "Preface"))).toEqual([]);
    expect(changedSections(body, `${body}\n## Three\n`)).toBe("all");
  });
});
