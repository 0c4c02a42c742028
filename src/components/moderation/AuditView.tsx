"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useTRPC } from "@/trpc/client";
import type { AuditItem } from "./types";
import styles from "./moderation.module.css";

const REASONS = new Set(["inaccurate", "unclear", "duplicate", "out_of_scope", "translation", "formatting", "spam", "other"]);

function details(item: AuditItem, t: ReturnType<typeof useTranslations<"moderation">>): string {
  const d = (item.details ?? {}) as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof d.number === "number") parts.push(t("audit.revision", { n: d.number }));
  if (typeof d.newNumber === "number") parts.push(t("audit.revision", { n: d.newNumber }));
  if (typeof d.reasonCode === "string" && REASONS.has(d.reasonCode)) parts.push(t(`reasons.${d.reasonCode as "other"}`));
  if (typeof d.reasonText === "string" && d.reasonText) parts.push(`“${d.reasonText}”`);
  if (Array.isArray(d.changed) && d.changed.length) parts.push(d.changed.map((f) => t(`fields.${f as "title"}`)).join(", "));
  if (typeof d.email === "string") parts.push(`${d.email} → ${String(d.role)}`);
  return parts.join(" · ");
}

/** Every decision, newest first: who, when, what. */
export function AuditView() {
  const t = useTranslations("moderation");
  const format = useFormatter();
  const trpc = useTRPC();
  const audit = useInfiniteQuery(
    trpc.moderation.audit.infiniteQueryOptions({ limit: 50 }, { getNextPageParam: (last) => last.nextCursor ?? undefined }),
  );
  const items = audit.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className={styles.stack} aria-labelledby="audit-heading">
      <h2 id="audit-heading" className={styles.paneTitle}>
        {t("audit.heading")}
      </h2>
      {audit.isError && (
        <p className={styles.error} role="alert">
          {t("review.failed", { message: audit.error.message })}
        </p>
      )}
      {audit.isSuccess && items.length === 0 && <p className={styles.muted}>{t("audit.empty")}</p>}
      {items.length > 0 && (
        <div className={styles.codeScroll}>
          <table className={styles.auditTable} data-testid="audit-table">
            <thead>
              <tr>
                <th scope="col">{t("audit.when")}</th>
                <th scope="col">{t("audit.who")}</th>
                <th scope="col">{t("audit.what")}</th>
                <th scope="col">{t("audit.where")}</th>
                <th scope="col">{t("audit.details")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <td>{format.dateTime(new Date(item.createdAt), { dateStyle: "medium", timeStyle: "short" })}</td>
                  <td>{item.actorName}</td>
                  <td>
                    {t(`audit.actions.${item.action}`)}
                    {item.suggestionId !== null && <> {t("audit.suggestion", { id: item.suggestionId })}</>}
                  </td>
                  <td>
                    {item.questionSlug ?? "—"}
                    {item.locale && <> · {t(`locales.${item.locale}`)}</>}
                  </td>
                  <td>{details(item, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {audit.hasNextPage && (
        <button type="button" className={styles.secondary} disabled={audit.isFetchingNextPage} onClick={() => void audit.fetchNextPage()}>
          {t("audit.loadMore")}
        </button>
      )}
    </section>
  );
}
