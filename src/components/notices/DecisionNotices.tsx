"use client";

import { useEffect, useState } from "react";
import { sessionOnce } from "@/components/auth/session";
import { readSent, statusPath } from "@/components/suggest/sent";
import { dismissNotices, fill, listNotices, type Notice, type SentKey } from "./notices-api";
import styles from "./notices.module.css";

/** Strings resolved on the server (NoticesSlot): templates with `{id}`, `{title}`, `{locale}`, `{reason}`. */
export interface NoticeLabels {
  region: string;
  approved: string;
  edited: string;
  rejected: string;
  reason: string;
  view: string;
  revise: string;
  dismiss: string;
  dismissLabel: string;
  locales: Record<"en" | "uk", string>;
  reasons: Record<string, string>;
}

/**
 * News of decisions on the visitor's suggestions, on their next visit to any page: asked after
 * hydration, and only of a signed-in visitor or a browser that sent suggestions without an account,
 * so an ordinary reader makes no request for it.
 */
export function DecisionNotices({ locale, labels }: { locale: "en" | "uk"; labels: NoticeLabels }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const [keys, setKeys] = useState<SentKey[]>([]);
  const [signedIn, setSignedIn] = useState(false);

  useEffect(() => {
    let live = true;
    let sent: SentKey[] = [];
    try {
      sent = readSent(window.localStorage).map(({ id, clientKey }) => ({ id, clientKey }));
    } catch {
      /* storage disabled: only an account's news */
    }
    void sessionOnce().then(async (session) => {
      if (!live || (!session && sent.length === 0)) return;
      const list = await listNotices(sent).catch(() => []);
      if (!live) return;
      setKeys(sent);
      setSignedIn(session !== null);
      setNotices(list);
    });
    return () => {
      live = false;
    };
  }, []);

  if (notices.length === 0) return null;

  function dismiss(id: number) {
    setNotices((list) => list.filter((n) => n.id !== id));
    void dismissNotices([id], keys).catch(() => false);
  }

  return (
    <section className={`container ${styles.notices}`} aria-label={labels.region} data-testid="decision-notices">
      <ul className={styles.list}>
        {notices.map((n) => {
          const values = { id: n.id, title: n.questionTitle, locale: labels.locales[n.locale] ?? n.locale };
          const reason = n.reason ? [labels.reasons[n.reason.code] ?? n.reason.code, n.reason.text].filter(Boolean).join(" — ") : null;
          const href = n.clientKey ? statusPath(locale, n.id, n.clientKey) : `/${locale}/suggestion/${n.id}`;
          return (
            <li key={n.id} className={`${styles.item} ${n.outcome === "rejected" ? styles.rejected : styles.approved}`} data-testid="decision-notice">
              <p className={styles.text}>
                {fill(labels[n.outcome], values)}
                {reason && (
                  <>
                    {" "}
                    <span className={styles.reason}>{fill(labels.reason, { reason })}</span>
                  </>
                )}
              </p>
              <p className={styles.actions}>
                <a href={href} onClick={() => dismiss(n.id)}>
                  {labels.view}
                </a>
                {n.outcome === "rejected" && signedIn && !n.clientKey && (
                  <a href={`/${locale}/q/${n.questionSlug}/suggest?revise=${n.id}`} onClick={() => dismiss(n.id)}>
                    {labels.revise}
                  </a>
                )}
                <button type="button" className={styles.dismiss} aria-label={fill(labels.dismissLabel, { id: n.id })} onClick={() => dismiss(n.id)}>
                  {labels.dismiss}
                </button>
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
