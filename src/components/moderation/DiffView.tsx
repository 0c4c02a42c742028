"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import {
  foldUnchanged,
  inlineLines,
  isFold,
  readableWords,
  sideBySide,
  wordSides,
  type DiffOp,
  type Invisible,
  type Segment,
} from "@/lib/diff/rows";
import styles from "./moderation.module.css";

export type DiffLayout = "inline" | "side";

/** Changed whitespace drawn visibly (· for a space, → for a tab), or a reader sees nothing marked. */
const visibleWhitespace = (text: string) => (/^\s+$/.test(text) ? text.replace(/ /g, "·").replace(/\t/g, "→") : text);

/** Why a line removed and re-added looks the same: only its end of line or its whitespace changed. */
function InvisibleNote({ kind }: { kind: Invisible | undefined }) {
  const t = useTranslations("moderation.review");
  if (!kind) return null;
  return (
    <span className={styles.invisibleNote} data-testid="invisible-change">
      {t(`invisible.${kind}`)}
    </span>
  );
}

function Segments({ segments, mark }: { segments: Segment[]; mark: "del" | "ins" }) {
  return (
    <>
      {segments.map((s, i) =>
        s.changed ? (
          mark === "del" ? (
            <del key={i} className={styles.del}>
              {visibleWhitespace(s.text)}
            </del>
          ) : (
            <ins key={i} className={styles.ins}>
              {visibleWhitespace(s.text)}
            </ins>
          )
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}

/** A word diff of a short field (title, short answer): marks inside running text. */
export function WordDiff({ ops: raw, layout, lang }: { ops: DiffOp[]; layout: DiffLayout; lang?: string }) {
  const t = useTranslations("moderation.review");
  const ops = readableWords(raw);
  if (layout === "inline") {
    return (
      <p className={styles.wordDiff} lang={lang} data-testid="word-diff">
        {ops.map((o, i) =>
          o.op === "equal" ? (
            <span key={i}>{o.text}</span>
          ) : o.op === "delete" ? (
            <del key={i} className={styles.del}>
              {o.text}
            </del>
          ) : (
            <ins key={i} className={styles.ins}>
              {o.text}
            </ins>
          ),
        )}
      </p>
    );
  }
  const { left, right } = wordSides(ops);
  return (
    <div className={styles.sides} lang={lang}>
      <div>
        <p className={styles.sideLabel}>{t("before")}</p>
        <p className={styles.wordDiff}>
          <Segments segments={left} mark="del" />
        </p>
      </div>
      <div>
        <p className={styles.sideLabel}>{t("after")}</p>
        <p className={styles.wordDiff}>
          <Segments segments={right} mark="ins" />
        </p>
      </div>
    </div>
  );
}

/** A line diff of Markdown source: numbered lines, changed words marked, long unchanged runs folded. */
export function LineDiff({ ops, layout, lang }: { ops: DiffOp[]; layout: DiffLayout; lang?: string }) {
  const t = useTranslations("moderation.review");
  const [expanded, setExpanded] = useState(false);
  if (!ops.some((o) => o.op !== "equal")) return <p className={styles.muted}>{t("noDiff")}</p>;
  const fold = (count: number, key: number, span: number) => (
    <tr key={`f${key}`} className={styles.foldRow}>
      <td colSpan={span}>
        <button type="button" className={styles.linkButton} onClick={() => setExpanded(true)}>
          {t("folded", { count })}
        </button>
      </td>
    </tr>
  );

  if (layout === "inline") {
    const lines = inlineLines(ops);
    const items = expanded ? lines : foldUnchanged(lines);
    return (
      <div className={styles.codeScroll} lang={lang}>
        <table className={styles.lineTable} data-testid="line-diff">
          <tbody>
            {items.map((l, i) =>
              isFold(l) ? (
                fold(l.count, i, 4)
              ) : (
                <tr key={i} className={l.kind === "delete" ? styles.rowDel : l.kind === "insert" ? styles.rowIns : undefined}>
                  <td className={styles.lineNo}>{l.oldNo ?? ""}</td>
                  <td className={styles.lineNo}>{l.newNo ?? ""}</td>
                  <td className={styles.sign} aria-hidden="true">
                    {l.kind === "delete" ? "−" : l.kind === "insert" ? "+" : " "}
                  </td>
                  <td className={styles.code}>
                    {l.kind === "equal" ? (
                      l.segments.map((s) => s.text).join("")
                    ) : l.kind === "delete" ? (
                      <>
                        <del className={styles.lineMark}>
                          <Segments segments={l.segments} mark="del" />
                        </del>
                        <InvisibleNote kind={l.invisible} />
                      </>
                    ) : (
                      <>
                        <ins className={styles.lineMark}>
                          <Segments segments={l.segments} mark="ins" />
                        </ins>
                        <InvisibleNote kind={l.invisible} />
                      </>
                    )}
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
    );
  }

  const rows = sideBySide(ops);
  const items = expanded ? rows : foldUnchanged(rows);
  return (
    <div className={styles.codeScroll} lang={lang}>
      <table className={`${styles.lineTable} ${styles.sideTable}`} data-testid="line-diff">
        <colgroup>
          <col className={styles.noCol} />
          <col />
          <col className={styles.noCol} />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th colSpan={2}>{t("before")}</th>
            <th colSpan={2}>{t("after")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r, i) =>
            isFold(r) ? (
              fold(r.count, i, 4)
            ) : (
              <tr key={i}>
                <td className={styles.lineNo}>{r.left?.no ?? ""}</td>
                <td className={`${styles.code} ${r.left && r.kind !== "equal" ? styles.cellDel : ""}`}>
                  {r.left && (r.kind === "equal" ? r.left.segments.map((s) => s.text).join("") : <Segments segments={r.left.segments} mark="del" />)}
                </td>
                <td className={styles.lineNo}>{r.right?.no ?? ""}</td>
                <td className={`${styles.code} ${r.right && r.kind !== "equal" ? styles.cellIns : ""}`}>
                  {r.right && (r.kind === "equal" ? r.right.segments.map((s) => s.text).join("") : <Segments segments={r.right.segments} mark="ins" />)}
                  {r.right && <InvisibleNote kind={r.invisible} />}
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}

/** Image before and after, side by side. */
export function ImageDiff({ beforeUrl, afterUrl }: { beforeUrl: string | null | undefined; afterUrl: string | null | undefined }) {
  const t = useTranslations("moderation.review");
  const figure = (url: string | null | undefined, label: string, testid: string) => (
    <figure className={styles.imageFigure} data-testid={testid}>
      {url ? (
        // eslint-disable-next-line @next/next/no-img-element -- our own image route
        <img src={url} alt={label} className={styles.image} />
      ) : (
        <div className={styles.noImage}>{t("noImage")}</div>
      )}
      <figcaption>{label}</figcaption>
    </figure>
  );
  return (
    <div className={styles.sides}>
      {figure(beforeUrl, t("imageBefore"), "image-before")}
      {figure(afterUrl, t("imageAfter"), "image-after")}
    </div>
  );
}
