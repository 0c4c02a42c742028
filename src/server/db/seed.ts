import { loadSeedQuestions, type SeedQuestion } from "../content/load";
import type { Db } from "./client";
import { questionRevisions, questions } from "./schema";

export const SEED_AUTHOR = "Overlay Lab";

/**
 * Seeds the article and its follow-ups (revision 1, published, in every locale) into an empty
 * database. Idempotent: a database that already has questions is left as it is.
 */
export async function seedContent(db: Db, seed: SeedQuestion[] = loadSeedQuestions()): Promise<boolean> {
  const existing = await db.select({ id: questions.id }).from(questions).limit(1);
  if (existing.length > 0) return false;

  // Parents before children, so parent ids exist when a follow-up is inserted.
  const ordered = [...seed].sort((a, b) => Number(a.parent !== null) - Number(b.parent !== null) || a.position - b.position);
  await db.transaction(async (tx) => {
    const ids = new Map<string, number>();
    for (const q of ordered) {
      const parentId = q.parent === null ? null : ids.get(q.parent);
      if (parentId === undefined) throw new Error(`Seed question ${q.slug} names unknown parent ${q.parent}`);
      const [row] = await tx
        .insert(questions)
        .values({ slug: q.slug, parentId, position: q.position })
        .returning({ id: questions.id });
      ids.set(q.slug, row.id);
      for (const [locale, text] of Object.entries(q.locales) as [keyof SeedQuestion["locales"], SeedQuestion["locales"]["en"]][]) {
        await tx.insert(questionRevisions).values({
          questionId: row.id,
          locale,
          number: 1,
          title: text.title,
          shortAnswer: text.shortAnswer,
          body: text.body,
          authorName: SEED_AUTHOR,
          source: "seed",
          isPublished: true,
        });
      }
    }
  });
  return true;
}
