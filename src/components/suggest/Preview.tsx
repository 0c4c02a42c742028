"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Prose } from "@/components/question/Prose";
import { useTRPC } from "@/trpc/client";
import styles from "./suggest.module.css";
import { useFocusableCode } from "./useFocusableCode";

interface Props {
  title: string;
  shortAnswer: string;
  body: string;
  imageUrl: string | null;
  lang: string;
}

/**
 * The draft rendered by the server's own Markdown pipeline (`suggestion.preview`), so what the
 * contributor sees is what the question page will show.
 */
export function Preview({ title, shortAnswer, body, imageUrl, lang }: Props) {
  const t = useTranslations("suggest");
  const trpc = useTRPC();
  const preview = useMutation(trpc.suggestion.preview.mutationOptions());
  // The result remembers which text it renders, so a stale one is never shown as current.
  const key = `${shortAnswer}\u0000${body}`;
  const [result, setResult] = useState<{ key: string; html?: { short: string; body: string }; error?: string } | null>(null);
  const { mutateAsync } = preview;
  const box = useRef<HTMLDivElement>(null);
  const codeLabel = t("codeBlock");

  useEffect(() => {
    let live = true;
    Promise.all([mutateAsync({ markdown: shortAnswer }), mutateAsync({ markdown: body })])
      .then(([s, b]) => live && setResult({ key, html: { short: s.html, body: b.html } }))
      .catch((e: unknown) => live && setResult({ key, error: e instanceof Error ? e.message : String(e) }));
    return () => {
      live = false;
    };
  }, [mutateAsync, shortAnswer, body, key]);

  useFocusableCode(box, codeLabel, [result]);

  const current = result?.key === key ? result : null;
  const error = current?.error;
  const html = current?.html;
  if (error) return <p role="alert" className={styles.error}>{t("previewFailed", { message: error })}</p>;
  if (!html) return <p className={styles.muted} aria-live="polite">{t("previewLoading")}</p>;
  return (
    <div ref={box} className={styles.preview} lang={lang} data-testid="suggest-preview">
      <p className={styles.muted}>{t("previewNote")}</p>
      <h2 className={styles.previewTitle}>{title}</h2>
      <Prose className={styles.previewShort} html={html.short} />
      {imageUrl && (
        // eslint-disable-next-line @next/next/no-img-element -- our own image route
        <img src={imageUrl} alt="" className={styles.imagePreview} />
      )}
      <Prose html={html.body} />
    </div>
  );
}
