"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { AUDIT_ACTIONS } from "@/server/api/schemas/moderation";
import { useTRPC } from "@/trpc/client";
import type { AuditItem } from "./types";
import styles from "./moderation.module.css";

const REASONS = new Set(["inaccurate", "unclear", "duplicate", "out_of_scope", "translation", "formatting", "spam", "other"]);
type Action = (typeof AUDIT_ACTIONS)[number];

function details(item: AuditItem, t: ReturnType<typeof useTranslations<"moderation">>): string {
  const d = (item.details ?? {}) as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof d.toRevisionNumber === "number") parts.push(t("audit.restored", { n: d.toRevisionNumber }));
  if (typeof d.reasonCode === "string" && REASONS.has(d.reasonCode)) parts.push(t(`reasons.${d.reasonCode as "other"}`));
  if (typeof d.reasonText === "string" && d.reasonText) parts.push(`“${d.reasonText}”`);
  if (typeof d.reason === "string" && d.reason) parts.push(`“${d.reason}”`);
  if (Array.isArray(d.changed) && d.changed.length) parts.push(d.changed.map((f) => t(`fields.${f as "title"}`)).join(", "));
  if (typeof d.email === "string") parts.push(`${d.email} → ${String(d.role)}`);
  return parts.join(" · ");
}

/** Every decision, newest first: who, when, what, linked to its suggestion and revision; filterable. */
export function AuditView() {
  const t = useTranslations("moderation");
  const format = useFormatter();
  const locale = useLocale();
  const trpc = useTRPC();
  const id = useId();
  const [actorId, setActorId] = useState("");
  const [action, setAction] = useState<"" | Action>("");
  const [question, setQuestion] = useState("");
  const questions = useQuery(trpc.question.list.queryOptions({ locale: locale === "uk" ? "uk" : "en" }));
  const audit = useInfiniteQuery(
    trpc.moderation.audit.infiniteQueryOptions(
      { limit: 50, actorId: actorId || undefined, action: action || undefined, questionSlug: question || undefined },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  const items = audit.data?.pages.flatMap((p) => p.items) ?? [];
  const actors = audit.data?.pages[0]?.actors ?? [];
  const filtered = Boolean(actorId || action || question);
  return (
    <section className={styles.stack} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className={styles.paneTitle}>
        {t("audit.heading")}
      </h2>
      <div className={styles.filters} data-testid="audit-filters">
        <label>
          <span className={styles.label}>{t("audit.filterModerator")}</span>
          <select className={styles.select} value={actorId} onChange={(e) => setActorId(e.target.value)}>
            <option value="">{t("queue.all")}</option>
            {actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className={styles.label}>{t("audit.filterAction")}</span>
          <select className={styles.select} value={action} onChange={(e) => setAction(e.target.value as "" | Action)}>
            <option value="">{t("queue.all")}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(`audit.actions.${a}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className={styles.label}>{t("audit.where")}</span>
          <select className={styles.select} value={question} onChange={(e) => setQuestion(e.target.value)}>
            <option value="">{t("queue.all")}</option>
            {(questions.data ?? []).map((q) => (
              <option key={q.slug} value={q.slug}>
                {q.title}
              </option>
            ))}
          </select>
        </label>
      </div>
      {audit.isPending && <p className={styles.muted}>{t("queue.loading")}</p>}
      {audit.isError && (
        <p className={styles.error} role="alert">
          {t("review.failed", { message: audit.error.message })}
        </p>
      )}
      {audit.isSuccess && items.length === 0 && <p className={styles.muted}>{filtered ? t("audit.noMatch") : t("audit.empty")}</p>}
      {items.length > 0 && (
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
                <td data-label={t("audit.when")}>{format.dateTime(new Date(item.createdAt), { dateStyle: "medium", timeStyle: "short" })}</td>
                <td data-label={t("audit.who")}>{item.actorName}</td>
                <td data-label={t("audit.what")}>
                  {t(`audit.actions.${item.action}`)}
                  {item.suggestionId !== null && (
                    <>
                      {" "}
                      <a href={`/${locale}/moderation?id=${item.suggestionId}`}>{t("audit.suggestion", { id: item.suggestionId })}</a>
                    </>
                  )}
                  {item.revisionNumber !== null && item.questionSlug && item.locale && (
                    <>
                      {" → "}
                      <a href={`/${locale}/moderation/history?question=${item.questionSlug}&locale=${item.locale}`}>
                        {t("audit.revision", { n: item.revisionNumber })}
                      </a>
                    </>
                  )}
                </td>
                <td data-label={t("audit.where")}>
                  {item.questionTitle ?? item.questionSlug ?? "—"}
                  {item.locale && <> · {t(`locales.${item.locale}`)}</>}
                </td>
                <td data-label={t("audit.details")}>{details(item, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {audit.hasNextPage && (
        <button type="button" className={styles.secondary} disabled={audit.isFetchingNextPage} onClick={() => void audit.fetchNextPage()}>
          {t("audit.loadMore")}
        </button>
      )}
    </section>
  );
}
