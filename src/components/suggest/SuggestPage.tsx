"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { TRPCReactProvider } from "@/trpc/client";
import type { SectionTarget } from "@/lib/suggest/sections";
import type { Locale, Original, TabDraft } from "./draft";
import { rememberSent, statusPath } from "./sent";
import { SuggestForm, type SentItem } from "./SuggestForm";
import styles from "./suggest.module.css";

interface Props {
  slug: string;
  pageLocale: Locale;
  originals: Record<Locale, Original>;
  signedInAs: string | null;
  /** signIn returns to the form; signInAfterSend goes to "My suggestions", where sent ones are claimed. */
  links: { question: string; mine: string; signIn: string; signInAfterSend: string };
  revise?: { id: number; locale: Locale; tab: TabDraft };
  /** Opened from a section's edit link: that section of the page's locale. */
  section?: SectionTarget;
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

  function onSent(items: SentItem[]) {
    // Without an account the browser's copy of each key is the only way back to the suggestion.
    if (!props.signedInAs) {
      try {
        rememberSent(window.localStorage, items.map(({ id, clientKey, locale }) => ({ id, clientKey, locale })));
      } catch {
        /* storage disabled: the status links below still work */
      }
    }
    setSent(items);
  }

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
              {!props.signedInAs && (
                <>
                  {" · "}
                  <a href={statusPath(props.pageLocale, s.id, s.clientKey)} data-testid="status-link">
                    {t("doneStatusLink", { id: s.id })}
                  </a>
                </>
              )}
            </li>
          ))}
        </ul>
        {!props.signedInAs && <p className={styles.muted}>{t("doneStatusHint")}</p>}
        <p className={styles.actions}>
          {props.signedInAs ? (
            <a className={styles.buttonPrimary} href={props.links.mine}>
              {t("doneMine")}
            </a>
          ) : (
            <span>
              {t("doneSignIn")} <a href={props.links.signInAfterSend}>{t("signInToFollow")}</a>
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
        section={round === 0 ? props.section : undefined}
        onSent={onSent}
      />
    </TRPCReactProvider>
  );
}
