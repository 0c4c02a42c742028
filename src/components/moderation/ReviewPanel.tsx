"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { Fragment, useEffect, useEffectEvent, useId, useMemo, useRef, useState } from "react";
import { REJECT_REASONS, type RejectReason } from "@/server/api/schemas/moderation";
import { Prose } from "@/components/question/Prose";
import { useFocusableCode } from "@/components/suggest/useFocusableCode";
import { merge3, type Merge3 } from "@/lib/diff/merge3";
import { useTRPC } from "@/trpc/client";
import { ImageDiff, LineDiff, WordDiff, type DiffLayout } from "./DiffView";
import { imageEdit, type Edits } from "./edits";
import { shortcutFor } from "./shortcuts";
import type { Field, Review } from "./types";
import styles from "./moderation.module.css";
import { SourceText } from "./SourceText";

interface Props {
  id: number;
  /** Whether a/r/e act (off while the help dialog is open). */
  shortcuts: boolean;
  layout: DiffLayout;
  onLayout: (layout: DiffLayout) => void;
  /** Called after this moderator's decision went through, with the message to show; the queue moves on. */
  onDecided: (message: string) => void;
}

type Mode = "view" | "reject" | "edit";
const TEXT: Exclude<Field, "image">[] = ["title", "shortAnswer", "body"];


export function ReviewPanel({ id, shortcuts, layout, onLayout, onDecided }: Props) {
  const t = useTranslations("moderation");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Always fresh when opened: another decision may have changed how this one merges.
  const review = useQuery(trpc.moderation.get.queryOptions({ id }, { staleTime: 0 }));
  const approve = useMutation(trpc.moderation.approve.mutationOptions());
  const reject = useMutation(trpc.moderation.reject.mutationOptions());
  const [mode, setMode] = useState<Mode>("view");
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const [bodyView, setBodyView] = useState<"raw" | "rendered">("raw");
  const busy = approve.isPending || reject.isPending;
  const data = review.data;
  const pending = data?.suggestion.status === "pending";

  async function refresh() {
    await queryClient.invalidateQueries({ queryKey: trpc.moderation.queue.pathKey() });
    // Every open review: a publication changes how the other pending suggestions merge.
    await queryClient.invalidateQueries({ queryKey: trpc.moderation.get.pathKey() });
  }

  async function decided(text: string) {
    await refresh();
    onDecided(text);
  }

  function failure(error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof TRPCClientError && error.data?.code === "CONFLICT") {
      // Another moderator decided first, or the text moved on: say so here and show the new state.
      setResult({ ok: false, text: t("review.conflictError", { message }) });
      setMode("view");
      void refresh();
      return;
    }
    setResult({ ok: false, text: t("review.failed", { message }) });
  }

  async function doApprove(edits?: Edits) {
    if (busy || !pending) return;
    setResult(null);
    try {
      const r = await approve.mutateAsync({ id, edits });
      await decided(t("review.approved", { number: r.number }));
    } catch (error) {
      failure(error);
    }
  }

  async function doReject(reasonCode: RejectReason, reasonText: string) {
    if (busy || !pending) return;
    setResult(null);
    try {
      await reject.mutateAsync({ id, reasonCode, reasonText: reasonText.trim() === "" ? undefined : reasonText });
      await decided(t("review.rejectedDone"));
    } catch (error) {
      failure(error);
    }
  }

  // a / r / e act on this suggestion while it is pending and no form is open (j, k and ? belong to the queue).
  const onKey = useEffectEvent((e: KeyboardEvent) => {
    if (!shortcuts || !pending || mode !== "view" || busy) return;
    const action = shortcutFor({
      key: e.key,
      ctrlKey: e.ctrlKey,
      metaKey: e.metaKey,
      altKey: e.altKey,
      isComposing: e.isComposing,
      defaultPrevented: e.defaultPrevented,
      target: e.target as HTMLInputElement | null,
    });
    if (action !== "approve" && action !== "reject" && action !== "edit") return;
    e.preventDefault();
    // A conflict cannot be approved as it is: "a" opens the editor to settle it.
    if (action === "approve" && data && data.conflicts.length === 0) void doApprove();
    else setMode(action === "reject" ? "reject" : "edit");
  });
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey(e);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, []);

  if (review.isPending) return <p className={styles.muted}>{t("queue.loading")}</p>;
  if (review.isError) return <p role="alert" className={styles.error}>{t("review.failed", { message: review.error.message })}</p>;
  const d = data as Review;
  const s = d.suggestion;
  const lang = s.locale;
  const fieldName = (f: Field) => t(`fields.${f}`);

  return (
    <article className={styles.review} aria-labelledby={`review-${id}`} data-testid="review">
      <header className={styles.reviewHead}>
        <h2 id={`review-${id}`} className={styles.reviewTitle}>
          {t("review.heading", { id: s.id })}{" "}
          <span className={`${styles.status} ${styles[`status_${s.status}`]}`}>{t(`status.${s.status}`)}</span>
        </h2>
        <p className={styles.muted}>
          {t("review.meta", {
            locale: t(`locales.${s.locale}`),
            question: d.current.title,
            author: s.anonymous ? t("queue.anonymous") : s.authorName,
            date: format.dateTime(new Date(s.createdAt), { dateStyle: "medium", timeStyle: "short" }),
          })}
        </p>
      </header>

      <section className={styles.note} aria-labelledby={`note-${id}`}>
        <h3 id={`note-${id}`} className={styles.noteTitle}>
          {t("review.noteHeading")} <small className={styles.muted}>· {t("review.noteHint")}</small>
        </h3>
        {s.note ? (
          <p className={styles.noteText} data-testid="moderator-note">
            {s.note}
          </p>
        ) : (
          <p className={styles.muted}>{t("review.noNote")}</p>
        )}
      </section>

      {d.previous && <Resubmission review={d} />}

      {d.outdated && <p className={styles.info}>{t("review.outdated", { base: d.base.number, current: d.current.number })}</p>}
      {d.conflicts.length > 0 && (
        <p className={styles.warning} role="status">
          {t("review.conflict", { fields: d.conflicts.map(fieldName).join(", ") })}
        </p>
      )}

      <div className={styles.viewBar}>
        <div role="group" aria-label={`${t("review.inline")} / ${t("review.sideBySide")}`} className={styles.segmented}>
          <button type="button" aria-pressed={layout === "inline"} onClick={() => onLayout("inline")}>
            {t("review.inline")}
          </button>
          <button type="button" aria-pressed={layout === "side"} onClick={() => onLayout("side")}>
            {t("review.sideBySide")}
          </button>
        </div>
        <div role="group" aria-label={`${t("review.raw")} / ${t("review.rendered")}`} className={styles.segmented}>
          <button type="button" aria-pressed={bodyView === "raw"} onClick={() => setBodyView("raw")}>
            {t("review.raw")}
          </button>
          <button type="button" aria-pressed={bodyView === "rendered"} onClick={() => setBodyView("rendered")}>
            {t("review.rendered")}
          </button>
        </div>
      </div>

      {d.fields.map((f) => (
        <section key={f.field} className={styles.fieldDiff} aria-labelledby={`f-${id}-${f.field}`}>
          <h3 id={`f-${id}-${f.field}`} className={styles.fieldTitle}>
            {fieldName(f.field)} <span className={`${styles.state} ${styles[`state_${f.state}`]}`}>{t(`review.fieldState.${f.state}`)}</span>
          </h3>
          {f.state === "conflict" ? (
            <ThreeWay review={d} field={f.field} layout={layout} />
          ) : f.field === "image" ? (
            <ImageDiff beforeUrl={f.publish.beforeUrl} afterUrl={f.publish.afterUrl} />
          ) : bodyView === "rendered" && (f.field === "body" || f.field === "shortAnswer") ? (
            <RenderedDiff rows={d.renderedBlocks[f.field]} layout={layout} lang={lang} />
          ) : f.field === "body" ? (
            <LineDiff ops={f.publish.ops} layout={layout} lang={lang} />
          ) : (
            <WordDiff ops={f.publish.ops} layout={layout} lang={lang} />
          )}
          {f.state === "merged" && f.field !== "image" && <MergedField review={d} field={f.field} />}
          {d.source && f.field !== "image" && <SourceText source={d.source} field={f.field} />}
        </section>
      ))}

      {pending && mode === "view" && (
        <div className={styles.actions}>
          <button type="button" className={styles.primary} disabled={busy || d.conflicts.length > 0} onClick={() => void doApprove()}>
            {approve.isPending ? t("review.approving") : t("review.approve")} <kbd>a</kbd>
          </button>
          <button type="button" className={styles.secondary} disabled={busy} onClick={() => setMode("edit")}>
            {t("review.editApprove")} <kbd>e</kbd>
          </button>
          <button type="button" className={styles.danger} disabled={busy} onClick={() => setMode("reject")}>
            {t("review.reject")} <kbd>r</kbd>
          </button>
        </div>
      )}
      {pending && mode === "reject" && <RejectForm busy={busy} onCancel={() => setMode("view")} onReject={doReject} />}
      {pending && mode === "edit" && (
        <EditForm review={d} busy={busy} onCancel={() => setMode("view")} onApprove={(edits) => void doApprove(edits)} />
      )}
      <p className={result?.ok ? styles.success : styles.error} role="status" data-testid="decision-result">
        {result?.text}
      </p>
    </article>
  );
}

function ThreeWay({ review, field, layout }: { review: Review; field: Field; layout: DiffLayout }) {
  const t = useTranslations("moderation.review");
  const f = review.fields.find((x) => x.field === field)!;
  if (field === "image") {
    const figures = [
      { label: t("base", { n: review.base.number }), url: review.base.imageUrl },
      { label: t("current", { n: review.current.number }), url: review.current.imageUrl },
      { label: t("proposed"), url: review.proposed.imageUrl },
    ];
    return (
      <div className={styles.threeWay} data-testid="three-way">
        <p className={styles.sideLabel}>{t("threeWay")}</p>
        <div className={styles.threeColumns}>
          {figures.map((f) => (
            <figure key={f.label} className={styles.imageFigure}>
              {f.url ? (
                // eslint-disable-next-line @next/next/no-img-element -- our own image route
                <img src={f.url} alt={f.label} className={styles.image} />
              ) : (
                <div className={styles.noImage}>{t("noImage")}</div>
              )}
              <figcaption>{f.label}</figcaption>
            </figure>
          ))}
        </div>
      </div>
    );
  }
  const columns = [
    { label: t("base", { n: review.base.number }), text: review.base[field] },
    { label: t("current", { n: review.current.number }), text: review.current[field] },
    { label: t("proposed"), text: review.proposed[field] },
  ];
  const Diff = field === "body" ? LineDiff : WordDiff;
  return (
    <div className={styles.threeWay} data-testid="three-way">
      <p className={styles.sideLabel}>{t("threeWay")}</p>
      <div className={styles.threeColumns} lang={review.suggestion.locale}>
        {columns.map((c) => (
          <div key={c.label}>
            <p className={styles.sideLabel}>{c.label}</p>
            {/* It scrolls when long: reachable and named for keyboard and screen reader users. */}
            <pre className={styles.pre} tabIndex={0} role="region" aria-label={c.label}>
              {c.text}
            </pre>
          </div>
        ))}
      </div>
      <p className={styles.sideLabel}>
        {t("base", { n: review.base.number })} → {t("current", { n: review.current.number })}
      </p>
      <Diff ops={f.sinceBase.ops} layout={layout} />
      <p className={styles.sideLabel}>
        {t("base", { n: review.base.number })} → {t("proposed")}
      </p>
      <Diff ops={f.proposal.ops} layout={layout} />
    </div>
  );
}

function RejectForm({ busy, onCancel, onReject }: { busy: boolean; onCancel: () => void; onReject: (code: RejectReason, text: string) => void }) {
  const t = useTranslations("moderation");
  const id = useId();
  const [code, setCode] = useState<RejectReason>("inaccurate");
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <form
      className={styles.decisionForm}
      onSubmit={(e) => {
        e.preventDefault();
        if (code === "other" && text.trim() === "") {
          setError(t("review.reasonTextRequired"));
          return;
        }
        onReject(code, text);
      }}
      onKeyDown={(e) => e.key === "Escape" && onCancel()}
    >
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>{t("review.rejectHeading")}</legend>
        <div className={styles.reasons}>
          {REJECT_REASONS.map((r, i) => (
            <label key={r} className={styles.reason}>
              <input ref={i === 0 ? first : undefined} type="radio" name={`${id}-reason`} value={r} checked={code === r} onChange={() => setCode(r)} />
              {t(`reasons.${r}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <label htmlFor={`${id}-text`} className={styles.label}>
        {t("review.reasonText")}
      </label>
      <textarea
        id={`${id}-text`}
        className={styles.textarea}
        rows={3}
        maxLength={2000}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          setError(null);
        }}
      />
      {error && (
        <p id={`${id}-error`} className={styles.error}>
          {error}
        </p>
      )}
      <div className={styles.actions}>
        <button type="submit" className={styles.danger} disabled={busy}>
          {busy ? t("review.rejecting") : t("review.confirmReject")}
        </button>
        <button type="button" className={styles.secondary} onClick={onCancel}>
          {t("review.cancel")}
        </button>
      </div>
    </form>
  );
}

function EditForm({
  review,
  busy,
  onCancel,
  onApprove,
}: {
  review: Review;
  busy: boolean;
  onCancel: () => void;
  onApprove: (edits: Edits) => void;
}) {
  const t = useTranslations("moderation");
  const id = useId();
  // A conflicting field starts from a line merge of both sides (nothing published since the base is
  // dropped unseen); every other field from what approving would publish.
  const [merges] = useState(() => {
    const out: Partial<Record<Exclude<Field, "image">, Merge3>> = {};
    for (const f of TEXT) if (review.conflicts.includes(f)) out[f] = merge3(review.base[f], review.current[f], review.proposed[f]);
    return out;
  });
  const start = (f: Exclude<Field, "image">) => merges[f]?.text ?? review.merged[f];
  const [values, setValues] = useState(() => ({ title: start("title"), shortAnswer: start("shortAnswer"), body: start("body") }));
  const [error, setError] = useState<string | null>(null);
  // A conflicting image is settled by choosing one of the two.
  const imageConflict = review.conflicts.includes("image");
  const [imageChoice, setImageChoice] = useState<"current" | "proposed">("proposed");
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <form
      className={styles.decisionForm}
      onSubmit={(e) => {
        e.preventDefault();
        const empty = TEXT.find((f) => values[f].trim() === "");
        if (empty) {
          setError(t("review.fieldEmpty", { field: t(`fields.${empty}`) }));
          return;
        }
        const edits: Edits = {};
        for (const f of TEXT) if (values[f] !== review.merged[f] || review.conflicts.includes(f)) edits[f] = values[f];
        if (imageConflict) edits.image = imageEdit(imageChoice === "proposed" ? review.proposed.imageUrl : review.current.imageUrl);
        onApprove(edits);
      }}
      onKeyDown={(e) => e.key === "Escape" && onCancel()}
    >
      <h3 className={styles.legend}>{t("review.editHeading")}</h3>
      <p className={styles.muted}>{t("review.editHint")}</p>
      {TEXT.map((f) => (
        <div key={f} className={styles.editField}>
          <label htmlFor={`${id}-${f}`} className={styles.label}>
            {t(`fields.${f}`)}
          </label>
          {f === "title" ? (
            <input
              ref={first}
              id={`${id}-${f}`}
              className={styles.textarea}
              lang={review.suggestion.locale}
              value={values[f]}
              maxLength={200}
              onChange={(e) => setValues((v) => ({ ...v, [f]: e.target.value }))}
            />
          ) : (
            <textarea
              id={`${id}-${f}`}
              className={`${styles.textarea} ${f === "body" ? styles.mono : ""}`}
              lang={review.suggestion.locale}
              rows={f === "body" ? 18 : 4}
              value={values[f]}
              onChange={(e) => setValues((v) => ({ ...v, [f]: e.target.value }))}
            />
          )}
          {merges[f] && <MergeSources merge={merges[f]} baseNumber={review.base.number} currentNumber={review.current.number} />}
        </div>
      ))}
      {imageConflict && (
        <fieldset className={styles.fieldset}>
          <legend className={styles.label}>{t("fields.image")}</legend>
          <div className={styles.reasons}>
            {(["current", "proposed"] as const).map((choice) => (
              <label key={choice} className={styles.reason}>
                <input type="radio" name={`${id}-image`} checked={imageChoice === choice} onChange={() => setImageChoice(choice)} />
                {choice === "current" ? t("review.keepImage") : t("review.useProposedImage")}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {error && (
        <p className={styles.error} role="alert">
          {error}
        </p>
      )}
      <div className={styles.actions}>
        <button type="submit" className={styles.primary} disabled={busy}>
          {busy ? t("review.approving") : t("review.confirmEdit")}
        </button>
        <button type="button" className={styles.secondary} onClick={onCancel}>
          {t("review.cancel")}
        </button>
      </div>
    </form>
  );
}

/**
 * A field both the suggestion and a later publication changed, on different lines: the diff above is
 * what approving publishes (the merged text against the published one); this says where each part of
 * it comes from.
 */
function MergedField({ review, field }: { review: Review; field: Exclude<Field, "image"> }) {
  const merge = useMemo(() => merge3(review.base[field], review.current[field], review.proposed[field]), [review, field]);
  return <MergeSources merge={merge} baseNumber={review.base.number} currentNumber={review.current.number} />;
}

/** Where each part of a merged field came from, so the moderator sees what was combined. */
function MergeSources({ merge, baseNumber, currentNumber }: { merge: Merge3; baseNumber: number; currentNumber: number }) {
  const t = useTranslations("moderation.review.sources");
  const parts = merge.hunks.filter((h) => h.source !== "base");
  return (
    <details className={styles.sources} open data-testid="merge-sources">
      <summary>{t("heading", { conflicts: merge.conflicts })}</summary>
      <ol className={styles.sourceList}>
        {parts.map((h, i) => (
          <li key={i} className={styles[`source_${h.source}`]} data-source={h.source}>
            <p className={styles.sideLabel}>{t(h.source as "current" | "proposed" | "both" | "conflict", { base: baseNumber, current: currentNumber })}</p>
            <pre className={styles.sourceText}>{h.text === "" ? t("removed") : h.text}</pre>
            {h.current !== undefined && (
              <>
                <p className={styles.sideLabel}>{t("publishedWas", { current: currentNumber })}</p>
                <pre className={`${styles.sourceText} ${styles.sourceReplaced}`}>{h.current === "" ? t("removed") : h.current}</pre>
              </>
            )}
          </li>
        ))}
      </ol>
    </details>
  );
}

/** A resubmission: the rejected suggestion it revises, why, its note, and what changed since. */
function Resubmission({ review }: { review: Review }) {
  const t = useTranslations("moderation");
  const locale = useLocale();
  const p = review.previous!;
  const lang = review.suggestion.locale;
  return (
    <section className={styles.resubmission} aria-labelledby={`resub-${review.suggestion.id}`} data-testid="resubmission">
      <h3 id={`resub-${review.suggestion.id}`} className={styles.noteTitle}>
        {t.rich("review.resubmission.heading", {
          id: p.id,
          link: (chunks) => <a href={`/${locale}/moderation?id=${p.id}`}>{chunks}</a>,
        })}
      </h3>
      {p.reason && (
        <p data-testid="previous-reason">
          {t("review.resubmission.reason", { name: p.decidedByName ?? "—" })} {t(`reasons.${p.reason.code}`)}
          {p.reason.text && <> — {p.reason.text}</>}
        </p>
      )}
      {p.note && (
        <p className={styles.muted}>
          {t("review.resubmission.note")} <span className={styles.noteText}>{p.note}</span>
        </p>
      )}
      <p className={styles.sideLabel}>{t("review.resubmission.interdiff")}</p>
      {p.interdiff.length === 0 ? (
        <p className={styles.muted}>{t("review.resubmission.same")}</p>
      ) : (
        p.interdiff.map((f) => (
          <div key={f.field} className={styles.fieldDiff}>
            <p className={styles.fieldTitle}>{t(`fields.${f.field}`)}</p>
            {f.field === "image" ? (
              <ImageDiff beforeUrl={f.beforeUrl} afterUrl={f.afterUrl} />
            ) : f.field === "body" ? (
              <LineDiff ops={f.ops} layout="inline" lang={lang} />
            ) : (
              <WordDiff ops={f.ops} layout="inline" lang={lang} />
            )}
          </div>
        ))
      )}
    </section>
  );
}

/**
 * The rendered text block by block in one column (inline) or one grid (side by side), so both sides
 * scroll together; removed blocks and added blocks are marked, in words as well as colour.
 */
function RenderedDiff({ rows, layout, lang }: { rows: Review["renderedBlocks"]["body"]; layout: DiffLayout; lang: string }) {
  const t = useTranslations("moderation.review");
  const box = useRef<HTMLDivElement>(null);
  useFocusableCode(box, t("codeBlock"), [rows, layout]);
  const block = (html: string, mark: "del" | "ins" | null, key: string) => (
    <div key={key} className={mark ? styles[`block_${mark}`] : styles.block} data-block={mark ?? "equal"}>
      {mark && <span className={styles.blockMark}>{mark === "del" ? t("blockRemoved") : t("blockAdded")}</span>}
      <Prose html={html} />
    </div>
  );
  if (layout === "inline") {
    return (
      <div ref={box} className={styles.renderedFlow} lang={lang} data-testid="rendered-diff">
        {rows.flatMap((r, i) =>
          r.kind === "equal"
            ? [block(r.after[0], null, `${i}`)]
            : [...r.before.map((h, k) => block(h, "del", `${i}d${k}`)), ...r.after.map((h, k) => block(h, "ins", `${i}i${k}`))],
        )}
      </div>
    );
  }
  return (
    <div ref={box} className={styles.renderedGrid} lang={lang} data-testid="rendered-diff">
      <p className={styles.sideLabel}>{t("before")}</p>
      <p className={styles.sideLabel}>{t("after")}</p>
      {rows.map((r, i) =>
        r.kind === "equal" ? (
          <Fragment key={i}>
            {block(r.before[0], null, `${i}l`)}
            {block(r.after[0], null, `${i}r`)}
          </Fragment>
        ) : (
          <Fragment key={i}>
            <div>{r.before.map((h, k) => block(h, "del", `${i}d${k}`))}</div>
            <div>{r.after.map((h, k) => block(h, "ins", `${i}i${k}`))}</div>
          </Fragment>
        ),
      )}
    </div>
  );
}
