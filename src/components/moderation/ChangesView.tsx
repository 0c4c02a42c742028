"use client";

import { useTranslations } from "next-intl";
import { diffLines, diffWords } from "@/lib/diff/rows";
import { ImageDiff, LineDiff, WordDiff } from "./DiffView";
import styles from "./moderation.module.css";

export type TextField = "title" | "shortAnswer" | "body";

export interface ChangedText {
  title?: string;
  shortAnswer?: string;
  body?: string;
}

interface Props {
  /** The text the change starts from, for each changed field. */
  before: ChangedText & { imageUrl?: string | null };
  /** The proposed value of each changed field (a field absent here is unchanged). */
  after: ChangedText & { image?: { url: string | null } | "remove" };
  lang: string;
  headingLevel?: 3 | 4;
}

const TEXT: TextField[] = ["title", "shortAnswer", "body"];

/**
 * A contributor's own change, field by field, drawn with the diffs the moderator reviews: word
 * marks for the title and short answer, numbered lines for the Markdown answer, image before/after.
 */
export function ChangesView({ before, after, lang, headingLevel = 3 }: Props) {
  const t = useTranslations("moderation");
  const Heading = `h${headingLevel}` as const;
  const fields = TEXT.filter((f) => after[f] !== undefined && after[f] !== before[f]);
  const image = after.image;
  if (fields.length === 0 && !image) return <p className={styles.muted}>{t("review.noDiff")}</p>;
  return (
    <div className={styles.changes} data-testid="your-changes">
      {fields.map((f) => {
        const from = before[f] ?? "";
        const to = after[f] ?? "";
        return (
          <section key={f} className={styles.fieldDiff}>
            <Heading className={styles.fieldTitle}>{t(`fields.${f}`)}</Heading>
            {f === "body" ? (
              <LineDiff ops={diffLines(from, to)} layout="inline" lang={lang} />
            ) : (
              <WordDiff ops={diffWords(from, to)} layout="inline" lang={lang} />
            )}
          </section>
        );
      })}
      {image && (
        <section className={styles.fieldDiff}>
          <Heading className={styles.fieldTitle}>{t("fields.image")}</Heading>
          <ImageDiff beforeUrl={before.imageUrl} afterUrl={image === "remove" ? null : image.url} />
        </section>
      )}
    </div>
  );
}
