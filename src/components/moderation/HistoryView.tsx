"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { useTRPC } from "@/trpc/client";
import { ImageDiff, LineDiff, WordDiff } from "./DiffView";
import type { HistoryItem } from "./types";
import styles from "./moderation.module.css";

/** Revision history of one question in one language, with diffs against the previous revision and rollback. */
export function HistoryView({ locale }: { locale: "en" | "uk" }) {
  const t = useTranslations("moderation");
  const trpc = useTRPC();
  const id = useId();
  const questions = useQuery(trpc.question.list.queryOptions({ locale }));
  const [slug, setSlug] = useState("");
  const [lang, setLang] = useState<"en" | "uk">(locale);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    const p = new URLSearchParams(window.location.search);
    const q = p.get("question");
    const l = p.get("locale");
    /* eslint-disable react-hooks/set-state-in-effect -- state comes from the URL once, after hydration */
    if (q) setSlug(q);
    if (l === "en" || l === "uk") setLang(l);
    /* eslint-enable react-hooks/set-state-in-effect */
  }, []);
  const questionSlug = slug || questions.data?.[0]?.slug || "";

  const history = useInfiniteQuery({
    ...trpc.revision.history.infiniteQueryOptions(
      { questionSlug, locale: lang, limit: 20 },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
    enabled: questionSlug !== "",
  });
  const items = history.data?.pages.flatMap((p) => p.items) ?? [];
  const published = items.find((r) => r.isPublished);

  return (
    <section aria-labelledby={`${id}-h`} className={styles.stack}>
      <h2 id={`${id}-h`} className={styles.paneTitle}>
        {t("history.heading")}
      </h2>
      <div className={styles.filters}>
        <label>
          <span className={styles.label}>{t("history.question")}</span>
          <select className={styles.select} value={questionSlug} onChange={(e) => setSlug(e.target.value)}>
            {(questions.data ?? []).map((q) => (
              <option key={q.slug} value={q.slug}>
                {q.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className={styles.label}>{t("history.locale")}</span>
          <select className={styles.select} value={lang} onChange={(e) => setLang(e.target.value as "en" | "uk")}>
            <option value="en">{t("locales.en")}</option>
            <option value="uk">{t("locales.uk")}</option>
          </select>
        </label>
      </div>
      <p className={message?.ok ? styles.success : styles.error} role="status">
        {message?.text}
      </p>
      {history.isError && (
        <p className={styles.error} role="alert">
          {t("review.failed", { message: history.error.message })}
        </p>
      )}
      {history.isSuccess && items.length === 0 && <p className={styles.muted}>{t("history.empty")}</p>}
      <ol className={styles.revisionList} data-testid="revision-list">
        {items.map((r) => (
          <RevisionRow key={r.id} item={r} lang={lang} pageLocale={locale} publishedId={published?.id} onMessage={setMessage} />
        ))}
      </ol>
      {history.hasNextPage && (
        <button type="button" className={styles.secondary} disabled={history.isFetchingNextPage} onClick={() => void history.fetchNextPage()}>
          {t("history.loadMore")}
        </button>
      )}
    </section>
  );
}

function RevisionRow({
  item,
  lang,
  pageLocale,
  publishedId,
  onMessage,
}: {
  item: HistoryItem;
  lang: "en" | "uk";
  pageLocale: "en" | "uk";
  publishedId: number | undefined;
  onMessage: (m: { ok: boolean; text: string }) => void;
}) {
  const t = useTranslations("moderation");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [rolling, setRolling] = useState(false);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState(false);
  const formId = useId();
  const compare = useQuery({
    ...trpc.revision.compare.queryOptions({ fromRevisionId: item.previousRevisionId ?? item.id, toRevisionId: item.id }),
    enabled: open && item.previousRevisionId !== null,
  });
  const rollback = useMutation(trpc.revision.rollback.mutationOptions());
  const source =
    item.source === "suggestion" ? t("history.source.suggestion", { id: item.suggestionId ?? "?" }) : t(`history.source.${item.source}`);

  async function doRollback() {
    if (reason.trim() === "") {
      setReasonError(true);
      return;
    }
    try {
      const r = await rollback.mutateAsync({ revisionId: item.id, expectedCurrentRevisionId: publishedId, reason });
      setRolling(false);
      setReason("");
      onMessage({ ok: true, text: t("history.rolledBack", { n: r.number, from: item.number }) });
      await queryClient.invalidateQueries({ queryKey: trpc.revision.history.pathKey() });
    } catch (error) {
      onMessage({ ok: false, text: t("review.failed", { message: error instanceof Error ? error.message : String(error) }) });
    }
  }

  return (
    <li className={styles.revision}>
      <div className={styles.revisionHead}>
        <strong>{t("history.revision", { n: item.number })}</strong>
        {item.isPublished && <span className={`${styles.status} ${styles.status_approved}`}>{t("history.published")}</span>}
        <span className={styles.muted}>
          {item.suggestionId !== null ? (
            // The suggestion it came from, opened in the moderation view (decided ones too).
            <a href={`/${pageLocale}/moderation?id=${item.suggestionId}`}>{source}</a>
          ) : (
            source
          )}{" "}
          · {format.dateTime(new Date(item.createdAt), { dateStyle: "medium", timeStyle: "short" })}
        </span>
      </div>
      {item.source === "rollback" && item.restoredNumber !== null && (
        <p data-testid="rollback-note">
          {t("history.restored", { n: item.restoredNumber })}
          {item.rollbackReason && <> — “{item.rollbackReason}”</>}
        </p>
      )}
      <p className={styles.muted} data-testid="revision-credit">
        {item.suggestionId !== null ? (
          <>
            {t("history.suggestedBy", { name: item.suggestedByName ?? item.authorName })}
            {item.approvedByName &&
              ` · ${item.editedByName ? t("history.editedApprovedBy", { name: item.editedByName }) : t("history.approvedBy", { name: item.approvedByName })}`}
          </>
        ) : (
          t("history.by", { name: item.authorName })
        )}
      </p>
      <p className={styles.muted}>
        {item.previousRevisionId === null
          ? t("history.first")
          : t("history.changed", { fields: item.changedFields.map((f) => t(`fields.${f}`)).join(", ") })}
      </p>
      <div className={styles.actions}>
        {item.previousRevisionId !== null && (
          <button type="button" className={styles.secondary} aria-expanded={open} onClick={() => setOpen((o) => !o)}>
            {open ? t("history.hide") : t("history.compare")}
          </button>
        )}
        {!item.isPublished && !rolling && (
          <button type="button" className={styles.secondary} disabled={rollback.isPending} onClick={() => setRolling(true)}>
            {t("history.rollback")}
          </button>
        )}
      </div>
      {rolling && (
        <form
          className={styles.decisionForm}
          onSubmit={(e) => {
            e.preventDefault();
            void doRollback();
          }}
          onKeyDown={(e) => e.key === "Escape" && setRolling(false)}
        >
          <p className={styles.muted}>{t("history.rollbackConfirm", { n: item.number })}</p>
          <label htmlFor={`${formId}-reason`} className={styles.label}>
            {t("history.rollbackReason")}
          </label>
          <textarea
            id={`${formId}-reason`}
            className={styles.textarea}
            rows={2}
            maxLength={500}
            value={reason}
            autoFocus
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={reasonError ? `${formId}-error` : undefined}
            onChange={(e) => {
              setReason(e.target.value);
              setReasonError(false);
            }}
          />
          {reasonError && (
            <p id={`${formId}-error`} className={styles.error}>
              {t("history.rollbackReasonRequired")}
            </p>
          )}
          <div className={styles.actions}>
            <button type="submit" className={styles.danger} disabled={rollback.isPending}>
              {t("history.rollbackSubmit", { n: item.number })}
            </button>
            <button type="button" className={styles.secondary} onClick={() => setRolling(false)}>
              {t("review.cancel")}
            </button>
          </div>
        </form>
      )}
      {open && compare.data && (
        <div className={styles.stack}>
          {compare.data.fields.map((f) => (
            <section key={f.field}>
              <h4 className={styles.fieldTitle}>{t(`fields.${f.field}`)}</h4>
              {f.field === "image" ? (
                <ImageDiff beforeUrl={f.beforeUrl} afterUrl={f.afterUrl} />
              ) : f.field === "body" ? (
                <LineDiff ops={f.ops} layout="inline" lang={lang} />
              ) : (
                <WordDiff ops={f.ops} layout="inline" lang={lang} />
              )}
            </section>
          ))}
        </div>
      )}
    </li>
  );
}
