import { eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import type { Db } from "../../db/client";
import { questionRevisions, questions } from "../../db/schema/content";
import { PAGE_CACHE_GLOBAL } from "../../cache/page-cache.mjs";
import { publicationPaths } from "../../cache/warm.mjs";

interface PageCacheHandle {
  published(revisionId: number): Promise<void>;
  warm(paths: readonly string[]): Promise<void>;
}

/**
 * After a publication the public pages show the new revision on the next request, on this instance
 * and on the others. Awaited before the moderator's request answers: this process's page cache
 * drops what it rendered before and reads the new content generation back, and the others have
 * been signalled (src/server/cache). Then, without holding up the moderator's answer, the pages the
 * revision changed are rendered ahead of their readers (src/server/cache/warm.mjs; with PostgreSQL,
 * every instance does the same when it hears of the publication). Outside a Next server (tests,
 * scripts) there is no page cache, and `revalidatePath` says so with an invariant error.
 */
export async function revalidatePublicPages(db: Db, revisionId: number): Promise<void> {
  const cache = (globalThis as Record<symbol, PageCacheHandle | undefined>)[PAGE_CACHE_GLOBAL];
  await cache?.published(revisionId);
  try {
    revalidatePath("/", "layout");
  } catch (error) {
    if (!(error instanceof Error && error.message.includes("static generation store missing"))) throw error;
  }
  if (cache) {
    const rows = await db
      .select({ locale: questionRevisions.locale, slug: questions.slug })
      .from(questionRevisions)
      .innerJoin(questions, eq(questions.id, questionRevisions.questionId))
      .where(eq(questionRevisions.id, revisionId));
    void cache.warm(publicationPaths(rows));
  }
}
