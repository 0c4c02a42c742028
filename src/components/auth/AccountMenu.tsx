"use client";

import { useEffect, useId, useRef, useState } from "react";
import { fillName, isModeratorRole, sessionOnce, signOut, type SessionInfo } from "./session";
import styles from "./auth.module.css";

/**
 * The header's account entry: "Sign in" when anonymous; otherwise the name with a menu (My
 * suggestions, Moderation for moderators, Sign out). It asks for the session after hydration, so
 * the public pages stay static and light.
 */
/** Its strings come from the server (AccountSlot), so public pages carry no i18n runtime. */
export interface AccountMenuLabels {
  signIn: string;
  /** Contains `{name}`. */
  signedInAs: string;
  roles: Record<SessionInfo["role"], string>;
  mySuggestions: string;
  moderation: string;
  signOut: string;
  signingOut: string;
}

export function AccountMenu({ locale, labels }: { locale: string; labels: AccountMenuLabels }) {
  const id = useId();
  const [session, setSession] = useState<SessionInfo | null | undefined>(undefined);
  const [open, setOpen] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let live = true;
    void sessionOnce().then((s) => live && setSession(s));
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent) {
        if (e.key !== "Escape") return;
        setOpen(false);
        button.current?.focus();
        return;
      }
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  if (session === undefined) return <span className={styles.menuPlaceholder} aria-hidden="true" />;

  if (session === null) {
    const here = typeof window === "undefined" ? `/${locale}` : window.location.pathname + window.location.search;
    return (
      <a className={styles.menuLink} href={`/${locale}/signin?next=${encodeURIComponent(here)}`}>
        {labels.signIn}
      </a>
    );
  }

  return (
    <div className={styles.menu} ref={root}>
      <button
        ref={button}
        type="button"
        className={styles.menuButton}
        aria-expanded={open}
        aria-controls={`${id}-menu`}
        onClick={() => setOpen((o) => !o)}
      >
        <span className={styles.avatar} aria-hidden="true">
          {session.name.trim().charAt(0).toUpperCase() || "?"}
        </span>
        <span className={styles.menuName}>{session.name}</span>
      </button>
      {open && (
        <div id={`${id}-menu`} className={styles.menuPanel}>
          <p className={styles.menuWho}>
            {fillName(labels.signedInAs, session.name)}
            <br />
            <small>{labels.roles[session.role]}</small>
          </p>
          <ul className={styles.menuList}>
            <li>
              <a href={`/${locale}/account/suggestions`}>{labels.mySuggestions}</a>
            </li>
            {isModeratorRole(session.role) && (
              <li>
                <a href={`/${locale}/moderation`}>{labels.moderation}</a>
              </li>
            )}
            <li>
              <button
                type="button"
                className={styles.menuItemButton}
                disabled={leaving}
                onClick={async () => {
                  setLeaving(true);
                  await signOut().catch(() => false);
                  window.location.reload();
                }}
              >
                {leaving ? labels.signingOut : labels.signOut}
              </button>
            </li>
          </ul>
        </div>
      )}
    </div>
  );
}
