"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { ChangesView } from "@/components/moderation/ChangesView";
import { useOnline } from "@/components/offline/useOnline";
import { findSection, type SectionTarget } from "@/lib/suggest/sections";
import { useTRPC } from "@/trpc/client";
import { focusAt } from "./caret";
import {
  changedLocales,
  changesOf,
  isDirty,
  LOCALES,
  maxLength,
  problemParams,
  newDraft,
  problemList,
  problemsOf,
  restoreDraft,
  shownImage,
  storageKey,
  type Draft,
  type FieldProblem,
  type ListedProblem,
  type Locale,
  type Original,
  type TabDraft,
  type TextField,
} from "./draft";
import { messageOf } from "./errors";
import { ImageField } from "./ImageField";
import { Preview } from "./Preview";
import styles from "./suggest.module.css";

export interface SentItem {
  id: number;
  locale: Locale;
  duplicate: boolean;
  /** The key it was sent with: the anonymous author's proof, for the status link and the claim. */
  clientKey: string;
}

interface Props {
  slug: string;
  pageLocale: Locale;
  originals: Record<Locale, Original>;
  /** Revise-and-resubmit of a rejected suggestion: one locale, its text prefilled. */
  revise?: { id: number; locale: Locale; tab: TabDraft };
  /** Opened from a section's edit link: put the caret at that section of the page locale's Answer. */
  section?: SectionTarget;
  onSent: (items: SentItem[]) => void;
}


const uuid = () => crypto.randomUUID();


export function SuggestForm({ slug, pageLocale, originals, revise, section, onSent }: Props) {
  const t = useTranslations("suggest");
  const trpc = useTRPC();
  const submit = useMutation(trpc.suggestion.submit.mutationOptions());
  const resubmit = useMutation(trpc.suggestion.resubmit.mutationOptions());
  const draftId = revise ? `${slug}~revise-${revise.id}` : slug;
  const key = storageKey(draftId);
  const id = useId();

  const [draft, setDraft] = useState<Draft>(() => {
    const d = newDraft(draftId, originals, revise?.locale ?? pageLocale, uuid);
    if (revise) d.tabs[revise.locale] = revise.tab;
    return d;
  });
  const [notice, setNotice] = useState<{ restored: boolean; outdated: Locale[] }>({ restored: false, outdated: [] });
  const [mode, setMode] = useState<"edit" | "changes" | "preview">("edit");
  // The locales checked by the last refused send: their problems show (and clear as they are fixed).
  const [checked, setChecked] = useState<Locale[] | null>(null);
  const [focusRequest, setFocusRequest] = useState<{ id: string; n: number } | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const loaded = useRef(false);
  const tabRefs = useRef<Record<Locale, HTMLButtonElement | null>>({ en: null, uk: null });
  const online = useOnline();
  // Set when a send was refused for want of a connection: the draft waits, and coming back online says so.
  const [heldOffline, setHeldOffline] = useState(false);
  // Where the section's heading starts in the Answer, once the (maybe restored) draft is on the page.
  const [sectionAt, setSectionAt] = useState<{ start: number; found: boolean } | null>(null);

  // Restore an unsent draft once, after hydration (sessionStorage exists only in the browser).
  useEffect(() => {
    if (loaded.current) return;
    loaded.current = true;
    let stored: string | null = null;
    try {
      stored = window.sessionStorage.getItem(key);
    } catch {
      /* storage may be disabled; the form still works */
    }
    const restored = restoreDraft(stored, draftId, originals);
    const useRestored = restored && isDirty(restored.draft);
    if (useRestored) {
      setDraft(section ? { ...restored.draft, active: pageLocale } : restored.draft);
      setNotice({ restored: true, outdated: restored.outdated });
    }
    if (section) {
      const body = useRestored ? restored.draft.tabs[pageLocale].body : originals[pageLocale].body;
      const heading = findSection(body, section);
      setSectionAt({ start: heading?.start ?? 0, found: heading !== null });
    }
  }, [key, draftId, originals, section, pageLocale]);

  // The section's heading under the caret, near the top of the Answer, the field in view.
  useEffect(() => {
    if (!sectionAt) return;
    const field = document.getElementById(`${id}-body`);
    if (field instanceof HTMLTextAreaElement) focusAt(field, sectionAt.start, document.getElementById(`${id}-section`));
  }, [sectionAt, id]);

  // Keep every keystroke in sessionStorage, so a reload or an error loses nothing.
  useEffect(() => {
    if (!loaded.current) return;
    try {
      if (isDirty(draft)) window.sessionStorage.setItem(key, JSON.stringify(draft));
      else window.sessionStorage.removeItem(key);
    } catch {
      /* quota or disabled storage: the text is still on the page */
    }
  }, [draft, key]);

  // Focus moves once the field is on the page (after a tab or mode switch has rendered).
  useEffect(() => {
    if (focusRequest) document.getElementById(focusRequest.id)?.focus();
  }, [focusRequest]);

  const fieldIds = { title: `${id}-title`, shortAnswer: `${id}-short`, body: `${id}-body`, note: `${id}-note` };
  const active = draft.active;
  const tab = draft.tabs[active];
  const original = draft.originals[active];
  const localeLabel = (l: Locale) => t(`locales.${l}`);
  // The other translation as published, under each field (Weblate's source beside the translation).
  const sourceLocale: Locale = active === "en" ? "uk" : "en";
  const sourceOf = (field: TextField) => ({
    label: t("sourceLabel", { locale: localeLabel(sourceLocale) }),
    hint: t("sourceHint"),
    text: draft.originals[sourceLocale][field],
    lang: sourceLocale,
    long: field !== "title",
    open: field !== "body",
  });
  const locales = revise ? [revise.locale] : changedLocales(draft);

  function update(patch: Partial<TabDraft>) {
    setDraft((d) => ({ ...d, tabs: { ...d.tabs, [d.active]: { ...d.tabs[d.active], ...patch } } }));
    setFormError(null);
  }

  function setActive(l: Locale) {
    setDraft((d) => ({ ...d, active: l }));
  }

  function onTabKey(e: React.KeyboardEvent) {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft" && e.key !== "Home" && e.key !== "End") return;
    e.preventDefault();
    const i = LOCALES.indexOf(active);
    const next =
      e.key === "Home" ? LOCALES[0] : e.key === "End" ? LOCALES[LOCALES.length - 1] : LOCALES[(i + (e.key === "ArrowRight" ? 1 : LOCALES.length - 1)) % LOCALES.length];
    setActive(next);
    tabRefs.current[next]?.focus();
  }

  function problemText(field: TextField | "note", p: FieldProblem | undefined) {
    if (!p) return null;
    const { max, limit, line, found } = problemParams(field, field === "note" ? draft.note : draft.tabs[active][field]);
    return t(`problems.${p}`, { max, limit, line, found });
  }

  function counter(field: TextField | "note", value: string) {
    return {
      text: t("counter", { count: value.length, max: maxLength(field) }),
      over: value.length > maxLength(field),
    };
  }

  function fieldLabel(field: TextField | "note", locale: Locale) {
    if (field === "note") return t("noteLabel");
    const key = field === "title" ? "titleLabel" : field === "shortAnswer" ? "shortLabel" : "bodyLabel";
    return t(key, { locale: localeLabel(locale) });
  }

  /** Show the field of a problem (its tab, the editor) and put the caret in it. */
  function goTo(p: Pick<ListedProblem, "locale" | "field">) {
    setMode("edit");
    if (p.field !== "note") setActive(p.locale);
    setFocusRequest((r) => ({ id: fieldIds[p.field], n: (r?.n ?? 0) + 1 }));
  }

  async function send(e: React.FormEvent) {
    e.preventDefault();
    if (sending) return;
    setFormError(null);
    const targets = revise ? [revise.locale] : changedLocales(draft);
    if (targets.length === 0 || (revise && Object.keys(changesOf(draft.originals[revise.locale], draft.tabs[revise.locale])).length === 0)) {
      setFormError(t("noChange"));
      return;
    }
    const listed = problemList(draft, targets);
    if (listed.length > 0) {
      // Each error at its field, a summary at the top, and the caret in the first wrong field.
      setChecked(targets);
      goTo(listed[0]);
      return;
    }
    setChecked(null);
    if (!navigator.onLine) {
      // Nothing to try: the draft is already kept (every keystroke is stored), and it stays until sent.
      setHeldOffline(true);
      setFormError(t("offlineKept"));
      return;
    }
    setSending(true);
    const sent: SentItem[] = [];
    try {
      // Each locale is its own suggestion with its own key: a retry after a failure resends the
      // same keys, and the server answers the ones it already has without duplicating them.
      for (const locale of targets) {
        const common = {
          baseRevisionId: draft.originals[locale].revisionId,
          changes: changesOf(draft.originals[locale], draft.tabs[locale]),
          note: draft.note.trim() === "" ? undefined : draft.note,
          clientKey: draft.clientKeys[locale],
        };
        const result = revise
          ? await resubmit.mutateAsync({ ...common, suggestionId: revise.id })
          : await submit.mutateAsync({ ...common, questionSlug: slug, locale });
        sent.push({ id: result.suggestion.id, locale, duplicate: result.duplicate, clientKey: common.clientKey });
      }
      try {
        window.sessionStorage.removeItem(key);
      } catch {
        /* nothing to clean */
      }
      onSent(sent);
    } catch (error) {
      const { network, message } = messageOf(error);
      if (network && !navigator.onLine) setHeldOffline(true);
      setFormError(network ? (navigator.onLine ? t("networkError") : t("offlineKept")) : t("sendFailed", { message }));
    } finally {
      setSending(false);
    }
  }

  function discard() {
    if (!window.confirm(t("discardConfirm"))) return;
    setDraft(newDraft(draftId, originals, active, uuid));
    setChecked(null);
    setNotice({ restored: false, outdated: [] });
    setFormError(null);
  }

  const summary = checked ? problemList(draft, checked) : [];
  const p = checked?.includes(active) ? problemsOf(draft, active) : {};
  const noteProblem = summary.find((x) => x.field === "note")?.problem;

  return (
    <form className={styles.form} onSubmit={send} noValidate aria-describedby={formError ? `${id}-form-error` : undefined}>
      {notice.restored && <p className={styles.info} role="status">{t("restored")}</p>}
      {summary.length > 0 && (
        <div className={styles.summary} role="alert" aria-labelledby={`${id}-summary`} data-testid="error-summary">
          <h2 id={`${id}-summary`} className={styles.summaryTitle}>
            {t("summaryTitle", { count: summary.length })}
          </h2>
          <ul className={styles.summaryList}>
            {summary.map((x) => (
              <li key={`${x.locale}-${x.field}`}>
                <a
                  href={`#${fieldIds[x.field]}`}
                  onClick={(e) => {
                    e.preventDefault();
                    goTo(x);
                  }}
                >
                  {fieldLabel(x.field, x.locale)}: {problemText(x.field, x.problem)}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {notice.outdated.map((l) => (
        <p key={l} className={styles.warning}>
          {t("outdated", { locale: localeLabel(l) })}
        </p>
      ))}

      <section className={styles.card} aria-labelledby={`${id}-content`}>
        <div className={styles.cardHead}>
          <h2 id={`${id}-content`} className={styles.cardTitle}>
            {t("content")}
          </h2>
        </div>
        <div className={styles.toolbar}>
          <div>
            <span className={styles.label} id={`${id}-changing`}>
              {t("changing")}
            </span>
            {revise ? (
              <p className={styles.lockedLocale}>
                {localeLabel(revise.locale)}
              </p>
            ) : (
              <div role="tablist" aria-labelledby={`${id}-changing`} className={styles.tabs} onKeyDown={onTabKey}>
                {LOCALES.map((l) => {
                  const edited = Object.keys(changesOf(draft.originals[l], draft.tabs[l])).length > 0;
                  return (
                    <button
                      key={l}
                      ref={(el) => {
                        tabRefs.current[l] = el;
                      }}
                      type="button"
                      role="tab"
                      id={`${id}-tab-${l}`}
                      aria-selected={active === l}
                      aria-controls={`${id}-panel`}
                      tabIndex={active === l ? 0 : -1}
                      className={styles.tab}
                      onClick={() => setActive(l)}
                    >
                      <span lang={l}>{localeLabel(l)}</span>
                      {edited && <span className={styles.editedDot}>· {t("editedMark")}</span>}
                    </button>
                  );
                })}
              </div>
            )}
          </div>
          <div className={styles.modeSwitch} role="group" aria-label={`${t("modeEdit")} / ${t("modeChanges")} / ${t("modePreview")}`}>
            <button type="button" aria-pressed={mode === "edit"} className={styles.modeButton} onClick={() => setMode("edit")}>
              {t("modeEdit")}
            </button>
            <button type="button" aria-pressed={mode === "changes"} className={styles.modeButton} onClick={() => setMode("changes")}>
              {t("modeChanges")}
            </button>
            <button type="button" aria-pressed={mode === "preview"} className={styles.modeButton} onClick={() => setMode("preview")}>
              {t("modePreview")}
            </button>
          </div>
        </div>

        <div id={`${id}-panel`} role={revise ? undefined : "tabpanel"} aria-labelledby={revise ? undefined : `${id}-tab-${active}`} className={styles.panel}>
          {mode === "preview" ? (
            <Preview title={tab.title} shortAnswer={tab.shortAnswer} body={tab.body} imageUrl={shownImage(original, tab)} lang={active} />
          ) : mode === "changes" ? (
            <div className={styles.changes}>
              <p className={styles.muted}>{t("changesNote", { locale: localeLabel(active) })}</p>
              <ChangesView before={original} after={changedView(original, tab)} lang={active} />
            </div>
          ) : (
            <>
              <TextInput
                id={fieldIds.title}
                label={t("titleLabel", { locale: localeLabel(active) })}
                value={tab.title}
                lang={active}
                counter={counter("title", tab.title)}
                error={problemText("title", p.title)}
                source={sourceOf("title")}
                onChange={(v) => update({ title: v })}
              />
              <TextInput
                id={fieldIds.shortAnswer}
                label={t("shortLabel", { locale: localeLabel(active) })}
                hint={t("shortHint")}
                value={tab.shortAnswer}
                lang={active}
                rows={5}
                counter={counter("shortAnswer", tab.shortAnswer)}
                error={problemText("shortAnswer", p.shortAnswer)}
                source={sourceOf("shortAnswer")}
                onChange={(v) => update({ shortAnswer: v })}
              />
              <TextInput
                id={fieldIds.body}
                label={t("bodyLabel", { locale: localeLabel(active) })}
                hint={t("bodyHint")}
                value={tab.body}
                lang={active}
                rows={22}
                mono
                counter={counter("body", tab.body)}
                error={problemText("body", p.body)}
                source={sourceOf("body")}
                onChange={(v) => update({ body: v })}
                noticeId={section && sectionAt && active === pageLocale ? `${id}-section` : undefined}
                notice={
                  section && sectionAt && active === pageLocale ? (
                    <p id={`${id}-section`} className={styles.info} data-testid="section-notice">
                      {sectionAt.found ? t("sectionFound", { section: section.text }) : t("sectionMissing", { section: section.text })}
                    </p>
                  ) : undefined
                }
              />
              <ImageField original={original} tab={tab} onChange={(image) => update({ image })} />
            </>
          )}
        </div>
      </section>

      <section className={styles.card} aria-labelledby={`${id}-reviewer`}>
        <h2 id={`${id}-reviewer`} className={styles.cardTitle}>
          {t("reviewer")}
        </h2>
        <TextInput
          id={fieldIds.note}
          label={t("noteLabel")}
          hint={t("noteHint")}
          value={draft.note}
          rows={3}
          counter={counter("note", draft.note)}
          error={problemText("note", noteProblem)}
          onChange={(v) => {
            setDraft((d) => ({ ...d, note: v }));
            setFormError(null);
          }}
        />
      </section>

      {!online ? (
        <p className={styles.warning} role="status" data-testid="suggest-offline">
          {t("offline")}
        </p>
      ) : (
        heldOffline && (
          <p className={styles.info} role="status" data-testid="suggest-back-online">
            {t("backOnline")}
          </p>
        )
      )}
      <div className={styles.actions}>
        <button type="submit" className={styles.buttonPrimary} disabled={sending} aria-busy={sending}>
          {sending ? t("submitting") : revise ? t("resubmit") : t("submit")}
        </button>
        {isDirty(draft) && !revise && (
          <button type="button" className={styles.buttonLink} onClick={discard}>
            {t("discard")}
          </button>
        )}
        {locales.length > 0 && (
          <span className={styles.muted}>{t("willSend", { locales: locales.map(localeLabel).join(", ") })}</span>
        )}
      </div>
      <p id={`${id}-form-error`} className={styles.formError} role="alert">
        {formError}
      </p>
    </form>
  );
}

/** The tab's changed fields, in the shape the diff view takes. */
function changedView(original: Original, tab: TabDraft) {
  const changes = changesOf(original, tab);
  return {
    title: changes.title,
    shortAnswer: changes.shortAnswer,
    body: changes.body,
    image: changes.image?.op === "remove" ? ("remove" as const) : changes.image && tab.image.op === "upload" ? { url: tab.image.url } : undefined,
  };
}

interface TextInputProps {
  id: string;
  label: string;
  hint?: string;
  value: string;
  lang?: string;
  rows?: number;
  mono?: boolean;
  counter?: { text: string; over: boolean };
  error: string | null;
  /** Shown between the label and the field (e.g. which section the caret was put at). */
  notice?: React.ReactNode;
  noticeId?: string;
  /** The other translation's published text of this field, for comparison. */
  source?: { label: string; hint: string; text: string; lang: string; long: boolean; open: boolean };
  onChange: (value: string) => void;
}

function TextInput({ id, label, hint, value, lang, rows, mono, counter, error, notice, noticeId, source, onChange }: TextInputProps) {
  const describedBy = [noticeId ?? null, hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    value,
    lang,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy,
    className: `${styles.input} ${mono ? styles.mono : ""}`,
  };
  return (
    <div className={styles.field}>
      <label htmlFor={id} className={styles.label}>
        {label}
      </label>
      {notice}
      {rows ? (
        <textarea {...common} rows={rows} spellCheck={!mono} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <input {...common} type="text" onChange={(e) => onChange(e.target.value)} />
      )}
      <div className={styles.fieldFoot}>
        {hint && (
          <p id={`${id}-hint`} className={styles.hint}>
            {hint}
          </p>
        )}
        {counter && <span className={`${styles.counter} ${counter.over ? styles.counterOver : ""}`}>{counter.text}</span>}
      </div>
      {error && (
        <p id={`${id}-error`} className={styles.error}>
          {error}
        </p>
      )}
      {source && (
        <details className={styles.source} open={source.open} data-testid="source-text">
          <summary>{source.label}</summary>
          <p className={styles.hint}>{source.hint}</p>
          {/* A scrolling box: focusable, so a keyboard can scroll it too. */}
          <div className={source.long ? styles.sourceText : styles.sourceLine} lang={source.lang} tabIndex={source.long ? 0 : undefined}>
            {source.text}
          </div>
        </details>
      )}
    </div>
  );
}
