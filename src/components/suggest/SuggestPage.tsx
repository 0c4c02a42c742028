"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { TRPCReactProvider } from "@/trpc/client";
import type { Locale, Original, TabDraft } from "./draft";
import { SuggestForm, type SentItem } from "./SuggestForm";
import styles from "./suggest.module.css";

interface Props {
  slug: string;
  pageLocale: Locale;
  originals: Record<Locale, Original>;
  signedInAs: string | null;
  links: { question: string; mine: string; signIn: string };
  revise?: { id: number; locale: Locale; tab: TabDraft };
}

/** The form, then the confirmation once the server has the suggestion(s). */
export function SuggestPage(props: Props) {
  const t = useTranslations("suggest");
  const [sent, setSent] = useState<SentItem[] | null>(null);
  const [round, setRound] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (sent) heading.current?.focus();
  }, [sent]);

  if (sent) {
    return (
      <section className={styles.done} aria-labelledby="suggest-done">
        <h2 id="suggest-done" ref={heading} tabIndex={-1}>
          {t("doneTitle")}
        </h2>
        <p>{t("doneBody")}</p>
        <ul>
          {sent.map((s) => (
            <li key={s.id}>
              {t("doneItem", { id: s.id, locale: t(`locales.${s.locale}`) })}
              {s.duplicate && <span className={styles.muted}> — {t("doneDuplicate")}</span>}
            </li>
          ))}
        </ul>
        <p className={styles.actions}>
          {props.signedInAs ? (
            <a className={styles.buttonPrimary} href={props.links.mine}>
              {t("doneMine")}
            </a>
          ) : (
            <span>
              {t("doneSignIn")} <a href={props.links.signIn}>{t("signInToFollow")}</a>
            </span>
          )}
          <a className={styles.buttonSecondary} href={props.links.question}>
            {t("doneBack")}
          </a>
          {!props.revise && (
            <button
              type="button"
              className={styles.buttonLink}
              onClick={() => {
                setSent(null);
                setRound((r) => r + 1);
              }}
            >
              {t("doneAgain")}
            </button>
          )}
        </p>
      </section>
    );
  }

  return (
    <TRPCReactProvider>
      <p className={styles.muted}>
        {props.signedInAs ? (
          t("signedInAs", { name: props.signedInAs })
        ) : (
          <>
            {t("anonymous")} <a href={props.links.signIn}>{t("signInToFollow")}</a>
          </>
        )}
      </p>
      <SuggestForm
        key={round}
        slug={props.slug}
        pageLocale={props.pageLocale}
        originals={props.originals}
        revise={props.revise}
        onSent={setSent}
      />
    </TRPCReactProvider>
  );
}
