"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useClaimSent } from "@/components/suggest/useClaimSent";
import { useTRPC } from "@/trpc/client";
import { SuggestionCard } from "./SuggestionCard";
import styles from "./moderation.module.css";

/** The signed-in contributor's suggestions: status, the moderator's reason, their diff, revise-and-resubmit. */
export function MySuggestions({ locale }: { locale: "en" | "uk" }) {
  const t = useTranslations("moderation");
  const trpc = useTRPC();
  // Suggestions sent from this browser before signing in join the list first.
  const claim = useClaimSent();
  const mine = useInfiniteQuery({
    ...trpc.suggestion.mine.infiniteQueryOptions({ limit: 20 }, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
    enabled: claim.settled,
  });
  const items = mine.data?.pages.flatMap((p) => p.items) ?? [];
  if (!claim.settled || mine.isPending) return <p className={styles.muted}>{t("queue.loading")}</p>;
  if (mine.isError)
    return (
      <p className={styles.error} role="alert">
        {t("review.failed", { message: mine.error.message })}
      </p>
    );
  return (
    <>
      {claim.claimed.length > 0 && (
        <p className={styles.info} role="status" data-testid="claimed">
          {t("mine.claimed", { count: claim.claimed.length })}
        </p>
      )}
      {items.length === 0 ? (
        <p className={styles.muted}>{t("mine.empty")}</p>
      ) : (
        <ol className={styles.mineList} data-testid="my-suggestions">
          {items.map((s) => (
            <li key={s.id}>
              <SuggestionCard s={s} locale={locale} canRevise />
            </li>
          ))}
        </ol>
      )}
      {mine.hasNextPage && (
        <button type="button" className={styles.secondary} disabled={mine.isFetchingNextPage} onClick={() => void mine.fetchNextPage()}>
          {t("mine.loadMore")}
        </button>
      )}
    </>
  );
}
