/**
 * Seeds the quiz bank from the content files into Postgres, versioned: an item seen for the first time
 * gets version 1; when its content in the files changes (any locale, the answer key, the goal), a new
 * version is stored next to the old ones and its review flag is cleared (the new text is the review).
 * Items gone from the files are marked retired, never deleted. Idempotent: unchanged files change nothing.
 */
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { quizItems, quizItemVersions } from "../db/schema";
import type { QuizBank } from "./bank";

export interface QuizSeedResult {
  created: number;
  updated: number;
  retired: number;
}

export function itemContent(bank: QuizBank, id: string) {
  const neutral = bank.neutral.find((n) => n.id === id);
  if (!neutral) throw new Error(`No quiz item ${id}`);
  return { neutral, en: bank.items.en.find((i) => i.id === id), uk: bank.items.uk.find((i) => i.id === id) };
}

const hashOf = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("hex");

export async function seedQuiz(db: Db, bank: QuizBank): Promise<QuizSeedResult> {
  const result: QuizSeedResult = { created: 0, updated: 0, retired: 0 };
  await db.transaction(async (tx) => {
    const rows = new Map((await tx.select().from(quizItems)).map((r) => [r.id, r]));
    const hashes = new Map((await tx.select({ itemId: quizItemVersions.itemId, version: quizItemVersions.version, hash: quizItemVersions.hash }).from(quizItemVersions)).map((v) => [`${v.itemId}/${v.version}`, v.hash]));
    const now = new Date();

    for (const n of bank.neutral) {
      const content = itemContent(bank, n.id);
      const hash = hashOf(content);
      const sectionIndex = bank.headings[n.topic].en.findIndex((h) => h.id === n.section);
      const row = rows.get(n.id);
      const fields = { topic: n.topic, section: n.section, sectionIndex, kind: n.kind, retired: false, updatedAt: now };
      if (!row) {
        await tx.insert(quizItems).values({ id: n.id, version: 1, ...fields });
        await tx.insert(quizItemVersions).values({ itemId: n.id, version: 1, hash, content });
        result.created++;
      } else if (hashes.get(`${n.id}/${row.version}`) !== hash) {
        const version = row.version + 1;
        await tx.insert(quizItemVersions).values({ itemId: n.id, version, hash, content });
        await tx
          .update(quizItems)
          .set({ version, ...fields, reviewNeeded: false, reviewLocale: null, reviewRevision: null, reviewSince: null })
          .where(eq(quizItems.id, n.id));
        result.updated++;
      } else if (row.retired || row.sectionIndex !== sectionIndex) {
        await tx.update(quizItems).set(fields).where(eq(quizItems.id, n.id));
      }
    }

    const ids = new Set(bank.neutral.map((n) => n.id));
    for (const row of rows.values()) {
      if (ids.has(row.id) || row.retired) continue;
      await tx.update(quizItems).set({ retired: true, updatedAt: now }).where(eq(quizItems.id, row.id));
      result.retired++;
    }
  });
  return result;
}
