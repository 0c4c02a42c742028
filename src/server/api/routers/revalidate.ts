import { revalidatePath } from "next/cache";
import { PAGE_CACHE_GLOBAL } from "../../cache/page-cache.mjs";

interface PageCacheHandle {
  published(revisionId: number): Promise<void>;
}

/**
 * After a publication the public pages show the new revision on the next request, on this instance
 * and on the others. Awaited before the moderator's request answers: this process's page cache
 * drops what it rendered before and reads the new content generation back, and the others have
 * been signalled (src/server/cache). Outside a Next server (tests, scripts) there is no page cache,
 * and `revalidatePath` says so with an invariant error.
 */
export async function revalidatePublicPages(revisionId: number): Promise<void> {
  const cache = (globalThis as Record<symbol, PageCacheHandle | undefined>)[PAGE_CACHE_GLOBAL];
  await cache?.published(revisionId);
  try {
    revalidatePath("/", "layout");
  } catch (error) {
    if (!(error instanceof Error && error.message.includes("static generation store missing"))) throw error;
  }
}
