"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import { useTRPC } from "@/trpc/client";
import type { DiffLayout } from "./DiffView";
import { countFor, queueState } from "./queue-counts";
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
  const decisionRef = useRef<HTMLParagraphElement>(null);
  const reviewPaneRef = useRef<HTMLDivElement>(null);
  // On a narrow screen the queue and the review take turns: a tapped row opens the review as its own view.
  const [view, setView] = useState<"queue" | "review">("queue");
  const [focusDecision, setFocusDecision] = useState(0);
  const narrow = () => window.matchMedia("(max-width: 900px)").matches;
  // Whether the review is on screen: a hidden review (the queue view on a phone) takes no a/r/e keys.
  const [reviewShown, setReviewShown] = useState(true);
  useEffect(() => {
    const media = window.matchMedia("(max-width: 900px)");
    const update = () => setReviewShown(!media.matches || view === "review");
    update();
    media.addEventListener("change", update);
    return () => media.removeEventListener("change", update);
  }, [view]);
  const helpRef = useRef<HTMLDialogElement>(null);
  // The filters take input only once the URL's state is applied: a choice made before (the page drawn,
  // not yet hydrated) was overwritten by it, and the review showed a suggestion the filter excludes.
  const [fromUrl, setFromUrl] = useState(false);

  useEffect(() => {
    const u = readUrl();
    /* eslint-disable react-hooks/set-state-in-effect -- state comes from the URL once, after hydration */
    setQuestion(u.q);
    setLocaleFilter(u.l);
    setSelected(u.id);
    setFromUrl(true);
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
  // Counts from the newest page (refetched with the list), so they never disagree with it.
  const counts = queue.isPending ? undefined : queue.data?.pages[0]?.counts;
  const filter = { question, locale: localeFilter };
  const state = queueState(counts, filter, items.length);
  const n = (f: Partial<typeof filter>) => (counts ? ` (${countFor(counts, { ...filter, ...f })})` : "");
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
    setSelected(next ? next.id : null);
    // Focus and view follow: the confirmation, with the next suggestion right below it.
    setFocusDecision((n) => n + 1);
  }

  useEffect(() => {
    if (focusDecision === 0) return;
    decisionRef.current?.focus();
    decisionRef.current?.scrollIntoView({ block: "nearest" });
    if (!decisionRef.current) return;
    // The sticky header covers the top of the page: keep the confirmation below it.
    const top = decisionRef.current.getBoundingClientRect().top;
    if (top < 80) window.scrollBy({ top: top - 96 });
  }, [focusDecision]);

  function open(itemId: number) {
    setSelected(itemId);
    if (!narrow()) return;
    setView("review");
    // A new view: start at its top, with focus there, as a page change would.
    window.requestAnimationFrame(() => {
      window.scrollTo({ top: 0 });
      reviewPaneRef.current?.focus();
    });
  }

  function backToQueue() {
    setView("queue");
    window.requestAnimationFrame(() => listRef.current?.querySelector<HTMLElement>(`[data-id="${selected}"] button`)?.focus());
  }

  function chooseLayout(l: DiffLayout) {
    setLayout(l);
    window.localStorage.setItem("overlay-lab:diff-layout", l);
  }

  return (
    <div className={styles.queueLayout} data-view={view}>
      <aside className={styles.queuePane} aria-labelledby={`${id}-heading`}>
        <h2 id={`${id}-heading`} className={styles.paneTitle}>
          {t("queue.heading")}{" "}
          <span className={styles.count} data-testid="queue-count" aria-busy={state.kind === "loading"}>
            {state.kind === "loading" ? t("queue.loading") : t("queue.count", { count: state.kind === "list" ? state.shown : 0 })}
          </span>
        </h2>
        <div className={styles.filters}>
          <label>
            <span className={styles.label}>{t("queue.filterQuestion")}</span>
            <select
              className={styles.select}
              disabled={!fromUrl}
              value={question}
              onChange={(e) => {
                setQuestion(e.target.value);
                setSelected(null);
              }}
            >
              <option value="">
                {t("queue.all")}
                {n({ question: "" })}
              </option>
              {(questions.data ?? []).map((q) => (
                <option key={q.slug} value={q.slug}>
                  {q.title}
                  {n({ question: q.slug })}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span className={styles.label}>{t("queue.filterLocale")}</span>
            <select
              className={styles.select}
              disabled={!fromUrl}
              value={localeFilter}
              onChange={(e) => {
                setLocaleFilter(e.target.value as LocaleFilter);
                setSelected(null);
              }}
            >
              <option value="">
                {t("queue.all")}
                {n({ locale: "" })}
              </option>
              <option value="en">
                {t("locales.en")}
                {n({ locale: "en" })}
              </option>
              <option value="uk">
                {t("locales.uk")}
                {n({ locale: "uk" })}
              </option>
            </select>
          </label>
        </div>
        {queue.isError ? (
          <p className={styles.error} role="alert">
            {t("review.failed", { message: queue.error.message })}
          </p>
        ) : state.kind === "loading" ? (
          <p className={styles.muted}>{t("queue.loading")}</p>
        ) : state.kind === "filteredEmpty" ? (
          <p className={styles.muted} data-testid="queue-empty">
            {t("queue.filteredEmpty", { count: state.elsewhere })}{" "}
            <button
              type="button"
              className={styles.linkButton}
              onClick={() => {
                setQuestion("");
                setLocaleFilter("");
                setSelected(null);
              }}
            >
              {t("queue.clearFilters")}
            </button>
          </p>
        ) : items.length === 0 ? (
          <p className={styles.muted} data-testid="queue-empty">
            {t("queue.empty")}
          </p>
        ) : (
          <ol className={styles.queueList} ref={listRef} data-testid="queue-list">
            {items.map((item) => (
              <li key={item.id} data-id={item.id}>
                <button
                  type="button"
                  className={styles.queueItem}
                  aria-current={item.id === selected ? "true" : undefined}
                  onClick={() => open(item.id)}
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
      <div className={styles.reviewPane} ref={reviewPaneRef} tabIndex={-1} aria-label={t("queue.reviewView")}>
        <button type="button" className={`${styles.secondary} ${styles.backToQueue}`} onClick={backToQueue}>
          ← {t("queue.backToQueue")}
        </button>
        <p className={styles.decision} role="status" data-testid="last-decision" ref={decisionRef} tabIndex={-1}>
          {lastDecision && `#${lastDecision.id} · ${lastDecision.text}`}
        </p>
        {selected === null ? (
          <p className={styles.muted}>{t("queue.select")}</p>
        ) : (
          <ReviewPanel key={selected} id={selected} shortcuts={!help && reviewShown} layout={layout} onLayout={chooseLayout} onDecided={onDecided} />
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
