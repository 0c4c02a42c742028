"use client";

import { useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { LIMITS } from "@/server/api/schemas/common";
import type { ImageDraft, Original, TabDraft } from "./draft";
import { IMAGE_TYPES, imageFileProblem, shownImage } from "./draft";
import styles from "./suggest.module.css";

const MB = LIMITS.imageBytes / 1024 / 1024;

interface Props {
  original: Original;
  tab: TabDraft;
  onChange: (image: ImageDraft) => void;
}

/** Upload with preview, replace, remove; type and size problems shown next to the field. */
export function ImageField({ original, tab, onChange }: Props) {
  const t = useTranslations("suggest");
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const shown = shownImage(original, tab);

  async function upload(file: File) {
    setError(null);
    const problem = imageFileProblem(file);
    if (problem) {
      setError(problem === "type" ? t("imageType", { name: file.name }) : t("imageSize", { name: file.name, mb: MB }));
      return;
    }
    setBusy(true);
    try {
      const body = new FormData();
      body.append("file", file);
      const response = await fetch("/api/images", { method: "POST", body });
      const data = (await response.json().catch(() => ({}))) as { uploadId?: string; url?: string; error?: string };
      if (!response.ok || !data.uploadId || !data.url) {
        setError(data.error ?? t("networkError"));
        return;
      }
      onChange({ op: "upload", uploadId: data.uploadId, url: data.url });
    } catch {
      setError(t("networkError"));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = "";
    }
  }

  return (
    <div className={styles.field} role="group" aria-labelledby={`${id}-label`}>
      <span id={`${id}-label`} className={styles.label}>
        {t("imageLabel")}
      </span>
      <p className={styles.hint} id={`${id}-hint`}>
        {t("imageHint", { mb: MB })}
      </p>
      <div className={styles.imageBox}>
        {shown ? (
          // eslint-disable-next-line @next/next/no-img-element -- user images are served by our own route, sized by CSS
          <img src={shown} alt={t("imageAlt")} className={styles.imagePreview} data-testid="image-preview" />
        ) : (
          <p className={styles.muted}>{tab.image.op === "remove" ? t("imageRemoved") : t("imageNone")}</p>
        )}
        <div className={styles.imageActions}>
          <button
            type="button"
            className={styles.buttonSecondary}
            disabled={busy}
            aria-describedby={`${id}-hint ${id}-error`}
            onClick={() => input.current?.click()}
          >
            {busy ? t("imageUploading") : shown ? t("imageReplace") : t("imageUpload")}
          </button>
          <input
            ref={input}
            id={`${id}-file`}
            className={styles.visuallyHidden}
            type="file"
            tabIndex={-1}
            aria-label={t("imageUpload")}
            accept={IMAGE_TYPES.join(",")}
            disabled={busy}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void upload(file);
            }}
          />
          {shown && (
            <button type="button" className={styles.buttonSecondary} onClick={() => onChange({ op: "remove" })}>
              {t("imageRemove")}
            </button>
          )}
          {tab.image.op !== "keep" && (
            <button type="button" className={styles.buttonLink} onClick={() => onChange({ op: "keep" })}>
              {t("imageKeep")}
            </button>
          )}
        </div>
        <p className={styles.error} id={`${id}-error`} role={error ? "alert" : undefined}>
          {error}
        </p>
        {tab.image.op === "upload" && <p className={styles.muted}>{t("imageUploaded")}</p>}
      </div>
    </div>
  );
}
