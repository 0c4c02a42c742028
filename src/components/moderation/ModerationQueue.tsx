"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { useTRPC } from "@/trpc/client";
import type { DiffLayout } from "./DiffView";
import { ReviewPanel } from "./ReviewPanel";
import { SHORTCUT_KEYS, shortcutFor } from "./shortcuts";
import styles from "./moderation.module.css";

type LocaleFilter = "" | "en" | "uk";

function readUrl(): { id: number | null; q: string; l: LocaleFilter } {
  const p = new URLSearchParams(window.location.search);
  const id = Number(p.get("id"));
  const l = p.get("locale");
  return { id: Number.isInteger(id) && id > 0 ? id : null, q: p.get("question") ?? "", l: l === "en" || l === "uk" ? l : "" };
}

/** The queue (oldest first, filters, counts, load more) beside the selected suggestion. */
export function ModerationQueue({ locale }: { locale: "en" | "uk" }) {
  const t = useTranslations("moderation");
  const format = useFormatter();
  const trpc = useTRPC();
  const id = useId();
  const [question, setQuestion] = useState("");
  const [localeFilter, setLocaleFilter] = useState<LocaleFilter>("");
  const [selected, setSelected] = useState<number | null>(null);
  const [help, setHelp] = useState(false);
  const [lastDecision, setLastDecision] = useState<{ id: number | null; text: string } | null>(null);
  const [layout, setLayout] = useState<DiffLayout>("inline");
  const listRef = useRef<HTMLOListElement>(null);
  const helpRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const u = readUrl();
    /* eslint-disable react-hooks/set-state-in-effect -- state comes from the URL once, after hydration */
    setQuestion(u.q);
    setLocaleFilter(u.l);
    setSelected(u.id);
    const saved = window.localStorage.getItem("overlay-lab:diff-layout");
    if (saved === "side" || saved === "inline") setLayout(saved);
    /* eslint-enable react-hooks/set-state-in-effect */
  }, []);

  useEffect(() => {
    const p = new URLSearchParams();
    if (selected) p.set("id", String(selected));
    if (question) p.set("question", question);
    if (localeFilter) p.set("locale", localeFilter);
    const qs = p.toString();
    window.history.replaceState(null, "", `${window.location.pathname}${qs ? `?${qs}` : ""}`);
  }, [selected, question, localeFilter]);

  const questions = useQuery(trpc.question.list.queryOptions({ locale }));
  const queue = useInfiniteQuery(
    trpc.moderation.queue.infiniteQueryOptions(
      { limit: 20, questionSlug: question || undefined, locale: localeFilter || undefined },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  const items = useMemo(() => queue.data?.pages.flatMap((p) => p.items) ?? [], [queue.data]);
  const counts = queue.data?.pages[0]?.counts;
  const titleOf = useMemo(() => new Map((questions.data ?? []).map((q) => [q.slug, q.title])), [questions.data]);

  // Select the first suggestion when nothing (or something no longer listed) is selected.
  useEffect(() => {
    if (!queue.data) return;
    if (selected === null && items.length > 0) setSelected(items[0].id); // eslint-disable-line react-hooks/set-state-in-effect
  }, [queue.data, items, selected]);

  const move = useCallback(
    (delta: number) => {
      if (items.length === 0) return;
      const i = items.findIndex((x) => x.id === selected);
      const next = items[Math.min(items.length - 1, Math.max(0, (i < 0 ? -delta : i) + delta))];
      setSelected(next.id);
      listRef.current?.querySelector<HTMLElement>(`[data-id="${next.id}"]`)?.scrollIntoView({ block: "nearest" });
    },
    [items, selected],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (help) return; // the open dialog owns the keyboard (Escape closes it)
      const action = shortcutFor({ key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, isComposing: e.isComposing, defaultPrevented: e.defaultPrevented, target: e.target as HTMLInputElement | null });
      if (!action) return;
      if (action !== "help" && action !== "next" && action !== "previous") return; // a/r/e: the review panel's
      e.preventDefault();
      if (action === "help") setHelp(true);
      else move(action === "next" ? 1 : -1);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [move, selected, help]);

  useEffect(() => {
    const dialog = helpRef.current;
    if (!dialog) return;
    if (help && !dialog.open) dialog.showModal();
    if (!help && dialog.open) dialog.close();
    // Escape closes a modal dialog natively; keep the state in step so shortcuts work again.
    const closed = () => setHelp(false);
    dialog.addEventListener("close", closed);
    return () => dialog.removeEventListener("close", closed);
  }, [help]);

  function onDecided(message: string) {
    // Say what happened, then move to the next pending suggestion (the list refetches without it).
    setLastDecision({ id: selected, text: message });
    const i = items.findIndex((x) => x.id === selected);
    const next = items[i + 1] ?? items[i - 1];
    if (next) setSelected(next.id);
  }

  function chooseLayout(l: DiffLayout) {
    setLayout(l);
    window.localStorage.setItem("overlay-lab:diff-layout", l);
  }

  return (
    <div className={styles.queueLayout}>
      <aside className={styles.queuePane} aria-labelledby={`${id}-heading`}>
        <h2 id={`${id}-heading`} className={styles.paneTitle}>
          {t("queue.heading")}{" "}
          <span className={styles.count} data-testid="queue-count">
            {t("queue.count", { count: counts?.total ?? 0 })}
          </span>
        </h2>
        <div className={styles.filters}>
          <label>
            <span className={styles.label}>{t("queue.filterQuestion")}</span>
            <select
              className={styles.select}
              value={question}
              onChange={(e) => {
                setQuestion(e.target.value);
                setSelected(null);
              }}
            >
              <option value="">
                {t("queue.all")} ({counts?.total ?? 0})
              </option>
              {(questions.data ?? []).map((q) => {
                const c = counts?.byQuestion.find((b) => b.questionSlug === q.slug);
                return (
                  <option key={q.slug} value={q.slug}>
                    {q.title} ({c?.total ?? 0})
                  </option>
                );
              })}
            </select>
          </label>
          <label>
            <span className={styles.label}>{t("queue.filterLocale")}</span>
            <select
              className={styles.select}
              value={localeFilter}
              onChange={(e) => {
                setLocaleFilter(e.target.value as LocaleFilter);
                setSelected(null);
              }}
            >
              <option value="">{t("queue.all")}</option>
              <option value="en">
                {t("locales.en")} ({counts?.byLocale.en ?? 0})
              </option>
              <option value="uk">
                {t("locales.uk")} ({counts?.byLocale.uk ?? 0})
              </option>
            </select>
          </label>
        </div>
        {queue.isPending ? (
          <p className={styles.muted}>{t("queue.loading")}</p>
        ) : queue.isError ? (
          <p className={styles.error} role="alert">
            {t("review.failed", { message: queue.error.message })}
          </p>
        ) : items.length === 0 ? (
          <p className={styles.muted}>{t("queue.empty")}</p>
        ) : (
          <ol className={styles.queueList} ref={listRef} data-testid="queue-list">
            {items.map((item) => (
              <li key={item.id} data-id={item.id}>
                <button
                  type="button"
                  className={styles.queueItem}
                  aria-current={item.id === selected ? "true" : undefined}
                  onClick={() => setSelected(item.id)}
                >
                  <span className={styles.queueTop}>
                    <span className={styles.pill}>{t(`locales.${item.locale}`)}</span>
                    <span className={styles.queueTitle}>{titleOf.get(item.questionSlug) ?? item.questionTitle}</span>
                  </span>
                  <span className={styles.queueMeta}>
                    #{item.id} · {item.anonymous ? t("queue.anonymous") : t("queue.by", { name: item.authorName })} ·{" "}
                    {format.relativeTime(new Date(item.createdAt))}
                  </span>
                  <span className={styles.queueMeta}>
                    {item.changedFields.map((f) => t(`fields.${f}`)).join(", ")}
                    {item.hasNote && <span className={styles.tag}>{t("queue.note")}</span>}
                    {item.outdated && <span className={styles.tag}>{t("queue.outdated")}</span>}
                    {item.resubmittedFromId && <span className={styles.tag}>{t("queue.resubmitted")}</span>}
                  </span>
                </button>
              </li>
            ))}
          </ol>
        )}
        {queue.hasNextPage && (
          <button type="button" className={styles.secondary} disabled={queue.isFetchingNextPage} onClick={() => void queue.fetchNextPage()}>
            {queue.isFetchingNextPage ? t("queue.loading") : t("queue.loadMore")}
          </button>
        )}
        <p className={styles.muted}>
          <button type="button" className={styles.linkButton} onClick={() => setHelp(true)}>
            {t("queue.shortcutsHint")}
          </button>
        </p>
      </aside>
      <div className={styles.reviewPane}>
        <p className={styles.decision} role="status" data-testid="last-decision">
          {lastDecision && `#${lastDecision.id} · ${lastDecision.text}`}
        </p>
        {selected === null ? (
          <p className={styles.muted}>{t("queue.select")}</p>
        ) : (
          <ReviewPanel key={selected} id={selected} shortcuts={!help} layout={layout} onLayout={chooseLayout} onDecided={onDecided} />
        )}
      </div>
      <dialog ref={helpRef} className={styles.dialog} aria-labelledby={`${id}-help`}>
        <h2 id={`${id}-help`}>{t("shortcuts.title")}</h2>
        <dl className={styles.shortcutList}>
          {SHORTCUT_KEYS.map(([key, action]) => (
            <div key={key}>
              <dt>
                <kbd>{key}</kbd>
              </dt>
              <dd>{t(`shortcuts.${action === "next" ? "j" : action === "previous" ? "k" : action === "approve" ? "a" : action === "reject" ? "r" : action === "edit" ? "e" : "help"}`)}</dd>
            </div>
          ))}
        </dl>
        <p className={styles.muted}>{t("shortcuts.typing")}</p>
        <button type="button" className={styles.secondary} onClick={() => setHelp(false)} autoFocus>
          {t("shortcuts.close")}
        </button>
      </dialog>
    </div>
  );
}
